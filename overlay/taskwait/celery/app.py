"""`install`, `submit`, `state`: waits on Celery workers, their state in Redis, not in the messages.

A poll message carries only (wait id, rev). The worker that takes it leases the wait, checks the rev
(an older message is dropped), takes a slot of the provider's shared rate, makes one `step` (cut
before the lease ends), and writes the next state by compare-and-set. The next message is sent with a
countdown of at most `max_countdown`; waits due later stay in Redis until the sweeper sends them, and
the sweeper re-sends any message overdue by more than `grace` (a killed worker, a lost message).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ..checks import DEFAULT_TIMEOUT
from ..client import connect
from ..errors import WaitNotFound
from ..resume import WaitState, begin, step
from ..status import Kind, Provider
from . import tracing
from .durations import SharedDurations
from .rates import feedback, likely_first, route_for, throttle
from .store import RedisStore

if TYPE_CHECKING:
    from ..providers import AnyClient

__all__ = ["DEFAULT_RATES", "Settings", "install", "result", "runtime", "state", "submit", "sweep", "wait_id_for"]

# Requests per window (seconds) shared by all workers: Lobstr documents 90 a minute for /v1/tasks.
DEFAULT_RATES: dict[str, tuple[int, float]] = {"lobstr": (90, 60.0)}
DEFAULT_VISIBILITY_TIMEOUT = 3600.0  # kombu's Redis transport default
LEASE_MARGIN = 1.0  # seconds between a request's cut-off and its lease's end
EARLY = 0.5  # a message this much before its poll is due is put off, not run


@attrs.frozen
class Settings:
    """What `install` was given (see its arguments), as one value; `rate_guard` pads each rate window (seconds)."""

    redis_url: str
    rates: dict[str, tuple[int, float]]
    lease: float = 60.0
    grace: float = 10.0
    sweep_interval: float = 5.0
    max_countdown: float = 60.0
    result_ttl: int = 7 * 24 * 3600
    key_prefix: str = "taskwait:"
    rate_guard: float = 0.5
    metrics: bool = False
    given: frozenset[str] = frozenset()  # providers whose rate `install` was given: it holds on each route family

    @property
    def horizon(self) -> float:
        """The sweeper sends waits due within this many seconds: its largest countdown."""
        return self.sweep_interval * 1.5


class Runtime:
    """What one Celery app needs to run waits: settings, the store, the tasks, a client per provider.

    `install` makes it: Runtime(app, settings, clients) registers the tasks `taskwait.poll` and `taskwait.sweep`
    on the Celery `app`; `settings` is a `Settings`; `clients(provider)` makes a worker's client (None: `connect`
    with the key from the environment).
    """

    def __init__(self, app: Any, settings: Settings, clients: Callable[[str], AnyClient] | None) -> None:
        self.app, self.settings = app, settings
        self.store = RedisStore(settings.redis_url, settings.key_prefix)
        self._factory = clients or _client_from_env
        self._clients: dict[tuple[int, str], AnyClient] = {}
        self._lock = threading.Lock()
        self.durations = SharedDurations(self.store)  # what every worker learns of how long work takes

        def poll(wait_id: str, rev: int) -> None:
            with tracing.polling(self.store, wait_id, rev):
                self._poll(wait_id, rev)

        def sweep() -> int:
            return self.sweep()

        self.poll_task: Any = app.task(name="taskwait.poll", ignore_result=True, acks_late=False)(poll)
        self.sweep_task: Any = app.task(name="taskwait.sweep", ignore_result=True)(sweep)

    def client(self, provider: str) -> AnyClient:
        """This process's client for `provider`, a provider name (made once per process, after a fork too)."""
        key = (os.getpid(), provider)
        with self._lock:
            if key not in self._clients:
                client = self._factory(provider)
                client.get_httpx_client()  # made now, under the lock, and shared by the pool's threads
                self._clients[key] = client
            return self._clients[key]

    def send(self, wait_id: str, rev: int, at: float) -> None:
        """Send the poll message (wait_id, rev) for the wait `wait_id` at revision `rev`, due at `at` (epoch s)."""
        countdown = at - time.time()
        self.poll_task.apply_async((wait_id, rev), countdown=countdown if countdown > 0 else None)

    def notify(self, wait_id: str) -> None:
        """Send the ended wait `wait_id`'s on_done signature its state's JSON (if it has one), then mark it sent."""
        loaded = self.store.load(wait_id)
        if loaded is not None and loaded[2]:
            import celery  # type: ignore[import-untyped]

            celery.signature(json.loads(loaded[2]), app=self.app).apply_async(args=(loaded[0],))
        self.store.notified(wait_id)

    def _poll(self, wait_id: str, rev: int) -> None:
        s, store = self.settings, self.store
        token = store.lease(wait_id, s.lease)
        if token is None:  # another worker polls this wait right now: it sends the next message
            store.count("busy")
            return
        leased_at = time.time()
        try:
            loaded = store.load(wait_id)
            if loaded is None or loaded[1] != rev:  # an older message (re-sent, restored by kombu): dropped
                store.count("stale")
                store.release(wait_id, token)
                return
            state = WaitState.from_json(loaded[0])
            assert state.next_poll_at is not None  # an ended wait's rev moved past every message
            now = time.time()
            later = (
                state.next_poll_at
                if state.next_poll_at > now + EARLY
                else throttle(store, s.rates, s.given, s.rate_guard, state, now)
            )
            if later is not None:
                if store.defer(wait_id, token, later):
                    self.send(wait_id, rev, later)
                return
            if s.metrics:
                store.redis.rpush(store.key("lateness"), now - state.next_poll_at)
            client, learned = self.client(state.provider), self.durations.refresh(state.provider, state.kind)
            new = step(client, state, not_after=leased_at + s.lease - LEASE_MARGIN, durations=learned)
            feedback(store, client, state.provider, route_for(state.provider, state.kind))
        except BaseException:
            store.release(wait_id, token)
            raise
        now = time.time()
        mode = "ended" if new.next_poll_at is None else "sent" if new.next_poll_at - now <= s.max_countdown else "due"
        at = now if new.next_poll_at is None else new.next_poll_at
        new_rev = store.commit(wait_id, rev, token, new.to_json(), mode, at, s.result_ttl)
        if new_rev < 0:  # the lease ran out and someone else wrote: their state stands
            store.count("lost")
            return
        store.count("polls")
        if mode == "sent":
            self.send(wait_id, new_rev, at)
        elif mode == "ended":
            store.count("ended")
            tracing.ended(state.provider, state.kind)
            if loaded[2]:
                self.notify(wait_id)

    def sweep(self) -> int:
        """Send what is due soon or overdue; the number of messages sent."""
        s = self.settings
        rows = self.store.sweep(time.time(), s.horizon, s.grace)
        for row in likely_first(self.store, rows, self.durations):
            if row.why == "notify":
                self.notify(row.wait_id)
            elif row.rev >= 0:
                self.send(row.wait_id, row.rev, row.at)
                if row.why == "overdue":
                    self.store.count("resent")
        return len(rows)


_RUNTIMES: weakref.WeakKeyDictionary[Any, Runtime] = weakref.WeakKeyDictionary()


def _client_from_env(provider: str) -> AnyClient:
    """The key from <PROVIDER>_API_KEY, the base URL from TASKWAIT_<PROVIDER>_BASE_URL (else the real one)."""
    return connect(provider, base_url=os.environ.get(f"TASKWAIT_{provider.upper()}_BASE_URL") or None)  # type: ignore[call-overload, no-any-return]


def install(app: Any, *, redis_url: str, clients: Callable[[str], AnyClient] | None = None,
            rates: dict[str, tuple[int, float]] | None = None, lease: float = 60.0, grace: float = 10.0,
            sweep_interval: float = 5.0, max_countdown: float = 60.0, result_ttl: int = 7 * 24 * 3600,
            key_prefix: str = "taskwait:", metrics: bool = False, rate_guard: float = 0.5) -> Runtime:  # fmt: skip
    """Register the poll task and the periodic sweeper on `app`, and return the `Runtime` it keeps.

    Args:
        app: the Celery app (a Redis broker); its broker_transport_options["visibility_timeout"] is checked.
        redis_url: where waits live (a Redis URL; may be the broker's).
        clients: clients(provider) returns the client a worker polls with (default: `connect` with the key from
            <PROVIDER>_API_KEY and the base URL from TASKWAIT_<PROVIDER>_BASE_URL in the worker's environment).
        rates: {provider: (requests, window seconds)} shared by all workers on each of the provider's route
            families; a provider not given keeps the process's budget limits per route (`taskwait.set_rate_limit`;
            Lobstr's documented tasks 90/min, runs 120/min, results 2/s).
        lease: seconds a poll leases its wait; its request is cut before the lease ends (default 60).
        grace: seconds overdue after which the sweeper re-sends a poll (default 10).
        sweep_interval: seconds between sweeps (Celery beat; default 5).
        max_countdown: the longest countdown of a poll message (default 60); waits due later stay in Redis.
        result_ttl: seconds an ended wait is kept for `result` and idempotent submits (default 7 days).
        key_prefix: the prefix of every Redis key (default "taskwait:").
        metrics: record lateness figures in Redis (for benchmarks; default False).
        rate_guard: seconds added to every shared rate window, for the spread of latencies between the workers
            and the server (default 0.5).

    Raises ValueError for a configuration that cannot hold: a countdown must stay below the broker's
    visibility_timeout, or Redis hands the message to a second worker while the first still holds it.
    """
    if not (lease > LEASE_MARGIN and grace > 0 and sweep_interval > 0 and max_countdown > 0 and rate_guard >= 0):
        raise ValueError(f"lease must exceed {LEASE_MARGIN}s; grace, sweep_interval and max_countdown must be > 0, "
                         "rate_guard >= 0")  # fmt: skip
    settings = Settings(redis_url, {**DEFAULT_RATES, **(rates or {})}, lease, grace, sweep_interval, max_countdown,
                        result_ttl, key_prefix, rate_guard, metrics, frozenset(rates or ()))  # fmt: skip
    options = app.conf.broker_transport_options or {}
    visibility = float(options.get("visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT))
    largest = max(max_countdown, settings.horizon)
    if largest >= visibility:
        raise ValueError(
            f"the largest countdown ({largest:g}s: max_countdown or 1.5 x sweep_interval) must be below the "
            f"broker's visibility_timeout ({visibility:g}s), or a message runs twice; lower it or raise "
            f"broker_transport_options['visibility_timeout']"
        )
    runtime = Runtime(app, settings, clients)
    schedule = dict(app.conf.beat_schedule or {})
    schedule["taskwait-sweep"] = {"task": "taskwait.sweep", "schedule": sweep_interval,
                                  "options": {"expires": sweep_interval}}  # fmt: skip
    app.conf.beat_schedule = schedule
    _RUNTIMES[app] = runtime
    return runtime


def runtime(app: Any) -> Runtime:
    """The runtime `install` put on `app` (a Celery app); RuntimeError if there is none."""
    try:
        return _RUNTIMES[app]
    except KeyError:
        raise RuntimeError("taskwait.celery.install(app, redis_url=...) has not been called on this app") from None


def wait_id_for(provider: str, kind: str, task_id: str) -> str:
    """The wait id of (`provider`, `kind`, `task_id`): the same in every process, so a submit is idempotent."""
    digest = hashlib.sha256(json.dumps([provider, kind, task_id]).encode()).hexdigest()[:32]
    return f"{provider}-{kind}-{digest}"


def submit(app: Any, provider: Provider, task_id: str, *, kind: Kind = "task",
           timeout: float | None = DEFAULT_TIMEOUT, interval: float | None = None, max_interval: float | None = None,
           raise_on_failure: bool = True, on_done: Any = None,
           cancel_on: Iterable[str] = frozenset()) -> str:  # fmt: skip
    """Start waiting on a unit on the workers and return the wait id; submitting the same wait again polls no more.

    Args:
        app: the Celery app `install` was called on (or `taskwait.celery.worker.app`, the ready-made one).
        provider: a name in `taskwait.PROVIDERS` ("databar", "lobstr", ...).
        task_id: the id of the unit to wait on.
        kind: what `task_id` names: "task" (default), "batch" (Openmart), "run", "upload" (Lobstr) or "export"
            (Databar).
        timeout: one hard deadline in seconds from now (default 900; None: none).
        interval: the first delay between polls in seconds (default: the provider's).
        max_interval: the longest delay between polls (default: the provider's).
        raise_on_failure: the final state's `result()` raises TaskFailed/TaskCancelled (default True).
        on_done: a Celery signature (e.g. app.signature("jobs.store_result")), sent once the wait ends with one
            positional argument before its own: the final state's JSON, a str (`WaitState.from_json(text)`).
        cancel_on: {"timeout"}: the worker whose step times the wait out also cancels the unit's work (`step`).
    """
    rt = runtime(app)
    state = begin(provider, task_id, kind=kind, timeout=timeout, interval=interval, max_interval=max_interval,
                  raise_on_failure=raise_on_failure, cancel_on=cancel_on,
                  durations=rt.durations.refresh(provider, kind))  # fmt: skip
    wait_id = wait_id_for(provider, kind, task_id)
    callback = json.dumps(dict(on_done)) if on_done is not None else ""
    assert state.next_poll_at is not None
    if rt.store.submit(wait_id, state.to_json(), callback, state.next_poll_at):
        tracing.submitted(rt.store, wait_id, state)
        rt.send(wait_id, 0, state.next_poll_at)  # if this send is lost, the sweeper sends it after `grace`
    return wait_id


def state(app: Any, wait_id: str) -> WaitState:
    """The state of the wait `wait_id` (what `submit` returned) on `app`, as it stands: a `WaitState`.

    Raises WaitNotFound (a KeyError) for an unknown or expired wait id, TypeError for anything but a str.
    """
    if not isinstance(wait_id, str):
        raise TypeError(f"wait_id must be a str (what submit returned), not {type(wait_id).__name__}")
    loaded = runtime(app).store.load(wait_id)
    if loaded is None:
        raise WaitNotFound(wait_id)
    return WaitState.from_json(loaded[0])


def result(app: Any, wait_id: str) -> WaitState:
    """Deprecated: the old name of `state(app, wait_id)`, which it calls after a DeprecationWarning (a "result"
    is what `WaitState.result()` returns, not a state)."""
    warnings.warn("taskwait.celery.result is deprecated: use taskwait.celery.state (same arguments, same answer)",
                  DeprecationWarning, stacklevel=2)  # fmt: skip
    return state(app, wait_id)


def sweep(app: Any) -> int:
    """Run the sweeper of `app` once, here (the periodic task does the same on a worker); the messages sent."""
    return runtime(app).sweep()
