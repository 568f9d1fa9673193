"""The limits a budget keeps: what providers document, what the user sets, and the switch that turns it off.

A limit is `requests` in any span of `per` seconds (a sliding window), per route family of a provider.
Lobstr documents three families (`tasks` 90 a minute, `runs` with their stats 120 a minute, `results`
2 a second); the other providers document none and are unlimited until `set_rate_limit` sets one.
Every account of a provider (one base URL and key) keeps its own window under these numbers.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Mapping

from ..status import PROVIDERS

__all__ = [
    "DOCUMENTED",
    "ROUTES",
    "disable",
    "enable",
    "enabled",
    "generation",
    "limit_for",
    "reset_limits",
    "route_of",
    "set_rate_limit",
]

# Route families a provider's limits are kept per; a provider not listed has one family, "all".
ROUTES: Mapping[str, tuple[str, ...]] = {"lobstr": ("tasks", "runs", "results")}
# Lobstr's path prefixes (`/v1/<prefix>`) and the family each counts against (as its docs group them).
_FAMILY = {"tasks": "tasks", "runtasks": "tasks", "runs": "runs", "squids": "runs", "results": "results"}
# What the providers document: (provider, route) → (requests, per seconds). PROVIDERS.md, "Lobstr.io".
DOCUMENTED: Mapping[tuple[str, str], tuple[int, float]] = {
    ("lobstr", "tasks"): (90, 60.0),
    ("lobstr", "runs"): (120, 60.0),
    ("lobstr", "results"): (2, 1.0),
}

_lock = threading.Lock()
_limits: dict[tuple[str, str], tuple[int, float] | None] = dict(DOCUMENTED)
_generation = [0]  # bumped on every change: lanes made under older limits are rebuilt
_on = [os.environ.get("TASKWAIT_BUDGET", "").strip().lower() not in {"off", "0", "false", "no"}]


def route_of(provider: str, path: str) -> str:
    """The route family of a request path: Lobstr's `/v1/<family>/...` (`runtasks` counts as tasks, `squids`
    as runs), `all` for one-family providers, `other` for a Lobstr path outside them (unlimited)."""
    if provider not in ROUTES:
        return "all"
    parts = [p for p in path.split("/") if p]
    return _FAMILY.get(parts[1], "other") if len(parts) > 1 else "other"


def set_rate_limit(provider: str, requests: int | None, *, per: float = 60.0, route: str | None = None) -> None:
    """Allow at most `requests` in any span of `per` seconds to every account of `provider`.

    A sliding window: it never overruns a server that counts fixed windows, wherever their edges fall.
    `route` names one route family where the provider has several (Lobstr: "tasks", "runs" with their
    stats, "results"); None sets every family of the provider. `requests=None` removes the limit
    (the provider's answers, X-RateLimit-* and 429, still hold requests back). Waits in progress take
    the new limit from their next request.
    """
    if not isinstance(provider, str):
        raise TypeError(f"provider must be a str, not {type(provider).__name__}")
    if provider not in PROVIDERS:
        raise ValueError(f"provider must be one of {', '.join(PROVIDERS)}, not {provider[:40]!r}")
    families = ROUTES.get(provider, ("all",))
    if route is not None and not isinstance(route, str):
        raise TypeError(f"route must be a str or None, not {type(route).__name__}")
    if route is not None and route not in families:
        raise ValueError(f"route must be one of {', '.join(families)} for {provider}, not {route[:40]!r}")
    if requests is not None:
        if isinstance(requests, bool) or not isinstance(requests, int):
            raise TypeError(f"requests must be an int or None, not {type(requests).__name__}")
        if requests < 1:
            raise ValueError(f"requests must be at least 1, not {requests}")
    if isinstance(per, bool) or not isinstance(per, int | float):
        raise TypeError(f"per must be a number of seconds, not {type(per).__name__}")
    if not (per > 0 and math.isfinite(per)):
        raise ValueError(f"per must be a positive, finite number of seconds, not {per!r}")
    value = None if requests is None else (requests, float(per))
    with _lock:
        for family in (route,) if route is not None else families:
            _limits[provider, family] = value
        _generation[0] += 1


def limit_for(provider: str, route: str) -> tuple[tuple[int, float] | None, int]:
    """The limit of one route family (None: unlimited) and the generation of the limits it was read in."""
    with _lock:
        return _limits.get((provider, route)), _generation[0]


def generation() -> int:
    """How many times the limits were set: a lane read in an older generation reads its limit again."""
    return _generation[0]


def reset_limits() -> None:
    """Back to the documented limits (tests)."""
    with _lock:
        _limits.clear()
        _limits.update(DOCUMENTED)
        _generation[0] += 1


def disable() -> None:
    """Turn the budget off in this process: requests are sent when the waits want them (as before the budget).

    Also `TASKWAIT_BUDGET=off` in the environment at import. Benchmarks compare with it.
    """
    _on[0] = False


def enable() -> None:
    """Turn the budget back on (the default)."""
    _on[0] = True


def enabled() -> bool:
    return _on[0]
