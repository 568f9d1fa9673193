"""Databar's task creators in the emulator: every answer valid for the spec, FastAPI-shaped errors."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from taskwait.emulator import Emulator
from tests.conformance import check

KEY = "conformance-key"
TABLE = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
ROW = "42902e11-fa09-4abd-a627-77c07fc40cde"
HTTP = httpx.Client()

# (path below the base URL, a valid body): every operation that starts a task
CREATORS: list[tuple[str, dict[str, Any]]] = [
    ("/v1/enrichments/123/run", {"params": {"email": "a@x.io"}, "pagination": {"pages": 2}}),
    ("/v1/enrichments/123/bulk-run", {"params": [{"email": "a@x.io"}, {"email": ""}]}),
    ("/v1/waterfalls/email_getter/run", {"params": {"first_name": "Jo"}, "enrichments": [833, 966]}),
    ("/v1/waterfalls/email_getter/bulk-run",
     {"params": [{"first_name": "Jo"}], "enrichments": [833], "email_verifier": None}),
    ("/v1/flows/0b7f3c1e-2f1a-4c55-9d1e-1a2b3c4d5e6f/run", {"inputs": {"email": "a@x.io"}}),
]  # fmt: skip


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None) as emulator:
        emulator.set_created("databar", duration=(0.0, 0.0), failure_rate=0.0)  # done at once: no waiting
        yield emulator


def post(
    emu: Emulator, path: str, body: Any = None, *, key: str | None = KEY, raw: bytes | None = None
) -> httpx.Response:
    headers = {"x-apikey": key} if key is not None else {}
    url = emu.base_url("databar") + path
    if raw is not None:
        return HTTP.post(url, content=raw, headers=headers | {"content-type": "application/json"})
    return HTTP.post(url, json=body, headers=headers)


def poll(emu: Emulator, task_id: str) -> dict[str, Any]:
    response = HTTP.get(emu.base_url("databar") + f"/v1/tasks/{task_id}", headers={"x-apikey": KEY})
    assert response.status_code == 200
    body: dict[str, Any] = check(emu, "databar", response)
    return body


@pytest.mark.parametrize(("path", "body"), CREATORS, ids=[p for p, _ in CREATORS])
def test_creators_start_a_task_with_a_uuid_id(emu: Emulator, path: str, body: dict[str, Any]) -> None:
    response = post(emu, path, body)
    assert response.status_code == 200
    started = check(emu, "databar", response, request_too=True)
    assert started["status"] == "processing" and uuid.UUID(started["task_id"]).version == 4
    task = poll(emu, started["task_id"])
    assert task["task_id"] == started["task_id"] and task["status"] in ("completed", "partially_completed")


def test_each_run_gets_its_own_task(emu: Emulator) -> None:
    ids = {check(emu, "databar", post(emu, *CREATORS[0]))["task_id"] for _ in range(3)}
    assert len(ids) == 3


def test_a_bulk_result_has_one_element_per_input_null_for_misses(emu: Emulator) -> None:
    inputs = [{"email": "a@x.io"}, {"email": ""}, {"email": "c@x.io"}]
    started = check(emu, "databar", post(emu, "/v1/enrichments/9/bulk-run", {"params": inputs}), request_too=True)
    data = poll(emu, started["task_id"])["data"]
    assert len(data) == 3 and data[1] is None
    assert data[0]["input"] == inputs[0] and data[2]["input"] == inputs[2]


def test_a_failed_run_reports_its_error(emu: Emulator) -> None:
    emu.set_created("databar", duration=(0.0, 0.0), failure_rate=1.0)
    try:
        started = check(emu, "databar", post(emu, *CREATORS[2]))
    finally:
        emu.set_created("databar", duration=(0.0, 0.0), failure_rate=0.0)
    task = poll(emu, started["task_id"])
    assert task["status"] == "failed" and task["error"] and task.get("data") is None


def test_table_run_is_queued_without_a_task_id(emu: Emulator) -> None:
    response = post(emu, f"/v1/table/{TABLE}/run-enrichment/42", {"run_strategy": "run_errors", "row_ids": [ROW]})
    assert check(emu, "databar", response, request_too=True) == {"status": "queued", "processing_rows": 1}
    whole = [post(emu, f"/v1/table/{TABLE}/run-enrichment/42", {"run_strategy": "run_all"}) for _ in range(2)]
    counts = [check(emu, "databar", r, request_too=True)["processing_rows"] for r in whole]
    assert counts[0] == counts[1] and counts[0] >= 0  # a table keeps its size


@pytest.mark.parametrize("path", [p for p, _ in CREATORS] + [f"/v1/table/{TABLE}/run-enrichment/42"])
@pytest.mark.parametrize("key", ["wrong-key", None])
def test_a_bad_or_missing_key_is_403_forbidden(emu: Emulator, path: str, key: str | None) -> None:
    response = post(emu, path, {"params": {}}, key=key)
    assert response.status_code == 403
    assert check(emu, "databar", response) == {"detail": "Forbidden"}


def _422(emu: Emulator, response: httpx.Response) -> list[tuple[str, tuple[Any, ...]]]:
    assert response.status_code == 422
    return [(p["type"], tuple(p["loc"])) for p in check(emu, "databar", response)["detail"]]


def test_bulk_over_100_inputs_is_422(emu: Emulator) -> None:
    response = post(emu, "/v1/enrichments/5/bulk-run", {"params": [{"email": "x"}] * 101})
    assert _422(emu, response) == [("too_long", ("body", "params"))]
    assert response.json()["detail"][0]["ctx"]["max_length"] == 100
    assert post(emu, "/v1/enrichments/5/bulk-run", {"params": [{"email": "x"}] * 100}).status_code == 200


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        ("/v1/enrichments/5/run", {}, [("missing", ("body", "params"))]),
        ("/v1/enrichments/5/run", {"params": []}, [("dict_type", ("body", "params"))]),
        ("/v1/enrichments/5/run", {"params": {}, "pagination": {"pages": 101}},
         [("less_than_equal", ("body", "pagination", "pages"))]),
        ("/v1/enrichments/5/run", {"params": {}, "pagination": {"pages": 0}},
         [("greater_than_equal", ("body", "pagination", "pages"))]),
        ("/v1/enrichments/five/run", {"params": {}}, [("int_parsing", ("path", "enrichment_id"))]),
        ("/v1/enrichments/5/bulk-run", {"params": {"email": "x"}}, [("list_type", ("body", "params"))]),
        ("/v1/waterfalls/email_getter/run", {"params": {}, "enrichments": []},
         [("too_short", ("body", "enrichments"))]),
        ("/v1/waterfalls/email_getter/run", {"enrichments": [1]}, [("missing", ("body", "params"))]),
        ("/v1/waterfalls/email_getter/bulk-run", {"params": [{}], "enrichments": [1], "email_verifier": "x"},
         [("int_type", ("body", "email_verifier"))]),
        ("/v1/flows/f/run", {"inputs": {"email": 5}}, [("string_type", ("body", "inputs", "email"))]),
        (f"/v1/table/{TABLE}/run-enrichment/42", {"run_strategy": "run_some"}, [("enum", ("body", "run_strategy"))]),
        (f"/v1/table/{TABLE}/run-enrichment/42", {"row_ids": ["row-1"]}, [("uuid_parsing", ("body", "row_ids", 0))]),
        ("/v1/table/not-a-uuid/run-enrichment/42", {}, [("uuid_parsing", ("path", "table_uuid"))]),
        ("/v1/flows/f/run", [], [("model_attributes_type", ("body",))]),
    ],
)  # fmt: skip
def test_invalid_requests_are_422_in_fastapi_shape(
    emu: Emulator, path: str, body: Any, expected: list[tuple[str, tuple[Any, ...]]]
) -> None:
    assert _422(emu, post(emu, path, body)) == expected


@pytest.mark.parametrize("raw", [b"", b"{not json"])
def test_a_missing_or_broken_body_is_422(emu: Emulator, raw: bytes) -> None:
    kinds = [kind for kind, _ in _422(emu, post(emu, "/v1/enrichments/5/run", raw=raw))]
    assert kinds == (["missing"] if not raw else ["json_invalid"])


def test_wrong_method_is_405_in_databar_shape(emu: Emulator) -> None:
    response = HTTP.get(emu.base_url("databar") + "/v1/enrichments/5/run", headers={"x-apikey": KEY})
    assert response.status_code == 405 and response.json() == {"detail": "Method Not Allowed"}


def test_a_waterfall_without_enrichments_runs_the_default_cascade(emu: Emulator) -> None:
    for path in ("/v1/waterfalls/email_getter/run", "/v1/waterfalls/email_getter/bulk-run"):
        params: Any = {"first_name": "Jo"} if path.endswith("/run") else [{"first_name": "Jo"}]
        response = post(emu, path, {"params": params})
        assert response.status_code == 200, response.text
        task = poll(emu, check(emu, "databar", response, request_too=True)["task_id"])
        data = task["data"] if isinstance(task["data"], dict) else task["data"][0]
        assert data["provider"] == "default"
    empty = post(emu, "/v1/waterfalls/email_getter/run", {"params": {"first_name": "Jo"}, "enrichments": []})
    assert empty.status_code == 422  # given, at least one (the docs page)


def test_a_flow_bulk_run_answers_one_row_per_input(emu: Emulator) -> None:
    path = "/v1/flows/0b7f3c1e-2f1a-4c55-9d1e-1a2b3c4d5e6f/bulk-run"
    response = post(emu, path, {"inputs": [{"email": "a@x.io"}, {"email": ""}]})
    assert response.status_code == 200
    task = poll(emu, check(emu, "databar", response, request_too=True)["task_id"])
    assert task["status"] == "partially_completed" and len(task["data"]) == 2 and task["data"][1] is None
    assert task["progress"] == {"total": 2, "completed": 1, "no_data": 1, "failed": 0, "processing": 0}
    assert post(emu, path, {"inputs": [{"email": 3}]}).status_code == 422


def test_cancel_refunds_keeps_finished_rows_and_answers_409_once_terminal() -> None:
    with Emulator(api_key=KEY) as emu:
        emu.set_created("databar", duration=(1.0, 1.0), failure_rate=0.0)
        started = check(emu, "databar", post(emu, "/v1/enrichments/1/bulk-run", {"params": [{"e": "x"}] * 10}))
        url = emu.base_url("databar") + f"/v1/tasks/{started['task_id']}"
        partial = HTTP.get(url, params={"include_partial": "true"}, headers={"x-apikey": KEY})
        assert partial.status_code == 200 and isinstance(check(emu, "databar", partial)["data"], list)
        stopped = HTTP.post(url + "/cancel", headers={"x-apikey": KEY})
        body = check(emu, "databar", stopped)
        assert stopped.status_code == 200 and body["status"] == "cancelled"
        assert body["credits_spent"] == body["progress"]["completed"] == len(body["data"]) < 10
        assert poll(emu, started["task_id"])["data"] == body["data"]  # kept afterwards
        again = HTTP.post(url + "/cancel", headers={"x-apikey": KEY})
        assert again.status_code == 409 and check(emu, "databar", again)["detail"]
        unknown = HTTP.post(emu.base_url("databar") + "/v1/tasks/nope/cancel", headers={"x-apikey": KEY})
        assert unknown.status_code == 404
        assert HTTP.post(url + "/cancel", headers={"x-apikey": "wrong"}).status_code == 403


def test_a_table_export_has_a_file_once_written(emu: Emulator) -> None:
    url = emu.base_url("databar") + f"/v1/table/{ROW}/export"
    assert HTTP.get(url, headers={"x-apikey": KEY}).status_code == 404  # none started yet
    started = HTTP.post(url, headers={"x-apikey": KEY})  # the body is optional: csv
    assert started.status_code == 200 and check(emu, "databar", started)["status"] == "queued"
    done = HTTP.get(url, headers={"x-apikey": KEY})
    assert check(emu, "databar", done)["file"].endswith(".csv")  # created work is done at once here
    bad = HTTP.post(emu.base_url("databar") + "/v1/table/not-a-uuid/export", json={"format": "csv"},
                    headers={"x-apikey": KEY})  # fmt: skip
    assert bad.status_code == 422
