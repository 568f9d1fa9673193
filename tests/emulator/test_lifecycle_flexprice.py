"""Flexprice's task lifecycle in the emulator: every answer of every new route is valid for the spec."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from taskwait.emulator import Created, Emulator, Timing
from tests.conformance import check

KEY = "flexprice-lifecycle-key"
P = "flexprice"
HTTP = httpx.Client()
TASK_ID = re.compile(r"^task_[0-9A-HJKMNP-TV-Z]{26}$")
SCHEDULE_ID = re.compile(r"^schtask_[0-9A-HJKMNP-TV-Z]{26}$")
JOB = {"bucket": "acme-exports", "region": "us-west-2", "key_prefix": "flexprice/", "compression": "none"}
SCHEDULE = {"connection_id": "conn_01JABCDEF", "entity_type": "events", "interval": "hourly", "enabled": True,
            "job_config": JOB}  # fmt: skip


def emulator(not_found: float, failure_rate: float = 0.0) -> Emulator:
    # Exports finish at once (duration 0), so no test waits; `not_found` is the force run's 404 window.
    created = {P: Created(duration=(0.0, 0.0), failure_rate=failure_rate, total=(3, 3))}
    return Emulator(api_key=KEY, lobstr_rate_limit=None, created=created, timing=Timing(flexprice_not_found=not_found))


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with emulator(not_found=0.0) as running:
        yield running


def call(emu: Emulator, method: str, path: str, *, key: str = KEY, **kwargs: Any) -> httpx.Response:
    return HTTP.request(method, emu.base_url(P) + path, headers={"x-api-key": key}, **kwargs)


def ok(emu: Emulator, response: httpx.Response, status: int = 200, *, request_too: bool = False) -> Any:
    assert response.status_code == status, response.text
    return check(emu, P, response, request_too=request_too)


def refused(emu: Emulator, response: httpx.Response, status: int, message: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = check(emu, P, response)
    assert body["message"] == message and body["http_status_code"] == status
    return body


def schedule(emu: Emulator, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = ok(emu, call(emu, "POST", "/tasks/scheduled", json=SCHEDULE | changes), 201,
                                 request_too=True)  # fmt: skip
    return created


def test_scheduled_task_create_get_list_pause_and_delete(emu: Emulator) -> None:
    created = schedule(emu)
    assert SCHEDULE_ID.match(created["id"]) and created["status"] == "published" and created["enabled"] is True
    assert created["job_config"] == JOB
    assert ok(emu, call(emu, "GET", f"/tasks/scheduled/{created['id']}")) == created

    other = schedule(emu, connection_id="conn_other", entity_type="invoice", interval="daily", enabled=False)
    listed = ok(emu, call(emu, "GET", "/tasks/scheduled", params={"connection_id": "conn_other"}))
    assert [t["id"] for t in listed["items"]] == [other["id"]]
    disabled = ok(emu, call(emu, "GET", "/tasks/scheduled", params={"enabled": "false", "limit": 100}))
    assert other["id"] in [t["id"] for t in disabled["items"]] and created["id"] not in str(disabled)

    paused = ok(emu, call(emu, "PUT", f"/tasks/scheduled/{created['id']}", json={"enabled": False}), request_too=True)
    assert paused["enabled"] is False and paused["id"] == created["id"]

    deleted = ok(emu, call(emu, "DELETE", f"/tasks/scheduled/{created['id']}"))
    assert deleted == {"message": "Scheduled task archived successfully", "id": created["id"], "status": "archived"}
    again = refused(emu, call(emu, "DELETE", f"/tasks/scheduled/{created['id']}"), 400,
                    "This scheduled task has already been deleted")  # fmt: skip
    assert again["details"] == {"task_id": created["id"], "status": "deleted"}
    refused(emu, call(emu, "PUT", f"/tasks/scheduled/{created['id']}", json={"enabled": True}), 400,
            "This scheduled task has been archived and cannot be modified")  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"interval": "custom"}, 400, "Please use 'hourly' or 'daily' intervals."),
        ({"entity_type": "prices"}, 400,
         "Entity type must be one of: events, invoice, credit_topups, credit_usage, usage_analytics"),
        ({"interval": "weekly"}, 400, "Interval must be one of: 15MIN, 30MIN, custom, hourly, daily"),
        ({"connection_id": "nope"}, 404, "Connection not found"),
        ({"job_config": {"region": "us-west-2"}}, 400, "S3 bucket name is required"),
        ({"job_config": {"bucket": "b"}}, 400, "AWS region is required"),
        ({"job_config": JOB | {"compression": "zip"}}, 400, "Compression type must be one of: none, gzip"),
        ({"job_config": None}, 400, "Invalid request format"),
    ],
)  # fmt: skip
def test_create_scheduled_task_refuses_what_the_server_refuses(
    emu: Emulator, changes: dict[str, Any], status: int, message: str
) -> None:
    refused(emu, call(emu, "POST", "/tasks/scheduled", json=SCHEDULE | changes), status, message)


def test_scheduled_task_errors(emu: Emulator) -> None:
    refused(emu, call(emu, "POST", "/tasks/scheduled", content=b"{not json"), 400, "Invalid request format")
    for method in ("GET", "DELETE"):
        refused(emu, call(emu, method, "/tasks/scheduled/schtask_nope"), 404, "Scheduled task with given ID not found")
    missing = "Scheduled task with given ID not found"
    refused(emu, call(emu, "PUT", "/tasks/scheduled/schtask_nope", json={"enabled": True}), 404, missing)
    refused(emu, call(emu, "PUT", "/tasks/scheduled/schtask_nope", json={}), 400,
            "Please provide enabled field (true or false)")  # fmt: skip
    refused(emu, call(emu, "POST", "/tasks/scheduled/schtask_nope/run"), 404, missing)
    assert ok(emu, call(emu, "GET", "/tasks/scheduled", params={"limit": 0}), 400)["code"] == "validation_error"


def test_force_run_starts_an_export_task_whose_file_can_be_downloaded(emu: Emulator) -> None:
    task = schedule(emu)
    run = ok(emu, call(emu, "POST", f"/tasks/scheduled/{task['id']}/run"))
    assert TASK_ID.match(run["workflow_id"]) and run["mode"] == "force run"
    assert run["message"] == "Force run triggered successfully"
    start, end = (dt.datetime.fromisoformat(run[k].replace("Z", "+00:00")) for k in ("start_time", "end_time"))
    assert end - start == dt.timedelta(hours=1) and start <= dt.datetime.now(dt.UTC) <= end  # the current hour

    export = ok(emu, call(emu, "GET", f"/tasks/{run['workflow_id']}"))
    assert (
        export["task_type"] == "EXPORT" and export["entity_type"] == "events" and export["task_status"] == "COMPLETED"
    )
    assert export["file_url"].startswith("s3://acme-exports/flexprice/events_") and export["total_records"] == 3
    listed = ok(emu, call(emu, "GET", "/tasks", params={"scheduled_task_id": task["id"]}))
    assert [t["id"] for t in listed["items"]] == [run["workflow_id"]] and listed["pagination"]["total"] == 1

    link = ok(emu, call(emu, "GET", f"/tasks/{run['workflow_id']}/download"))
    assert set(link) == {"download_url"}
    exported = HTTP.get(link["download_url"])  # a presigned URL: no key
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert len(exported.text.splitlines()) == 1 + 3


def test_force_run_with_a_custom_range_and_its_errors(emu: Emulator) -> None:
    task = schedule(emu, interval="daily")
    path = f"/tasks/scheduled/{task['id']}/run"
    window = {"start_time": "2025-01-01T00:00:00Z", "end_time": "2025-01-02T00:00:00Z"}
    run = ok(emu, call(emu, "POST", path, json=window), request_too=True)
    assert run["mode"] == "custom" and run["start_time"].startswith("2025-01-01T00:00:00")
    export = ok(emu, call(emu, "GET", f"/tasks/{run['workflow_id']}"))
    assert export["metadata"] == {"start_time": "2025-01-01T00:00:00Z", "end_time": "2025-01-02T00:00:00Z"}
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    for body, message in [
        ({"start_time": window["start_time"]}, "Please provide both start_time and end_time, or neither for automatic "
         "calculation"),
        ({"start_time": window["end_time"], "end_time": window["start_time"]}, "End time must be after start time"),
        ({"start_time": window["start_time"], "end_time": future}, "End time must be in the past or present"),
        ({"start_time": "2020-01-01T00:00:00Z", "end_time": window["end_time"]},
         "Maximum allowed time range is 1 year"),
    ]:  # fmt: skip
        refused(emu, call(emu, "POST", path, json=body), 400, message)


def test_an_export_answers_404_until_the_workflow_writes_it() -> None:
    with emulator(not_found=60.0) as slow:
        task = schedule(slow)
        run = ok(slow, call(slow, "POST", f"/tasks/scheduled/{task['id']}/run"))
        gone = call(slow, "GET", f"/tasks/{run['workflow_id']}")
        assert gone.status_code == 404 and check(slow, P, gone)["code"] == "not_found"
        refused(slow, call(slow, "GET", f"/tasks/{run['workflow_id']}/download"), 404, "Task not found")
        assert ok(slow, call(slow, "GET", "/tasks", params={"scheduled_task_id": task["id"]}))["items"] == []


def test_a_failed_export_is_still_an_export_and_has_no_file() -> None:
    with emulator(not_found=0.0, failure_rate=1.0) as failing:
        run = ok(failing, call(failing, "POST", f"/tasks/scheduled/{schedule(failing)['id']}/run"))
        export = ok(failing, call(failing, "GET", f"/tasks/{run['workflow_id']}"))
        assert export["task_type"] == "EXPORT" and export["task_status"] == "FAILED" and export["error_summary"]
        refused(failing, call(failing, "GET", f"/tasks/{run['workflow_id']}/download"), 404,
                "Task export has not completed yet or failed")  # fmt: skip


def test_list_tasks_filters_and_pages_with_limit_and_offset(emu: Emulator) -> None:
    ids = [emu.add_task(P, task_id=f"task_list_{n}", polls=0, total=5).task_id for n in range(5)]
    failed = emu.add_task(P, task_id="task_list_failed", fate="failure", polls=0).task_id
    params = {"task_type": "IMPORT", "task_status": "COMPLETED", "limit": 2, "order": "asc"}
    pages = [ok(emu, call(emu, "GET", "/tasks", params=params | {"offset": offset})) for offset in (0, 2, 4)]
    seen = [t["id"] for page in pages for t in page["items"] if t["id"].startswith("task_list_")]
    assert seen == ids and failed not in seen
    assert pages[0]["pagination"] == {"total": pages[0]["pagination"]["total"], "limit": 2, "offset": 0}
    assert all(t["task_status"] == "COMPLETED" for page in pages for t in page["items"])
    failures = ok(emu, call(emu, "GET", "/tasks", params={"task_status": "FAILED", "limit": 1000}))
    assert failed in [t["id"] for t in failures["items"]]
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"order": "up"}, {"limit": "many"}):
        refused(emu, call(emu, "GET", "/tasks", params=bad), 400, "Invalid filter parameters")


def test_update_task_status_follows_the_servers_transitions(emu: Emulator) -> None:
    failed = emu.add_task(P, fate="failure", polls=0).task_id
    retried = ok(emu, call(emu, "PUT", f"/tasks/{failed}/status", json={"task_status": "PROCESSING"}), request_too=True)
    assert retried == {"message": "task status updated successfully"}
    assert ok(emu, call(emu, "GET", f"/tasks/{failed}"))["task_status"] == "PROCESSING"
    done = emu.add_task(P, polls=0).task_id
    body = refused(emu, call(emu, "PUT", f"/tasks/{done}/status", json={"task_status": "PROCESSING"}), 400,
                   "Invalid status transition")  # fmt: skip
    assert body["details"] == {"from": "COMPLETED", "to": "PROCESSING"}
    refused(emu, call(emu, "PUT", "/tasks/task_nope/status", json={"task_status": "FAILED"}), 404, "Task not found")
    refused(emu, call(emu, "PUT", f"/tasks/{done}/status", json={}), 400, "Invalid request format")


def test_download_refuses_tasks_without_an_export_file(emu: Emulator) -> None:
    imported = emu.add_task(P, polls=0).task_id  # an import's file_url is not an s3:// URL
    refused(emu, call(emu, "GET", f"/tasks/{imported}/download"), 400, "File URL must start with s3://")
    refused(emu, call(emu, "GET", "/tasks/task_nope/download"), 404, "Task not found")
    assert HTTP.get(emu.base_url(P) + f"/_exports/{imported}.csv").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/tasks"), ("GET", "/tasks/scheduled"), ("POST", "/tasks/scheduled"), ("GET", "/tasks/scheduled/x"),
     ("PUT", "/tasks/scheduled/x"), ("DELETE", "/tasks/scheduled/x"), ("POST", "/tasks/scheduled/x/run"),
     ("GET", "/tasks/x/download"), ("PUT", "/tasks/x/status")],
)  # fmt: skip
def test_every_route_refuses_a_wrong_key(emu: Emulator, method: str, path: str) -> None:
    response = call(emu, method, path, key="wrong-key", json={})
    assert response.status_code == 401 and check(emu, P, response) == {"error": "Unauthorized"}
