"""`make bench`: run every benchmark and write docs/benchmarks.md and its plots from scratch.

python -m benchmarks.run            # full sizes (close to two hours on 2 cores; the report gives its own time)
python -m benchmarks.run --tiny     # every benchmark at a tiny size, written to a temp dir
python -m benchmarks.run --out DIR  # full sizes, written to DIR instead of docs/
python -m benchmarks.run --render docs/benchmarks.json   # the report and plots of a run, again

Every sentence of the report that states a figure or a comparison is computed here from the run
that writes it. Timed figures are medians over rounds with their spread, the rounds taken in passes
over all timed benchmarks; counted figures (requests on a simulated clock, requests counted at the
server per round) are deterministic by seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import taskwait
from benchmarks import batch, celery_throughput, common, generation, imports, overhead, ratelimit, scale, schedule, soak
from benchmarks.report import report

ROOT = Path(__file__).resolve().parent.parent
# Sizes and rounds. The timed benchmarks run round-robin: `passes` times over, each pass runs one round
# of every timed benchmark in a shuffled order (several short rounds for the overhead and the imports),
# so each spread covers the whole run's drift, not a few minutes of it.
FULL = {"passes": 15, "overhead": 150, "overhead_rounds": 4, "schedule": 10_000, "learned": 10_000,
        "shift": 200, "scale": 10_000,
        "scale_time": 1.0, "throughput": 5.0, "batch": 1000, "soak": 1000, "soak_time": 1.0, "imports_rounds": 3,
        "celery": 1000, "celery_workers": (1, 2), "ratelimit_rounds": 2, "ratelimit_tiny": False}  # fmt: skip
TINY = {"passes": 1, "overhead": 10, "overhead_rounds": 2, "schedule": 30, "learned": 30, "shift": 20,
        "scale": 40, "scale_time": 0.02,
        "throughput": 0.5, "batch": 50, "soak": 25, "soak_time": 0.25, "imports_rounds": 2, "celery": 20,
        "celery_workers": (1,), "ratelimit_rounds": 1, "ratelimit_tiny": True}  # fmt: skip
# The p95 detection delays at which the frontier is drawn (besides each schedule's own p95).
FRONTIER_AT = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 15.0, 20.0, 30.0)


def _frontier(sched: dict[str, dict[str, float]], n: int, seed: int = 1) -> dict[str, Any]:
    """The frontier at fixed p95 bounds and at each schedule's own p95, and each schedule's distance from it."""
    durations = common.lognormal_durations(n, seed)
    fresh = common.lognormal_durations(n, seed + 1000)  # the same distribution, other tasks
    curve = []
    for p95 in FRONTIER_AT:
        point = schedule.frontier(durations, p95)
        point["fresh_sample"] = schedule.evaluate(point.pop("poll_times"), fresh)
        curve.append(point)
    distance = {}
    for name, row in sched.items():
        if name == schedule.LOWER_BOUND or row["p95"] <= 0:
            continue
        point = schedule.frontier(durations, row["p95"])
        point.pop("poll_times")
        distance[name] = point | {"times_frontier": row["requests_per_task"] / point["requests_per_task"]}
    ten_minutes = {
        label: schedule.measure_strategy(schedule.STRATEGIES[name], [600.0], seed="600")["requests_per_task"]
        for label, name in (("taskwait defaults", schedule.DEFAULTS), ("fixed 2 s", "fixed 2 s (Databar SDK)"))
    }
    return {"curve": curve, "at_each_p95": distance, "ten_minute_task": ten_minutes}


def _timed(
    sizes: dict[str, Any], providers: tuple[str, ...]
) -> dict[str, tuple[Callable[[int], Any], Callable[[list[Any]], Any]]]:
    """Each timed benchmark: one round of it (given the pass number) and the summary of its rounds."""
    return {
        "overhead": (lambda i: overhead.session(sizes["overhead"], sizes["overhead_rounds"], seed=i), overhead.summary),
        "scale": (lambda i: scale.one(sizes["scale"], sizes["scale_time"]), scale.summary),
        "throughput": (lambda i: scale.throughput_one(seconds=sizes["throughput"]), scale.throughput_summary),
        "soak": (lambda i: soak.one(sizes["soak"], time_scale=sizes["soak_time"]), soak.summary),
        "celery": (lambda i: celery_throughput.measure(sizes["celery"], sizes["celery_workers"]),
                   celery_throughput.summary),
        "imports": (lambda i: imports.session(sizes["imports_rounds"], seed=i), imports.summary),
        "generation": (lambda i: generation.one(providers), generation.summary),
    }  # fmt: skip


def measure(sizes: dict[str, Any], providers: tuple[str, ...] = ()) -> dict[str, Any]:
    """The counted benchmarks once, then the timed ones round-robin (see FULL)."""
    timings: dict[str, float] = {}
    results: dict[str, Any] = {"load_before": common.load_average()}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        try:
            return fn()
        except Exception as exc:
            exc.add_note(f"in the {name!r} benchmark")  # every test of the smoke run shares this run: name it
            raise
        finally:
            took = time.perf_counter() - started
            timings[name] = timings.get(name, 0.0) + took
            print(f"bench: {name} {took:.0f} s", file=sys.stderr, flush=True)  # progress, for a long run

    common.lift_client_limits()  # the emulator serves without limits except in the rate-limit section
    results["schedule"] = timed("schedule", lambda: schedule.run(sizes["schedule"]))
    results["frontier"] = timed("frontier", lambda: _frontier(results["schedule"], sizes["schedule"]))
    results["learned"] = timed("learned", lambda: schedule.learned(sizes["learned"], shift_finishes=sizes["shift"]))
    results["batch"] = timed("batch", lambda: batch.run(sizes["batch"]))
    few, scale = (ratelimit.TINY, ratelimit.TINY_SCALE) if sizes.get("ratelimit_tiny") else (None, ratelimit.SCALE)
    results["ratelimit"] = timed("ratelimit", lambda: ratelimit.run(sizes.get("ratelimit_rounds", 2), few, scale))
    common.lift_client_limits()  # the section set its own
    benchmarks = _timed(sizes, providers)
    rounds: dict[str, list[Any]] = {name: [] for name in benchmarks}
    rng = random.Random(13)
    for i in range(sizes["passes"]):
        order = list(benchmarks)
        rng.shuffle(order)
        for name in order:
            taskwait.default_durations().clear()  # each pass starts with nothing learned, whatever ran before it
            rounds[name].append(timed(name, lambda: benchmarks[name][0](i)))  # noqa: B023 (called at once)
    for name, (_, summary) in benchmarks.items():
        results[name] = summary(rounds[name])
    results["timings"] = timings
    results["sizes"] = sizes
    results["load_after"] = common.load_average()
    results["machine"] = common.machine()
    results["date"] = common.today()
    return results


def plot(results: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(8, 5))
    curve = results["frontier"]["curve"]
    ax.plot([p["p95"] for p in curve], [p["requests_per_task"] for p in curve], "-", color="grey", lw=1,
            label="frontier: best fixed list of poll times")  # fmt: skip
    for name, row in results["schedule"].items():
        if name == schedule.LOWER_BOUND:
            continue
        marker = "*" if name.startswith(("taskwait", "progress", "Databar bulk")) else "o"
        ax.scatter(row["p95"], row["requests_per_task"], s=60, marker=marker)
        ax.annotate(name, (row["p95"], row["requests_per_task"]), fontsize=7, xytext=(5, 3), textcoords="offset points")
    ax.set_xlim(-1, max(row["p95"] for row in results["schedule"].values()) * 1.5 + 1)  # room for the labels
    ax.set_xlabel("p95 detection delay (s)")
    ax.set_ylabel("requests per task")
    ax.set_yscale("log")
    ax.set_title("Polling schedules on log-normal task durations (median 20 s)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / "schedule.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4))
    providers = list(results["overhead"]["providers"])
    parts = list(results["overhead"]["providers"][providers[0]]["split_us"])
    bottom = [0.0] * len(providers)
    for part in parts:
        values = [max(0.0, results["overhead"]["providers"][p]["split_us"][part]) for p in providers]
        ax.bar(providers, values, bottom=bottom, label=part)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("µs per taskwait.get_task poll (loopback)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / "overhead.png", dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="tiny sizes, written to a temporary directory")
    parser.add_argument("--out", type=Path, help="write here instead of docs/ (or a temp dir with --tiny)")
    parser.add_argument("--render", type=Path, help="measure nothing: write the report of this benchmarks.json")
    args = parser.parse_args(argv)
    out = args.out or (Path(tempfile.mkdtemp()) if args.tiny else ROOT / "docs")
    if args.render:
        results = json.loads(args.render.read_text(encoding="utf-8"))
    else:
        results = measure(TINY if args.tiny else FULL, ("openmart",) if args.tiny else ())
    plot(results, out / "img")
    (out / "benchmarks.md").write_text(report(results), encoding="utf-8")
    (out / "benchmarks.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
