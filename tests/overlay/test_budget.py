"""The budget's bookkeeping (lanes) and its limits: pure, on numbers for clocks."""

from __future__ import annotations

import math

import pytest

from taskwait import budget
from taskwait.budget import PATIENCE, Claim, Hold, Lane, route_of, set_rate_limit
from taskwait.budget.lanes import margin


@pytest.fixture(autouse=True)
def _documented_limits() -> object:
    budget.reset_limits()
    yield
    budget.reset_limits()


def spend(lane: Lane, times: list[float]) -> None:
    for t in times:
        assert lane.ready_at(t) <= t
        lane.take(t)


def test_sliding_window_allows_n_in_any_span_of_per() -> None:
    lane = Lane(3, 10.0)
    spend(lane, [0.0, 1.0, 2.0])
    assert lane.ready_at(5.0) == pytest.approx(10.0 + margin(10.0))  # the first of the three must leave
    spend(lane, [10.0 + margin(10.0)])
    assert lane.ready_at(11.0) == pytest.approx(11.0 + margin(10.0))


def test_no_span_of_per_ever_holds_more_than_n() -> None:
    lane = Lane(5, 3.0)
    sent: list[float] = []
    t = 0.0
    for _ in range(60):
        t = lane.ready_at(t)
        lane.take(t)
        sent.append(t)
        t += 0.01
    for start in sent:  # any window starting at a send (the worst placement of a server's fixed window)
        assert sum(start <= s < start + 3.0 for s in sent) <= 5


def test_a_short_budget_is_spent_evenly_and_a_final_poll_skips_the_pacing() -> None:
    lane = Lane(4, 8.0)
    lane.take(0.0)
    lane.held = [Hold(Claim(), 0.0, None) for _ in range(5)]  # 5 held > 3 left: short
    assert lane.short()
    assert lane.ready_at(0.5) == pytest.approx(2.0)  # one every 8/4 s
    assert lane.ready_at(0.5, paced=False) == 0.5
    lane.held = lane.held[:2]
    assert not lane.short() and lane.ready_at(0.5) == 0.5  # enough left for everyone held: at once


def test_headers_bound_the_lane_until_the_reset() -> None:
    lane = Lane(None, 60.0)
    lane.take(0.0)
    lane.take(1.0)  # sent after the answered request: the server may not have counted it yet
    lane.answered(0.0, 2.0, remaining=2, reset_in=10.0, retry_after=None, refused=False)
    assert lane.ready_at(2.0) == 2.0
    lane.take(2.0)  # the last one the answer allows
    assert lane.ready_at(3.0) == pytest.approx(12.0 + margin(60.0))
    assert lane.ready_at(13.0) == 13.0  # the reset passed: the bound is gone


def test_an_older_answer_does_not_loosen_a_newer_bound() -> None:
    lane = Lane(None, 60.0)
    lane.take(0.0)
    lane.take(1.0)
    lane.answered(1.0, 2.0, remaining=0, reset_in=30.0, retry_after=None, refused=False)
    lane.answered(0.0, 2.1, remaining=50, reset_in=30.0, retry_after=None, refused=False)
    assert lane.ready_at(3.0) > 30.0


def test_a_429_empties_the_lane_until_retry_after() -> None:
    lane = Lane(90, 60.0)
    lane.take(0.0)
    lane.answered(0.0, 0.5, remaining=None, reset_in=None, retry_after=7.0, refused=True)
    assert lane.ready_at(1.0) == 7.5
    lane.answered(0.0, 8.0, remaining=None, reset_in=None, retry_after=None, refused=True)  # no Retry-After
    assert lane.ready_at(8.0) == pytest.approx(8.0 + 60.0 / 90)


def test_the_budget_grows_back_as_the_window_allows() -> None:
    lane = Lane(2, 1.0)
    spend(lane, [0.0, 0.1])
    assert lane.ready_at(0.2) > 1.0
    assert lane.ready_at(1.2) == 1.2


def test_priority_last_poll_first_then_likely_finish_then_first_come() -> None:
    lane = Lane(1, 10.0)
    early = Hold(Claim(), 0.0, None)
    unlikely = Hold(Claim(chance=lambda now: 0.1), 1.0, None)
    likely = Hold(Claim(chance=lambda now: 0.8), 2.0, None)
    final = Hold(Claim(final=True), 3.0, None)
    lane.held = [early, unlikely, likely, final]
    order = []
    while lane.held:
        best = lane.pick(4.0)
        assert best is not None
        order.append(best)
        lane.held.remove(best)
    assert order == [final, likely, unlikely, early]
    a, b = Hold(Claim(), 0.0, None), Hold(Claim(), 1.0, None)
    lane.held = [b, a]
    assert lane.pick(2.0) is a  # nothing known: the one held longest


def test_a_chance_that_raises_or_is_nan_counts_as_unknown() -> None:
    def boom(now: float) -> float:
        raise RuntimeError("no")

    assert Claim(chance=boom).score(1.0) == 0.0
    assert Claim(chance=lambda now: math.nan).score(1.0) == 0.0


def test_nothing_starves_behind_a_stream_of_likely_finishes() -> None:
    """The bound: held at t, a request is sent by t + PATIENCE·per + one gap (nothing else aged ahead of it)."""
    lane = Lane(2, 4.0)
    loser = Hold(Claim(chance=lambda now: 0.0), 0.0, None)
    lane.held = [loser]
    t, sent_at = 0.0, None
    while sent_at is None and t < 100:
        lane.held.extend(Hold(Claim(chance=lambda now: 0.9), t, None) for _ in range(3))  # always more likely ones
        for given in lane.grant(t):
            if given is loser:
                sent_at = t
        t += 0.25
    assert sent_at is not None
    assert sent_at <= PATIENCE * 4.0 + 4.0 / 2 + margin(4.0) + 0.25


def test_grant_gives_every_open_slot_best_first() -> None:
    lane = Lane(2, 10.0)
    holds = [Hold(Claim(chance=lambda now, p=p: p), 0.0, None) for p in (0.1, 0.5, 0.9)]
    lane.held = list(holds)
    given = lane.grant(0.0)
    assert given == [holds[2]]  # short (3 held, 2 left): paced, one now
    assert lane.grant(5.0) == [holds[1]]
    assert lane.next_at(5.0) >= 10.0


def test_lane_repr_shows_numbers_only() -> None:
    assert repr(Lane(90, 60.0)).startswith("Lane(requests=90, per=60.0")


def test_route_families() -> None:
    assert route_of("lobstr", "/v1/tasks/abc") == "tasks"
    assert route_of("lobstr", "/v1/runs/abc/stats") == "runs"
    assert route_of("lobstr", "/v1/results") == "results"
    assert route_of("lobstr", "/v1/runtasks") == "tasks"
    assert route_of("lobstr", "/v1/squids") == "runs"
    assert route_of("lobstr", "/v1/accounts") == "other"
    assert route_of("databar", "/v1/tasks/x") == "all"


def test_documented_limits_and_set_rate_limit() -> None:
    assert budget.limit_for("lobstr", "tasks")[0] == (90, 60.0)
    assert budget.limit_for("lobstr", "runs")[0] == (120, 60.0)
    assert budget.limit_for("lobstr", "results")[0] == (2, 1.0)
    assert budget.limit_for("databar", "all")[0] is None
    set_rate_limit("databar", 10, per=1)
    assert budget.limit_for("databar", "all")[0] == (10, 1.0)
    set_rate_limit("lobstr", 5, per=2, route="runs")
    assert budget.limit_for("lobstr", "runs")[0] == (5, 2.0)
    assert budget.limit_for("lobstr", "tasks")[0] == (90, 60.0)
    set_rate_limit("lobstr", None)
    assert all(budget.limit_for("lobstr", r)[0] is None for r in ("tasks", "runs", "results"))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "names"),
    [
        (("nope", 1), {}, ValueError, "provider"),
        ((3, 1), {}, TypeError, "provider"),
        (("lobstr", 1.5), {}, TypeError, "requests"),
        (("lobstr", True), {}, TypeError, "requests"),
        (("lobstr", 0), {}, ValueError, "requests"),
        (("lobstr", 1), {"per": 0}, ValueError, "per"),
        (("lobstr", 1), {"per": math.inf}, ValueError, "per"),
        (("lobstr", 1), {"per": "60"}, TypeError, "per"),
        (("lobstr", 1), {"route": "squids"}, ValueError, "route"),
        (("databar", 1), {"route": "tasks"}, ValueError, "route"),
        (("lobstr", 1), {"route": 1}, TypeError, "route"),
    ],
)
def test_set_rate_limit_refuses_bad_input(args: tuple[object, ...], kwargs: dict[str, object],
                                          error: type[Exception], names: str) -> None:  # fmt: skip
    with pytest.raises(error, match=names):
        set_rate_limit(*args, **kwargs)  # type: ignore[arg-type]


class UniformEstimate:
    """Durations uniform on [10, 40] s."""

    def finish_probability(self, since: float, until: float) -> float | None:
        def cdf(t: float) -> float:
            return min(max((t - 10) / 30, 0.0), 1.0)

        return 1.0 if cdf(since) >= 1 else (cdf(until) - cdf(since)) / (1 - cdf(since))


class Uniform:
    """Durations uniform on [10, 40] s for lobstr tasks; nothing known of anything else."""

    def distribution(self, provider: str, kind: str) -> UniformEstimate | None:
        return UniformEstimate() if (provider, kind) == ("lobstr", "task") else None

    last_fit = distribution


def test_the_chance_comes_from_learned_durations_and_from_progress() -> None:
    from taskwait.budget.priority import chance_for

    never_polled = chance_for("lobstr", "task", 100.0, None, None, Uniform())
    assert never_polled(105.0) == 0.0 and never_polled(125.0) == pytest.approx(0.5)
    polled_at_20 = chance_for("lobstr", "task", 100.0, 120.0, None, Uniform())
    assert polled_at_20(125.0) == pytest.approx(0.25)  # 5 s of the 20 left
    unknown = chance_for("databar", "task", 100.0, None, None, Uniform())
    assert unknown(125.0) is None  # nothing known: first come, first served decides
    predicted = chance_for("databar", "task", 100.0, 120.0, 130.0, None)  # progress says done at 130
    assert predicted(125.0) == pytest.approx(0.5) and predicted(131.0) == 1.0
