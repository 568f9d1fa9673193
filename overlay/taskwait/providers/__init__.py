"""The adapter table: everything that differs between the five providers and their units.

This package is the only place that touches the generated code; `wire` and `wait` read the table
and never name a provider themselves. One module a provider; `base` holds the row types.
"""

from __future__ import annotations

from typing import TypeAlias

from databar_client.models import RunResponse as DatabarRun
from databar_client.models import Task as DatabarTask
from deepomatic_client.models import InferenceResponse as DeepomaticInference
from deepomatic_client.models import Task as DeepomaticTask
from flexprice_client.models import TaskResponse as FlexpriceTask
from flexprice_client.models import TriggerForceRunResponse as FlexpriceForceRun
from lobstr_client.models import Run as LobstrRun
from lobstr_client.models import Task as LobstrTask
from lobstr_client.models import TaskUpload as LobstrUploadStarted
from lobstr_client.models import UploadStatus as LobstrUpload
from openmart_client.models import BatchStatus as OpenmartBatch
from openmart_client.models import SubmittedBatch as OpenmartSubmitted
from openmart_client.models import Task as OpenmartTask

from . import databar, deepomatic, flexprice, lobstr, openmart
from .base import Adapter, AnyAuthenticatedClient, AnyClient, Fields, Handle, Read, Unit, plain

__all__ = [
    "ADAPTERS",
    "KINDS",
    "Adapter",
    "AnyAuthenticatedClient",
    "AnyClient",
    "AnyHandle",
    "Fields",
    "Handle",
    "RawModel",
    "Read",
    "Unit",
    "adapter_for",
    "handle_of",
    "plain",
]

# The generated model a snapshot was read from.
RawModel: TypeAlias = (
    DatabarTask | DeepomaticTask | FlexpriceTask | LobstrTask | LobstrRun | LobstrUpload | OpenmartTask | OpenmartBatch
)

# What a wait takes: a unit's id, or the parsed answer of a generated creator operation.
AnyHandle: TypeAlias = (
    str | DatabarRun | DeepomaticInference | FlexpriceForceRun | OpenmartSubmitted | LobstrRun | LobstrUploadStarted
)

ADAPTERS: dict[str, Adapter] = {
    a.name: a for a in (databar.ADAPTER, deepomatic.ADAPTER, flexprice.ADAPTER, lobstr.ADAPTER, openmart.ADAPTER)
}
KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for a in ADAPTERS.values() for kind in a.units))


def adapter_for(client: object) -> Adapter:
    """The adapter of the generated package `client` comes from; TypeError for anything else."""
    for adapter in ADAPTERS.values():
        if type(client) in adapter.client_types:
            return adapter
    packages = ", ".join(f"{name}_client" for name in ADAPTERS)
    raise TypeError(f"expected a Client or AuthenticatedClient of one of the generated packages ({packages}), "
                    f"not {type(client).__qualname__}")  # fmt: skip


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
