"""Test helpers: a fake clock, scripted HTTP answers, and task bodies shaped like the docs' examples."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import httpx

import taskwait

KEY = "sk-test-7f3a9c-SECRET"

# provider -> (auth header, what goes before the key), as each provider's docs say
AUTH_HEADERS = {
    "databar": ("x-apikey", ""),
    "openmart": ("X-API-Key", ""),
    "lobstr": ("Authorization", "Token "),
    "deepomatic": ("X-API-KEY", ""),
    "flexprice": ("x-api-key", ""),
}


def auth_header(provider: str, key: str = KEY) -> tuple[str, str]:
    """The (name, value) of the header that carries `key` to `provider`."""
    name, prefix = AUTH_HEADERS[provider]
    return name, prefix + key


# provider -> raw statuses for (running, succeeded, failed, cancelled); None where the provider has none.
RAW: dict[str, tuple[str, str, str, str | None]] = {
    "databar": ("processing", "completed", "failed", "cancelled"),
    "openmart": ("PROCESSING", "COMPLETED", "ERRORED", "CANCELLED"),
    "lobstr": ("running", "completed", "failed", "aborted"),
    "deepomatic": ("pending", "success", "error", None),
    "flexprice": ("PROCESSING", "COMPLETED", "FAILED", None),
}


def body(provider: str, task_id: str, raw: str, *, error: str | None = None, done: int | None = None,
         total: int | None = None, data: Any = None) -> dict[str, Any]:  # fmt: skip
    """A task as the provider's docs show it, with the given raw status."""
    if provider == "databar":
        return {"task_id": task_id, "status": raw, "data": data, "error": error, "credits_spent": 0}
    if provider == "openmart":
        return {"task_id": task_id, "status": raw, "tracking_id": "customer-42", "data": data}
    if provider == "lobstr":
        status = {"status": raw, "is_done": raw in ("completed", "aborted", "failed"), "total_results": done,
                  "total_pages": 1, "done_reason": None, "has_errors": error is not None, "errors": error}  # fmt: skip
        return {"hash_value": task_id, "created_at": "2024-12-24T10:57:55.045567", "is_active": True,
                "params": {"url": "https://example.com"}, "module": 5, "object": "task", "status": status}  # fmt: skip
    if provider == "deepomatic":
        return {"id": task_id, "status": raw, "error": error, "date_created": "2018-03-10T20:38:12.818792Z",
                "date_updated": None, "data": data, "subtasks": None}  # fmt: skip
    if provider == "flexprice":
        return {"id": task_id, "task_status": raw, "status": "published", "processed_records": done,
                "total_records": total, "error_summary": error, "started_at": None}  # fmt: skip
    raise ValueError(provider)


def ok(provider: str, task_id: str, raw: str, **kw: Any) -> httpx.Response:
    return httpx.Response(200, json=body(provider, task_id, raw, **kw))


class FakeTime:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, seconds
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def kwargs(self, *, use_async: bool = False) -> dict[str, Any]:
        return {"clock": self.clock, "sleep": self.asleep if use_async else self.sleep, "rand": lambda: 0.5}


Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """A MockTransport handler answering from a list, then repeating the last answer."""

    def __init__(self, answers: Iterable[Answer], *, time: FakeTime | None = None, cost: float = 0.0) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.time, self.cost = time, cost
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
            if self.time is not None:
                self.time.now += self.cost  # a request takes time too
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def client(self, provider: str, **kwargs: Any) -> Any:
        transport = httpx.MockTransport(self)
        return taskwait.connect(provider, KEY, httpx_args={"transport": transport}, **kwargs)
