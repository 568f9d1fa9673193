"""What a provider module fills in: its `Format` (paths, key check, answers, error shape), its rate `Limit`s,
and its routes, bundled as one `Provider`; plus `TaskView`, what every answer is made from.

Written from the providers' docs alone: nothing here imports the client side (no adapters, no
status tables), since a fake built on the code it tests would prove nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from starlette.routing import Route

    from .env import Env

__all__ = [
    "FATES", "Created", "Format", "Limit", "Provider", "TaskView", "detail", "header_is", "iso", "rate_between_0_and_1",
]  # fmt: skip

FATES = ("success", "failure", "cancel")  # how a scripted task ends (`TaskScript.fate`)


def rate_between_0_and_1(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, not {value!r}")


@attrs.frozen
class Created:
    """How work started through a provider's own API unfolds: drawn per task from the seeded rng."""

    duration: tuple[float, float] = (1.0, 4.0)  # seconds, drawn uniformly
    failure_rate: float = attrs.field(default=0.1, validator=rate_between_0_and_1)
    cancel_rate: float = attrs.field(default=0.0, validator=rate_between_0_and_1)
    total: tuple[int, int] = (20, 200)  # records or results, drawn uniformly

    def __attrs_post_init__(self) -> None:
        low, high = self.duration
        if not 0 <= low <= high or not 0 <= self.total[0] <= self.total[1]:
            raise ValueError("duration and total are (low, high) ranges with 0 <= low <= high")

    def draw(self, rng: random.Random) -> dict[str, Any]:
        """TaskScript fields for one created task: fate, duration, total."""
        draw = rng.random()
        fate = (
            "failure"
            if draw < self.failure_rate
            else "cancel"
            if draw < self.failure_rate + self.cancel_rate
            else "success"
        )
        return {"fate": fate, "duration": rng.uniform(*self.duration), "total": rng.randint(*self.total)}


@attrs.frozen
class TaskView:
    """What a provider's answer is made from: a task at one moment of its script."""

    task_id: str
    raw_status: str
    final: bool
    fraction: float
    total: int | None
    data: Any
    error: str | None
    created: dt.datetime
    tracking_id: str | None = None  # what the caller sent to correlate (Openmart echoes it)
    partial: bool = False  # the caller asked for the rows finished so far (Databar include_partial=true)


def iso(when: dt.datetime, zone: bool = True) -> str:
    """ISO 8601 in UTC with microseconds; `zone`: with the trailing Z."""
    text = when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    return text + "Z" if zone else text


def header_is(name: str, prefix: str = "") -> Callable[[Mapping[str, str], str], bool]:
    """A key check: header `name` carries `prefix` + the key."""

    def check(headers: Mapping[str, str], key: str) -> bool:
        return headers.get(name) == f"{prefix}{key}"

    return check


def detail(status: int, message: str) -> dict[str, Any]:
    """FastAPI / Django REST Framework errors (Databar, Openmart, Deepomatic)."""
    return {"detail": message}


@attrs.frozen
class Format:
    """One provider's wire format: where its task lives, how it checks keys, how it answers."""

    name: str
    task_path: str  # below the provider's prefix; {task_id} is the task
    real_base_path: str  # what the real base URL carries after the host, e.g. "/v1"
    authorized: Callable[[Mapping[str, str], str], bool]
    unauthorized: tuple[int, dict[str, Any]]
    not_found: dict[str, Any]
    lifecycles: Mapping[str, tuple[str, ...]]  # fate ("success", "failure", "cancel") -> raw statuses in order
    render: Callable[[TaskView], dict[str, Any]]
    error: Callable[[int, str], dict[str, Any]]  # an error body in the provider's own shape
    list_path: str | None = None  # a list of tasks by id (Deepomatic), served by the shared read routes
    too_many: Mapping[str, Any] = attrs.field(factory=lambda: {"detail": "Too many requests"})  # a 429's body


@attrs.frozen
class Limit:
    """At most `requests` in each fixed window of `seconds` (a window starts with the first request after the
    previous one ended; X-RateLimit-Reset is its end as a unix time).

    `route`: the family it counts, a path below the provider's prefix ("/v1/tasks" counts /v1/tasks and
    /v1/tasks/...); None counts every route of the provider in one window.
    """

    requests: int
    seconds: float
    route: str | None = None

    def __attrs_post_init__(self) -> None:
        if isinstance(self.requests, bool) or not isinstance(self.requests, int) or self.requests < 1:
            raise ValueError(f"a rate limit's requests must be an integer of 1 or more, not {self.requests!r}")
        if isinstance(self.seconds, bool) or not isinstance(self.seconds, int | float) or not self.seconds > 0:
            raise ValueError(f"a rate limit's seconds must be a number above 0, not {self.seconds!r}")

    def counts(self, path: str) -> bool:
        """Whether a request for `path` (below the provider's prefix) counts against this limit."""
        return self.route is None or path == self.route or path.startswith(self.route + "/")


@attrs.frozen
class Provider:
    """Everything the emulator knows of one provider, declared by its module under `providers/`."""

    format: Format
    routes: Callable[[Env], list[Route]]  # its lifecycle routes (the app adds get-task and list after them)
    limits: tuple[Limit, ...] = ()  # what its docs say; none documented: unlimited
    rate_headers: bool = False  # every answer carries X-RateLimit-Limit/-Remaining/-Reset (Lobstr)
    created: Created = Created()  # how work started through its API unfolds by default (1-4 s, 10 % failures)
