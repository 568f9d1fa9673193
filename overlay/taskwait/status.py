"""One status language for five providers: `Status` and the normalization tables."""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import Literal, TypeGuard, get_args

__all__ = ["KINDS", "PROVIDERS", "Kind", "Provider", "Status", "is_provider", "normalize_status"]

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


def _table(**by_status: str) -> MappingProxyType[str, Status]:
    """A lower-cased raw value -> Status table from space-separated raw values per status."""
    return MappingProxyType({raw.lower(): Status[name] for name, raws in by_status.items() for raw in raws.split()})


# Which raw field each table reads: databar, openmart and deepomatic `status`; lobstr
# `status.status`; flexprice `task_status` (never the record's lifecycle `status`).
_TABLES: MappingProxyType[str, MappingProxyType[str, Status]] = MappingProxyType(
    {
        "databar": _table(
            PENDING="queued created",
            RUNNING="processing no_data",
            SUCCEEDED="completed partially_completed success",
            FAILED="failed error gone",
            CANCELLED="cancelled",
        ),
        "openmart": _table(RUNNING="PROCESSING", SUCCEEDED="COMPLETED", FAILED="ERRORED", CANCELLED="CANCELLED"),
        "lobstr": _table(
            PENDING="pending", RUNNING="running", SUCCEEDED="completed done", FAILED="failed error", CANCELLED="aborted"
        ),
        "deepomatic": _table(PENDING="pending", SUCCEEDED="success", FAILED="error"),
        "flexprice": _table(PENDING="PENDING", RUNNING="PROCESSING", SUCCEEDED="COMPLETED", FAILED="FAILED"),
    }
)
# Units other than the task: Openmart batch `batch_ready` (read as "batch_ready=true|false"), Lobstr
# run `status`, Lobstr upload `state` (202 answers carry PROGRESS), Databar table export `status`.
_UNIT_TABLES: MappingProxyType[tuple[str, str], MappingProxyType[str, Status]] = MappingProxyType(
    {
        ("openmart", "batch"): _table(RUNNING="batch_ready=false", SUCCEEDED="batch_ready=true"),
        ("lobstr", "run"): _table(PENDING="pending", RUNNING="running uploading paused", SUCCEEDED="done",
                                  FAILED="error", CANCELLED="aborted"),
        ("lobstr", "upload"): _table(PENDING="PENDING", RUNNING="PROGRESS", SUCCEEDED="SUCCESS", FAILED="FAILURE"),
        # A table export is done once it has a file (read as "file=ready"); a status saying done without one waits.
        ("databar", "export"): _table(PENDING="queued pending", RUNNING="processing running completed done success",
                                      SUCCEEDED="file=ready", FAILED="failed error"),
    }
)  # fmt: skip


def normalize_status(provider: str, raw: str | None, kind: Kind = "task") -> Status:
    """Map a provider's raw status of a unit to a `Status`, ignoring case and surrounding whitespace.

    Args:
        provider: one of the five provider names ("databar", "deepomatic", "flexprice", "lobstr", "openmart").
        raw: the status as the provider wrote it, or None: Databar, Openmart, Deepomatic `status`; Lobstr
            `status.status` (a run's `status`, an upload's `state`); Flexprice `task_status`.
        kind: the unit the status belongs to: "task" (default), Openmart "batch", Lobstr "run" or "upload".

    Returns the `Status`; a value the table does not list (or None) is `Status.UNKNOWN`.
    Raises ValueError for an unknown provider, or a kind the provider does not have.
    """
    if provider not in _TABLES:
        raise ValueError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    table = _TABLES[provider] if kind == "task" else _UNIT_TABLES.get((provider, kind))
    if table is None:
        raise ValueError(f"{provider} has no {kind!r} unit")
    if raw is None:
        return Status.UNKNOWN
    return table.get(raw.strip().lower(), Status.UNKNOWN)
