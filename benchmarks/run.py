"""`make bench`: run every benchmark and write docs/benchmarks.md and its plots from scratch.

python -m benchmarks.run            # full sizes (a few minutes on 2 cores)
python -m benchmarks.run --tiny     # every benchmark at a tiny size, written to a temp dir
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

from benchmarks import batch, common, generation, overhead, scale, schedule, soak

ROOT = Path(__file__).resolve().parent.parent
# Sizes, and how much the scale and soak runs shrink their durations, schedules and deadlines.
FULL = {"overhead": 1000, "schedule": 10_000, "scale": 10_000, "scale_time": 1.0, "throughput": 10.0, "batch": 1000,
        "soak": 1000, "soak_time": 1.0}  # fmt: skip
TINY = {"overhead": 20, "schedule": 30, "scale": 40, "scale_time": 0.02, "throughput": 1.0, "batch": 50,
        "soak": 25, "soak_time": 0.25}  # fmt: skip


def _scale(n: int, time_scale: float) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "benchmarks.scale", str(n), str(time_scale)], cwd=ROOT, check=True,
                            capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(result.stdout))


def measure(sizes: dict[str, Any], providers: tuple[str, ...] = ()) -> dict[str, Any]:
    timings: dict[str, float] = {}
    results: dict[str, Any] = {}
    for name, fn in [
        ("overhead", lambda: overhead.run(sizes["overhead"])),
        ("schedule", lambda: schedule.run(sizes["schedule"])),
        ("scale", lambda: _scale(sizes["scale"], sizes["scale_time"])),
        ("throughput", lambda: scale.throughput(seconds=sizes["throughput"])),
        ("batch", lambda: batch.run(sizes["batch"])),
        ("soak", lambda: soak.run(sizes["soak"], time_scale=sizes["soak_time"])),
        ("generation", lambda: generation.run(providers)),
    ]:
        started = time.perf_counter()
        results[name] = fn()
        timings[name] = time.perf_counter() - started
    results["timings"] = timings
    results["sizes"] = sizes
    return results


def plot(results: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, row in results["schedule"].items():
        ax.scatter(row["p95"], row["requests_per_task"], s=60, marker="*" if name.startswith("taskwait") else "o")
        ax.annotate(name, (row["p95"], row["requests_per_task"]), fontsize=7, xytext=(5, 3), textcoords="offset points")
    ax.set_xlim(-1, max(row["p95"] for row in results["schedule"].values()) * 1.5 + 1)  # room for the labels
    ax.set_xlabel("p95 detection delay (s)")
    ax.set_ylabel("requests per task")
    ax.set_yscale("log")
    ax.set_title("Polling schedules on log-normal task durations (median 20 s)")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(folder / "schedule.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4))
    providers = list(results["overhead"])
    ways = ["bare httpx + json.loads", "generated sync_detailed", "taskwait.get_task"]
    for i, way in enumerate(ways):
        xs = [p + (i - 1) * 0.27 for p in range(len(providers))]
        ax.bar(xs, [results["overhead"][p][way] for p in providers], width=0.27, label=way)
    ax.set_xticks(range(len(providers)), providers)
    ax.set_ylabel("µs per poll (MockTransport)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / "overhead.png", dpi=110)
    plt.close(fig)


def _table(header: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows])


def report(r: dict[str, Any]) -> str:
    stamp = f"Measured {common.today()} on {common.machine()} with `make bench` (`python -m benchmarks.run`)."
    sched, sizes = r["schedule"], r["sizes"]
    tw, fixed2 = sched[schedule.DEFAULTS], sched["fixed 2 s (Databar SDK)"]
    sc, th, soak_r, gen = r["scale"], r["throughput"], r["soak"], r["generation"]
    worst_ratio = max(row["ratio"] for row in r["overhead"].values())
    gen_ratio = max(row["generated sync_detailed"] / row["bare httpx + json.loads"] for row in r["overhead"].values())
    added = max(row["taskwait.get_task"] - row["generated sync_detailed"] for row in r["overhead"].values())
    return f"""# Benchmarks

{stamp} Every figure below comes from that one run; `make bench` regenerates this page and
its plots from scratch. `make test` runs each benchmark at a tiny size so none can rot.
Timed sections: {", ".join(f"{k} {v:.0f} s" for k, v in r["timings"].items())}.

## 1. Per-poll overhead (in-process MockTransport, no network)

CPU microseconds per poll, the best of seven rounds of {sizes["overhead"]:,} polls, the three ways taking
turns within each round (`benchmarks/overhead.py`).
Target: `taskwait.get_task` ≤ 1.3× bare httpx. Worst ratio measured: **{worst_ratio:.2f}×**.

{
        _table(
            ["provider", "bare httpx + json.loads", "generated sync_detailed", "taskwait.get_task", "ratio"],
            [[p, *row.values()] for p, row in r["overhead"].items()],
        )
    }

![overhead](img/overhead.png)

Most of the gap to bare httpx is the generated models themselves: the generated call alone is
up to {gen_ratio:.2f}× bare httpx (it builds nested attrs models and parses dates where `json.loads`
builds dicts). taskwait adds at most {added:.0f} µs on top of the generated call: finding the
adapter, turning the model into a normalized `TaskSnapshot` (status table, error text,
progress) and redacting the key. Where the worst ratio is above 1.3×, that is why.

## 2. Schedule efficiency (simulated clock, {sizes["schedule"]:,} tasks)

Log-normal durations, median 20 s, σ = 1.5 (about 1 % of tasks run past 10 minutes); requests
take no time; detection delay = when the caller learns − when the task finished
(`benchmarks/schedule.py`). taskwait runs its real `wait_for`; peers run their real libraries
(tenacity, polling2) with sleep replaced by the simulated clock.

{
        _table(
            [
                "strategy",
                "requests / task",
                "p50 delay (s)",
                "p95 delay (s)",
                "p99 delay (s)",
                "p95 delay, tasks < 10 s (s)",
            ],
            [[name, *row.values()] for name, row in sched.items()],
        )
    }

![schedule](img/schedule.png)

Against fixed 2 s (the Databar SDK) taskwait's defaults spend
**{fixed2["requests_per_task"] / tw["requests_per_task"]:.1f}× fewer requests**
({tw["requests_per_task"]:.1f} vs {fixed2["requests_per_task"]:.1f} per task) and detect a finish later
(p95 {tw["p95"]:.1f} s vs {fixed2["p95"]:.1f} s): it does **not** dominate fixed 2 s, it trades delay for
requests. On heavy-tailed durations most requests go to the long tasks, where any schedule's
delay is set by its longest interval; a p95 as low as fixed 2 s needs intervals near 2 s, and so
about as many requests. taskwait's growing interval is for waits whose length is not known up
front: short tasks are seen within {tw["p95_under_10s"]:.1f} s (p95 of tasks under 10 s), and a
ten-minute task costs ~70 requests instead of ~300. On this distribution a fixed 5 s step
(polling2) is close in requests and better in overall delay, but it makes every short task wait
up to 5 s (p95 under 10 s: {sched["polling2 step=5"]["p95_under_10s"]:.1f} s). `max_interval` moves taskwait
along the curve (see the `max_interval=4` point). The Deepomatic SDK's schedule costs the most
requests by far; tenacity's exponential default costs the fewest and detects slowest.

## 3. Scale ({sc["tasks"]:,} tasks, emulator in another process)

`wait_for_many_async` on Openmart tasks lasting {10 * sizes["scale_time"]:g}–{60 * sizes["scale_time"]:g} s, interval {
        sc["interval"]:g} s → {sc["max_interval"]:g} s,
concurrency {sc["concurrency"]}, client in its own process (`benchmarks/scale.py`).

| measure | value | target |
|---|---|---|
| tasks lost | {sc["lost"]} (succeeded: {sc["succeeded"]:,}) | 0 |
| wall time | {sc["wall_s"]:.1f} s | |
| requests (ideal: the schedule with instant answers) | {sc["requests"]:,} ({sc["ideal_requests"]:,}) | |
| requests per second | {sc["requests_per_s"]:.0f} | |
| client CPU per poll | {sc["client_cpu_us_per_poll"]:.0f} µs | |
| client peak RSS | {sc["peak_rss_mb"]:.0f} MB | < 300 MB |
| event-loop lag p99 (max) | {sc["loop_lag_p99_ms"]:.1f} ms ({sc["loop_lag_max_ms"]:.0f} ms) | < 50 ms |

Fewer requests than the ideal means polls ran late (the client was busy), not that any were
skipped: every task still ended with its real final status. Most client CPU is httpx's async
stack; its pool costs more per request the more connections it holds (~0.7 ms at 8
connections, ~3 ms at 64 on this machine), so keep `concurrency` modest.

**Emulator throughput** (issue target: ≥ 1,000 requests/s while holding 10,000 tasks):
**{th["requests_per_s"]:.0f} requests/s** over {th["seconds"]:.1f} s, {th["tasks_held"]:,} tasks held,
{th["client_processes"]} load processes with one keep-alive connection each (`benchmarks/load.py`).

## 4. Batch endpoint (Deepomatic, {r["batch"]["tasks"]:,} pending tasks)

| | requests per polling round |
|---|---|
| one GET per task | {r["batch"]["single_get_requests_per_round"]:,} |
| taskwait through `GET /v0.7/tasks?task_ids=…` | {r["batch"]["requests_per_round"]:.1f} |
| reduction (target ≥ 20×) | **{r["batch"]["reduction"]:.0f}×** |

All {r["batch"]["tasks"]:,} ids were accounted for after {r["batch"]["rounds"]} rounds
(each ended in `WaitTimeout`, none lost: {r["batch"]["all_timed_out_not_lost"]}).

## 5. Fault soak ({soak_r["faulted"]["tasks"]:,} tasks across the five providers)

30 % of answers faulted server-wide: 6 % 429 (`Retry-After: 1`), 9 % 500/502/503, 5 % dropped
connections, 5 % answers slower than the {soak.REQUEST_TIMEOUT} s request timeout, 5 % malformed
bodies. 2 % of tasks never finish and must time out at the {soak.TIMEOUT * sizes["soak_time"]:g} s deadline
(`benchmarks/soak.py`).

| | faulted | fault-free | target |
|---|---|---|---|
| lost tasks | {soak_r["faulted"]["lost"]} | {soak_r["fault_free"]["lost"]} | 0 |
| terminal statuses the server never sent | {soak_r["faulted"]["invented_terminal"]} | {
        soak_r["fault_free"]["invented_terminal"]
    } | 0 |
| finishing tasks that ended in an error or a wrong status | {soak_r["faulted"]["wrong_outcome"]} | {
        soak_r["fault_free"]["wrong_outcome"]
    } | 0 |
| time past deadline + one request timeout | {soak_r["faulted"]["overrun_s"]:.3f} s | {
        soak_r["fault_free"]["overrun_s"]:.3f} s | ~0 |
| tasks timed out (the never-finishing ones) | {soak_r["faulted"]["timed_out"]} | {
        soak_r["fault_free"]["timed_out"]
    } | |
| requests per task | {soak_r["faulted"]["requests_per_task"]:.2f} | {soak_r["fault_free"]["requests_per_task"]:.2f} | |

The time past the deadline is measured on the whole wait, so it includes the client's own
bookkeeping after the last answer (milliseconds). Requests per task under faults are
{soak_r["request_overhead"]:.2f}× the fault-free run: faults cost requests, and 429's
`Retry-After: 1` makes the client wait longer than its 0.1–0.5 s schedule, which saves some.

## 6. Generation

`scripts/generate.py` for all five specs: **{gen["generate_s"]:.1f} s**; the drift check
(`make check-generated`): **{gen["check_generated_s"]:.1f} s**.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="tiny sizes, written to a temporary directory")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp()) if args.tiny else ROOT / "docs"
    results = measure(TINY if args.tiny else FULL, ("openmart",) if args.tiny else ())
    plot(results, out / "img")
    (out / "benchmarks.md").write_text(report(results), encoding="utf-8")
    (out / "benchmarks.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
