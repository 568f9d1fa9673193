"""Cancel: `cancel`/`cancel_async`, `CancelNotSupported`, and `cancel_on` for waits and steps (simulated clock)."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest
from databar_client.models import RunResponse
from lobstr_client.models import Run

import taskwait
from taskwait import Status
from taskwait.cancelling import CANCEL_TIMEOUT, CANCELS_ATTR
from tests.support import KEY, FakeTime, Script, ok


def databar_task(raw: str, task_id: str = "T1", **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"task_id": task_id, "status": raw, "credits_spent": 0} | extra)


def lobstr_run(status: str, **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"id": "R1", "object": "run", "status": status, "is_done": False} | extra)


def by_method(get: list[httpx.Response], post: list[httpx.Response]) -> Script:
    """GETs and POSTs answered from their own lists (then their last again)."""

    def answer(request: httpx.Request) -> httpx.Response:
        answers = get if request.method == "GET" else post
        return answers.pop(0) if len(answers) > 1 else answers[0]

    return Script([answer])


def posts(script: Script) -> list[str]:
    return [r.url.path for r in script.requests if r.method == "POST"]


def test_cancel_a_databar_task_returns_what_the_provider_answered() -> None:
    script = by_method([], [databar_task("cancelled", data=[{"row": 1}])])
    snap = taskwait.cancel(script.client("databar"), "T1")
    assert snap.status is Status.CANCELLED and snap.data == [{"row": 1}]
    assert posts(script) == ["/v1/tasks/T1/cancel"] and len(script.requests) == 1


def test_cancel_a_lobstr_run_aborts_it() -> None:
    script = by_method([], [lobstr_run("uploading", is_done=True, done_reason="aborted")])
    snap = taskwait.cancel(script.client("lobstr"), Run(id="R1", status="running", is_done=False))
    assert snap.kind == "run" and snap.raw_status == "uploading" and posts(script) == ["/v1/runs/R1/abort"]


def test_cancel_takes_a_creators_answer() -> None:
    script = by_method([], [databar_task("cancelled")])
    snap = taskwait.cancel(script.client("databar"), RunResponse(task_id="T1", status="processing"))
    assert snap.task_id == "T1" and posts(script) == ["/v1/tasks/T1/cancel"]


def test_cancelling_a_finished_databar_task_returns_its_terminal_snapshot() -> None:
    script = by_method([databar_task("completed", data={"x": 1})], [httpx.Response(409, json={"detail": "terminal"})])
    snap = taskwait.cancel(script.client("databar"), "T1")
    assert snap.status is Status.SUCCEEDED and snap.data == {"x": 1}
    assert [r.method for r in script.requests] == ["POST", "GET"]


def test_cancelling_a_finished_lobstr_run_returns_its_terminal_snapshot() -> None:
    gone = httpx.Response(404, json={"error": {"message": "Run not found or already completed"}})
    stats = httpx.Response(200, json={"id": "R1", "total_tasks": 2, "total_tasks_done": 2, "is_done": True})
    script = Script([lambda r: gone if r.method == "POST" else stats if r.url.path.endswith("stats") else
                     lobstr_run("done", is_done=True)])  # fmt: skip
    snap = taskwait.cancel(script.client("lobstr"), "R1", kind="run")
    assert snap.status is Status.SUCCEEDED


def test_cancelling_an_unknown_run_is_task_not_found() -> None:
    gone = httpx.Response(404, json={"error": {"message": "Run not found"}})
    with pytest.raises(taskwait.TaskNotFound):
        taskwait.cancel(Script([gone]).client("lobstr"), "R1", kind="run")


@pytest.mark.parametrize(
    ("provider", "kind"),
    [("deepomatic", "task"), ("openmart", "task"), ("openmart", "batch"), ("flexprice", "task"), ("lobstr", "task"),
     ("lobstr", "upload"), ("databar", "export")],
)  # fmt: skip
def test_cancel_not_supported_names_what_can_be_cancelled(provider: str, kind: str) -> None:
    script = Script([httpx.Response(500)])
    with pytest.raises(taskwait.CancelNotSupported) as exc:
        taskwait.cancel(script.client(provider), "T1", kind=kind)
    assert "databar task" in str(exc.value) and "lobstr run" in str(exc.value) and script.requests == []
    with pytest.raises(taskwait.CancelNotSupported):
        taskwait.wait_for(script.client(provider), "T1", kind=kind, cancel_on={"timeout"})
    assert script.requests == []


def test_cancel_async() -> None:
    script = by_method([], [databar_task("cancelled")])
    snap = anyio.run(lambda: taskwait.cancel_async(script.client("databar"), "T1"))
    assert snap.status is Status.CANCELLED and posts(script) == ["/v1/tasks/T1/cancel"]


def test_cancel_never_shows_the_key() -> None:
    script = by_method([], [httpx.Response(418, text=f"teapot {KEY}")])
    with pytest.raises(taskwait.ProviderError) as exc:
        taskwait.cancel(script.client("databar"), "T1")
    assert KEY not in str(exc.value) and KEY not in exc.value.body


@pytest.mark.parametrize("bad", ["timeout", b"timeout", 3])
def test_cancel_on_must_be_a_set_of_words(bad: Any) -> None:
    with pytest.raises(TypeError, match="cancel_on"):
        taskwait.wait_for(Script([]).client("databar"), "T1", cancel_on=bad)


def test_cancel_on_knows_two_words() -> None:
    with pytest.raises(ValueError, match="'never'"):
        taskwait.wait_for(Script([]).client("databar"), "T1", cancel_on={"timeout", "never"})


def test_without_cancel_on_a_timeout_sends_no_cancel() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [databar_task("cancelled")])
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(script.client("databar"), "T1", timeout=10, **fake.kwargs())
    assert posts(script) == [] and exc.value.cancelled is None


def test_cancel_on_timeout_cancels_once_and_still_raises_the_timeout() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [databar_task("cancelled", data=[{"row": 1}])])
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(script.client("databar"), "T1", timeout=10, cancel_on={"timeout"}, **fake.kwargs())
    assert posts(script) == ["/v1/tasks/T1/cancel"]
    assert exc.value.cancelled is True and "cancel sent" in str(exc.value) and "'cancelled'" in str(exc.value)
    assert exc.value.cancel_snapshot is not None and exc.value.cancel_snapshot.data == [{"row": 1}]


def test_a_cancel_that_fails_is_said_on_the_timeout() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [httpx.Response(503)])
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(script.client("databar"), "T1", timeout=10, cancel_on={"timeout"}, **fake.kwargs())
    assert exc.value.cancelled is False and "did not go through (HTTP 503)" in str(exc.value)
    assert len(posts(script)) == 1  # one cancel request: it is not retried


def test_the_cancel_gets_its_own_bounded_time_after_the_deadline() -> None:
    fake = FakeTime()
    seen: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            seen.append(fake.now)
            return databar_task("cancelled")
        return databar_task("processing")

    deadlines: list[float | None] = []
    import taskwait.cancelling as cancelling

    real = cancelling.drive

    def spy(client: Any, plan: Any, deadline: float | None = None, clock: Any = None, **rest: Any) -> Any:
        deadlines.append(deadline)
        return real(client, plan, deadline, clock, **rest)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cancelling, "drive", spy)
        with pytest.raises(taskwait.WaitTimeout):
            taskwait.wait_for(Script([answer]).client("databar"), "T1", timeout=10, cancel_on={"timeout"},
                              **fake.kwargs())  # fmt: skip
    assert seen and deadlines == [seen[0] + CANCEL_TIMEOUT]


def test_a_finished_unit_is_not_cancelled() -> None:
    fake = FakeTime()
    script = by_method([databar_task("completed")], [databar_task("cancelled")])
    taskwait.wait_for(script.client("databar"), "T1", timeout=10, cancel_on={"timeout", "interrupt"}, **fake.kwargs())
    assert posts(script) == []


def test_wait_for_many_cancels_only_the_units_that_timed_out() -> None:
    fake = FakeTime()

    def answer(request: httpx.Request) -> httpx.Response:
        task_id = request.url.path.split("/")[3]
        if request.method == "POST":
            return databar_task("cancelled", task_id)
        return databar_task("completed" if task_id == "DONE" else "processing", task_id)

    script = Script([answer])
    results = taskwait.wait_for_many(script.client("databar"), ["DONE", "SLOW1", "SLOW2"], timeout=10,
                                     cancel_on={"timeout"}, **fake.kwargs())  # fmt: skip
    assert sorted(posts(script)) == ["/v1/tasks/SLOW1/cancel", "/v1/tasks/SLOW2/cancel"]
    slow = results["SLOW1"]
    assert isinstance(slow, taskwait.WaitTimeout) and slow.cancelled is True
    assert isinstance(results["DONE"], taskwait.TaskSnapshot)


def test_an_interrupt_cancels_the_unfinished_and_is_raised_with_a_note() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [databar_task("cancelled")])

    def interrupt(snap: taskwait.TaskSnapshot) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as exc:
        taskwait.wait_for(script.client("databar"), "T1", on_update=interrupt, cancel_on={"interrupt"},
                          **fake.kwargs())  # fmt: skip
    assert posts(script) == ["/v1/tasks/T1/cancel"]
    assert "cancelled 1 of 1" in " ".join(exc.value.__notes__)
    answers = getattr(exc.value, CANCELS_ATTR)
    assert isinstance(answers["T1"], taskwait.TaskSnapshot) and answers["T1"].status is Status.CANCELLED


def test_an_interrupt_without_interrupt_in_cancel_on_cancels_nothing() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [databar_task("cancelled")])

    def interrupt(snap: taskwait.TaskSnapshot) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        taskwait.wait_for(script.client("databar"), "T1", on_update=interrupt, cancel_on={"timeout"}, **fake.kwargs())
    assert posts(script) == []


def test_async_timeout_cancels() -> None:
    fake = FakeTime()
    script = by_method([databar_task("processing")], [databar_task("cancelled")])

    async def main() -> None:
        with pytest.raises(taskwait.WaitTimeout) as exc:
            await taskwait.wait_for_async(script.client("databar"), "T1", timeout=10, cancel_on={"timeout"},
                                          **fake.kwargs(use_async=True))  # fmt: skip
        assert exc.value.cancelled is True

    anyio.run(main)
    assert posts(script) == ["/v1/tasks/T1/cancel"]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_async_cancellation_cancels_the_remote_work_shielded(backend: str) -> None:
    script = by_method([lobstr_run("running")], [lobstr_run("aborted", is_done=True)])
    notes: list[str] = []

    async def main() -> None:
        with anyio.CancelScope() as scope:

            async def sleep(seconds: float) -> None:
                scope.cancel()  # the caller gives up while the wait sleeps
                await anyio.sleep(seconds)

            try:
                await taskwait.wait_for_async(script.client("lobstr"), "R1", kind="run", cancel_on={"interrupt"},
                                              sleep=sleep)  # fmt: skip
            except BaseException as exc:
                notes.extend(getattr(exc, "__notes__", []))
                raise
        assert scope.cancelled_caught

    anyio.run(main, backend=backend)
    assert posts(script) == ["/v1/runs/R1/abort"] and "cancelled 1 of 1" in " ".join(notes)


def test_step_cancels_when_it_times_the_wait_out() -> None:
    script = by_method([databar_task("processing")], [databar_task("cancelled")])
    state = taskwait.begin("databar", "T1", timeout=5, cancel_on={"timeout"}, now=100.0)
    assert taskwait.WaitState.from_json(state.to_json()) == state
    state = taskwait.step(script.client("databar"), state, clock=lambda: 100.0)
    assert not state.done and posts(script) == []
    state = taskwait.step(script.client("databar"), state, clock=lambda: 106.0)
    assert state.outcome == "timed_out" and state.cancelled is True and posts(script) == ["/v1/tasks/T1/cancel"]
    with pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.WaitState.from_json(state.to_json()).result()
    assert exc.value.cancelled is True and "cancel sent" in str(exc.value)


def test_begin_refuses_cancel_on_for_what_cannot_be_cancelled() -> None:
    with pytest.raises(taskwait.CancelNotSupported):
        taskwait.begin("flexprice", "T1", cancel_on={"timeout"})


def test_a_state_written_before_cancel_on_existed_still_loads() -> None:
    import json

    data = json.loads(taskwait.begin("databar", "T1", now=1.0).to_json())
    del data["cancel_on"], data["cancelled"]
    state = taskwait.WaitState.from_json(json.dumps(data))
    assert state.cancel_on == [] and state.cancelled is None


def test_step_with_zero_timeout_looks_once() -> None:
    script = Script([ok("databar", "T1", "processing")])
    state = taskwait.begin("databar", "T1", timeout=0, now=100.0)
    state = taskwait.step(script.client("databar"), state, clock=lambda: 100.0)
    assert len(script.requests) == 1 and state.outcome == "timed_out" and state.last is not None
    done = taskwait.step(Script([ok("databar", "T1", "completed")]).client("databar"),
                         taskwait.begin("databar", "T1", timeout=0, now=100.0), clock=lambda: 100.0)  # fmt: skip
    assert done.outcome == "succeeded"


def test_databar_bulk_progress_counts_finished_inputs() -> None:
    progress = {"total": 10, "completed": 3, "no_data": 1, "failed": 1, "processing": 5}
    script = Script([databar_task("processing", progress=progress)])
    snap = taskwait.get_task(script.client("databar"), "T1")
    assert snap.progress is not None and (snap.progress.done, snap.progress.total) == (5, 10)


@pytest.mark.parametrize(
    ("answer", "status"),
    [({"status": "queued", "file_id": 1}, Status.PENDING), ({"status": "processing"}, Status.RUNNING),
     ({"status": "completed", "file": None}, Status.RUNNING), ({"status": "completed", "file": "https://f/x.csv"},
     Status.SUCCEEDED), ({"status": "failed", "message": "no rows"}, Status.FAILED)],
)  # fmt: skip
def test_a_databar_export_is_done_once_it_has_a_file(answer: dict[str, Any], status: Status) -> None:
    script = Script([httpx.Response(200, json=answer)])
    snap = taskwait.get_task(script.client("databar"), "3c90c3cc-0d44-4b50-8888-8dd25736052a", kind="export")
    assert snap.status is status and snap.kind == "export"
    assert script.requests[0].url.path == "/v1/table/3c90c3cc-0d44-4b50-8888-8dd25736052a/export"
