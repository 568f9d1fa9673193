"""How long `import taskwait` takes in a fresh interpreter, as a ratio to `import httpx` in the same round:
as installed (all extras), and as a base install has it.

Each round starts four fresh `python -c` processes, `import taskwait` and `import httpx` for each way,
in a shuffled order, and each reports the time its own import took (perf_counter around the import, so
interpreter start-up is not counted). The ratio of the two in one round is the figure that travels
between machines (an absolute time is only true of the machine it was taken on). The base install is
emulated as tests/overlay/test_packaging.py does it: a meta-path finder makes the extras' packages
(rich, starlette, uvicorn, celery, redis, ...) impossible to import. The whole process's wall time is recorded too.
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
import {module}
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "modules": len(sys.modules),
                  "extras_loaded": sorted({m.split(".")[0] for m in sys.modules} & EXTRAS)}))
"""
WAYS = {"as installed (all extras)": "", "base install (extras blocked)": BLOCK}
MODULES = ("taskwait", "httpx")
TARGET_RATIO = 1.5  # issue 22: `import taskwait` at most 1.5 x `import httpx` in the same run
Seen = dict[str, list[dict[str, tuple[dict[str, Any], float]]]]  # way -> rounds -> module -> (report, wall s)


def _once(prelude: str, module: str) -> tuple[dict[str, Any], float]:
    measure = MEASURE.replace("{module}", module)
    code = f"EXTRAS = {set(EXTRAS)!r}\n{prelude}\n{measure}"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out), time.perf_counter() - started


def session(rounds: int = 3, seed: int = 9) -> Seen:
    """`rounds` rounds, each both ways and both modules in a shuffled order."""
    rng = random.Random(seed)
    cases = [(way, module) for way in WAYS for module in MODULES]
    for way, module in cases:
        _once(WAYS[way], module)  # warm the page cache and the bytecode caches
    seen: Seen = {way: [] for way in WAYS}
    for _ in range(rounds):
        rng.shuffle(cases)
        measured = {case: _once(WAYS[case[0]], case[1]) for case in cases}
        for way in WAYS:
            seen[way].append({module: measured[way, module] for module in MODULES})
    return seen


def summary(sessions: list[Seen]) -> dict[str, Any]:
    out = {}
    for way in WAYS:
        seen = [row for s in sessions for row in s[way]]
        ours, theirs = [r["taskwait"] for r in seen], [r["httpx"] for r in seen]
        out[way] = {"ratio": spread([a["seconds"] / b["seconds"] for (a, _), (b, _) in zip(ours, theirs, strict=True)]),
                    "import_s": spread([a["seconds"] for a, _ in ours]), "process_s": spread([w for _, w in ours]),
                    "httpx_import_s": spread([b["seconds"] for b, _ in theirs]),
                    "modules": ours[-1][0]["modules"], "extras_loaded": ours[-1][0]["extras_loaded"]}  # fmt: skip
    return out
