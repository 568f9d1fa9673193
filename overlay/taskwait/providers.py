"""One small adapter per provider: where it lives, how it authenticates, how its task reads.

The table below is all that differs between the five providers; `wire` and `wait` use it
and never name a provider themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeAlias

import attrs
import databar_client
import deepomatic_client
import flexprice_client
import lobstr_client
import openmart_client
from databar_client.api.tasks import get_task as databar_get_task
from databar_client.models import Task as DatabarTask
from deepomatic_client.api.tasks import get_task as deepomatic_get_task
from deepomatic_client.api.tasks import list_tasks as deepomatic_list_tasks
from deepomatic_client.models import Task as DeepomaticTask
from flexprice_client.api.tasks import get_task as flexprice_get_task
from flexprice_client.models import TaskResponse as FlexpriceTask
from lobstr_client.api.tasks import get_task as lobstr_get_task
from lobstr_client.models import Task as LobstrTask
from openmart_client.api.tasks import get_task as openmart_get_task
from openmart_client.models import Task as OpenmartTask

from .snapshot import Progress, TaskSnapshot
from .status import normalize_status

__all__ = ["ADAPTERS", "Adapter", "AnyAuthenticatedClient", "AnyClient", "RawModel", "adapter_for", "plain"]

AnyAuthenticatedClient: TypeAlias = (
    databar_client.AuthenticatedClient
    | deepomatic_client.AuthenticatedClient
    | flexprice_client.AuthenticatedClient
    | lobstr_client.AuthenticatedClient
    | openmart_client.AuthenticatedClient
)
# Any client of the five generated packages: what get_task, wait_for and the rest accept.
AnyClient: TypeAlias = (
    AnyAuthenticatedClient
    | databar_client.Client
    | deepomatic_client.Client
    | flexprice_client.Client
    | lobstr_client.Client
    | openmart_client.Client
)
# The generated model a snapshot was read from.
RawModel: TypeAlias = DatabarTask | DeepomaticTask | FlexpriceTask | LobstrTask | OpenmartTask


def plain(value: Any) -> Any:
    """A generated value as plain JSON-like data: models via to_dict(), Unset as None."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return None if value.__class__.__name__ == "Unset" else value


_SCALARS = frozenset({str, int, float, bool})


def _text(value: Any) -> str | None:
    """An error field as one string: a list of messages is joined with '; '."""
    value = plain(value)
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v is not None) or None
    return str(value)


def _int(value: Any) -> int | None:
    value = plain(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _id(value: Any) -> str | None:
    """A task's own id field as text (ids may be numbers in JSON), None when the answer has none."""
    value = plain(value)
    return None if value is None else str(value)


def _snap(provider: str, task_id: str, raw_status: Any, model: Any, **fields: Any) -> TaskSnapshot:
    raw = plain(raw_status)
    raw = None if raw is None else str(raw)
    return TaskSnapshot(provider, task_id, normalize_status(provider, raw), raw, raw=model, **fields)


def _databar(task_id: str, t: DatabarTask) -> TaskSnapshot:
    return _snap("databar", task_id, t.status, t, data=plain(t.data), error=_text(t.error))


def _openmart(task_id: str, t: OpenmartTask) -> TaskSnapshot:
    # The docs name no error field; keep one if the server sends it.
    error = _text(t.additional_properties.get("error"))
    return _snap("openmart", task_id, t.status, t, data=plain(t.data), error=error)


def _lobstr(task_id: str, t: LobstrTask) -> TaskSnapshot:
    s = t.status
    results = _int(s.total_results)
    progress = Progress(done=results) if results is not None else None
    return _snap("lobstr", task_id, s.status, t, error=_text(s.errors), progress=progress)


def _deepomatic(task_id: str, t: DeepomaticTask) -> TaskSnapshot:
    return _snap("deepomatic", task_id, t.status, t, data=plain(t.data), error=_text(t.error))


def _flexprice(task_id: str, t: FlexpriceTask) -> TaskSnapshot:
    done, total = _int(t.processed_records), _int(t.total_records)
    progress = Progress(done, total) if done is not None or total is not None else None
    return _snap("flexprice", task_id, t.task_status, t, error=_text(t.error_summary), progress=progress)


@attrs.frozen
class Adapter:
    """What taskwait needs to know of one provider."""

    name: str
    package: ModuleType
    base_url: str
    auth_header: str
    auth_prefix: str
    get_task: ModuleType
    model: type
    to_snapshot: Callable[[str, Any], TaskSnapshot]
    id_of: Callable[[Any], str | None]  # the id an answer says it is about
    interval: float
    max_interval: float
    list_tasks: ModuleType | None = None
    gone_on_410: bool = False  # HTTP 410 means "results expired" (documented by Databar only)

    @property
    def env_var(self) -> str:
        return f"{self.name.upper()}_API_KEY"

    def authenticated(self, base_url: str, key: str, **client_kwargs: Any) -> AnyAuthenticatedClient:
        """The generated AuthenticatedClient sending `key` the way this provider wants it."""
        client: AnyAuthenticatedClient = self.package.AuthenticatedClient(
            base_url=base_url, token=key, prefix=self.auth_prefix, auth_header_name=self.auth_header, **client_kwargs
        )
        return client


ADAPTERS: dict[str, Adapter] = {
    a.name: a
    for a in (
        Adapter("databar", databar_client, "https://api.databar.ai", "x-apikey", "",
                databar_get_task, DatabarTask, _databar, lambda t: _id(t.task_id), interval=1.0, max_interval=10.0,
                gone_on_410=True),
        Adapter("deepomatic", deepomatic_client, "https://api.deepomatic.com", "X-API-KEY", "",
                deepomatic_get_task, DeepomaticTask, _deepomatic, lambda t: _id(t.id), interval=0.1, max_interval=5.0,
                list_tasks=deepomatic_list_tasks),
        Adapter("flexprice", flexprice_client, "https://us.api.flexprice.io/v1", "x-api-key", "",
                flexprice_get_task, FlexpriceTask, _flexprice, lambda t: _id(t.id), interval=2.0, max_interval=30.0),
        Adapter("lobstr", lobstr_client, "https://api.lobstr.io", "Authorization", "Token",
                lobstr_get_task, LobstrTask, _lobstr, lambda t: _id(t.hash_value), interval=5.0, max_interval=30.0),
        Adapter("openmart", openmart_client, "https://api.openmart.ai", "X-API-Key", "",
                openmart_get_task, OpenmartTask, _openmart, lambda t: _id(t.task_id), interval=1.0, max_interval=10.0),
    )
}  # fmt: skip


def adapter_for(client: object) -> Adapter:
    """The adapter of the generated package `client` comes from; TypeError for anything else."""
    package = type(client).__module__.partition(".")[0]
    for adapter in ADAPTERS.values():
        pkg = adapter.package
        if package == pkg.__name__ and isinstance(client, (pkg.Client, pkg.AuthenticatedClient)):
            return adapter
    raise TypeError(
        f"expected a Client or AuthenticatedClient of one of the generated packages "
        f"({', '.join(a.package.__name__ for a in ADAPTERS.values())}), not {type(client).__qualname__}"
    )
