"""`taskwait wait --trace`: the finished spans of each wait as JSON lines on stderr, or to the user's exporter.

Needs `opentelemetry-sdk` (ImportError otherwise: the CLI says what to install). With `OTEL_TRACES_EXPORTER`
naming an installed exporter other than `console` (e.g. `otlp`, configured by its own `OTEL_EXPORTER_*`
variables), the spans go there instead; `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` name the resource.
The provider is the command's own (`observe.using`): the process's global providers are left alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from importlib.metadata import entry_points
from typing import Any

from . import observe

__all__ = ["traced"]


def _exporter() -> tuple[Any, bool]:
    """The span exporter and whether it is the console one (exported span by span, not in batches)."""
    from opentelemetry.sdk.trace.export import ConsoleSpanExporter

    name = os.environ.get("OTEL_TRACES_EXPORTER", "console").split(",")[0].strip() or "console"
    if name not in ("console", "none"):
        found = entry_points(group="opentelemetry_traces_exporter", name=name)
        if not found:
            raise ImportError(f"no span exporter named {name!r} (OTEL_TRACES_EXPORTER) is installed")
        return next(iter(found)).load()(), False
    return ConsoleSpanExporter(out=sys.stderr, formatter=lambda span: span.to_json(indent=None) + "\n"), True


def traced() -> AbstractContextManager[None]:
    """A context in which waits export their spans; ImportError (naming what to install) without the SDK."""
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    except ImportError:
        raise ImportError("--trace needs the OpenTelemetry SDK: pip install opentelemetry-sdk") from None
    from .otel import Telemetry

    exporter, console = _exporter()
    attributes = {} if os.environ.get("OTEL_SERVICE_NAME") else {"service.name": "taskwait"}
    provider = TracerProvider(resource=Resource.create(attributes))
    provider.add_span_processor(SimpleSpanProcessor(exporter) if console else BatchSpanProcessor(exporter))

    @contextmanager
    def context() -> Iterator[None]:
        try:
            with observe.using(Telemetry(provider)):
                yield
        finally:
            provider.shutdown()  # every span exported before the command exits

    return context()
