"""Every check of what a caller gives, in one place: ids, numbers, `cancel_on`, and the policy they make.

Each raises TypeError or ValueError naming the parameter (CancelNotSupported for a cancel the provider
cannot make), before any request.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from ._seconds import check_seconds
from .durations import Durations, default_durations
from .engine import Policy
from .errors import CancelNotSupported
from .providers import ADAPTERS, Adapter, handle_of
from .transport import request_budget

if TYPE_CHECKING:
    from .providers import AnyClient

DurationsArg = Durations | Literal["shared"] | None  # `durations=`: see check_durations

__all__ = [
    "CANCEL_ON",
    "DEFAULT_CONCURRENCY",
    "DEFAULT_TIMEOUT",
    "MAX_TASK_ID_BYTES",
    "DurationsArg",
    "check_cancel_on",
    "check_concurrency",
    "check_task_id",
    "check_task_ids",
    "look_budget",
    "policy_for",
    "require_cancel",
    "resolve",
]  # fmt: skip

DEFAULT_TIMEOUT = 900.0
DEFAULT_CONCURRENCY = 10
# The longest id, percent-encoded (UTF-8) as it goes into a URL path: far below the 64 KiB URL httpx accepts,
# and half the 8 KiB request line common servers take. Real ids are tens of characters.
MAX_TASK_ID_BYTES = 4096
CANCEL_ON = frozenset({"timeout", "interrupt"})


def look_budget(client: AnyClient) -> float | None:
    """How long the one request of a `timeout=0` wait may take: the client's request timeout (None: unbounded),
    as for get_task. Read from the generated client's `timeout` property so that no httpx client is built for it."""
    timeout = client.timeout
    return None if timeout is None else request_budget(timeout)


def check_cancel_on(value: object, adapter: Adapter, kind: str) -> frozenset[str]:
    """`cancel_on` as a frozenset of "timeout" and "interrupt"; TypeError/ValueError before any request, and
    CancelNotSupported when it asks for a cancel that `adapter` cannot make for a unit of `kind`."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(f"cancel_on must be a set of 'timeout' and 'interrupt', not {type(value).__name__}")
    found = frozenset(value)
    unknown = sorted(map(repr, found - CANCEL_ON))
    if unknown:
        raise ValueError(f"cancel_on takes 'timeout' and 'interrupt', not {', '.join(unknown)}")
    if found:
        require_cancel(adapter, kind)
    return found


def require_cancel(adapter: Adapter, kind: str) -> None:
    """Nothing if this provider can stop a unit of `kind`; else CancelNotSupported naming what can be stopped."""
    adapter.unit(kind)  # ValueError for a kind the provider does not have
    if kind in adapter.cancellable():
        return
    can = ", ".join(f"{a.name} {k}" for a in ADAPTERS.values() for k in a.cancellable())
    own = ", ".join(adapter.cancellable()) or "nothing"
    raise CancelNotSupported(f"{adapter.name} cannot cancel a {kind!r} (it can cancel: {own}); "
                             f"taskwait can cancel: {can}")  # fmt: skip


def check_task_id(task_id: object) -> str:
    """The id itself, or a TypeError/ValueError before any request is made (blank, `.`, `..`, not text, or
    longer than MAX_TASK_ID_BYTES once percent-encoded)."""
    if not isinstance(task_id, str):
        raise TypeError(f"task_id must be a str, not {type(task_id).__name__}")
    if not task_id.strip() or task_id in (".", ".."):
        raise ValueError(f"task_id must be a non-empty path segment, not {task_id!r}")
    try:
        task_id.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"task_id {task_id!r} is not valid text (a lone surrogate)") from None
    size = len(quote(task_id, safe=""))
    if size > MAX_TASK_ID_BYTES:
        raise ValueError(f"task_id is too long: {size} bytes percent-encoded, at most {MAX_TASK_ID_BYTES}")
    return task_id


def check_task_ids(task_ids: object) -> list[object]:
    """The handles as a list, or TypeError: an iterable of ids (or creators' answers), not a str itself (it would be
    polled letter by letter)."""
    if isinstance(task_ids, str | bytes) or not isinstance(task_ids, Iterable):
        raise TypeError(f"task_ids must be an iterable of str (a list of ids), not {type(task_ids).__name__}")
    return list(task_ids)


def policy_for(adapter: Adapter, timeout: float | None, interval: float | None, max_interval: float | None,
            raise_on_failure: bool, not_found_grace: float = 0.0, use_progress: bool = True,
            target_delay: float | None = None) -> Policy:  # fmt: skip
    """The checked policy (TypeError/ValueError naming the parameter); an infinite timeout is none, as None."""
    given = max_interval is not None
    if target_delay is not None:
        target_delay = check_seconds("target_delay", target_delay, positive=True)
    if timeout is not None:
        timeout = check_seconds("timeout", timeout, positive=False, infinite=True)
        timeout = None if math.isinf(timeout) else timeout
    if interval is not None:
        interval = check_seconds("interval", interval, positive=True)
    if max_interval is not None:
        max_interval = check_seconds("max_interval", max_interval, positive=True)
    not_found_grace = check_seconds("not_found_grace", not_found_grace, positive=False)
    if interval is None:  # the provider's default, but never above a max_interval the caller gave
        interval = adapter.interval if max_interval is None else min(adapter.interval, max_interval)
    if max_interval is None:
        max_interval = max(adapter.max_interval, interval)
    return Policy(timeout=timeout, interval=interval, max_interval=max_interval, raise_on_failure=raise_on_failure,
                  not_found_grace=not_found_grace, use_progress=use_progress, target_delay=target_delay,
                  max_interval_given=given)  # fmt: skip


def resolve(adapter: Adapter, handles: list[object], kind: str,
            not_found_grace: float | None) -> tuple[str, list[str], float]:  # fmt: skip
    """(kind, ids, not-found grace) of what a wait was given: ids of `kind`, or creators' answers.

    One wait is about one kind of unit; the grace is the caller's, else the handles' (Flexprice force run: 30 s).
    """
    found = [handle_of(adapter, handle, kind) for handle in handles]
    kinds = {k for k, _, _ in found} or {kind}
    if len(kinds) > 1:
        raise ValueError(f"one wait is about one kind of unit, not {', '.join(sorted(kinds))}")
    if not_found_grace is not None:
        not_found_grace = check_seconds("not_found_grace", not_found_grace, positive=False)
    grace = not_found_grace if not_found_grace is not None else max((g for _, _, g in found), default=0.0)
    return kinds.pop(), [check_task_id(task_id) for _, task_id, _ in found], grace


def check_durations(durations: object, *, real: bool) -> Durations | None:
    """`durations=` as a wait reads it: "shared" (the default) is `default_durations()` for a wait on the process's
    real clock (`real`) and none for one on an injected clock, so that a simulation or a test neither learns from
    real waits nor teaches them; a `Durations` (the shared one too) or None, as given."""
    if isinstance(durations, str) and durations == "shared":
        return default_durations() if real else None
    if durations is not None and not isinstance(durations, Durations):
        raise TypeError(f"durations must be a taskwait.Durations, None or 'shared', not {type(durations).__name__}")
    return durations


def check_concurrency(concurrency: object) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be >= 1, not {concurrency!r}")
    return concurrency
