"""`make bench`: run every benchmark and write docs/benchmarks.md and its plots from scratch.

python -m benchmarks.run            # full sizes (about ten minutes on 2 cores)
python -m benchmarks.run --tiny     # every benchmark at a tiny size, written to a temp dir
python -m benchmarks.run --out DIR  # full sizes, written to DIR instead of docs/
python -m benchmarks.run --render docs/benchmarks.json   # the report and plots of a run, again

Every sentence of the report that states a figure or a comparison is computed here from the run
that writes it. Timed figures are medians over rounds with their spread; counted figures (requests
on a simulated clock, requests counted at the server per round) are deterministic by seed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from benchmarks import batch, celery_throughput, common, generation, imports, overhead, scale, schedule, soak
from benchmarks.report import report

ROOT = Path(__file__).resolve().parent.parent
# Sizes and rounds, and how much the scale and soak runs shrink their durations, schedules and deadlines.
FULL = {"overhead": 150, "overhead_rounds": 20, "schedule": 10_000, "scale": 10_000, "scale_time": 1.0,
        "scale_rounds": 5, "throughput": 5.0, "throughput_rounds": 5, "batch": 1000, "soak": 1000,
        "soak_time": 1.0, "soak_rounds": 5, "generation_rounds": 5, "imports_rounds": 15, "celery": 1000,
        "celery_rounds": 5, "celery_workers": (1, 2)}  # fmt: skip
# Five rounds where a round takes long: three gave min-max spreads narrower than the drift between two runs.
TINY = {"overhead": 10, "overhead_rounds": 2, "schedule": 30, "scale": 40, "scale_time": 0.02, "scale_rounds": 1,
        "throughput": 0.5, "throughput_rounds": 2, "batch": 50, "soak": 25, "soak_time": 0.25, "soak_rounds": 1,
        "generation_rounds": 1, "imports_rounds": 2, "celery": 20, "celery_rounds": 1,
        "celery_workers": (1,)}  # fmt: skip
# The p95 detection delays at which the frontier is drawn (besides each schedule's own p95).
FRONTIER_AT = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 15.0, 20.0, 30.0)
SCALE_FIGURES = ("wall_s", "requests_per_s", "ideal_requests_per_s", "delay_p50_s", "delay_p95_s", "delay_max_s",
                 "client_cpu_us_per_poll", "peak_rss_mb", "loop_lag_p99_ms", "loop_lag_max_ms")  # fmt: skip


def _scale(n: int, time_scale: float) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "benchmarks.scale", str(n), str(time_scale)], cwd=ROOT, check=True,
                            capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(result.stdout))


def _scale_rounds(n: int, time_scale: float, rounds: int) -> dict[str, Any]:
    """The scale run `rounds` times, each in fresh processes: counts summed, timed figures as spreads."""
    runs = [_scale(n, time_scale) for _ in range(rounds)]
    out: dict[str, Any] = {key: runs[0][key] for key in ("tasks", "concurrency", "interval", "max_interval")}
    out |= {key: sum(r[key] for r in runs) for key in ("lost", "wrong", "succeeded", "failed")}
    out |= {key: common.spread([r[key] for r in runs]) for key in SCALE_FIGURES}
    out |= {"requests": [r["requests"] for r in runs], "requests_at_server": [r["requests_at_server"] for r in runs],
            "ideal_requests": runs[0]["ideal_requests"], "creation_bound_s": max(r["creation_bound_s"] for r in runs),
            "rounds": runs}  # fmt: skip
    return out


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


def measure(sizes: dict[str, Any], providers: tuple[str, ...] = ()) -> dict[str, Any]:
    timings: dict[str, float] = {}
    results: dict[str, Any] = {"load_before": common.load_average()}
    for name, fn in [
        ("overhead", lambda: overhead.run(sizes["overhead"], sizes["overhead_rounds"])),
        ("schedule", lambda: schedule.run(sizes["schedule"])),
        ("frontier", lambda: _frontier(results["schedule"], sizes["schedule"])),
        ("scale", lambda: _scale_rounds(sizes["scale"], sizes["scale_time"], sizes["scale_rounds"])),
        ("throughput", lambda: scale.throughput(seconds=sizes["throughput"], rounds=sizes["throughput_rounds"])),
        ("batch", lambda: batch.run(sizes["batch"])),
        ("soak", lambda: soak.run(sizes["soak"], time_scale=sizes["soak_time"], rounds=sizes["soak_rounds"])),
        (
            "celery",
            lambda: celery_throughput.rounds(
                sizes["celery_rounds"], n=sizes["celery"], workers=sizes["celery_workers"]
            ),
        ),
        ("imports", lambda: imports.run(sizes["imports_rounds"])),
        ("generation", lambda: generation.run(providers, sizes["generation_rounds"])),
    ]:
        started = time.perf_counter()
        results[name] = fn()
        timings[name] = time.perf_counter() - started
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
        marker = "*" if name.startswith(("taskwait", "progress")) else "o"
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
