"""One status language for five providers: `Status`, the provider names and the kinds of unit.

`PROVIDERS` is the one list of providers (from the `Provider` literal); each unit's raw-status table sits
on its `Unit` row in `providers` (built with `status_table`), and `providers.normalize_status` reads it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, TypeGuard, get_args

__all__ = ["KINDS", "PROVIDERS", "Kind", "Provider", "Status", "is_provider", "status_table"]

# The one list of providers: a provider is a name here, a module in `providers` and a generated package.
Provider = Literal["databar", "deepomatic", "flexprice", "lobstr", "openmart"]
PROVIDERS: tuple[Provider, ...] = get_args(Provider)
# Every kind of unit some provider tracks; each adapter's `units` are a part of it (tests/overlay/test_units.py).
Kind = Literal["task", "export", "run", "upload", "batch"]
KINDS: tuple[Kind, ...] = get_args(Kind)


def is_provider(name: object) -> TypeGuard[Provider]:
    """True for the name of one of the five providers (narrows a str to `Provider`)."""
    return name in PROVIDERS


class Status(enum.StrEnum):
    """Where a task stands, in the same words for every provider."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @property
    def is_terminal(self) -> bool:
        """True once the task will not change again (succeeded, failed or cancelled)."""
        return self in _TERMINAL


_TERMINAL = frozenset({Status.SUCCEEDED, Status.FAILED, Status.CANCELLED})


def status_table(**by_status: str) -> Mapping[str, Status]:
    """A unit's table of raw statuses (a `Unit` row's `statuses`): lower-cased raw value -> Status, from
    space-separated raw values per Status name, e.g. `status_table(RUNNING="processing", SUCCEEDED="done")`."""
    return MappingProxyType({raw.lower(): Status[name] for name, raws in by_status.items() for raw in raws.split()})
