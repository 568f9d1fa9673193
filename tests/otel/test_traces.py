"""The span tree and attributes of each kind of wait, on scripted answers and a fake clock."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from taskwait.resume import begin, step
from tests.otel.conftest import Otel
from tests.support import KEY, FakeTime, Script, ok


def attrs_of(span: Any) -> dict[str, Any]:
    return dict(span.attributes or {})


def test_a_sync_wait_is_one_span_with_a_client_span_per_request(otel: Otel) -> None:
    fake = FakeTime()
    script = Script([ok("flexprice", "T1", "PROCESSING", done=10, total=100),
                     ok("flexprice", "T1", "PROCESSING", done=50, total=100),
                     ok("flexprice", "T1", "COMPLETED", done=100, total=100)], time=fake)  # fmt: skip
    taskwait.wait_for(script.client("flexprice"), "T1", **fake.kwargs())
    (wait,) = otel.spans("taskwait.wait_for")
    assert attrs_of(wait) == {"taskwait.provider": "flexprice", "taskwait.kind": "task", "taskwait.unit_id": "T1",
                              "taskwait.status": "succeeded", "taskwait.raw_status": "COMPLETED",
                              "taskwait.polls": 3, "taskwait.timed_out": False}  # fmt: skip
    gets = otel.children(wait)
    assert [s.name for s in gets] == ["GET"] * 3 and all(s.kind.name == "CLIENT" for s in gets)
    assert attrs_of(gets[0]) == {"http.request.method": "GET", "url.full": "https://us.api.flexprice.io/v1/tasks/T1",
                                 "server.address": "us.api.flexprice.io",
                                 "http.response.status_code": 200}  # fmt: skip
    assert [e.name for e in wait.events] == ["taskwait.sleep"] * 2  # sleeps are events, not spans
    assert [e.attributes["taskwait.sleep"] for e in wait.events] == pytest.approx(fake.sleeps)
    # metrics: one wait, three answered requests, its polls and (fake-clock) duration; progress predicted the end
    assert [(a["taskwait.reply"], p.value) for a, p in otel.points("taskwait.requests")] == [("answered", 3)]
    ((labels, polls),) = otel.points("taskwait.wait.polls")
    assert labels["taskwait.outcome"] == "succeeded" and polls.sum == 3
    assert otel.points("taskwait.wait.duration")[0][1].sum == pytest.approx(sum(fake.sleeps))
    assert otel.points("taskwait.wait.detection_delay")[0][1].count == 1
    assert [p.value for _, p in otel.points("taskwait.waits.active")] == [0]


def test_an_async_wait_has_the_same_tree(otel: Otel) -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing"), ok("databar", "T1", "completed")], time=fake)

    async def main() -> None:
        await taskwait.wait_for_async(script.client("databar"), "T1", **fake.kwargs(use_async=True))

    anyio.run(main)
    (wait,) = otel.spans("taskwait.wait_for")
    assert attrs_of(wait)["taskwait.status"] == "succeeded" and attrs_of(wait)["taskwait.polls"] == 2
    assert [s.name for s in otel.children(wait)] == ["GET", "GET"]


def test_wait_for_many_is_a_span_per_id_and_a_list_request_links_them(otel: Otel) -> None:
    fake = FakeTime()
    tasks = [{"id": t, "status": "success", "error": None, "date_created": "2018-03-10T20:38:12Z",
              "date_updated": None, "data": {}, "subtasks": None} for t in ("A", "B")]  # fmt: skip
    script = Script([httpx.Response(200, json={"count": 2, "next": None, "previous": None, "results": tasks})])
    out = taskwait.wait_for_many(script.client("deepomatic"), ["A", "B"], **fake.kwargs())
    assert all(isinstance(r, taskwait.TaskSnapshot) for r in out.values())
    waits = {attrs_of(s)["taskwait.unit_id"]: s for s in otel.spans("taskwait.wait_for_many")}
    assert set(waits) == {"A", "B"} and all(attrs_of(s)["taskwait.status"] == "succeeded" for s in waits.values())
    (get,) = otel.children(waits["A"])  # one list request: a child of the first id's span, linked to the other
    assert "task_ids=A&task_ids=B" in attrs_of(get)["url.full"]
    assert [link.context.span_id for link in get.links] == [waits["B"].context.span_id]


def test_a_429_with_retry_after_is_an_event_and_a_resend(otel: Otel) -> None:
    fake = FakeTime()
    script = Script([httpx.Response(429, headers={"Retry-After": "7"}), ok("lobstr", "T1", "completed")], time=fake)
    taskwait.wait_for(script.client("lobstr"), "T1", **fake.kwargs())
    (wait,) = otel.spans("taskwait.wait_for")
    first, second = otel.children(wait)
    assert attrs_of(first)["http.response.status_code"] == 429 and attrs_of(first)["error.type"] == "429"
    assert first.status.status_code.name == "ERROR"
    assert [(e.name, e.attributes["taskwait.retry_after"]) for e in first.events] == [("taskwait.retry_after", 7.0)]
    assert attrs_of(second)["http.request.resend_count"] == 1 and "http.request.resend_count" not in attrs_of(first)
    (sleep,) = wait.events
    assert sleep.attributes["taskwait.retry_after"] == 7.0 and sleep.attributes["taskwait.sleep"] >= 7.0
    replies = {a["taskwait.reply"]: p.value for a, p in otel.points("taskwait.requests")}
    assert replies == {"429": 1, "answered": 1}


def test_an_http_date_retry_after_and_5xx_and_network_replies(otel: Otel) -> None:
    fake = FakeTime()
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    answers = [httpx.Response(503, headers={"Retry-After": when}), httpx.ConnectError("refused"),
               httpx.ReadTimeout("slow"), ok("databar", "T1", "completed")]  # fmt: skip
    taskwait.wait_for(Script(answers, time=fake).client("databar"), "T1", **fake.kwargs())
    replies = {a["taskwait.reply"]: p.value for a, p in otel.points("taskwait.requests")}
    assert replies == {"5xx": 1, "network": 1, "timeout": 1, "answered": 1}
    gets = otel.children(otel.spans("taskwait.wait_for")[0])
    assert [attrs_of(s).get("error.type") for s in gets] == ["503", "ConnectError", "ReadTimeout", None]
    assert [attrs_of(s).get("http.request.resend_count") for s in gets] == [None, 1, 2, 3]
    assert 25 < gets[0].events[0].attributes["taskwait.retry_after"] <= 30


def test_a_timeout_says_so(otel: Otel) -> None:
    fake = FakeTime()
    with pytest.raises(taskwait.WaitTimeout):
        taskwait.wait_for(Script([ok("databar", "T1", "processing")]).client("databar"), "T1", timeout=5,
                          **fake.kwargs())  # fmt: skip
    (wait,) = otel.spans("taskwait.wait_for")
    a = attrs_of(wait)
    assert a["taskwait.timed_out"] is True and a["error.type"] == "WaitTimeout" and a["taskwait.status"] == "running"
    assert wait.status.status_code.name == "ERROR"
    assert [a["taskwait.outcome"] for a, _ in otel.points("taskwait.wait.polls")] == ["WaitTimeout"]


def test_a_refused_key_ends_every_wait_of_many_with_its_error(otel: Otel) -> None:
    fake = FakeTime()
    script = Script([httpx.Response(401, json={"detail": f"bad key {KEY}"})])
    with pytest.raises(taskwait.AuthenticationError):
        taskwait.wait_for_many(script.client("databar"), ["A", "B", "C"], concurrency=1, **fake.kwargs())
    spans = otel.spans("taskwait.wait_for_many")
    assert len(spans) == 3 and {attrs_of(s)["error.type"] for s in spans} == {"AuthenticationError"}
    get = next(s for s in otel.spans("GET"))
    assert attrs_of(get)["http.response.status_code"] == 401 and attrs_of(get)["error.type"] == "401"
    assert [p.value for _, p in otel.points("taskwait.waits.active")] == [0]


def test_a_step_is_one_span_under_the_current_one(otel: Otel) -> None:
    client = Script([ok("openmart", "T1", "PROCESSING"), ok("openmart", "T1", "COMPLETED")]).client("openmart")
    tracer = otel.tracer_provider.get_tracer("test")
    state = begin("openmart", "T1", now=1000.0)
    with tracer.start_as_current_span("job") as job:
        state = step(client, state, clock=lambda: 1000.0)
        state = step(client, state, clock=lambda: 1001.0)
    assert state.done
    steps = otel.spans("taskwait.step")
    assert len(steps) == 2 and all(s.parent is not None and s.parent.span_id == job.get_span_context().span_id
                                   for s in steps)  # fmt: skip
    assert [attrs_of(s)["taskwait.polls"] for s in steps] == [1, 2]
    assert [attrs_of(s)["taskwait.status"] for s in steps] == ["running", "succeeded"]
    assert [len(otel.children(s)) for s in steps] == [1, 1]
    ((_, polls),) = otel.points("taskwait.wait.polls")  # recorded once, when the wait ended
    assert polls.count == 1 and polls.sum == 2


def test_get_task_is_a_span_with_its_request(otel: Otel) -> None:
    taskwait.get_task(Script([ok("databar", "T1", "completed")]).client("databar"), "T1")
    (look,) = otel.spans("taskwait.get_task")
    assert attrs_of(look)["taskwait.status"] == "succeeded" and len(otel.children(look)) == 1


def test_no_secret_in_any_span_event_metric_or_log_record(otel: Otel, caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeTime()
    answers = [httpx.Response(503, json={"detail": f"key {KEY} refused"}, headers={"Retry-After": "1"}),
               ok("databar", "T1", "processing", error=f"echo {KEY}"),
               ok("databar", "T1", "failed", error=f"echo {KEY}")]  # fmt: skip
    with caplog.at_level(logging.DEBUG), pytest.raises(taskwait.TaskFailed):  # httpx's own DEBUG records too
        taskwait.wait_for(Script(answers, time=fake).client("databar"), "T1", **fake.kwargs())
    assert any(r.name.startswith("httpx") for r in caplog.records)
    texts = [s.to_json() for s in otel.spans()] + [otel.metrics_json()]
    texts += [json.dumps(r.__dict__, default=repr) + r.getMessage() for r in caplog.records]
    assert texts and not [t for t in texts if KEY in t]
    get = otel.spans("GET")[0]
    assert attrs_of(get)["url.full"] == "https://api.databar.ai/v1/tasks/T1"


def test_log_records_carry_structured_fields(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeTime()
    script = Script([httpx.Response(429, headers={"Retry-After": "3"}), ok("databar", "T1", "completed")], time=fake)
    with caplog.at_level(logging.DEBUG, logger="taskwait"):
        taskwait.wait_for(script.client("databar"), "T1", **fake.kwargs())
    polls = [r for r in caplog.records if r.name == "taskwait"]
    assert [(r.provider, r.kind, r.task_id, r.attempt, r.status_code) for r in polls] == [  # type: ignore[attr-defined]
        ("databar", "task", "T1", 1, 429), ("databar", "task", "T1", 2, 200)]  # fmt: skip
    assert polls[0].sleep >= 3 and not hasattr(polls[1], "sleep")  # type: ignore[attr-defined]
