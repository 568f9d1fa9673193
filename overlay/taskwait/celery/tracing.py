"""Traces and metrics of waits on Celery workers (when an OpenTelemetry SDK is configured; else nothing).

`submitted` starts the `taskwait.celery.wait` span (a child of the submitter's current span) and keeps its
trace context, W3C `traceparent` text and never a key, in the wait's hash in Redis (field `trace`); it ends
at once, since no process can end a span another one started. `polling` makes each message a
`taskwait.celery.poll` span, a child of that context on whichever worker takes it, so every poll of the wait
is in one trace under one wait span; `step` nests its `taskwait.step` span (and its requests) inside.
`held` is the event (and gauge entry) of a poll held back for the shared rate; `submitted` and `ended`
move the in-progress gauge, across processes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .. import observe

if TYPE_CHECKING:
    from ..resume import WaitState
    from .store import RedisStore

__all__ = ["FIELD", "ended", "held", "polling", "submitted"]

FIELD = "trace"  # the wait hash's field that holds the trace context
WAIT_ID, REV, PID = "taskwait.wait_id", "taskwait.rev", "process.pid"


def submitted(store: RedisStore, wait_id: str, state: WaitState) -> None:
    """A new wait was stored: count it in progress; its span, whose context goes into Redis with it."""
    tel = observe.telemetry()
    if tel is None:
        return
    from opentelemetry import propagate, trace

    from ..otel import KIND, PROVIDER, UNIT_ID

    labels = {PROVIDER: state.provider, KIND: state.kind}
    tel.active.add(1, labels)
    if tel.tracer is None:
        return
    span = tel.tracer.start_span("taskwait.celery.wait", attributes={**labels, UNIT_ID: state.task_id,
                                                                     WAIT_ID: wait_id})  # fmt: skip
    carrier: dict[str, str] = {}
    propagate.inject(carrier, trace.set_span_in_context(span))
    store.redis.hset(store.key("w", wait_id), FIELD, json.dumps(carrier))
    span.end()


@contextmanager
def polling(store: RedisStore, wait_id: str, rev: int) -> Iterator[None]:
    """One poll message handled under a `taskwait.celery.poll` span, a child of the wait's span."""
    tel = observe.telemetry()
    if tel is None or tel.tracer is None:
        yield
        return
    from opentelemetry import propagate

    raw = store.redis.hget(store.key("w", wait_id), FIELD)
    try:
        carrier = json.loads(raw) if raw else {}
    except ValueError:
        carrier = {}
    parent = propagate.extract(carrier if isinstance(carrier, dict) else {})
    attributes: dict[str, str | int] = {WAIT_ID: wait_id, REV: rev, PID: os.getpid()}
    with tel.tracer.start_as_current_span("taskwait.celery.poll", parent, attributes=attributes):
        yield


def held(provider: str, seconds: float, until: float) -> None:
    """The poll under way was held back `seconds` for the shared rate: an event and the held gauge."""
    tel = observe.telemetry()
    if tel is None:
        return
    from opentelemetry import trace

    from ..otel import HELD, HELD_FOR, PROVIDER

    HELD.add(provider, until)
    trace.get_current_span().add_event("taskwait.held", {PROVIDER: provider, HELD_FOR: seconds})


def ended(provider: str, kind: str) -> None:
    """A wait ended on this worker: one fewer in progress."""
    tel = observe.telemetry()
    if tel is not None:
        from ..otel import KIND, PROVIDER

        tel.active.add(-1, {PROVIDER: provider, KIND: kind})
