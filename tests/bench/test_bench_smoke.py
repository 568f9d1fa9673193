"""Every benchmark runs at a tiny size (so none can rot) and its invariants hold; no timing is asserted."""

from __future__ import annotations

from benchmarks import run


def test_every_benchmark_runs_tiny_and_keeps_its_promises() -> None:
    results = run.measure(run.TINY, ("openmart",))
    assert set(results["overhead"]) == {"databar", "deepomatic", "flexprice", "lobstr", "openmart"}
    schedule = results["schedule"]
    assert schedule["lower bound (one request at the finish)"]["requests_per_task"] == 1
    for row in schedule.values():
        assert row["requests_per_task"] >= 1 and 0 <= row["p50"] <= row["p95"] <= row["p99"]
    assert results["scale"]["lost"] == 0 and results["scale"]["succeeded"] == run.TINY["scale"]
    assert results["throughput"]["requests"] > 0
    assert results["batch"]["all_timed_out_not_lost"] and results["batch"]["reduction"] >= 20
    for key in ("faulted", "fault_free"):
        soak = results["soak"][key]
        assert soak["lost"] == soak["invented_terminal"] == soak["wrong_outcome"] == 0
    report = run.report(results)
    assert "## 6. Generation" in report and "nan" not in report
