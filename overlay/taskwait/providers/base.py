"""The shape of the adapter table: what taskwait must know of a provider and of each unit it tracks.

A unit (a task, an Openmart batch, a Lobstr run or upload) is one `Unit` row: the generated read
that fetches it, an optional second read (Lobstr run stats, an Openmart batch's task ids), how
its answer becomes a snapshot's fields and its raw-status table. `wire` runs every row the same way.

The rows call two private functions of each generated operation module, `_get_kwargs` (the
request) and `_parse_response` (the parser): the public `sync_detailed` parses inside the call, so
an unreadable body would raise and lose the status code. tests/generated/test_seam.py pins exactly
the functions used; the workaround can go when the generator offers a non-raising parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeGuard, TypeVar

import attrs
import httpx

from ..snapshot import Progress
from ..status import Kind, Status

if TYPE_CHECKING:
    from .._types import AnyAuthenticatedClient

__all__ = [
    "Adapter",
    "Cancel",
    "Fields",
    "Follow",
    "Handle",
    "Many",
    "Parser",
    "Read",
    "Unit",
    "as_int",
    "as_text",
    "plain",
]


_SCALARS = frozenset({str, int, float, bool})


def plain(value: object) -> Any:
    """A generated value as plain JSON-like data: models via to_dict(), Unset as None."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return None if type(value).__name__ == "Unset" else value


def as_text(value: object) -> str | None:
    """An error field as one string: a list of messages is joined with '; '."""
    value = plain(value)
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v is not None) or None
    return str(value)


def as_int(value: object) -> int | None:
    value = plain(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


M = TypeVar("M")  # the model a read parses into
F = TypeVar("F")  # the model of a unit's follow-up read (None: it has none)


class Parser(Protocol):
    """A generated `_parse_response`: the documented model for the status, an error model, or None."""

    # `client` is Any: each generated parser takes its own package's client classes, and a Protocol naming
    # the union of all five would match none of them (parameters are contravariant).
    def __call__(self, *, client: Any, response: httpx.Response) -> object: ...


@attrs.frozen
class Read(Generic[M]):
    """One generated GET operation, as a request builder and a parser of its answer."""

    request: Callable[[str], dict[str, Any]]  # the module's _get_kwargs (a request's keyword arguments)
    parse: Parser  # the module's _parse_response
    model: type[M]  # what a good answer parses into
    ok: frozenset[int] = frozenset({200})  # statuses that carry the unit (Lobstr upload: 202 too)


@attrs.frozen
class Follow(Generic[M, F]):
    """A second read made after the first, when `wanted(first model)` (run stats; a ready batch's ids)."""

    read: Read[F]
    wanted: Callable[[M], bool] = lambda model: True


@attrs.frozen
class Cancel(Generic[M]):
    """The generated operation that stops a unit's work (Databar cancel_task, Lobstr abort_run).

    Its answer is the unit itself; an answer in `finished` means the unit had already ended (Databar 409,
    Lobstr 404 "already completed"), and the unit is read instead.
    """

    read: Read[M]  # the cancel operation: its _get_kwargs, _parse_response and the model it answers
    finished: frozenset[int] = frozenset()


@attrs.frozen
class Fields:
    """What a snapshot says, read from the unit's answer(s)."""

    raw_status: object
    data: Any = None
    error: str | None = None
    progress: Progress | None = None


@attrs.frozen
class Unit(Generic[M, F]):
    """One unit a provider tracks: how to read it, what its answer means, what its raw statuses mean."""

    kind: Kind
    read: Read[M]
    fields: Callable[[M, F | None], Fields]  # (first model, follow-up model or None) -> fields
    id_of: Callable[[M], object]  # the id the answer says it is about (None: says nothing)
    follow: Follow[M, F] | None = None
    cancel: Cancel[M] | None = None  # how to stop its work, where the provider can
    statuses: Mapping[str, Status] = attrs.field(kw_only=True)  # lower-cased raw status -> Status (status_table)

    def status_of(self, raw: str | None) -> Status:
        """The `Status` of a raw status, ignoring case and surrounding whitespace; UNKNOWN if the table lacks it."""
        return Status.UNKNOWN if raw is None else self.statuses.get(raw.strip().lower(), Status.UNKNOWN)


@attrs.frozen
class Many(Generic[M]):
    """A read of many units at once (Deepomatic's GET /tasks?task_ids=…), paged by offset."""

    request: Callable[..., dict[str, Any]]  # the module's _get_kwargs(task_ids=, offset=, limit=)
    parse: Parser  # the module's _parse_response
    page: Callable[[object], tuple[list[M], object] | None]  # (units, next page URL) of a good page, else None


@attrs.frozen
class Handle(Generic[M]):
    """A creator's answer that names a unit: `handle_of` reads the kind and id from it."""

    model: type[M]
    kind: Kind
    id_of: Callable[[M], object]
    not_found_grace: float = 0.0  # seconds a 404 is transient after the wait began (the unit may not exist yet)


@attrs.frozen
class Adapter:
    """What taskwait needs to know of one provider."""

    name: str
    base_url: str
    auth_header: str
    auth_prefix: str
    client_types: tuple[type, type]  # the generated (Client, AuthenticatedClient)
    make_client: Callable[..., AnyAuthenticatedClient]  # the generated AuthenticatedClient class
    units: Mapping[str, Unit[Any, Any]]  # rows of different models: each row is checked where it is written
    interval: float
    max_interval: float
    handles: tuple[Handle[Any], ...] = ()
    many: Many[Any] | None = None  # a read of many tasks at once, where the provider has one
    gone_on_410: bool = False  # HTTP 410 means "results expired" (documented by Databar only)
    read_timeout: float = 30.0  # connect's default (Openmart's submit sleeps ~26 s before it answers)

    @property
    def env_var(self) -> str:
        return f"{self.name.upper()}_API_KEY"

    def authenticated(self, base_url: str, key: str, **client_kwargs: Any) -> AnyAuthenticatedClient:
        """The generated AuthenticatedClient sending `key` the way this provider wants it."""
        return self.make_client(base_url=base_url, token=key, prefix=self.auth_prefix,
                                auth_header_name=self.auth_header, **client_kwargs)  # fmt: skip

    def authenticates(self, client: object) -> TypeGuard[AnyAuthenticatedClient]:
        """True for this provider's generated AuthenticatedClient (the one that carries a token)."""
        return isinstance(client, self.client_types[1])

    def cancellable(self) -> tuple[str, ...]:
        """The kinds of unit whose work this provider can stop."""
        return tuple(kind for kind, unit in self.units.items() if unit.cancel is not None)

    def unit(self, kind: str) -> Unit[Any, Any]:
        """The unit of this kind, or ValueError naming the kinds the provider has."""
        try:
            return self.units[kind]
        except KeyError:
            raise ValueError(f"{self.name} has no {kind!r} unit; its kinds: {', '.join(self.units)}") from None
