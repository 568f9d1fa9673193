"""OpenTelemetry traces and metrics of the waits (the `otel` extra: `opentelemetry-api` only).

Imported only once `opentelemetry` is loaded (see `observe.telemetry`). `active()` is the `Telemetry` of
the global providers, or None while they are the API's own no-op ones (no SDK configured). Per wait, a
`WaitTrace`: one span per unit waited on (`taskwait.wait_for`, each id of `taskwait.wait_for_many`,
`taskwait.step`, `taskwait.get_task`), a CLIENT child span per HTTP request (the stable HTTP client
semantic conventions), sleeps as events, and the metrics below. The attribute names are copied here:
`opentelemetry-semantic-conventions` is still beta-versioned. No key reaches an attribute or event:
`url.full` loses its userinfo and the client's secrets are redacted from it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from opentelemetry import metrics, trace
from opentelemetry.context import Context
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.trace import Link, Span, SpanKind, StatusCode

from .engine import Attempt, Decision, Fatal, Finish, Observed, PollState, Raise, Sleep, Transient
from .errors import WaitTimeout, redact
from .progress import MIN_PROGRESS
from .wire import Reply, parse_retry_after

__all__ = ["HELD", "Telemetry", "WaitTrace", "active", "reply_class"]

# Stable HTTP client semantic conventions (v1.23+), copied rather than imported.
HTTP_REQUEST_METHOD = "http.request.method"
HTTP_RESPONSE_STATUS_CODE = "http.response.status_code"
HTTP_REQUEST_RESEND_COUNT = "http.request.resend_count"
SERVER_ADDRESS = "server.address"
SERVER_PORT = "server.port"
URL_FULL = "url.full"
ERROR_TYPE = "error.type"
# taskwait's own.
PROVIDER, KIND, UNIT_ID = "taskwait.provider", "taskwait.kind", "taskwait.unit_id"
STATUS, RAW_STATUS, POLLS, TIMED_OUT = "taskwait.status", "taskwait.raw_status", "taskwait.polls", "taskwait.timed_out"
OUTCOME, REPLY = "taskwait.outcome", "taskwait.reply"  # how a wait ended; what one request came to
SLEEP, RETRY_AFTER, HELD_FOR = "taskwait.sleep", "taskwait.retry_after", "taskwait.held"
SCOPE = "taskwait"


class _Held:
    """Polls held back for a shared rate in this process, until when: the `taskwait.polls.held` gauge."""

    def __init__(self) -> None:
        self._until: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def add(self, provider: str, until: float) -> None:
        now = time.time()
        with self._lock:
            times = self._until.setdefault(provider, [])
            times[:] = [t for t in times if t > now] + [until]

    def observe(self, _: CallbackOptions) -> list[Observation]:
        now = time.time()
        with self._lock:
            for times in self._until.values():
                times[:] = [t for t in times if t > now]
            return [Observation(len(times), {PROVIDER: provider}) for provider, times in self._until.items()]


HELD = _Held()


class Telemetry:
    """A tracer (None: traces off) and the instruments (None: metrics off) of one pair of providers."""

    def __init__(self, tracer_provider: trace.TracerProvider | None = None,
                 meter_provider: metrics.MeterProvider | None = None) -> None:  # fmt: skip
        self.tracer = None if tracer_provider is None else tracer_provider.get_tracer(SCOPE)
        self.metered = meter_provider is not None
        meter = (meter_provider or metrics.NoOpMeterProvider()).get_meter(SCOPE)
        self.requests = meter.create_counter("taskwait.requests", "{request}", "HTTP requests by what they came to")
        self.polls = meter.create_histogram("taskwait.wait.polls", "{poll}", "polls per wait")
        self.duration = meter.create_histogram("taskwait.wait.duration", "s", "wait duration")
        self.delay = meter.create_histogram("taskwait.wait.detection_delay", "s", "end seen after the predicted finish")
        self.active = meter.create_up_down_counter("taskwait.waits.active", "{wait}", "waits in progress")
        meter.create_observable_gauge("taskwait.polls.held", [HELD.observe], "{poll}",
                                      "polls held back for a shared rate (the Celery shared rate)")  # fmt: skip

    def wait(self, name: str, provider: str, kind: str, ids: list[str], started: float, *,
             secrets: tuple[str, ...] = (), base_url: str = "", counted: bool = True) -> WaitTrace:  # fmt: skip
        """The trace of a new wait on `ids` (its spans start now, children of the current span)."""
        return WaitTrace(self, name, provider, kind, ids, started, secrets, base_url, counted)


_cache: list[tuple[object, object, Telemetry | None]] = []


def _configured(provider: object, api: str) -> bool:
    return not type(provider).__module__.startswith(api)  # the API's own providers are no-ops (or proxies)


def active() -> Telemetry | None:
    """The Telemetry of the global providers, or None when neither is an SDK's (one lookup when cached)."""
    tp, mp = trace.get_tracer_provider(), metrics.get_meter_provider()
    if _cache and _cache[0][0] is tp and _cache[0][1] is mp:
        return _cache[0][2]
    on_t, on_m = _configured(tp, "opentelemetry.trace"), _configured(mp, "opentelemetry.metrics")
    tel = Telemetry(tp if on_t else None, mp if on_m else None) if on_t or on_m else None
    _cache[:] = [(tp, mp, tel)]
    return tel


def reply_class(reply: Reply) -> str:
    """answered, 429, 5xx, network or timeout: what one request came to, for the request counter."""
    if isinstance(reply, httpx.TimeoutException):
        return "timeout"
    if isinstance(reply, httpx.HTTPError):
        return "network"
    return "429" if reply.status_code == 429 else "5xx" if reply.status_code >= 500 else "answered"


def _url(reply: Reply, request: Mapping[str, Any], base_url: str, secrets: tuple[str, ...]) -> httpx.URL:
    try:
        url = reply.request.url
    except RuntimeError:  # cut before it was sent: no request object
        url = httpx.URL(base_url.rstrip("/") + str(request.get("url", "")), params=request.get("params"))
    return httpx.URL(redact(str(url.copy_with(userinfo=b"")), secrets))


def _fraction(attempt: Attempt) -> float | None:
    progress = attempt.snapshot.progress if isinstance(attempt, Observed) else None
    return None if progress is None else progress.fraction


class WaitTrace:
    """The spans and metrics of one wait (one span per id); its hooks are called by the loop that runs it."""

    def __init__(self, tel: Telemetry, name: str, provider: str, kind: str, ids: list[str], started: float,
                 secrets: tuple[str, ...], base_url: str, counted: bool) -> None:  # fmt: skip
        self.tel, self.provider, self.kind = tel, provider, kind
        self.secrets, self.base_url, self.counted = secrets, base_url, counted
        self.labels = {PROVIDER: provider, KIND: kind}
        self.spans: dict[str, Span] = {}
        self.resends: dict[str, int] = {}
        self.seen: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}  # first and last progress
        self.open = set(ids)
        if tel.tracer is not None:
            for task_id in ids:
                self.spans[task_id] = tel.tracer.start_span(name, attributes={**self.labels, UNIT_ID: task_id})
        if counted:
            tel.active.add(len(ids), self.labels)
        self.started = started

    def context(self, task_id: str) -> Context | None:
        span = self.spans.get(task_id)
        return None if span is None else trace.set_span_in_context(span)

    def probe(self, due: list[str]) -> Callable[[dict[str, Any], Reply, int], None]:
        """The hook `transport.drive` calls after each request of the plan for `due`."""
        return lambda request, reply, started_ns: self.sent(due, request, reply, started_ns)

    def sent(self, due: list[str], request: dict[str, Any], reply: Reply, started_ns: int) -> None:
        """One request of the plan for `due` came to `reply`: count it; a CLIENT span, child of the first id's."""
        self.tel.requests.add(1, {**self.labels, REPLY: reply_class(reply)})
        if self.tel.tracer is None:
            return
        url = _url(reply, request, self.base_url, self.secrets)
        method = str(request.get("method", "GET")).upper()
        attributes: dict[str, Any] = {HTTP_REQUEST_METHOD: method, URL_FULL: str(url), SERVER_ADDRESS: url.host}
        if url.port is not None:
            attributes[SERVER_PORT] = url.port
        if resent := self.resends.get(due[0], 0):
            attributes[HTTP_REQUEST_RESEND_COUNT] = resent
        if isinstance(reply, httpx.Response):
            attributes[HTTP_RESPONSE_STATUS_CODE] = reply.status_code
            if reply.status_code >= 400:
                attributes[ERROR_TYPE] = str(reply.status_code)
        else:
            attributes[ERROR_TYPE] = type(reply).__name__
        links = [Link(self.spans[t].get_span_context()) for t in due[1:] if t in self.spans]
        span = self.tel.tracer.start_span(method, self.context(due[0]), SpanKind.CLIENT, attributes, links,
                                          start_time=started_ns)  # fmt: skip
        if ERROR_TYPE in attributes:
            span.set_status(StatusCode.ERROR)
        if isinstance(reply, httpx.Response) and (reply.status_code in (408, 429) or reply.status_code >= 500):
            retry_after = parse_retry_after(reply.headers.get("Retry-After"), time.time())
            if retry_after is not None:
                span.add_event("taskwait.retry_after", {RETRY_AFTER: retry_after})
        span.end()

    def recorded(self, task_id: str, attempt: Attempt, decision: Decision, state: PollState, now: float) -> None:
        """The engine decided on `attempt` (at `now` on the wait's clock): a sleep event, or the wait's end."""
        self.resends[task_id] = self.resends.get(task_id, 0) + 1 if isinstance(attempt, Transient) else 0
        span = self.spans.get(task_id)
        if isinstance(decision, Sleep):
            fraction = _fraction(attempt)
            if fraction is not None:  # progress of the work still running: the detection delay's estimate
                first = self.seen[task_id][0] if task_id in self.seen else (now, fraction)
                self.seen[task_id] = (first, (now, fraction))
            if span is not None:
                event: dict[str, Any] = {SLEEP: decision.seconds, POLLS: state.polls}
                if isinstance(attempt, Transient) and attempt.retry_after is not None:
                    event[RETRY_AFTER] = attempt.retry_after
                span.add_event("taskwait.sleep", event)
            return
        error = decision.error if isinstance(decision, Raise) else None
        status = decision.snapshot.status.value if isinstance(decision, Finish) else None
        self.ended(task_id, state, now, error, status)

    def ended(self, task_id: str, state: PollState | None, now: float, error: BaseException | None,
              status: str | None = None, *, over: bool = True) -> None:  # fmt: skip
        """The span of `task_id` ends with its last attributes; `over`: so does the wait (the end-of-wait metrics)."""
        if task_id not in self.open:
            return
        self.open.discard(task_id)
        last = None if state is None else state.last
        outcome = type(error).__name__ if error is not None else status or "ended"
        labels = {**self.labels, OUTCOME: outcome}
        if self.counted:
            self.tel.active.add(-1, self.labels)
        if state is not None and over:
            self.tel.polls.record(state.polls, labels)
            self.tel.duration.record(max(0.0, now - state.started), labels)
        delay = self._delay(task_id, now) if status is not None and over else None
        if delay is not None:
            self.tel.delay.record(delay, labels)
        span = self.spans.pop(task_id, None)
        if span is None:
            return
        attributes: dict[str, Any] = {TIMED_OUT: isinstance(error, WaitTimeout)}
        if state is not None:
            attributes[POLLS] = state.polls
        if last is not None:
            attributes[STATUS] = last.status.value
            if last.raw_status is not None:
                attributes[RAW_STATUS] = last.raw_status
        if error is not None:
            attributes[ERROR_TYPE] = type(error).__name__
            span.set_status(StatusCode.ERROR, type(error).__name__)
        span.set_attributes(attributes)
        span.end()

    def looked(self, task_id: str, attempt: Attempt) -> None:
        """End the span of a single look (`get_task`): the status seen, or the error type it comes to."""
        span = self.spans.pop(task_id, None)
        self.open.discard(task_id)
        if span is None:
            return
        if isinstance(attempt, Observed):
            span.set_attribute(STATUS, attempt.snapshot.status.value)
            if attempt.snapshot.raw_status is not None:
                span.set_attribute(RAW_STATUS, attempt.snapshot.raw_status)
        else:
            name = type(attempt.error).__name__ if isinstance(attempt, Fatal) else "ProviderError"
            span.set_attribute(ERROR_TYPE, name)
            span.set_status(StatusCode.ERROR, name)
        span.end()

    def _delay(self, task_id: str, now: float) -> float | None:
        """Seconds from the finish the progress seen before predicted (a linear rate) to `now`, or None."""
        if task_id not in self.seen:
            return None
        (t0, f0), (t1, f1) = self.seen[task_id]
        if f1 >= 1.0 or f1 - f0 < MIN_PROGRESS or t1 <= t0:  # the last progress was the end, or too little to say
            return None
        finish = t1 + (1.0 - f1) * (t1 - t0) / (f1 - f0)
        return max(0.0, now - max(finish, t1))

    def close(self, failure: BaseException | None, states: Mapping[str, PollState], now: float) -> None:
        """End every span still open (a refused key stopped the others, an interrupt): with `failure`'s type."""
        for task_id in list(self.open):
            self.ended(task_id, states.get(task_id), now, failure)
