"""Units besides the task, read through the adapter table: statuses, progress, data, handles, grace, kind errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from databar_client.models import RunResponse
from deepomatic_client.models import InferenceResponse
from flexprice_client.models import TriggerForceRunResponse
from lobstr_client.models import Run, TaskUpload
from openmart_client.models import SubmittedBatch, SubmittedBatchStatus

import taskwait
from taskwait import Progress, Status
from tests.support import FakeTime, Script, ok


def routed(routes: dict[str, list[httpx.Response]]) -> Script:
    """Answers by path: each path's answers in order, then its last again."""

    def answer(request: httpx.Request) -> httpx.Response:
        answers = routes[request.url.path]
        return answers.pop(0) if len(answers) > 1 else answers[0]

    return Script([answer])


def batch(processing: int, completed: int, errored: int, ready: bool) -> httpx.Response:
    total = processing + completed + errored
    return httpx.Response(200, json={"processing": processing, "completed": completed, "errored": errored,
                                     "total": total, "batch_ready": ready})  # fmt: skip


def run_body(status: str, **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"id": "R1", "object": "run", "status": status, "is_done": False} | extra)


def stats(done: int, total: int) -> httpx.Response:
    return httpx.Response(200, json={"is_done": done == total, "total_tasks": total, "total_tasks_done": done})


def test_an_openmart_batch_runs_until_ready_then_carries_its_task_ids() -> None:
    fake, seen = FakeTime(), []
    script = routed({
        "/api/v1/task/batch/B1/status": [batch(2, 1, 0, False), batch(0, 2, 1, True)],
        "/api/v1/task/batch/B1/task_ids": [httpx.Response(200, json=["T1", "T2", "T3"])],
    })  # fmt: skip
    snap = taskwait.wait_for(script.client("openmart"), "B1", kind="batch", on_update=seen.append, **fake.kwargs())
    assert [s.status for s in seen] == [Status.RUNNING, Status.SUCCEEDED]
    assert seen[0].progress == Progress(1, 3) and seen[0].data is None
    assert snap.kind == "batch" and snap.data == ["T1", "T2", "T3"] and snap.progress == Progress(3, 3)
    assert [r.url.path for r in script.requests].count("/api/v1/task/batch/B1/task_ids") == 1


@pytest.mark.parametrize(
    ("final", "expected", "error"),
    [("done", Status.SUCCEEDED, None), ("error", Status.FAILED, taskwait.TaskFailed),
     ("aborted", Status.CANCELLED, taskwait.TaskCancelled)],
)  # fmt: skip
def test_a_lobstr_run_reads_its_status_and_its_stats(final: str, expected: Status, error: type | None) -> None:
    fake, seen = FakeTime(), []
    script = routed({
        "/v1/runs/R1": [run_body("pending"), run_body("running"), run_body("uploading"),
                        run_body(final, done_reason="aborted" if final == "aborted" else None)],
        "/v1/runs/R1/stats": [stats(0, 4), stats(1, 4), stats(4, 4), stats(4, 4)],
    })  # fmt: skip
    snap = taskwait.wait_for(script.client("lobstr"), "R1", kind="run", on_update=seen.append,
                             raise_on_failure=False, **fake.kwargs())  # fmt: skip
    assert [s.status for s in seen] == [Status.PENDING, Status.RUNNING, Status.RUNNING, expected]
    assert [s.progress for s in seen][:2] == [Progress(0, 4), Progress(1, 4)] and snap.kind == "run"
    if error is not None:
        with pytest.raises(error):
            taskwait.wait_for(routed({"/v1/runs/R1": [run_body(final)], "/v1/runs/R1/stats": [stats(1, 4)]})
                              .client("lobstr"), "R1", kind="run", **fake.kwargs())  # fmt: skip


def test_a_failed_stats_read_is_transient_and_the_run_is_read_again() -> None:
    fake = FakeTime()
    script = routed({"/v1/runs/R1": [run_body("done")], "/v1/runs/R1/stats": [httpx.Response(503), stats(2, 2)]})
    snap = taskwait.wait_for(script.client("lobstr"), "R1", kind="run", **fake.kwargs())
    assert snap.status is Status.SUCCEEDED and snap.progress == Progress(2, 2)
    assert [r.url.path for r in script.requests] == ["/v1/runs/R1", "/v1/runs/R1/stats"] * 2


def test_a_lobstr_upload_answers_202_while_in_progress() -> None:
    fake, seen = FakeTime(), []
    meta = {"duplicates": 1, "inserted": 7, "invalid": 2, "valid": 8}
    script = routed({"/v1/tasks/upload/U1": [
        httpx.Response(202, json={"id": "U1", "object": "task_upload", "state": "PENDING", "meta": None}),
        httpx.Response(202, json={"id": "U1", "object": "task_upload", "state": "PROGRESS", "meta": None}),
        httpx.Response(200, json={"id": "U1", "object": "task_upload", "state": "SUCCESS", "meta": meta}),
    ]})  # fmt: skip
    snap = taskwait.wait_for(script.client("lobstr"), "U1", kind="upload", on_update=seen.append, **fake.kwargs())
    assert [s.status for s in seen] == [Status.PENDING, Status.RUNNING, Status.SUCCEEDED]
    assert snap.data == meta and snap.progress == Progress(8, 10) and snap.kind == "upload"


FORCE_RUN = TriggerForceRunResponse(workflow_id="task_01HK8DBMBN87CY36DEFY62PEXBT", mode="force run")
NOT_FOUND = httpx.Response(404, json={"code": "not_found", "message": "task not found", "http_status_code": 404})


def test_a_flexprice_force_run_may_404_for_a_moment() -> None:
    fake = FakeTime()
    done = ok("flexprice", FORCE_RUN.workflow_id, "COMPLETED", done=5, total=5)
    script = Script([NOT_FOUND, NOT_FOUND, done], time=fake)
    snap = taskwait.wait_for(script.client("flexprice"), FORCE_RUN, **fake.kwargs())
    assert snap.status is Status.SUCCEEDED and snap.task_id == FORCE_RUN.workflow_id and len(script.requests) == 3


def test_the_grace_ends_and_a_bare_id_has_none() -> None:
    fake = FakeTime()
    with pytest.raises(taskwait.TaskNotFound):
        taskwait.wait_for(Script([NOT_FOUND], time=fake).client("flexprice"), FORCE_RUN, **fake.kwargs())
    assert fake.now - 1000 >= 30  # the grace (30 s for a force run) passed before it was believed
    script = Script([NOT_FOUND])
    with pytest.raises(taskwait.TaskNotFound):
        taskwait.wait_for(script.client("flexprice"), FORCE_RUN.workflow_id)
    assert len(script.requests) == 1
    fake = FakeTime()
    script = Script([NOT_FOUND, ok("databar", "T1", "completed")], time=fake)
    snap = taskwait.wait_for(script.client("databar"), "T1", not_found_grace=10, **fake.kwargs())
    assert snap.status is Status.SUCCEEDED


@pytest.mark.parametrize(
    ("provider", "handle", "path"),
    [
        ("databar", RunResponse(task_id="T9", status="processing"), "/v1/tasks/T9"),
        ("deepomatic", InferenceResponse(task_id="269999729"), "/v0.7/tasks/269999729"),
        ("openmart", SubmittedBatch(batch_id="B7", submit_for="find_people",
                                    status=SubmittedBatchStatus(batch_ready=False)), "/api/v1/task/batch/B7/status"),
        ("lobstr", Run(id="R7", status="pending", is_done=False), "/v1/runs/R7"),
        ("lobstr", TaskUpload(id="U7", object_="task_upload"), "/v1/tasks/upload/U7"),
        ("flexprice", FORCE_RUN, "/v1/tasks/" + FORCE_RUN.workflow_id),
    ],
)  # fmt: skip
def test_a_creators_answer_names_the_unit_to_read(provider: str, handle: Any, path: str) -> None:
    script = Script([httpx.Response(500)])
    with pytest.raises(taskwait.ProviderError):
        taskwait.get_task(script.client(provider), handle)
    assert script.requests[0].url.path == path


@pytest.mark.parametrize(("provider", "kind"), [("databar", "batch"), ("openmart", "run"), ("lobstr", "batch"),
                                                ("flexprice", "upload"), ("deepomatic", "nope")])  # fmt: skip
def test_a_kind_the_provider_does_not_have_is_a_value_error(provider: str, kind: str) -> None:
    script = Script([httpx.Response(500)])
    with pytest.raises(ValueError, match=kind):
        taskwait.wait_for(script.client(provider), "X1", kind=kind)
    assert script.requests == []


def test_handles_that_disagree_or_cannot_be_read() -> None:
    client = Script([httpx.Response(500)]).client("lobstr")
    with pytest.raises(ValueError, match="upload"):
        taskwait.wait_for(client, TaskUpload(id="U1"), kind="run")
    with pytest.raises(TypeError, match="creator"):
        taskwait.wait_for(client, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one kind"):
        taskwait.wait_for_many(client, [Run(id="R1", status="pending", is_done=False), TaskUpload(id="U1")])


def test_the_kind_reaches_the_messages() -> None:
    fake = FakeTime()
    script = routed({"/v1/runs/R1": [run_body("error", done_reason_desc="crawler crashed")],
                     "/v1/runs/R1/stats": [stats(1, 2)]})  # fmt: skip
    with pytest.raises(taskwait.TaskFailed, match="lobstr run R1 failed: crawler crashed"):
        taskwait.wait_for(script.client("lobstr"), "R1", kind="run", **fake.kwargs())
    script = routed({"/v1/runs/R2": [run_body("running")], "/v1/runs/R2/stats": [stats(1, 2)]})
    with pytest.raises(taskwait.WaitTimeout, match=r"^lobstr run R2 not finished after"):
        taskwait.wait_for(script.client("lobstr"), "R2", kind="run", timeout=30, **FakeTime().kwargs())
    for code, error, words in [(404, taskwait.TaskNotFound, "lobstr has no upload U1 (HTTP 404)"),
                               (401, taskwait.AuthenticationError, "(HTTP 401) for upload U1"),
                               (418, taskwait.ProviderError, "answered HTTP 418 for upload U1")]:  # fmt: skip
        with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
            taskwait.get_task(Script([httpx.Response(code)]).client("lobstr"), "U1", kind="upload")
    state = taskwait.begin("lobstr", "R3", kind="run", now=1_700_000_000.0)
    with pytest.raises(ValueError, match="lobstr run R3 has not ended yet"):
        state.result()


def test_openmart_gets_a_read_timeout_longer_than_its_submit_throttle() -> None:
    timeout = taskwait.connect("openmart", "k-12345").get_httpx_client().timeout
    assert timeout.read is not None and timeout.read >= 60  # a submit sleeps ~26 s before it answers
    assert taskwait.connect("databar", "k-12345").get_httpx_client().timeout.read == 30


def test_the_known_kinds_are_exactly_the_units_the_adapters_have() -> None:
    from taskwait.providers import ADAPTERS
    from taskwait.status import KINDS

    units = [kind for adapter in ADAPTERS.values() for kind in adapter.units]
    assert tuple(dict.fromkeys(units)) == KINDS
