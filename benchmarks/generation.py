"""How long `make generate` and `make check-generated` take (the generator itself)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "scripts/generate.py", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def run(providers: tuple[str, ...] = ()) -> dict[str, float]:
    return {"generate_s": _timed(*providers), "check_generated_s": _timed("--check", *providers)}
