"""How long `import taskwait` takes in a fresh interpreter: as installed (all extras), and as a base install has it.

Each round starts two fresh `python -c` processes, one per way, in a shuffled order, and each
reports the time its own `import taskwait` took (perf_counter around the import, so interpreter
start-up is not counted). The base install is emulated as tests/overlay/test_packaging.py does it:
a meta-path finder makes the extras' packages (rich, starlette, uvicorn, celery, redis, ...)
impossible to import. The whole process's wall time is recorded too.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from typing import Any

from benchmarks.common import spread

EXTRAS = ("rich", "click", "pygments", "starlette", "uvicorn", "httptools", "uvloop", "celery", "kombu", "redis",
          "billiard", "vine")  # fmt: skip
BLOCK = f"""
import importlib.abc, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {set(EXTRAS)!r}:
            raise ImportError(name)
sys.meta_path.insert(0, Missing())
"""
MEASURE = """
import json, sys, time
started = time.perf_counter()
import taskwait
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "modules": len(sys.modules),
                  "extras_loaded": sorted({m.split(".")[0] for m in sys.modules} & EXTRAS)}))
"""
WAYS = {"as installed (all extras)": "", "base install (extras blocked)": BLOCK}


def _once(prelude: str) -> tuple[dict[str, Any], float]:
    code = f"EXTRAS = {set(EXTRAS)!r}\n{prelude}\n{MEASURE}"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out), time.perf_counter() - started


def session(rounds: int = 3, seed: int = 9) -> dict[str, list[tuple[dict[str, Any], float]]]:
    """`rounds` rounds, each both ways in a shuffled order: per way, (what the import reported, process wall s)."""
    rng = random.Random(seed)
    for prelude in WAYS.values():
        _once(prelude)  # warm the page cache and the bytecode caches
    seen: dict[str, list[tuple[dict[str, Any], float]]] = {way: [] for way in WAYS}
    for _ in range(rounds):
        order = list(WAYS)
        rng.shuffle(order)
        for way in order:
            seen[way].append(_once(WAYS[way]))
    return seen


def summary(sessions: list[dict[str, list[tuple[dict[str, Any], float]]]]) -> dict[str, Any]:
    out = {}
    for way in WAYS:
        seen = [row for s in sessions for row in s[way]]
        out[way] = {"import_s": spread([a["seconds"] for a, _ in seen]), "process_s": spread([w for _, w in seen]),
                    "modules": seen[-1][0]["modules"], "extras_loaded": seen[-1][0]["extras_loaded"]}  # fmt: skip
    return out
