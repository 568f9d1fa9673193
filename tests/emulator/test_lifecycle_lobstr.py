"""Lobstr's squid/task/run lifecycle in the emulator: every answer of every new route is valid for the spec.

The store's clock is replaced by a fake one, so runs and uploads move without sleeping.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from taskwait.emulator import Emulator
from tests.conformance import check

KEY = "lobstr-lifecycle-key"
P = "lobstr"
CRAWLER = "4734d096159ef05210e0e1677e8be823"
HTTP = httpx.Client(headers={"Authorization": f"Token {KEY}"})


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulator, Clock]]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None) as emulator:
        clock = Clock()
        emulator.store.clock = clock
        yield emulator, clock


@pytest.fixture
def emu(served: tuple[Emulator, Clock]) -> Emulator:
    """Every task of a run takes exactly 1 s (fake) and finds 10 results, unless a test says otherwise."""
    served[0].set_created(P, duration=(1.0, 1.0), failure_rate=0.0, total=(10, 10))
    return served[0]


@pytest.fixture
def clock(served: tuple[Emulator, Clock]) -> Clock:
    return served[1]


def call(emu: Emulator, method: str, path: str, *, request_too: bool = False, **kwargs: Any) -> tuple[int, Any]:
    """(status, body) of one request, its answer validated against the spec."""
    request = HTTP.build_request(method, emu.base_url(P) + path, **kwargs)
    request.read()  # a multipart body streams: read it so the check can see it
    response = HTTP.send(request)
    return response.status_code, check(emu, P, response, request_too=request_too)


def squid_with(emu: Emulator, *urls: str) -> tuple[str, list[str]]:
    """A new squid holding one task per url: (squid id, task hashes)."""
    status, squid = call(emu, "POST", "/v1/squids", json={"crawler": CRAWLER}, request_too=True)
    assert status == 200
    if not urls:
        return squid["id"], []
    tasks = [{"url": u} for u in urls]
    status, added = call(emu, "POST", "/v1/tasks", json={"squid": squid["id"], "tasks": tasks}, request_too=True)
    assert status == 200
    return squid["id"], [t["id"] for t in added["tasks"]]


def error(body: Any) -> tuple[str, str | None]:
    return body["error"]["type"], body["error"]["param"]


def test_create_squid_answers_a_squid_with_a_32_hex_id(emu: Emulator) -> None:
    body = {"crawler": CRAWLER, "name": "My Google Maps Scraper"}
    status, squid = call(emu, "POST", "/v1/squids", json=body, request_too=True)
    assert status == 200 and squid["name"] == "My Google Maps Scraper" and squid["crawler"] == CRAWLER
    assert len(squid["id"]) == 32 and int(squid["id"], 16) >= 0 and squid["schedule"] is None


def test_create_squid_errors(emu: Emulator) -> None:
    status, body = call(emu, "POST", "/v1/squids", json={"name": "no crawler"})
    assert status == 400 and error(body) == ("validation_error", "crawler")
    status, body = call(emu, "POST", "/v1/squids", json={"crawler": "not-a-crawler"})
    assert status == 404 and error(body) == ("not_found_error", "crawler")
    status, body = call(emu, "POST", "/v1/squids", content=b"{not json", headers={"content-type": "application/json"})
    assert status == 400 and body["error"]["type"] == "validation_error"
    response = httpx.post(emu.base_url(P) + "/v1/squids", json={"crawler": CRAWLER}, headers={"Authorization": "x"})
    assert response.status_code == 401
    check(emu, P, response)


def test_added_tasks_are_pending_and_duplicates_are_counted(emu: Emulator, clock: Clock) -> None:
    squid, (first, _) = squid_with(emu, "https://a.example", "https://b.example")
    body = {"squid": squid, "tasks": [{"url": "https://a.example"}, {"url": "https://c.example"}]}
    status, added = call(emu, "POST", "/v1/tasks", json=body, request_too=True)
    assert status == 200 and added["duplicated_count"] == 1 and len(added["tasks"]) == 1
    assert added["tasks"][0]["module"] == CRAWLER and added["tasks"][0]["params"] == {"url": "https://c.example"}
    clock.now += 3600  # no run: nothing moves
    status, task = call(emu, "GET", f"/v1/tasks/{first}")
    assert status == 200 and task["status"]["status"] == "pending" and task["params"] == {"url": "https://a.example"}


def test_add_tasks_errors(emu: Emulator) -> None:
    squid, _ = squid_with(emu)
    for tasks in ([], [{}], "url", None):
        status, body = call(emu, "POST", "/v1/tasks", json={"squid": squid, "tasks": tasks})
        assert status == 400 and error(body) == ("validation_error", "tasks")
    status, body = call(emu, "POST", "/v1/tasks", json={"tasks": [{"url": "https://a"}]})
    assert status == 400 and error(body) == ("validation_error", "squid")
    status, body = call(emu, "POST", "/v1/tasks", json={"squid": "0" * 32, "tasks": [{"url": "https://a"}]})
    assert status == 404 and error(body) == ("not_found_error", "squid")


def upload(emu: Emulator, squid: str, content: bytes) -> tuple[int, Any]:
    files = {"file": ("tasks.csv", content, "text/csv")}
    # request_too is off: tests/conformance.py drops the content type's boundary, which multipart needs
    return call(emu, "POST", "/v1/tasks/upload", data={"squid": squid}, files=files)


def test_upload_is_pending_then_in_progress_then_inserts_its_rows(emu: Emulator, clock: Clock) -> None:
    squid, _ = squid_with(emu, "https://a.example")
    status, accepted = upload(emu, squid, b"url\nhttps://a.example\nhttps://b.example\n,\nhttps://c.example\n")
    assert status == 200 and accepted["object"] == "task_upload"
    states = []
    for _ in range(3):  # an upload takes half a task's duration: 0.5 s
        status, body = call(emu, "GET", f"/v1/tasks/upload/{accepted['id']}")
        states.append((status, body["state"], body["meta"]))
        clock.now += 0.25
    assert states[:2] == [(202, "PENDING", None), (202, "PROGRESS", None)]
    assert states[2] == (200, "SUCCESS", {"duplicates": 1, "inserted": 2, "invalid": 1, "valid": 3})
    status, listed = call(emu, "GET", "/v1/tasks", params={"squid": squid})
    assert [t["params"]["url"] for t in listed["data"]] == [
        "https://a.example",
        "https://b.example",
        "https://c.example",
    ]


def test_upload_of_tsv_and_of_an_empty_file(emu: Emulator, clock: Clock) -> None:
    squid, _ = squid_with(emu)
    _, tsv = upload(emu, squid, b"url\tcity\nhttps://x.example\tParis\n")
    _, empty = upload(emu, squid, b"")
    clock.now += 1
    status, body = call(emu, "GET", f"/v1/tasks/upload/{tsv['id']}")
    assert status == 200 and body["state"] == "SUCCESS" and body["meta"]["inserted"] == 1
    status, body = call(emu, "GET", f"/v1/tasks/upload/{empty['id']}")
    assert status == 200 and body["state"] == "FAILURE"
    _, listed = call(emu, "GET", "/v1/tasks", params={"squid": squid})
    assert listed["data"][0]["params"] == {"url": "https://x.example", "city": "Paris"}


def test_upload_errors(emu: Emulator) -> None:
    squid, _ = squid_with(emu)
    status, body = upload(emu, squid, "url\nhttps://é.example\n".encode("latin-1"))
    assert status == 400 and error(body) == ("validation_error", "file")
    status, body = upload(emu, "0" * 32, b"url\nhttps://a\n")
    assert status == 404 and error(body) == ("not_found_error", "squid")
    status, body = call(emu, "GET", "/v1/tasks/upload/" + "0" * 32)
    assert status == 404 and error(body) == ("not_found_error", "upload_task_id")


def test_list_tasks_pages_with_full_urls(emu: Emulator) -> None:
    squid, hashes = squid_with(emu, *(f"https://{i}.example" for i in range(5)))
    status, first = call(emu, "GET", "/v1/tasks", params={"squid": squid, "limit": 2, "type": "params"})
    seen, pages = [t["id"] for t in first["data"]], [first]
    while pages[-1]["next"]:
        response = HTTP.get(pages[-1]["next"])
        pages.append(check(emu, P, response))
        seen += [t["id"] for t in pages[-1]["data"]]
    assert seen == hashes and [p["page"] for p in pages] == [1, 2, 3] and first["total_pages"] == 3
    assert pages[-1]["result_from"] == 5 and pages[-1]["previous"] is not None
    for params, param in (
        ({}, "squid"),
        ({"squid": squid, "limit": "x"}, "limit"),
        ({"squid": squid, "page": 0}, "page"),
    ):
        status, body = call(emu, "GET", "/v1/tasks", params=params)
        assert status == 400 and error(body) == ("validation_error", param)
    status, body = call(emu, "GET", "/v1/tasks", params={"squid": "0" * 32})
    assert status == 404


def test_delete_task(emu: Emulator) -> None:
    squid, (task,) = squid_with(emu, "https://a.example")
    assert call(emu, "DELETE", f"/v1/tasks/{task}") == (200, {"id": task, "object": "task", "deleted": True})
    for method in ("GET", "DELETE"):
        status, body = call(emu, method, f"/v1/tasks/{task}")
        assert status == 404 and error(body) == ("not_found_error", "task_hash")
    assert call(emu, "GET", "/v1/tasks", params={"squid": squid})[1]["total_results"] == 0


def test_a_run_processes_its_tasks_and_follows_them(emu: Emulator, clock: Clock) -> None:
    squid, tasks = squid_with(emu, "https://a.example", "https://b.example")
    status, run = call(emu, "POST", "/v1/runs", json={"squid": squid}, request_too=True)
    assert status == 200 and run["status"] == "pending" and not run["is_done"] and run["duration"] == 0
    status, body = call(emu, "POST", "/v1/runs", json={"squid": squid})
    assert status == 400 and body == {"error": {"message": "A run is already active for this squid",
                                                "type": "validation_error", "param": "squid"}}  # fmt: skip
    clock.now += 0.6
    _, middle = call(emu, "GET", f"/v1/runs/{run['id']}")
    _, stats = call(emu, "GET", f"/v1/runs/{run['id']}/stats")
    _, task = call(emu, "GET", f"/v1/tasks/{tasks[0]}")
    assert middle["status"] == "running" and middle["total_results"] == 12 and isinstance(middle["duration"], str)
    assert stats["percent_done"] == "0%" and stats["total_tasks"] == 2 and stats["results_done"] == 12
    assert task["status"]["status"] == "running" and task["status"]["total_results"] == 6
    clock.now += 0.4
    _, done = call(emu, "GET", f"/v1/runs/{run['id']}")
    _, stats = call(emu, "GET", f"/v1/runs/{run['id']}/stats")
    assert (done["status"], done["done_reason"]) == ("done", "tasks_done") and done["is_done"] and done["export_done"]
    assert (stats["percent_done"], stats["total_tasks_done"], stats["is_done"]) == ("100%", 2, True)
    _, task = call(emu, "GET", f"/v1/tasks/{tasks[0]}")
    assert task["status"]["status"] == "completed" and task["status"]["done_reason"] == "completed"
    _, runtasks = call(emu, "GET", "/v1/runtasks", params={"run": run["id"]})
    assert [(t["task"], t["status"], t["last_result"]) for t in runtasks["data"]] == [
        (h, "completed", 10) for h in tasks
    ]
    _, listed = call(emu, "GET", "/v1/runs", params={"squid": squid})
    assert [r["id"] for r in listed["data"]] == [run["id"]] and isinstance(listed["data"][0]["duration"], float)


def test_results_and_the_signed_csv_download(emu: Emulator, clock: Clock) -> None:
    squid, tasks = squid_with(emu, "https://a.example", "https://b.example")
    _, run = call(emu, "POST", "/v1/runs", json={"squid": squid})
    status, body = call(emu, "GET", f"/v1/runs/{run['id']}/download")
    assert status == 404 and body["error"]["message"] == "Run not found or export not ready"
    clock.now += 1
    _, page = call(emu, "GET", "/v1/results", params={"run": run["id"], "limit": 15})
    assert page["total_results"] == 20 and page["total_pages"] == 2 and len(page["data"]) == 15
    assert {r["run"] for r in page["data"]} == {run["id"]} and page["data"][0]["object"] == "result"
    _, by_task = call(emu, "GET", "/v1/results", params={"squid": squid, "task": tasks[1], "page_size": 100})
    assert by_task["total_results"] == 10 and {r["url"] for r in by_task["data"]} == {"https://b.example"}
    status, link = call(emu, "GET", f"/v1/runs/{run['id']}/download")
    exported = httpx.get(link["s3"])  # a signed URL: no key
    assert status == 200 and exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(exported.text)))) == 20
    assert httpx.get(link["s3"].replace("Signature=", "Signature=0")).status_code == 403


def test_abort_keeps_partial_results(emu: Emulator, clock: Clock) -> None:
    squid, (task,) = squid_with(emu, "https://a.example")
    _, run = call(emu, "POST", "/v1/runs", json={"squid": squid})
    clock.now += 0.7
    status, aborted = call(emu, "POST", f"/v1/runs/{run['id']}/abort")
    assert (
        status == 200 and (aborted["status"], aborted["done_reason"]) == ("uploading", "aborted") and aborted["is_done"]
    )
    status, again = call(emu, "POST", f"/v1/runs/{run['id']}/abort")
    assert status == 404 and again["error"]["message"] == "Run not found or already completed"
    clock.now += 5
    _, after = call(emu, "GET", f"/v1/runs/{run['id']}")
    _, task_body = call(emu, "GET", f"/v1/tasks/{task}")
    assert after["status"] == "aborted" and after["total_results"] == 7
    assert task_body["status"]["status"] == "aborted" and task_body["status"]["total_results"] == 7
    assert task_body["status"]["done_reason"] == "run_aborted"
    assert call(emu, "GET", "/v1/results", params={"run": run["id"]})[1]["total_results"] == 7
    assert call(emu, "GET", f"/v1/runs/{run['id']}/download")[0] == 200
    assert call(emu, "POST", "/v1/runs", json={"squid": squid})[0] == 200  # the squid is free again
    clock.now += 1
    _, old = call(emu, "GET", "/v1/runtasks", params={"run": run["id"]})
    assert old["data"][0]["status"] == "aborted"  # a later run leaves the earlier one as it was


def test_failed_tasks(emu: Emulator, clock: Clock) -> None:
    emu.set_created(P, duration=(1.0, 1.0), failure_rate=1.0, total=(10, 10))
    squid, (task,) = squid_with(emu, "https://a.example")
    _, run = call(emu, "POST", "/v1/runs", json={"squid": squid})
    clock.now += 1
    _, body = call(emu, "GET", f"/v1/tasks/{task}")
    assert body["status"]["status"] == "failed" and body["status"]["has_errors"] and body["status"]["errors"]
    assert call(emu, "GET", f"/v1/runs/{run['id']}")[1]["status"] == "done"


def test_a_squid_without_tasks_runs_to_done_at_once(emu: Emulator) -> None:
    squid, _ = squid_with(emu)
    status, run = call(emu, "POST", "/v1/runs", json={"squid": squid})
    assert status == 200 and run["is_done"] and run["status"] == "done" and run["total_results"] == 0


@pytest.mark.parametrize("path", ["", "/stats", "/download"])
def test_unknown_run_is_404(emu: Emulator, path: str) -> None:
    status, body = call(emu, "GET", f"/v1/runs/{'0' * 32}{path}")
    assert status == 404 and error(body) == ("not_found_error", "run_hash")


def test_run_and_result_errors(emu: Emulator) -> None:
    assert call(emu, "POST", f"/v1/runs/{'0' * 32}/abort")[0] == 404
    for params in ({}, {"squid": "a", "run": "b"}):
        status, body = call(emu, "GET", "/v1/results", params=params)
        assert status == 400 and error(body) == ("validation_error", "squid,run")
    assert call(emu, "GET", "/v1/results", params={"run": "0" * 32})[0] == 404
    assert call(emu, "GET", "/v1/results", params={"squid": "0" * 32})[0] == 404
    assert error(call(emu, "GET", "/v1/runtasks")[1]) == ("validation_error", "run")
    assert call(emu, "GET", "/v1/runtasks", params={"run": "0" * 32})[0] == 404
    assert error(call(emu, "POST", "/v1/runs", json={})[1]) == ("validation_error", "squid")
    assert call(emu, "POST", "/v1/runs", json={"squid": "0" * 32})[0] == 404
    assert error(call(emu, "GET", "/v1/runs")[1]) == ("validation_error", "squid")
    assert call(emu, "GET", "/v1/runs", params={"squid": "0" * 32})[0] == 404


def test_new_routes_carry_rate_limit_headers_and_429() -> None:
    with Emulator(api_key=KEY, lobstr_rate_limit=2) as emu:
        answers = [HTTP.post(emu.base_url(P) + "/v1/squids", json={"crawler": CRAWLER}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["1", "0", "0"]
        for answer in answers:
            check(emu, P, answer)
