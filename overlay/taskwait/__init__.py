"""taskwait."""
