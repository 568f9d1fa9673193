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


def run(rounds: int = 15, seed: int = 9) -> dict[str, Any]:
    rng = random.Random(seed)
    for prelude in WAYS.values():
        _once(prelude)  # warm the page cache and the bytecode caches
    seen: dict[str, list[dict[str, Any]]] = {way: [] for way in WAYS}
    process: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(rounds):
        order = list(WAYS)
        rng.shuffle(order)
        for way in order:
            answer, wall = _once(WAYS[way])
            seen[way].append(answer)
            process[way].append(wall)
    return {
        way: {"import_s": spread([a["seconds"] for a in seen[way]]), "process_s": spread(process[way]),
              "modules": seen[way][-1]["modules"], "extras_loaded": seen[way][-1]["extras_loaded"]}
        for way in WAYS
    }  # fmt: skip
