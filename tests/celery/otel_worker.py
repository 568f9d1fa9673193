"""Loaded by the tracing test's workers (TASKWAIT_CELERY_INCLUDE): an SDK whose spans go, one JSON line each, to
the file TASKWAIT_TEST_SPANS names."""

from __future__ import annotations

import os

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

_out = open(os.environ["TASKWAIT_TEST_SPANS"], "a", buffering=1)  # noqa: SIM115 (open for the worker's life)
_provider = TracerProvider()
_provider.add_span_processor(
    SimpleSpanProcessor(ConsoleSpanExporter(out=_out, formatter=lambda s: s.to_json(None) + "\n"))
)
trace.set_tracer_provider(_provider)
