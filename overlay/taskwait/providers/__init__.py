"""The adapter table: everything that differs between the providers and their units.

This package is the only one that imports generated code at run time, and `Context.of` the only place
that reads a generated client's setup (through its public properties); `wire` and the loop read the table
and never name a provider themselves. One module a provider (its `Adapter` row, a `Unit` row per kind with
its raw-status table); `base` holds the row types, `config` the key and base-URL checks.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..status import KINDS, PROVIDERS, Kind, Status
from .base import Adapter, Fields, Handle, Read, Unit, plain
from .config import base_url_problem, check_base_url, check_key, masked_url, secrets_of
from .errors import ERROR_MODELS, error_models, error_provider

if TYPE_CHECKING:  # the unions of generated types, for annotations (built at run time by __getattr__ below)
    from .._types import AnyAuthenticatedClient as AnyAuthenticatedClient
    from .._types import AnyClient as AnyClient
    from .._types import AnyHandle as AnyHandle
    from .._types import ErrorAnswer as ErrorAnswer
    from .._types import RawModel as RawModel

__all__ = [
    "ADAPTERS",
    "ERROR_MODELS",
    "KINDS",
    "Adapter",
    "AnyAuthenticatedClient",
    "AnyClient",
    "AnyHandle",
    "Context",
    "ErrorAnswer",
    "Fields",
    "Handle",
    "RawModel",
    "Read",
    "Unit",
    "adapter_for",
    "base_url_problem",
    "check_base_url",
    "check_key",
    "error_models",
    "error_provider",
    "handle_of",
    "masked_url",
    "normalize_status",
    "plain",
    "secrets_of",
]


class _Adapters(Mapping[str, Adapter]):
    """The adapter table. A provider's module, and with it its generated models and operations, is imported
    the first time its row is asked for, so `import taskwait` loads none of them."""

    def __getitem__(self, name: str) -> Adapter:
        if name not in PROVIDERS:
            raise KeyError(name)
        adapter: Adapter = importlib.import_module(f"{__name__}.{name}").ADAPTER
        return adapter

    def __iter__(self) -> Iterator[str]:
        return iter(PROVIDERS)

    def __len__(self) -> int:
        return len(PROVIDERS)


ADAPTERS: Mapping[str, Adapter] = _Adapters()


def __getattr__(name: str) -> Any:
    """The type aliases at run time (annotations use them as types only): built on first use, which imports
    every provider's module."""
    if name == "ErrorAnswer":
        return _union(model for p in PROVIDERS for model in error_models(p))
    if name not in ("AnyHandle", "RawModel", "AnyClient", "AnyAuthenticatedClient"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    adapters = [ADAPTERS[p] for p in PROVIDERS]
    if name == "AnyHandle":
        return str | _union(h.model for a in adapters for h in a.handles)
    if name == "RawModel":
        return _union(u.read.model for a in adapters for u in a.units.values())
    authenticated_only = name == "AnyAuthenticatedClient"
    return _union(t for a in adapters for t in a.client_types[authenticated_only:])


def _union(types: Any) -> Any:
    found = list(dict.fromkeys(types))
    union = found[0]
    for t in found[1:]:
        union = union | t
    return union


def adapter_for(client: object) -> Adapter:
    """The adapter of the generated package `client` comes from; TypeError for anything else."""
    package = type(client).__module__.partition(".")[0]  # "databar_client": only that provider's row is loaded
    name = package.removesuffix("_client")
    if package.endswith("_client") and name in PROVIDERS and type(client) in ADAPTERS[name].client_types:
        return ADAPTERS[name]
    packages = ", ".join(f"{name}_client" for name in ADAPTERS)
    raise TypeError(f"expected a Client or AuthenticatedClient of one of the generated packages ({packages}), "
                    f"not {type(client).__qualname__}")  # fmt: skip


def normalize_status(provider: str, raw: str | None, kind: Kind = "task") -> Status:
    """Map a provider's raw status of a unit to a `Status`, ignoring case and surrounding whitespace.

    Args:
        provider: one of `taskwait.PROVIDERS`.
        raw: the status as the provider wrote it, or None: Databar, Openmart, Deepomatic `status`; Lobstr
            `status.status` (a run's `status`, an upload's `state`); Flexprice `task_status`.
        kind: the unit the status belongs to: "task" (default), Databar "export", Openmart "batch", Lobstr
            "run" or "upload".

    Returns the `Status` the unit's table (on its `Unit` row) gives; a value it does not list (or None) is
    `Status.UNKNOWN`. Raises ValueError for an unknown provider, or a kind the provider does not have.
    """
    if provider not in PROVIDERS:
        raise ValueError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    return ADAPTERS[provider].unit(kind).status_of(raw)


def handle_of(adapter: Adapter, handle: object, kind: str = "task") -> tuple[str, str, float]:
    """(kind, id, not-found grace) of what a wait was given: an id of `kind`, or a creator's parsed answer
    (its kind and id read from it; an explicit other `kind` that disagrees is a ValueError)."""
    if isinstance(handle, str):
        adapter.unit(kind)
        return kind, handle, 0.0
    for known in adapter.handles:
        if isinstance(handle, known.model):
            if kind not in ("task", known.kind):
                raise ValueError(f"a {type(handle).__name__} names a {known.kind!r}, not a {kind!r}")
            found = plain(known.id_of(handle))
            if not isinstance(found, str) or not found:
                raise ValueError(f"this {type(handle).__name__} carries no id to wait on")
            return known.kind, found, known.not_found_grace
    names = ", ".join(h.model.__name__ for h in adapter.handles) or "none"
    raise TypeError(f"expected a task id (str) or a {adapter.name} creator's answer ({names}), "
                    f"not {type(handle).__qualname__}")  # fmt: skip


@attrs.frozen
class Context:
    """What planning requests and classifying answers need besides the answer: the adapter, the client (its
    generated parsers take it), the key to redact, the wall clock."""

    adapter: Adapter
    client: AnyClient
    secrets: tuple[str, ...]
    wall_now: Callable[[], float]

    @classmethod
    def of(cls, client: AnyClient) -> Context:
        """The context of one generated client: its adapter (TypeError for anything else) and its key.

        A base URL or key that cannot work is a ConfigurationError here, before any request.
        """
        adapter = adapter_for(client)
        check_base_url(adapter.name, client.base_url)
        if adapter.authenticates(client):
            check_key(adapter.name, client.token)
        return cls(adapter, client, secrets_of(client, adapter), time.time)
