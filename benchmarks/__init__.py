"""Benchmarks behind docs/benchmarks.md: `make bench` runs them all (python -m benchmarks.run)."""
