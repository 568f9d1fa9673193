# The front door. Every target bootstraps what it needs: a pinned uv in .tools/, then the
# locked workspace in .venv/. Only the machine's own python3 is used (no Python downloads).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
RUN := $(UV) run --locked --no-sync
SYNCED := .venv/.synced

.PHONY: help bootstrap demo test lint typecheck pytest redis-server generate check-generated vendor-spec bench clean

help:
	@echo "make demo             run the main job: the emulator and waits on tasks of all five providers"
	@echo "make test             lint, typecheck, drift check and the test suite (what CI runs)"
	@echo "make generate         regenerate generated/ from specs/"
	@echo "make check-generated  fail if generated/ does not match specs/"
	@echo "make vendor-spec PROVIDER=databar PAGE=path/to/page.md   refresh a vendored spec from a docs page"
	@echo "make bench            benchmarks, written to docs/benchmarks.md"

$(UV):
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(SYNCED): $(UV) uv.lock pyproject.toml overlay/pyproject.toml $(wildcard generated/*/pyproject.toml)
	$(UV) sync --locked --all-extras
	@touch $@

bootstrap: $(SYNCED)

demo: $(SYNCED)
	$(RUN) python -m taskwait.demo

# A new client version changes taskwait's exact pins (overlay/pyproject.toml): the lock follows.
generate: $(SYNCED)
	$(RUN) python scripts/generate.py
	$(UV) lock

check-generated: $(SYNCED)
	$(RUN) python scripts/generate.py --check

vendor-spec: $(SYNCED)
	$(RUN) python scripts/vendor_spec.py $(PROVIDER) $(PAGE)

lint: $(SYNCED)
	$(RUN) ruff check overlay scripts tests benchmarks
	$(RUN) ruff format --check overlay scripts tests benchmarks

typecheck: $(SYNCED)
	$(RUN) mypy --strict overlay/taskwait $(wildcard generated/*/*_client)

# The Celery tests (and the Celery benchmarks) start their own redis-server on a free loopback port: install Debian's package when it is
# missing and we are root (CI is); RUNLEVEL=1 keeps apt from starting the system service.
redis-server:
	@if ! command -v redis-server >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y redis-server; \
	  else echo "redis-server is missing and we are not root: the Celery tests will fail until it is installed" >&2; fi; \
	fi

pytest: $(SYNCED) redis-server
	$(RUN) pytest

test: lint typecheck check-generated pytest

bench: $(SYNCED) redis-server
	$(RUN) python -m benchmarks.run

clean:
	rm -rf .venv .tools .mypy_cache .pytest_cache .ruff_cache
