"""Every benchmark runs at a tiny size (so none can rot) and its invariants hold; no timing is asserted."""

from __future__ import annotations

import random
from typing import Any

import pytest

import taskwait
from benchmarks import batch, common, compare, ratelimit, run, scale, schedule
from taskwait.snapshot import TaskSnapshot
from taskwait.status import Status


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    """Every benchmark at a tiny size, once (`make bench` runs the same code at full size)."""
    return run.measure(run.TINY, ("openmart",))


def test_overhead_reaches_the_other_process_for_every_provider(results: dict[str, Any]) -> None:
    over = results["overhead"]
    assert set(over["providers"]) == set(taskwait.PROVIDERS)
    assert over["requests_served"] == over["requests_expected"] > 0  # every poll reached the other process
    for row in over["providers"].values():
        assert row["ratio_vs_bare"]["min"] <= row["ratio_vs_bare"]["median"] <= row["ratio_vs_bare"]["max"]
        assert row["ratio_vs_bare"]["rounds"] == run.TINY["overhead_rounds"]


def test_schedule_and_frontier_keep_their_promises(results: dict[str, Any]) -> None:
    sched = results["schedule"]
    assert sched[schedule.LOWER_BOUND]["requests_per_task"] == 1
    for row in sched.values():
        assert row["requests_per_task"] >= 1 and 0 <= row["p50"] <= row["p95"] <= row["p99"]
    # a Databar bulk run's progress shortens its wait as a Flexprice task's does
    assert sched[schedule.BULK_ON]["requests_per_task"] < sched[schedule.BULK_OFF]["requests_per_task"]
    # the frontier is a lower bound on every fixed schedule (at that schedule's own p95)
    for name in ("fixed 1 s", "fixed 2 s (Databar SDK)", "polling2 step=5"):
        assert results["frontier"]["at_each_p95"][name]["times_frontier"] >= 1 - 1e-9


def test_the_learned_schedule_is_measured_beside_the_defaults_and_the_frontier(results: dict[str, Any]) -> None:
    learned = results["learned"]
    assert set(learned) == set(schedule.DISTRIBUTIONS)
    for rows in learned.values():
        for label in ("defaults", "learned", "learned_equal_delay"):
            row = rows[label]
            assert row["requests_per_task"] >= 1 and 0 <= row["p50"] <= row["p95"] <= row["p99"]
        assert rows["learned_equal_delay"]["target_delay"] == rows["defaults"]["p95"]
        assert rows["learned"]["times_frontier"] > 0 and rows["shift"]["curve"]
    assert "The learned schedule" in run.report(results)


def test_scale_and_throughput_lose_nothing(results: dict[str, Any]) -> None:
    sc = results["scale"]
    assert sc["lost"] == sc["wrong"] == 0 and sc["succeeded"] + sc["failed"] == run.TINY["scale"]
    assert sc["delay_p50_s"]["median"] <= sc["delay_p95_s"]["median"] <= sc["delay_max_s"]["median"]
    assert sum(sc["requests_at_server"]) > 0
    assert results["throughput"]["requests_per_s"]["min"] > 0


def test_batch_lists_100_ids_a_request(results: dict[str, Any]) -> None:
    b = results["batch"]
    assert b["all_timed_out_not_lost"] and b["rounds"] >= 1 and b["reduction"] >= 20
    assert max(b["requests_per_round"]) <= -(-run.TINY["batch"] // 100) + 1  # 100 ids a request


def test_soak_loses_and_invents_nothing(results: dict[str, Any]) -> None:
    for key in ("faulted", "fault_free"):
        soak = results["soak"][key]
        assert soak["lost"] == soak["invented_terminal"] == 0
        assert soak["never_finishing_timed_out"] == soak["scripted_never_to_finish"]
    assert results["soak"]["fault_free"]["wrong_outcome"] == 0


def test_celery_ends_every_wait(results: dict[str, Any]) -> None:
    for row in results["celery"].values():
        assert row["waits"] == run.TINY["celery"] and row["waits_per_second"]["median"] > 0


def test_imports_state_a_ratio_and_load_no_extra(results: dict[str, Any]) -> None:
    for row in results["imports"].values():
        assert 0 < row["import_s"]["median"] < row["process_s"]["median"]
        assert row["ratio"]["rounds"] == row["import_s"]["rounds"] and row["ratio"]["min"] > 0
    assert results["imports"]["base install (extras blocked)"]["extras_loaded"] == []


def test_the_rate_budget_gets_no_429_and_loses_nothing(results: dict[str, Any]) -> None:
    workloads = results["ratelimit"]["workloads"]
    assert len(workloads) == 2 and any("Celery" in name for name in workloads)  # in one process, on two workers
    for sides in workloads.values():
        assert sides["on"]["refused"]["max"] == 0 and sides["on"]["lost"]["max"] == sides["off"]["lost"]["max"] == 0
        assert sides["off"]["refused"]["max"] > 0  # the limit is really on: without the budget, 429s
        assert sides["on"]["requests"]["max"] < sides["off"]["requests"]["min"]
        assert 0 < sides["on"]["oracle_p95"]["median"] <= sides["on"]["p95"]["median"]  # nothing beats the oracle


def test_the_oracle_keeps_the_limit_and_polls_at_each_finish_when_it_can() -> None:
    assert ratelimit.oracle([1.0, 2.0, 3.0], 5, 10.0) == [0.0, 0.0, 0.0]
    assert ratelimit.oracle([0.0, 0.0, 0.0], 2, 10.0) == [0.0, 0.0, 10.0]  # the third waits for the window


def test_the_informed_reference_sees_every_finish_and_never_beats_the_oracle() -> None:
    finishes = [random.Random(7).uniform(10.0, 40.0) for _ in range(200)]
    best = ratelimit.oracle(finishes, 90, 60.0)
    for threshold in ratelimit.THRESHOLDS:
        delays = ratelimit.informed(finishes, 10.0, 40.0, 90, 60.0, threshold)
        assert len(delays) == len(finishes) and min(delays) >= 0
        assert sum(delays) >= sum(best) - 1e-6  # the oracle's order is the earliest finish first: least total delay
    # threshold 0 polls whenever the limit allows: the units' own polls use up the window, the second waits for it
    assert ratelimit.informed([0.5, 2.5], 0.0, 3.0, 4, 1.0, 0.0) == pytest.approx([0.5, 0.5], abs=1e-6)


def test_the_report_renders_every_section(results: dict[str, Any]) -> None:
    report = run.report(results)
    assert "## 8. Generation" in report and "## 9. Many waits under one rate limit" in report and "nan" not in report


def test_the_frontier_replays_and_is_monotone() -> None:
    durations = common.lognormal_durations(300, 4)
    points = [schedule.frontier(durations, p95) for p95 in (1.0, 4.0, 16.0)]
    for point in points:
        assert point["p95"] <= point["p95_bound"] and point["late_tasks"] <= point["allowed_late"]
        assert schedule.evaluate(point["poll_times"], durations)["requests_per_task"] == point["requests_per_task"]
    assert points[0]["requests_per_task"] >= points[1]["requests_per_task"] >= points[2]["requests_per_task"]
    # no fixed list beats it: a few random lists that meet the same p95 bound cost at least as much
    rng = random.Random(1)
    for _ in range(20):
        step = rng.uniform(0.3, 1.0)
        polls = [step * i for i in range(1, int(max(durations) / step) + 2)]
        got = schedule.evaluate(polls, durations)
        best = schedule.frontier(durations, got["p95"])
        assert got["requests_per_task"] >= best["requests_per_task"] - 1e-9


def test_rounds_are_counted_by_the_ids_requests_name() -> None:
    ids = {"1", "2", "3"}
    requests = [("/deepomatic/v0.7/tasks", "task_ids=1%2C2"), ("/deepomatic/v0.7/tasks/3", ""),
                ("/deepomatic/v0.7/tasks", "task_ids=1,2,3"), ("/deepomatic/v0.7/tasks", "task_ids=1")]  # fmt: skip
    assert batch.rounds_of(requests, ids) == ([2, 1], 1)


def test_scale_counts_lost_and_wrong_tasks() -> None:
    scripts = scale.scenario(20, seed=2, time_scale=0.01)
    ok = next(s for s in scripts if "data" in s)
    results = {
        s["task_id"]: TaskSnapshot(
            "openmart", s["task_id"], Status.FAILED if s.get("outcome") else Status.SUCCEEDED, "x", data=s.get("data")
        )
        for s in scripts
    }
    assert scale.check(scripts, results)["wrong"] == 0
    results[ok["task_id"]] = TaskSnapshot("openmart", ok["task_id"], Status.SUCCEEDED, "x", data={"other": 1})
    del results[scripts[-1]["task_id"]]
    counts = scale.check(scripts, results)
    assert counts["wrong"] == 1 and counts["lost"] == 1


def _spread(median: float) -> dict[str, float]:
    return {"median": median, "min": median * 0.9, "max": median * 1.1, "rounds": 5}


def test_compare_judges_ratios_everywhere_and_absolute_figures_on_the_same_machine_only() -> None:
    def results(machine: str, seconds: float, ratio: float) -> dict[str, object]:
        return {"machine": machine, "schedule": {}, "frontier": {}, "batch": {"requests_per_round": [10]},
                "imports": {"base": {"import_s": _spread(seconds), "ratio": _spread(ratio)}}}  # fmt: skip

    first = results("Xeon", 0.2, 1.3)
    bad, judged, unjudged = compare.compare(first, results("EPYC", 0.5, 1.3))
    assert bad == [] and len(unjudged) == 1 and "import_s" in unjudged[0] and judged == 4
    bad, _, _ = compare.compare(first, results("EPYC", 0.5, 1.6))
    assert [line.split(":")[0] for line in bad] == ["/imports/base/ratio"]
    bad, judged, unjudged = compare.compare(first, results("Xeon", 0.5, 1.3))
    assert [line.split(":")[0] for line in bad] == ["/imports/base/import_s"] and unjudged == [] and judged == 5


def test_a_benchmark_that_fails_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(n: int) -> None:
        raise ValueError("broken on purpose")

    monkeypatch.setattr(schedule, "run", broken)
    with pytest.raises(ValueError, match="broken on purpose") as caught:
        run.measure(run.TINY, ("openmart",))
    assert "in the 'schedule' benchmark" in caught.value.__notes__
