"""`begin`/`step`: a wait as plain data, driven one request at a time by the same engine as `wait_for`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from taskwait import WaitState
from tests.support import KEY, RAW, FakeTime, Script, ok

Answers = Callable[[str, str], list[Any]]


def _running(p: str, t: str) -> httpx.Response:
    return ok(p, t, RAW[p][0])


SCENARIOS: dict[str, Answers] = {
    "success after polls": lambda p, t: [_running(p, t)] * 4 + [ok(p, t, RAW[p][1], data={"rows": 3})],
    "429 and 5xx, then failure": lambda p, t: [
        httpx.Response(429, headers={"Retry-After": "7"}, json={"detail": "slow down"}),
        httpx.Response(503, text="busy"),
        httpx.ConnectError("refused"),
        _running(p, t),
        ok(p, t, RAW[p][2], error="row 3 is bad"),
    ],
    "never finishes": lambda p, t: [_running(p, t)],
    "unknown status, then success": lambda p, t: [ok(p, t, "weird-new-state")] * 3 + [ok(p, t, RAW[p][1])],
    "not found": lambda p, t: [httpx.Response(404, json={"detail": "Not found."})],
    "refused key": lambda p, t: [_running(p, t), httpx.Response(401, json={"detail": "Invalid API Key"})],
}


def _outcome(call: Callable[[], taskwait.TaskSnapshot]) -> tuple[str, Any]:
    try:
        snap = call()
    except taskwait.TaskwaitError as exc:
        snap = getattr(exc, "snapshot", None)
        return type(exc).__name__, (str(exc), None if snap is None else (snap.status, snap.raw_status, snap.error))
    return "returned", (snap.status, snap.raw_status, snap.error, snap.data, snap.progress)


def _by_wait_for(provider: str, answers: list[Any], **kwargs: Any) -> tuple[list[tuple[float, str]], tuple[str, Any]]:
    time = FakeTime()
    seen: list[tuple[float, str]] = []
    script = Script(answers, time=time, cost=0.25)
    client = taskwait.connect(
        provider, KEY, httpx_args={"transport": httpx.MockTransport(_recording(script, time, seen))}
    )
    outcome = _outcome(lambda: taskwait.wait_for(client, "T-1", **time.kwargs(), **kwargs))
    return seen, outcome


def _recording(script: Script, time: FakeTime, seen: list[tuple[float, str]]) -> Callable[..., httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((time.now, str(request.url)))
        return script(request)

    return handler


def _by_steps(provider: str, answers: list[Any], **kwargs: Any) -> tuple[list[tuple[float, str]], tuple[str, Any]]:
    """The same wait, driven by repeated `step` calls on the simulated clock, serialised between steps."""
    time = FakeTime()
    seen: list[tuple[float, str]] = []
    script = Script(answers, time=time, cost=0.25)
    client = taskwait.connect(
        provider, KEY, httpx_args={"transport": httpx.MockTransport(_recording(script, time, seen))}
    )
    state = taskwait.begin(provider, "T-1", now=time.now, **kwargs)
    assert seen == []  # begin makes no request
    while not state.done:
        assert state.next_poll_at is not None
        time.now = max(time.now, state.next_poll_at)  # the caller decides when a step is due
        state = WaitState.from_json(taskwait.step(client, state, clock=time.clock, rand=lambda: 0.5).to_json())
        assert KEY not in state.to_json()
    return seen, _outcome(state.result)


@pytest.mark.parametrize("provider", sorted(RAW))
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_steps_make_the_same_requests_and_end_the_same_way_as_wait_for(provider: str, scenario: str) -> None:
    kwargs = {"timeout": 30.0, "interval": 1.0, "max_interval": 4.0}
    expected = _by_wait_for(provider, SCENARIOS[scenario](provider, "T-1"), **kwargs)
    assert _by_steps(provider, SCENARIOS[scenario](provider, "T-1"), **kwargs) == expected
    assert len(expected[0]) >= 1


def _unit_answers() -> list[Any]:
    run = {"id": "T-1", "object": "run", "is_done": False}
    stats = httpx.Response(200, json={"is_done": False, "total_tasks": 4, "total_tasks_done": 1})
    return [httpx.Response(200, json=run | {"status": "running"}), stats] * 2 + [
        httpx.Response(200, json=run | {"status": "done"}), stats]  # fmt: skip


def test_a_wait_that_reads_progress_steps_like_wait_for() -> None:
    def answers() -> list[Any]:
        running = [ok("flexprice", "T-1", "PROCESSING", done=n * 8, total=100) for n in range(12)]
        return [*running, ok("flexprice", "T-1", "COMPLETED", done=100, total=100)]

    kwargs = {"timeout": 600.0, "interval": 1.0, "max_interval": 30.0}
    expected = _by_wait_for("flexprice", answers(), **kwargs)
    assert _by_steps("flexprice", answers(), **kwargs) == expected
    plain = _by_wait_for("flexprice", answers(), use_progress=False, **kwargs)
    assert [t for t, _ in expected[0]] != [t for t, _ in plain[0]]  # progress changed the schedule


def test_a_unit_other_than_a_task_steps_like_wait_for() -> None:
    kwargs = {"timeout": 60.0, "interval": 1.0, "max_interval": 4.0, "kind": "run"}
    expected = _by_wait_for("lobstr", _unit_answers(), **kwargs)
    assert _by_steps("lobstr", _unit_answers(), **kwargs) == expected
    assert expected[1][0] == "returned" and expected[1][1][0] is taskwait.Status.SUCCEEDED
    assert [url.rsplit("/", 1)[-1] for _, url in expected[0]] == ["T-1", "stats"] * 3


@pytest.mark.parametrize("raise_on_failure", [True, False])
def test_failure_is_raised_or_returned_like_wait_for(raise_on_failure: bool) -> None:
    answers = [ok("lobstr", "T-1", "running"), ok("lobstr", "T-1", "aborted", done=12)]
    expected = _by_wait_for("lobstr", list(answers), raise_on_failure=raise_on_failure)
    got = _by_steps("lobstr", list(answers), raise_on_failure=raise_on_failure)
    assert got == expected
    assert got[1][0] == ("TaskCancelled" if raise_on_failure else "returned")


def test_state_fields_and_result() -> None:
    time = FakeTime()
    script = Script([ok("flexprice", "T-1", "PROCESSING", done=5, total=10), ok("flexprice", "T-1", "COMPLETED")])
    client = script.client("flexprice")
    state = taskwait.begin("flexprice", "T-1", timeout=60, interval=2, now=1_700_000_000.0)
    assert (state.provider, state.kind, state.task_id, state.polls) == ("flexprice", "task", "T-1", 0)
    assert state.deadline_at == 1_700_000_060.0 and state.next_poll_at == 1_700_000_000.0
    with pytest.raises(ValueError, match="not ended"):
        state.result()
    time.now = 1_700_000_000.0
    state = taskwait.step(client, state, clock=time.clock, rand=lambda: 0.0)
    assert state.next_poll_at == 1_700_000_002.0 and state.polls == 1 and state.outcome is None
    assert state.last is not None and state.last["progress"] == {"done": 5, "total": 10}
    state = taskwait.step(client, state, clock=time.clock)
    assert state.done and state.outcome == "succeeded" and state.next_poll_at is None
    assert state.result().status is taskwait.Status.SUCCEEDED
    again = taskwait.step(client, state)  # an ended wait comes back unchanged, without a request
    assert again == state and len(script.requests) == 2


def test_timeout_state_raises_wait_timeout_with_last_snapshot() -> None:
    _, outcome = _by_steps("databar", [ok("databar", "T-1", "processing")], timeout=5.0, interval=1.0)
    assert outcome[0] == "WaitTimeout" and outcome[1][1] == (taskwait.Status.RUNNING, "processing", None)


def test_a_step_past_the_deadline_sends_nothing_and_counts_no_poll() -> None:
    script = Script([ok("databar", "T-1", "processing")])
    state = taskwait.begin("databar", "T-1", timeout=5, now=100.0)
    state = taskwait.step(script.client("databar"), state, clock=lambda: 106.0)
    assert state.outcome == "timed_out" and state.polls == 0 and script.requests == []
    with pytest.raises(taskwait.WaitTimeout, match=r"after 6\.0s, 0 polls \(no answer yet"):
        state.result()


def test_the_key_never_reaches_the_state() -> None:
    echo = ok("databar", "T-1", "failed", error=f"bad key {KEY}", data={"echo": KEY, KEY: [KEY]})
    state = taskwait.step(Script([echo]).client("databar"), taskwait.begin("databar", "T-1"))
    assert state.outcome == "failed" and KEY not in state.to_json() and KEY not in repr(state)
    with pytest.raises(taskwait.TaskFailed) as exc:
        state.result()
    assert KEY not in str(exc.value) and exc.value.snapshot.data == {"echo": "[REDACTED]", "[REDACTED]": ["[REDACTED]"]}


def test_begin_refuses_what_cannot_be_waited_on() -> None:
    for provider, kind in (("lobstr", "batch"), ("databar", "run"), ("openmart", "upload"), ("lobstr", "")):
        with pytest.raises(ValueError, match="has no"):
            taskwait.begin(provider, "T-1", kind=kind)
    with pytest.raises(ValueError, match="unknown provider"):
        taskwait.begin("nope", "T-1")
    with pytest.raises(ValueError):
        taskwait.begin("lobstr", " ")
    with pytest.raises(ValueError, match="max_interval"):
        taskwait.begin("lobstr", "T-1", interval=5, max_interval=1)
    assert taskwait.begin("deepomatic", "T-1").interval == 0.1  # the provider's defaults, as wait_for


def test_a_client_of_another_provider_is_refused() -> None:
    script = Script([ok("lobstr", "T-1", "running")])
    with pytest.raises(ValueError, match="a lobstr client cannot step a wait on databar"):
        taskwait.step(script.client("lobstr"), taskwait.begin("databar", "T-1"))
    assert script.requests == []


def _valid() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(taskwait.begin("openmart", "T-1").to_json())
    return data


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        json.dumps({**_valid(), "version": 2}),
        json.dumps({**_valid(), "version": None}),
        json.dumps({**_valid(), "extra": 1}),
        json.dumps({k: v for k, v in _valid().items() if k != "polls"}),
        json.dumps({**_valid(), "polls": "3"}),
        json.dumps({**_valid(), "polls": True}),
        json.dumps({**_valid(), "provider": "nope"}),
        json.dumps({**_valid(), "kind": "run"}),  # openmart has no runs
        json.dumps({**_valid(), "next_poll_at": None}),
        json.dumps({**_valid(), "outcome": "maybe"}),
        json.dumps({**_valid(), "last": {"status": "succeeded"}}),
        json.dumps({**_valid(), "interval": -1}),
        '{"version": 1, "deadline_at": NaN}',
    ],
)
def test_from_json_refuses_unknown_versions_and_malformed_texts(text: str) -> None:
    with pytest.raises(ValueError):
        WaitState.from_json(text)


OTHER_TASK = {"provider": "openmart", "task_id": "T-2", "status": "running", "raw_status": "PROCESSING",
              "data": None, "error": None, "progress": None, "kind": "task"}  # fmt: skip


NO_CODE = {"type": "AuthenticationError", "message": "x", "status_code": None, "body": None}


def _ended() -> dict[str, Any]:
    client = Script([httpx.Response(404, json={"detail": "gone"})]).client("openmart")
    state = taskwait.step(client, _begun(), clock=lambda: 1_700_000_001.0)
    data: dict[str, Any] = json.loads(state.to_json())
    return data


def _begun() -> WaitState:
    return taskwait.begin("openmart", "T-1", now=1_700_000_000.0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"task_id": ".."}, "task_id"),
        ({"task_id": " "}, "task_id"),
        ({"task_id": "a" * 4097}, "task_id is too long"),
        ({"polls": int("9" * 4000)}, "polls"),
        ({"polls": -1}, "polls"),
        ({"interval": 10**400, "max_interval": 10**400, "delay": 10**400}, "interval"),
        ({"not_found_grace": 10**400}, "not_found_grace"),
        ({"not_found_grace": -1}, "not_found_grace"),
        ({"started_at": -5}, "started_at"),
        ({"next_poll_at": 10**400}, "next_poll_at"),
        ({"deadline_at": 1_600_000_000.0}, "deadline_at"),
        ({"delay": 0}, "delay"),
        ({"delay": 1000}, "delay"),
        ({"progress_origin": [0, 10**400]}, "progress_origin"),
        ({"progress_origin": [0, 2]}, "progress_origin"),
        ({"progress_origin": [0, "1"]}, "progress_origin"),
    ],
)
def test_from_json_applies_every_check_begin_applies(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=f"malformed wait state: .*{field}"):
        WaitState.from_json(json.dumps({**_valid(), **changes}))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"error": {}}, "error has the keys"),
        ({"error": {"type": "KeyError", "message": "x", "status_code": None, "body": None}}, "error type"),
        ({"error": {"type": "TaskNotFound", "message": "", "status_code": None, "body": None}}, "error message"),
        ({"error": {"type": "TaskNotFound", "message": "x", "status_code": "404", "body": None}}, "status_code"),
        ({"error": {"type": "TaskNotFound", "message": "x", "status_code": None, "body": 3}}, "error body"),
        ({"outcome": "unauthorized", "error": NO_CODE}, "status_code"),
        ({"outcome": "succeeded"}, "does not match"),
        ({"error": None, "last": None}, "without its error"),
        ({"last": OTHER_TASK}, "another task"),
    ],
)
def test_from_json_refuses_an_error_that_result_could_not_raise(changes: dict[str, Any], field: str) -> None:
    ended = _ended()
    assert WaitState.from_json(json.dumps(ended)).outcome == "not_found"
    with pytest.raises(ValueError, match=f"malformed wait state: .*{field}"):
        WaitState.from_json(json.dumps({**ended, **changes}))


def test_round_trip_is_exact() -> None:
    state = taskwait.begin("lobstr", "T/1 ü", timeout=None)
    assert WaitState.from_json(state.to_json()) == state and state.deadline_at is None


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_step_async_matches_step(backend: str) -> None:
    def answers() -> list[Any]:
        return [ok("openmart", "T-1", "PROCESSING"), httpx.Response(502), ok("openmart", "T-1", "COMPLETED")]

    sync_states, async_states = [], []
    state = taskwait.begin("openmart", "T-1", now=0.0)
    client = Script(answers()).client("openmart")
    while not state.done:
        state = taskwait.step(client, state, clock=lambda: 0.0, rand=lambda: 0.5)
        sync_states.append(state)

    async def main() -> None:
        state = taskwait.begin("openmart", "T-1", now=0.0)
        client = Script(answers()).client("openmart")
        while not state.done:
            state = await taskwait.step_async(client, state, clock=lambda: 0.0, rand=lambda: 0.5)
            async_states.append(state)

    anyio.run(main, backend=backend)
    assert async_states == sync_states and sync_states[-1].outcome == "succeeded"
