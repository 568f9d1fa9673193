"""wait_for_many: every id answered, errors mapped not raised, a concurrency bound, Deepomatic batching."""

from __future__ import annotations

import threading
from typing import Any

import anyio
import httpx
import pytest

import taskwait
from taskwait import Status
from tests.support import KEY, FakeTime, Script, body, ok


def by_id(states: dict[str, list[httpx.Response]]) -> Any:
    """A handler answering each task id from its own list (last answer repeats)."""

    def handler(request: httpx.Request) -> httpx.Response:
        task_id = request.url.path.rsplit("/", 1)[-1]
        answers = states[task_id]
        return answers.pop(0) if len(answers) > 1 else answers[0]

    return handler


def mixed() -> dict[str, list[httpx.Response]]:
    return {
        "ok": [ok("lobstr", "ok", "running"), ok("lobstr", "ok", "completed", done=3)],
        "bad": [ok("lobstr", "bad", "failed", error="scraper crashed")],
        "stop": [ok("lobstr", "stop", "aborted", done=1)],
        "gone": [httpx.Response(404, json={"detail": "Not found."})],
        "slow": [ok("lobstr", "slow", "running")],
        "odd": [httpx.Response(418, text="teapot")],
    }


def check_mixed(results: dict[str, Any]) -> None:
    assert list(results) == ["ok", "bad", "stop", "gone", "slow", "odd"]
    assert results["ok"].status is Status.SUCCEEDED and results["ok"].progress.done == 3
    assert results["bad"].status is Status.FAILED and results["bad"].error == "scraper crashed"
    assert results["stop"].status is Status.CANCELLED
    assert isinstance(results["gone"], taskwait.TaskNotFound)
    assert isinstance(results["slow"], taskwait.WaitTimeout) and results["slow"].snapshot.raw_status == "running"
    assert isinstance(results["odd"], taskwait.ProviderError) and results["odd"].status_code == 418


def test_sync_maps_every_id_to_outcome_or_error() -> None:
    fake = FakeTime()
    client = Script([by_id(mixed())]).client("lobstr")
    ids = ["ok", "bad", "stop", "gone", "slow", "ok", "odd"]
    check_mixed(taskwait.wait_for_many(client, ids, timeout=120, concurrency=3, **fake.kwargs()))


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_async_maps_every_id_to_outcome_or_error(backend: str) -> None:
    fake = FakeTime()

    async def main() -> dict[str, Any]:
        client = Script([by_id(mixed())]).client("lobstr")
        ids = ["ok", "bad", "stop", "gone", "slow", "ok", "odd"]
        return await taskwait.wait_for_many_async(client, ids, timeout=120, **fake.kwargs(use_async=True))

    check_mixed(anyio.run(main, backend=backend))


def test_refused_key_raises_at_once_sync() -> None:
    states = {f"t{i}": [ok("databar", f"t{i}", "processing")] for i in range(5)}
    states["t3"] = [httpx.Response(403, json={"detail": "Forbidden"})]
    script = Script([by_id(states)])
    with pytest.raises(taskwait.AuthenticationError):
        taskwait.wait_for_many(script.client("databar"), list(states), concurrency=2, **FakeTime().kwargs())
    assert len(script.requests) < 10


def test_a_callback_error_reaches_the_caller_once_from_any_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """on_update raising on a worker thread: the caller gets the error, and no thread prints its own traceback."""
    hooked: list[Any] = []
    monkeypatch.setattr(threading, "excepthook", hooked.append)
    states = {f"t{i}": [ok("databar", f"t{i}", "completed")] for i in range(6)}
    callers: set[int] = set()

    def on_update(snapshot: taskwait.TaskSnapshot) -> None:
        callers.add(threading.get_ident())
        raise OSError("the reader went away")

    script = Script([by_id(states)])
    with pytest.raises(OSError, match="the reader went away"):
        taskwait.wait_for_many(script.client("databar"), list(states), concurrency=3, on_update=on_update,
                               **FakeTime().kwargs())  # fmt: skip
    assert hooked == [] and callers  # (which thread raised first is up to the scheduler)


def test_refused_key_raises_at_once_async() -> None:
    states = {f"t{i}": [ok("databar", f"t{i}", "processing")] for i in range(5)}
    states["t3"] = [httpx.Response(401, json={"detail": f"bad key {KEY}"})]

    async def main() -> None:
        client = Script([by_id(states)]).client("databar")
        await taskwait.wait_for_many_async(client, list(states), **FakeTime().kwargs(use_async=True))

    with pytest.raises(taskwait.AuthenticationError) as exc:
        anyio.run(main)
    assert KEY not in str(exc.value)


def test_async_in_flight_requests_never_exceed_concurrency() -> None:
    in_flight, peak = 0, 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        for _ in range(5):
            await anyio.lowlevel.checkpoint()
        in_flight -= 1
        task_id = request.url.path.rsplit("/", 1)[-1]
        return ok("openmart", task_id, "COMPLETED")

    async def main() -> dict[str, Any]:
        client = taskwait.connect("openmart", KEY, httpx_args={"transport": httpx.MockTransport(handler)})
        return await taskwait.wait_for_many_async(client, [f"t{i}" for i in range(40)], concurrency=4)

    results = anyio.run(main)
    assert len(results) == 40 and all(r.status is Status.SUCCEEDED for r in results.values())
    assert peak == 4


def test_sync_in_flight_requests_never_exceed_concurrency() -> None:
    lock, in_flight, peak = threading.Lock(), 0, 0
    together = threading.Barrier(3, timeout=5)

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        together.wait()  # three workers really are in flight at once
        with lock:
            in_flight -= 1
        return ok("openmart", request.url.path.rsplit("/", 1)[-1], "COMPLETED")

    client = taskwait.connect("openmart", KEY, httpx_args={"transport": httpx.MockTransport(handler)})
    results = taskwait.wait_for_many(client, [f"t{i}" for i in range(30)], concurrency=3, **FakeTime().kwargs())
    assert len(results) == 30 and peak == 3


def test_bad_concurrency_and_ids() -> None:
    client = Script([ok("databar", "x", "completed")]).client("databar")
    with pytest.raises(ValueError):
        taskwait.wait_for_many(client, ["a"], concurrency=0)
    with pytest.raises(ValueError):
        taskwait.wait_for_many(client, ["a", ""])
    assert taskwait.wait_for_many(client, []) == {}


class DeepomaticServer:
    """Deepomatic's list endpoint: DRF limit/offset pages (at most 50), ids it does not list left out."""

    def __init__(self, ids: list[str], finish_after: int, hidden: set[str], unknown: set[str]) -> None:
        self.polls = dict.fromkeys(ids, 0)
        self.finish_after, self.hidden, self.unknown = finish_after, hidden, unknown
        self.list_requests = 0
        self.get_requests: list[str] = []

    def task(self, task_id: str) -> dict[str, Any]:
        self.polls[task_id] += 1
        raw = "success" if self.polls[task_id] > self.finish_after else "pending"
        return body("deepomatic", task_id, raw, data={"outputs": []} if raw == "success" else None)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v0.7/tasks":
            self.list_requests += 1
            ids = request.url.params.get_list("task_ids")
            offset, limit = int(request.url.params.get("offset", 0)), min(int(request.url.params.get("limit", 50)), 50)
            found = [i for i in ids if i not in self.hidden | self.unknown]
            page = [self.task(i) for i in found[offset : offset + limit]]
            nxt = None
            if offset + limit < len(found):
                nxt = str(request.url.copy_set_param("offset", offset + limit).copy_set_param("limit", limit))
            return httpx.Response(200, json={"count": len(found), "next": nxt, "previous": None, "results": page})
        task_id = request.url.path.rsplit("/", 1)[-1]
        self.get_requests.append(task_id)
        if task_id in self.unknown:
            return httpx.Response(404, json={"detail": "Not found."})
        return httpx.Response(200, json=self.task(task_id))


def test_deepomatic_polls_many_tasks_per_request_and_loses_no_id() -> None:
    ids = [f"{269999000 + i}" for i in range(250)]
    server = DeepomaticServer(ids, finish_after=2, hidden={ids[7]}, unknown={ids[9]})
    client = taskwait.connect("deepomatic", KEY, httpx_args={"transport": httpx.MockTransport(server)})
    results = taskwait.wait_for_many(client, ids, concurrency=4, **FakeTime().kwargs())

    assert set(results) == set(ids)
    assert isinstance(results[ids[9]], taskwait.TaskNotFound)
    assert all(results[i].status is Status.SUCCEEDED for i in ids if i != ids[9])
    # 3 rounds x 3 chunks (100, 100, 50) x 2 pages of 50 at most, instead of 3 x 250 single GETs
    assert server.list_requests <= 3 * 3 * 2
    assert set(server.get_requests) == {ids[7], ids[9]}
    total = server.list_requests + len(server.get_requests)
    assert total * 20 <= 3 * 250


def living(backend: str) -> int:
    """Tasks alive in the running event loop."""
    if backend == "trio":
        import trio

        return int(trio.lowlevel.current_statistics().tasks_living)
    import asyncio

    return len(asyncio.all_tasks())


def test_a_huge_concurrency_starts_no_more_workers_than_there_are_ids() -> None:
    threads: list[int] = []
    client = Script([ok("databar", "a", "processing"), ok("databar", "a", "completed")]).client("databar")
    before = threading.active_count()
    results = taskwait.wait_for_many(client, ["a"], concurrency=10**6, timeout=5,
                                     on_attempt=lambda *_: threads.append(threading.active_count()),
                                     **FakeTime().kwargs())  # fmt: skip
    assert results["a"].status is Status.SUCCEEDED
    assert max(threads) <= before + 1  # this thread only (and the deadline watchdog, started once per process)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_a_huge_concurrency_starts_no_more_tasks_than_there_are_ids_async(backend: str) -> None:
    tasks: list[int] = []
    base: list[int] = []

    async def main() -> dict[str, Any]:
        base.append(living(backend))
        answers = {t: [ok("databar", t, "processing"), ok("databar", t, "completed")] for t in ("a", "b")}
        client = Script([by_id(answers)]).client("databar")
        return await taskwait.wait_for_many_async(
            client, ["a", "b"], concurrency=10**6, timeout=5,
            on_attempt=lambda *_: tasks.append(living(backend)), **FakeTime().kwargs(use_async=True))  # fmt: skip

    results = anyio.run(main, backend=backend)
    assert set(results) == {"a", "b"} and max(tasks) == base[0] + 2  # one worker per id


def test_deepomatic_lists_ids_at_the_length_limit_in_requests_that_fit_a_url() -> None:
    ids = [f"{i:04d}" + "x" * 4092 for i in range(30)]  # 30 ids of 4096 bytes, 120 KiB:, over httpx's 64 KiB URL
    server = DeepomaticServer(ids, finish_after=0, hidden=set(), unknown=set())
    sizes: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sizes.append(len(request.url.raw_path))
        return server(request)

    client = taskwait.connect("deepomatic", KEY, httpx_args={"transport": httpx.MockTransport(handler)})
    results = taskwait.wait_for_many(client, ids, **FakeTime().kwargs())
    assert set(results) == set(ids) and all(r.status is Status.SUCCEEDED for r in results.values())
    assert server.get_requests == [] and max(sizes) < 8192  # listed 1 id a request: none asked alone
