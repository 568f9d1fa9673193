"""What a wait tells the world: structured log records always, OpenTelemetry traces and metrics when they are on.

`telemetry()` is checked once per wait: None (and nothing imported) unless the `opentelemetry` package is
loaded already and an SDK is configured (`taskwait.otel`); `using` puts one in place for a while (the
CLI's `--trace`, tests, the benchmark). `note` writes the DEBUG record of one attempt and the engine's
warnings, with the fields as `extra` (`provider`, `kind`, `task_id`, `attempt`, `status_code`, `sleep`)
so that a JSON formatter prints them as fields. No record holds a key: messages are redacted upstream.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .engine import Attempt, Decision, Fatal, Observed, Sleep, Transient

if TYPE_CHECKING:
    from .otel import Telemetry, WaitTrace
    from .providers import Context
    from .transport import Probe

__all__ = ["fields", "note", "single", "telemetry", "using"]

log = logging.getLogger("taskwait")
_forced: list[Telemetry | None] = []  # the innermost `using`, if any


def telemetry() -> Telemetry | None:
    """The OpenTelemetry hooks of a new wait, or None when no SDK is configured (checked once per wait)."""
    if _forced:
        return _forced[-1]
    if "opentelemetry" not in sys.modules:  # nobody loaded it: no SDK can be configured, and we import nothing
        return None
    from .otel import active

    return active()


def single(name: str, ctx: Context, kind: str, task_id: str, started: float) -> tuple[WaitTrace | None, Probe | None]:
    """The span of one look at one unit (a `step`, a `get_task`) and its request hook; (None, None) when off."""
    tel = telemetry()
    if tel is None:
        return None, None
    trace = tel.wait(name, ctx.adapter.name, kind, [task_id], started, secrets=ctx.secrets,
                     base_url=ctx.client.base_url, counted=False)  # fmt: skip
    return trace, trace.probe([task_id])


@contextmanager
def using(tel: Telemetry | None) -> Iterator[None]:
    """Waits started inside use `tel` (None: no telemetry), whatever the global providers are."""
    _forced.append(tel)
    try:
        yield
    finally:
        _forced.pop()


def fields(provider: str, kind: str, task_id: str, attempt: int | None = None, status_code: int | None = None,
           sleep: float | None = None) -> dict[str, object]:  # fmt: skip
    """A record's structured fields (the `extra` of a log call); the ones not known are left out."""
    found: dict[str, object] = {"provider": provider, "kind": kind, "task_id": task_id}
    for name, value in (("attempt", attempt), ("status_code", status_code), ("sleep", sleep)):
        if value is not None:
            found[name] = value
    return found


def _status_code(attempt: Attempt) -> int | None:
    if isinstance(attempt, Observed):
        return 200
    if isinstance(attempt, Transient):
        return attempt.status_code
    return getattr(attempt.error, "status_code", None)


def note(provider: str, kind: str, task_id: str, polls: int, attempt: Attempt, decision: Decision) -> None:
    """The DEBUG record of one attempt, and the engine's warning if it gave one, with structured fields."""
    sleep = decision.seconds if isinstance(decision, Sleep) else None
    if isinstance(decision, Sleep) and decision.warning:
        log.warning(decision.warning, extra=fields(provider, kind, task_id, polls, _status_code(attempt), sleep))
    if not log.isEnabledFor(logging.DEBUG):
        return
    if isinstance(attempt, Observed):
        what = f"status {attempt.snapshot.raw_status!r}"
    elif isinstance(attempt, Fatal):
        what = type(attempt.error).__name__
    else:
        what = attempt.reason
    after = f"; next poll in {sleep:.3f}s" if sleep is not None else ""
    extra = fields(provider, kind, task_id, polls, _status_code(attempt), sleep)
    log.debug("%s %s %s: poll %d: %s%s", provider, kind, task_id, polls, what, after, extra=extra)
