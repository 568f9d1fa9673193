"""wait_for through every branch, for every provider, against scripted answers."""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any

import httpx
import pytest

import taskwait
from taskwait import Status
from taskwait.providers import ADAPTERS
from tests.support import KEY, RAW, FakeTime, Script, ok

PROVIDERS = sorted(RAW)
CANCELLABLE = [p for p in PROVIDERS if RAW[p][3] is not None]


def run(provider: str, answers: list[Any], **kwargs: Any) -> tuple[Any, Script, FakeTime]:
    fake = FakeTime()
    script = Script(answers, time=fake)
    result = taskwait.wait_for(script.client(provider), "T1", **fake.kwargs(), **kwargs)
    return result, script, fake


@pytest.mark.parametrize("provider", PROVIDERS)
def test_success_after_running(provider: str) -> None:
    running, done, _, _ = RAW[provider]
    snaps: list[taskwait.TaskSnapshot] = []
    data = {"outputs": [1]} if provider in ("databar", "deepomatic", "openmart") else None
    answers = [ok(provider, "T1", running, done=1, total=4), ok(provider, "T1", done, done=4, total=4, data=data)]
    snap, script, fake = run(provider, answers, on_update=snaps.append)
    assert snap.status is Status.SUCCEEDED and snap.raw_status == done and snap.task_id == "T1"
    assert snap.provider == provider and snap.data == data
    assert [s.status for s in snaps] == [
        Status.RUNNING if provider != "deepomatic" else Status.PENDING,
        Status.SUCCEEDED,
    ]
    assert len(script.requests) == 2 and fake.sleeps[0] <= ADAPTERS[provider].interval
    assert snap.raw is not None


def test_first_poll_does_not_wait() -> None:
    _, _, fake = run("databar", [ok("databar", "T1", "completed")])
    assert fake.sleeps == []


def test_progress_mapping() -> None:
    flex, _, _ = run("flexprice", [ok("flexprice", "T1", "COMPLETED", done=40, total=80)])
    assert flex.progress == taskwait.Progress(40, 80) and flex.progress.fraction == 0.5
    lob, _, _ = run("lobstr", [ok("lobstr", "T1", "completed", done=156)])
    assert lob.progress == taskwait.Progress(156, None) and lob.progress.fraction is None
    dat, _, _ = run("databar", [ok("databar", "T1", "completed")])
    assert dat.progress is None


@pytest.mark.parametrize("provider", PROVIDERS)
def test_failure_raises_task_failed_with_snapshot(provider: str) -> None:
    failed = RAW[provider][2]
    with pytest.raises(taskwait.TaskFailed) as exc:
        run(provider, [ok(provider, "T1", failed, error="boom")])
    snap = exc.value.snapshot
    assert snap.status is Status.FAILED and snap.raw_status == failed
    if provider != "openmart":  # Openmart documents no error field
        assert snap.error == "boom" and "boom" in str(exc.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_failure_returned_when_asked(provider: str) -> None:
    snap, _, _ = run(provider, [ok(provider, "T1", RAW[provider][2])], raise_on_failure=False)
    assert snap.status is Status.FAILED


@pytest.mark.parametrize("provider", CANCELLABLE)
def test_cancellation_raises_task_cancelled(provider: str) -> None:
    raw = RAW[provider][3]
    assert raw is not None
    with pytest.raises(taskwait.TaskCancelled) as exc:
        run(provider, [ok(provider, "T1", raw, done=7)])
    assert exc.value.snapshot.status is Status.CANCELLED
    snap, _, _ = run(provider, [ok(provider, "T1", raw, done=7)], raise_on_failure=False)
    assert snap.status is Status.CANCELLED
    if provider == "lobstr":  # aborted tasks may hold partial results
        assert snap.progress is not None and snap.progress.done == 7


def test_databar_error_list_is_joined_and_410_is_gone() -> None:
    with pytest.raises(taskwait.TaskFailed) as exc:
        run("databar", [httpx.Response(200, json={"task_id": "T1", "status": "failed", "error": ["a", "b"]})])
    assert exc.value.snapshot.error == "a; b"
    with pytest.raises(taskwait.TaskFailed) as gone:
        run("databar", [httpx.Response(410, json={"detail": "Results expired"})])
    assert gone.value.snapshot.raw_status == "gone" and gone.value.snapshot.error == "Results expired"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_timeout_carries_last_snapshot_and_never_sleeps_past_deadline(provider: str) -> None:
    with pytest.raises(taskwait.WaitTimeout) as exc:
        run(provider, [ok(provider, "T1", RAW[provider][0])], timeout=60)
    assert exc.value.snapshot is not None and exc.value.snapshot.raw_status == RAW[provider][0]
    fake_total = sum(run_sleeps(provider))
    assert 59 - 1e-9 <= fake_total < 60  # the last poll starts up to 1 s before the deadline, to end by it


def run_sleeps(provider: str) -> list[float]:
    fake = FakeTime()
    script = Script([ok(provider, "T1", RAW[provider][0])], time=fake)
    with pytest.raises(taskwait.WaitTimeout):
        taskwait.wait_for(script.client(provider), "T1", timeout=60, **fake.kwargs())
    return fake.sleeps


def test_timeout_with_no_answer_has_no_snapshot() -> None:
    with pytest.raises(taskwait.WaitTimeout) as exc:
        run("databar", [httpx.Response(503)], timeout=10)
    assert exc.value.snapshot is None and "HTTP 503" in str(exc.value)


def test_terminal_answer_just_before_the_deadline_wins() -> None:
    fake = FakeTime()
    answers = [ok("openmart", "T1", "PROCESSING"), ok("openmart", "T1", "COMPLETED")]
    script = Script(answers, time=fake, cost=2.0)  # each request takes 2 s: the second ends 0.05 s before the deadline
    snap = taskwait.wait_for(script.client("openmart"), "T1", timeout=5, interval=1, **fake.kwargs())
    assert snap.status is Status.SUCCEEDED and 1000 + 4 < fake.now < 1000 + 5


@pytest.mark.parametrize("timeout", [0, 0.0, -0.0])
def test_zero_timeout_looks_once_and_returns_a_terminal_answer(timeout: float) -> None:
    snap, script, fake = run("databar", [ok("databar", "T1", "completed")], timeout=timeout)
    assert snap.status is Status.SUCCEEDED and len(script.requests) == 1 and fake.sleeps == []


def test_zero_timeout_raises_what_a_terminal_failure_raises() -> None:
    with pytest.raises(taskwait.TaskFailed):
        run("databar", [ok("databar", "T1", "failed", error="boom")], timeout=0)
    with pytest.raises(taskwait.TaskCancelled):
        run("databar", [ok("databar", "T1", "cancelled")], timeout=0)


def test_zero_timeout_times_out_with_the_one_snapshot_it_saw() -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing")], time=fake)
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(script.client("databar"), "T1", timeout=0, **fake.kwargs())
    assert len(script.requests) == 1 and exc.value.snapshot is not None
    assert exc.value.snapshot.raw_status == "processing" and fake.sleeps == []


def test_zero_timeout_with_a_transient_answer_times_out_without_a_snapshot() -> None:
    with pytest.raises(taskwait.WaitTimeout) as exc:
        run("databar", [httpx.Response(503)], timeout=0)
    assert exc.value.snapshot is None and "HTTP 503" in str(exc.value)


def test_zero_timeout_many_looks_once_at_each() -> None:
    fake = FakeTime()
    script = Script([lambda r: ok("databar", r.url.path.rsplit("/", 1)[-1], "processing")], time=fake)
    results = taskwait.wait_for_many(script.client("databar"), ["A", "B"], timeout=0, **fake.kwargs())
    assert len(script.requests) == 2 and all(isinstance(r, taskwait.WaitTimeout) for r in results.values())


def test_the_timeout_message_counts_the_requests_made() -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing")], time=fake, cost=1.5)  # the first request ends past 1 s
    with pytest.raises(taskwait.WaitTimeout, match=r"after 1\.5s, 1 poll \(last status 'processing'\)"):
        taskwait.wait_for(script.client("databar"), "T1", timeout=1, **fake.kwargs())
    assert len(script.requests) == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_429_waits_retry_after_seconds_beyond_max_interval(provider: str) -> None:
    running, done, _, _ = RAW[provider]
    limited = httpx.Response(429, headers={"Retry-After": "42"}, json={"detail": "Too many requests"})
    snap, script, fake = run(provider, [ok(provider, "T1", running), limited, ok(provider, "T1", done)])
    assert snap.status is Status.SUCCEEDED and len(script.requests) == 3
    assert fake.sleeps[1] == pytest.approx(42) and ADAPTERS[provider].max_interval < 42


def test_429_http_date_retry_after() -> None:
    when = email.utils.formatdate(time.time() + 120, usegmt=True)
    limited = httpx.Response(429, headers={"Retry-After": when})
    _, _, fake = run("databar", [limited, ok("databar", "T1", "completed")])
    assert 100 < fake.sleeps[0] <= 121


def test_retry_after_is_capped_and_bounded_by_the_deadline() -> None:
    limited = httpx.Response(429, headers={"Retry-After": "100000"})
    _, _, fake = run("databar", [limited, ok("databar", "T1", "completed")], timeout=None)
    assert fake.sleeps == [300.0]
    with pytest.raises(taskwait.WaitTimeout):
        run("databar", [limited], timeout=50)


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(
    "fault",
    [
        httpx.Response(500, text="oops"),
        httpx.Response(502, text="<html>bad gateway</html>"),
        httpx.Response(503, headers={"Retry-After": "2"}),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("peer closed connection"),
        httpx.ReadTimeout("slow"),
        httpx.Response(200, text='{"truncated'),
        httpx.Response(200, json=["not", "a", "task"]),
    ],
    ids=["500", "502", "503", "connect", "dropped", "timeout", "truncated", "wrong-shape"],
)
def test_transient_faults_are_retried_not_terminal(provider: str, fault: Any) -> None:
    snap, script, _ = run(provider, [fault, fault, ok(provider, "T1", RAW[provider][1])])
    assert snap.status is Status.SUCCEEDED and len(script.requests) == 3


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("code", [401, 403])
def test_refused_key_raises_at_once(provider: str, code: int) -> None:
    with pytest.raises(taskwait.AuthenticationError) as exc:
        run(provider, [httpx.Response(code, json={"detail": f"Invalid API Key {KEY}"})])
    assert exc.value.status_code == code
    assert KEY not in str(exc.value) and KEY not in repr(exc.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unknown_task_raises_at_once(provider: str) -> None:
    script = Script([httpx.Response(404, json={"detail": "Not found."}), ok(provider, "T1", RAW[provider][1])])
    with pytest.raises(taskwait.TaskNotFound) as exc:
        taskwait.wait_for(script.client(provider), "T1", **FakeTime().kwargs())
    assert exc.value.task_id == "T1" and "Not found." in str(exc.value) and len(script.requests) == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unexpected_answer_is_a_provider_error_with_excerpt(provider: str) -> None:
    echo = f'{{"detail": "bad header x-apikey={KEY}", "more": "{"x" * 2000}"}}'
    with pytest.raises(taskwait.ProviderError) as exc:
        run(provider, [httpx.Response(400, text=echo)])
    err = exc.value
    assert err.status_code == 400 and "bad header" in err.body and len(err.body) < 400
    assert KEY not in str(err) and KEY not in err.body and "[REDACTED]" in err.body


def test_unknown_status_keeps_polling_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    answers = [ok("flexprice", "T1", "RETRYING")] * 3 + [ok("flexprice", "T1", "COMPLETED")]
    with caplog.at_level(logging.WARNING, logger="taskwait"):
        snap, script, _ = run("flexprice", answers)
    assert snap.status is Status.SUCCEEDED and len(script.requests) == 4
    warnings = [r for r in caplog.records if "RETRYING" in r.getMessage()]
    assert len(warnings) == 1 and KEY not in caplog.text


def test_unknown_status_until_the_deadline_times_out() -> None:
    with pytest.raises(taskwait.WaitTimeout) as exc:
        run("deepomatic", [ok("deepomatic", "T1", "queued")], timeout=30)
    assert exc.value.snapshot is not None and exc.value.snapshot.status is Status.UNKNOWN


def test_key_echoed_in_a_task_error_is_redacted() -> None:
    with pytest.raises(taskwait.TaskFailed) as exc:
        run("deepomatic", [ok("deepomatic", "T1", "error", error=f"key {KEY} lacks scope")])
    assert KEY not in str(exc.value) and KEY not in repr(exc.value.snapshot)
    assert exc.value.snapshot.error == "key [REDACTED] lacks scope"


@pytest.mark.parametrize("task_id", ["", "   ", ".", ".."])
def test_bad_task_ids_fail_before_any_request(task_id: str) -> None:
    script = Script([ok("databar", "x", "completed")])
    with pytest.raises(ValueError):
        taskwait.wait_for(script.client("databar"), task_id)
    with pytest.raises(ValueError):
        taskwait.get_task(script.client("databar"), task_id)
    assert script.requests == []


def test_non_string_task_id_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        taskwait.wait_for(Script([]).client("databar"), 123)  # type: ignore[arg-type]


@pytest.mark.parametrize("task_id", ["a/b?c#d", "50% off", "tâche ünïcode", "..."])
def test_odd_task_ids_are_one_encoded_segment(task_id: str) -> None:
    script = Script([ok("lobstr", task_id, "completed")])
    snap = taskwait.get_task(script.client("lobstr"), task_id)
    assert snap.task_id == task_id
    raw = script.requests[0].url.raw_path.decode()
    assert raw.startswith("/v1/tasks/") and "/" not in raw[len("/v1/tasks/") :]


def test_other_objects_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="generated packages"):
        taskwait.wait_for(httpx.Client(), "T1")  # type: ignore[arg-type]


def test_plain_client_works_and_its_header_key_is_redacted() -> None:
    import databar_client

    script = Script([httpx.Response(400, json={"detail": f"echo {KEY}"})])
    client = databar_client.Client(
        base_url="https://api.databar.ai",
        headers={"x-apikey": KEY},
        httpx_args={"transport": httpx.MockTransport(script)},
    )
    with pytest.raises(taskwait.ProviderError) as exc:
        taskwait.get_task(client, "T1")
    assert KEY not in str(exc.value)


def test_get_task_is_one_request_and_transient_faults_raise() -> None:
    script = Script([ok("openmart", "T1", "PROCESSING")])
    snap = taskwait.get_task(script.client("openmart"), "T1")
    assert snap.status is Status.RUNNING and len(script.requests) == 1
    with pytest.raises(taskwait.ProviderError, match="HTTP 503"):
        taskwait.get_task(Script([httpx.Response(503)]).client("openmart"), "T1")


@pytest.mark.parametrize(
    "kwargs", [{"interval": 0}, {"interval": -1}, {"max_interval": 0.5, "interval": 1}, {"timeout": -1}]
)
def test_bad_schedule_is_a_value_error(kwargs: dict[str, Any]) -> None:
    script = Script([ok("databar", "T1", "completed")])
    with pytest.raises(ValueError):
        taskwait.wait_for(script.client("databar"), "T1", **kwargs)
    assert script.requests == []


def test_a_low_max_interval_lowers_the_default_interval() -> None:
    _, _, fake = run("lobstr", [ok("lobstr", "T1", "running"), ok("lobstr", "T1", "completed")], max_interval=2)
    assert fake.sleeps == [pytest.approx(2 * 0.95)]  # Lobstr's 5 s default capped by max_interval


def test_backoff_grows_to_max_interval_with_bounded_jitter() -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing")] * 20 + [ok("databar", "T1", "completed")], time=fake)
    taskwait.wait_for(script.client("databar"), "T1", interval=1, max_interval=8, clock=fake.clock, sleep=fake.sleep,
                      rand=lambda: 0.0)  # fmt: skip
    assert fake.sleeps[:4] == pytest.approx([1, 1.2, 1.44, 1.728]) and fake.sleeps[-1] == 8
