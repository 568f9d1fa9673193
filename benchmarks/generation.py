"""How long `make generate` and `make check-generated` take (the generator itself)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import spread
from scripts import generate

ROOT = Path(__file__).resolve().parent.parent


def _timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "scripts/generate.py", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def one(providers: tuple[str, ...] = ()) -> dict[str, Any]:
    """One round: `make generate`, then `make check-generated` (seconds each)."""
    return {"generate_s": _timed(*providers), "check_generated_s": _timed("--check", *providers),
            "providers": list(providers)}  # fmt: skip


def summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The median and spread of each over the rounds."""
    return {"generate_s": spread([r["generate_s"] for r in rounds]),
            "check_generated_s": spread([r["check_generated_s"] for r in rounds]),
            "providers": rounds[0]["providers"]}  # fmt: skip


def whole_document(provider: str = "flexprice") -> dict[str, float]:
    """Generate the provider's WHOLE patched document (no include_tags cut) with --fail-on-warning into a
    temp dir, then `mypy --strict` it: proof that the patch holds for every operation, not only the selection."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{provider}_client"
        started = time.perf_counter()
        generate.generate(provider, out, whole=True)  # raises SystemExit on any warning
        generate_s = time.perf_counter() - started
        package = out / f"{provider}_client"
        started = time.perf_counter()
        command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(Path(tmp) / "mypy-cache"), str(package)]
        subprocess.run(command, cwd=tmp, check=True, capture_output=True)
        mypy_s = time.perf_counter() - started
        lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in package.rglob("*.py"))
        operations = sum(1 for f in (package / "api").rglob("*.py") if f.name != "__init__.py")
        return {"generate_s": generate_s, "mypy_s": mypy_s, "lines": lines, "operations": operations}


if __name__ == "__main__":
    import json

    print(json.dumps(whole_document(*sys.argv[1:2]), indent=2))
