"""The contract at its edges: caller mistakes fail at once and typed, hostile answers never escape raw."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx
import pytest

import taskwait
from tests.support import KEY, RAW, FakeTime, Script, body, ok

PROVIDERS = sorted(RAW)
BAD_URLS = ["", "   ", "api.databar.ai", "ftp://api.databar.ai", "http://[::1", "http://", "https://h/p?q=1",
            "http://a b/x", "http://h/\x07", "http://h:0/x"]  # fmt: skip
BAD_KEYS = ["", "key with space", "key\n", "ke\ry", "k\x00ey", "clé-secrète-ñ", "\t"]


def refusing_transport() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    return httpx.MockTransport(handler), sent


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_base_url_that_cannot_work_is_refused_before_any_request(url: str) -> None:
    with pytest.raises(taskwait.ConfigurationError, match="base_url"):
        taskwait.connect("databar", KEY, base_url=url)
    transport, sent = refusing_transport()
    import databar_client

    client = databar_client.AuthenticatedClient(base_url=url, token=KEY, httpx_args={"transport": transport})
    with pytest.raises(taskwait.ConfigurationError, match="base_url"):
        taskwait.wait_for(client, "T1", timeout=5)
    assert sent == []


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("key", BAD_KEYS)
def test_a_key_that_cannot_be_sent_is_refused_and_never_quoted(provider: str, key: str) -> None:
    with pytest.raises(taskwait.ConfigurationError) as exc:
        taskwait.connect(provider, key)
    assert isinstance(exc.value, ValueError)
    if key.strip():
        assert key not in str(exc.value) and key not in repr(exc.value)


@pytest.mark.parametrize("key", BAD_KEYS[1:])
def test_a_bad_key_in_a_hand_built_client_is_refused_by_the_wait(key: str) -> None:
    import flexprice_client

    transport, sent = refusing_transport()
    client = flexprice_client.AuthenticatedClient(
        base_url="http://127.0.0.1:9", token=key, prefix="", auth_header_name="x-api-key",
        httpx_args={"transport": transport},
    )  # fmt: skip
    with pytest.raises(taskwait.ConfigurationError):
        taskwait.get_task(client, "T1")
    assert sent == []


def test_an_empty_base_url_never_sends_the_key_to_the_real_host() -> None:
    with pytest.raises(taskwait.ConfigurationError):
        taskwait.connect("lobstr", KEY, base_url="")


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"timeout": "5"}, TypeError, "timeout"),
        ({"timeout": True}, TypeError, "timeout"),
        ({"timeout": -1}, ValueError, "timeout"),
        ({"timeout": float("nan")}, ValueError, "timeout"),
        ({"interval": 0}, ValueError, "interval"),
        ({"interval": "1"}, TypeError, "interval"),
        ({"max_interval": -3}, ValueError, "max_interval"),
        ({"max_interval": float("inf")}, ValueError, "max_interval"),
        ({"timeout": -(10**400)}, ValueError, "timeout"),
        ({"interval": 10**400}, ValueError, "interval"),
        ({"max_interval": 10**400}, ValueError, "max_interval"),
        ({"not_found_grace": 10**400}, ValueError, "not_found_grace"),
        ({"not_found_grace": float("inf")}, ValueError, "not_found_grace"),
        ({"not_found_grace": "1"}, TypeError, "not_found_grace"),
    ],
)
def test_bad_numbers_are_refused_at_once_naming_the_parameter(kwargs: dict[str, Any], error: type, name: str) -> None:
    transport, sent = refusing_transport()
    client = taskwait.connect("databar", KEY, httpx_args={"transport": transport})
    with pytest.raises(error, match=name):
        taskwait.wait_for(client, "T1", **kwargs)
    with pytest.raises(error, match=name):
        taskwait.wait_for_many(client, ["T1"], **kwargs)
    assert sent == []


@pytest.mark.parametrize(
    "kwargs", [{"interval": 10**400}, {"max_interval": 10**5000}, {"not_found_grace": 10**400}, {"now": 10**400}]
)
def test_begin_refuses_numbers_too_large_for_a_float_naming_the_parameter(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=f"{next(iter(kwargs))} must be a finite number of seconds"):
        taskwait.begin("databar", "T1", **kwargs)


@pytest.mark.parametrize("timeout", [10**400, float("inf")])
def test_a_timeout_too_large_for_a_float_is_no_deadline(timeout: Any) -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing")] * 3 + [ok("databar", "T1", "completed")], time=fake)
    snap = taskwait.wait_for(script.client("databar"), "T1", timeout=timeout, interval=1, **fake.kwargs())
    assert snap.status is taskwait.Status.SUCCEEDED and len(script.requests) == 4
    state = taskwait.begin("databar", "T1", timeout=timeout, now=1_700_000_000)
    assert state.deadline_at is None and taskwait.WaitState.from_json(state.to_json()) == state


def test_huge_finite_intervals_sleep_at_most_a_day_at_a_time() -> None:
    fake = FakeTime()
    script = Script([ok("databar", "T1", "processing"), ok("databar", "T1", "completed")], time=fake)
    snap = taskwait.wait_for(script.client("databar"), "T1", timeout=None, interval=1e10, max_interval=1e12,
                             **fake.kwargs())  # fmt: skip
    assert snap.status is taskwait.Status.SUCCEEDED and len(script.requests) == 2
    assert max(fake.sleeps) == 86400 and sum(fake.sleeps) == pytest.approx(1e10 * 0.95)  # threads refuse 1e10 s


@pytest.mark.parametrize(
    ("concurrency", "error"), [(0, ValueError), (-2, ValueError), (True, TypeError), ("3", TypeError), (2.5, TypeError)]
)
def test_concurrency_is_a_positive_int(concurrency: Any, error: type) -> None:
    transport, sent = refusing_transport()
    client = taskwait.connect("databar", KEY, httpx_args={"transport": transport})
    with pytest.raises(error, match="concurrency"):
        taskwait.wait_for_many(client, ["T1"], concurrency=concurrency)
    assert sent == []


@pytest.mark.parametrize("task_ids", ["abc", b"abc", 42, None])
def test_task_ids_must_be_an_iterable_of_str_not_a_str(task_ids: Any) -> None:
    transport, sent = refusing_transport()
    client = taskwait.connect("databar", KEY, httpx_args={"transport": transport})
    with pytest.raises(TypeError, match="task_ids"):
        taskwait.wait_for_many(client, task_ids)
    assert sent == []


@pytest.mark.parametrize("task_id", ["\ud800", "ok\udfff"])
def test_an_id_that_is_not_text_is_a_value_error(task_id: str) -> None:
    transport, sent = refusing_transport()
    client = taskwait.connect("databar", KEY, httpx_args={"transport": transport})
    with pytest.raises(ValueError, match="task_id"):
        taskwait.get_task(client, task_id)
    assert sent == []


@pytest.mark.parametrize("task_id", ["a" * 4097, "é" * 683, "a" * 70_000])  # 683 x %C3%A9 = 4098 bytes
def test_an_id_too_long_for_a_url_is_a_value_error_before_any_request(task_id: str) -> None:
    transport, sent = refusing_transport()
    client = taskwait.connect("deepomatic", KEY, httpx_args={"transport": transport})
    with pytest.raises(ValueError, match=r"task_id is too long: \d+ bytes percent-encoded, at most 4096"):
        taskwait.get_task(client, task_id)
    with pytest.raises(ValueError, match="task_id is too long"):
        taskwait.wait_for(client, task_id)
    with pytest.raises(ValueError, match="task_id is too long"):
        taskwait.wait_for_many(client, ["T1", task_id])
    with pytest.raises(ValueError, match="task_id is too long"):
        taskwait.begin("deepomatic", task_id)
    assert sent == []


@pytest.mark.parametrize("task_id", ["a" * 4096, "é" * 682, "/" * 1365])
def test_an_id_at_the_length_limit_is_one_encoded_segment(task_id: str) -> None:
    script = Script([ok("lobstr", task_id, "completed")])
    assert taskwait.get_task(script.client("lobstr"), task_id).task_id == task_id
    raw = script.requests[0].url.raw_path.decode()
    assert len(raw) == len("/v1/tasks/") + len(quote(task_id, safe="")) <= len("/v1/tasks/") + 4096


ID_FIELDS = {"databar": "task_id", "openmart": "task_id", "lobstr": "hash_value", "deepomatic": "id", "flexprice": "id"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_answer_about_another_task_is_never_reported(provider: str, caplog: pytest.LogCaptureFixture) -> None:
    other = body(provider, "OTHER", RAW[provider][1])
    fake = FakeTime()
    script = Script([httpx.Response(200, json=other)], time=fake)
    with caplog.at_level(logging.WARNING, "taskwait"), pytest.raises(taskwait.WaitTimeout) as exc:
        taskwait.wait_for(script.client(provider), "T1", timeout=30, **fake.kwargs())
    assert exc.value.snapshot is None and "another task" in str(exc.value)
    assert any("OTHER" in r.getMessage() for r in caplog.records)
    assert ID_FIELDS[provider] in other


def test_ids_compare_as_text() -> None:
    answer = body("deepomatic", "269999729", "success")
    answer["id"] = 269999729  # a number in JSON, the same id
    snap = taskwait.get_task(Script([httpx.Response(200, json=answer)]).client("deepomatic"), "269999729")
    assert snap.status is taskwait.Status.SUCCEEDED


@pytest.mark.parametrize("provider", [p for p in PROVIDERS if p != "databar"])
def test_410_is_gone_for_databar_only(provider: str) -> None:
    script = Script([httpx.Response(410, json={"detail": "Gone"})])
    with pytest.raises(taskwait.ProviderError) as exc:
        taskwait.wait_for(script.client(provider), "T1", timeout=5)
    assert exc.value.status_code == 410


@pytest.mark.parametrize(("code", "headers"), [(429, {"Retry-After": "3"}), (503, {}), (502, {})])
def test_get_task_reports_the_real_status_code_of_a_transient_answer(code: int, headers: dict[str, str]) -> None:
    with pytest.raises(taskwait.ProviderError) as exc:
        taskwait.get_task(Script([httpx.Response(code, headers=headers)]).client("openmart"), "T1")
    assert exc.value.status_code == code


@pytest.mark.parametrize(
    "answer",
    [
        {"task_id": "T1", "status": {"nested": True}},
        {"task_id": "T1", "status": ["completed"]},
        {"task_id": "T1", "status": "completed", "error": {"a": 1}, "data": 5},
        {"task_id": ["T1"], "status": "completed"},
        [1, 2, 3],
        "a string",
        None,
    ],
)
def test_wrong_json_types_are_unreadable_or_unknown_never_a_raw_exception(answer: Any) -> None:
    fake = FakeTime()
    script = Script([httpx.Response(200, json=answer)], time=fake)
    try:
        snap = taskwait.wait_for(script.client("databar"), "T1", timeout=20, raise_on_failure=False, **fake.kwargs())
    except taskwait.WaitTimeout as exc:
        assert exc.snapshot is None or exc.snapshot.status is taskwait.Status.UNKNOWN
    else:
        assert snap.status.is_terminal and snap.task_id == "T1"


def test_one_bad_answer_never_kills_the_other_tasks() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/BAD"):
            return httpx.Response(200, content=b"[" * 50_000 + b"]" * 50_000)
        return ok("databar", request.url.path.rsplit("/", 1)[-1], "completed")

    fake = FakeTime()
    script = Script([answer], time=fake)
    results = taskwait.wait_for_many(script.client("databar"), ["A", "BAD", "B"], timeout=10, **fake.kwargs())
    assert results["A"].status is taskwait.Status.SUCCEEDED and results["B"].status is taskwait.Status.SUCCEEDED
    assert isinstance(results["BAD"], taskwait.WaitTimeout)


def test_a_failed_deepomatic_list_page_names_each_id() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/tasks"):
            return httpx.Response(418, json={"detail": "I'm a teapot"})
        return ok("deepomatic", request.url.path.rsplit("/", 1)[-1], "success")

    results = taskwait.wait_for_many(Script([answer]).client("deepomatic"), ["1", "2", "3"], timeout=5)
    assert all(isinstance(r, taskwait.ProviderError) for r in results.values())
    assert {task_id: r.task_id for task_id, r in results.items()} == {"1": "1", "2": "2", "3": "3"}
    assert all(f"task {task_id}:" in str(r) for task_id, r in results.items())


def test_ids_of_a_list_page_that_answers_404_are_asked_alone() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/tasks"):
            return httpx.Response(404, json={"detail": "Not found."})
        return ok("deepomatic", request.url.path.rsplit("/", 1)[-1], "success")

    script = Script([answer])
    results = taskwait.wait_for_many(script.client("deepomatic"), ["1", "2"], timeout=5)
    assert all(r.status is taskwait.Status.SUCCEEDED for r in results.values())
    assert sorted(r.url.path for r in script.requests) == ["/v0.7/tasks", "/v0.7/tasks/1", "/v0.7/tasks/2"]


@pytest.mark.parametrize("raw", [5, None, 1.5, True, "BRAND_NEW_STATE"])
def test_a_flexprice_task_status_that_is_not_a_known_string_is_unknown(raw: Any) -> None:
    answer = {"id": "T1", "task_status": raw, "status": "published"}
    snap = taskwait.get_task(Script([httpx.Response(200, json=answer)]).client("flexprice"), "T1")
    assert snap.status is taskwait.Status.UNKNOWN
    assert snap.raw_status == (None if raw is None else str(raw))


HOSTILE_ID = "a\nb\x1b[2J\u202ec\x85"
ESCAPED_ID = "a\\nb\\x1b[2J\\u202ec\\x85"


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert text.isprintable() and ESCAPED_ID in text, text
    return text


@pytest.mark.parametrize(
    ("answer", "error", "escaped"),
    [
        (httpx.Response(404, json={"detail": "no\ntask"}), taskwait.TaskNotFound, "no\\ntask"),
        (httpx.Response(401, json={"detail": "bad\rkey"}), taskwait.AuthenticationError, "bad\\rkey"),
        (httpx.Response(418, text="tea\x1b[31m\npot"), taskwait.ProviderError, "tea\\x1b[31m\\npot"),
        (ok("databar", HOSTILE_ID, "failed", error="row 3\r\nrow 4"), taskwait.TaskFailed, "row 3\\r\\nrow 4"),
        (ok("databar", HOSTILE_ID, "cancelled"), taskwait.TaskCancelled, ""),
        (httpx.Response(503), taskwait.WaitTimeout, ""),
    ],
)
def test_messages_escape_control_characters_and_attributes_keep_them(answer: Any, error: type, escaped: str) -> None:
    fake = FakeTime()
    script = Script([answer], time=fake, cost=1.0)
    with pytest.raises(error) as exc:
        taskwait.wait_for(script.client("databar"), HOSTILE_ID, timeout=2, **fake.kwargs())
    assert escaped in _one_line(exc.value) and exc.value.task_id == HOSTILE_ID
    if error is taskwait.TaskFailed:
        assert exc.value.snapshot.error == "row 3\r\nrow 4"
    state = taskwait.begin("databar", HOSTILE_ID, timeout=2, now=0.0)
    while not state.done:  # the same error, rebuilt from a wait state
        state = taskwait.step(Script([answer]).client("databar"), state, clock=lambda: 1.5)
    with pytest.raises(error) as again:
        state.result()
    assert escaped in _one_line(again.value) and again.value.task_id == HOSTILE_ID


def test_value_errors_about_a_wait_escape_its_id() -> None:
    state = taskwait.begin("databar", HOSTILE_ID)
    with pytest.raises(ValueError) as pending:
        state.result()
    with pytest.raises(ValueError) as other:
        taskwait.step(Script([]).client("lobstr"), state)
    assert all(_one_line(exc.value) for exc in (pending, other))


@pytest.mark.parametrize("use_async", [False, True])
def test_a_plan_cut_short_is_closed_as_httpx_closes_an_auth_flow(use_async: bool) -> None:
    import anyio

    from taskwait.transport import drive, drive_async

    closed: list[bool] = []

    def plan() -> Any:
        try:
            yield {"method": "get", "url": "/v1/tasks/T1"}
            yield {"method": "get", "url": "/v1/tasks/T2"}  # never reached: the first request is interrupted
        finally:
            closed.append(True)
        return {}

    def interrupted(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    client = taskwait.connect("databar", KEY, httpx_args={"transport": httpx.MockTransport(interrupted)})
    with pytest.raises(KeyboardInterrupt):
        if use_async:
            anyio.run(lambda: drive_async(client, plan()))
        else:
            drive(client, plan())
    assert closed == [True]
