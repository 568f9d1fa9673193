"""How long work takes, learned from the waits themselves: `Durations`, per provider and kind.

A wait never sees a duration, only polls. A wait that ends knows its work ended after its last
non-terminal poll and by its first terminal one: an *interval-censored* observation
(`lower`, `upper`]. A wait that times out or is left knows only that the work ran past its last
poll: *right-censored* (`upper` None). Times are seconds since the wait began.

The estimate is the nonparametric maximum-likelihood one for such data (Turnbull's EM, in `turnbull`):
no duration the waits did not see is invented, and a censored wait counts only for what it showed.
Forgetting: each provider and kind keeps the last `window`
observations (default `WINDOW`), so a provider that gets slower is followed within a window.
The fit is refreshed lazily, when a `REFIT_SHARE` of the observations held is new.
A provider and kind are used (`distribution`, `finish_probability`) only once `MIN_FINISHES`
finishes are held. All methods are thread-safe.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import deque
from typing import Any

import attrs

from .turnbull import BINS_PER_DECADE, EDGES, Distribution, Observation, fit, smooth

__all__ = [
    "BINS_PER_DECADE",
    "EDGES",
    "MIN_FINISHES",
    "WINDOW",
    "Distribution",
    "Durations",
    "default_durations",
]

VERSION = 1
WINDOW = 200  # observations kept per provider and kind (the forgetting: the oldest drops out)
MIN_FINISHES = 20  # finishes held before a provider and kind's distribution is used
REFIT_SHARE = 1 / 8  # refit when this share of the held observations is new (at least one)
_NAME = re.compile(r"[a-z][a-z0-9_.-]{0,63}")

Key = tuple[str, str]


@attrs.define
class _Kind:
    observations: deque[Observation]
    finishes: int = 0  # interval-censored observations held
    taken: int = 0  # observations ever taken for this provider and kind (kept across `replace`)
    fitted_at: int = 0  # `taken` when the observations of the fit in force were read
    mass: list[float] | None = None
    fitted: Distribution | None = None


class Durations:
    """What has been learned about how long work takes, per provider and kind (thread-safe)."""

    def __init__(self, *, window: int = WINDOW) -> None:
        if isinstance(window, bool) or not isinstance(window, int):
            raise TypeError(f"window must be an int, not {type(window).__name__}")
        if window < MIN_FINISHES:
            raise ValueError(f"window must be >= {MIN_FINISHES} (MIN_FINISHES), not {window}")
        self.window = window
        self._kinds: dict[Key, _Kind] = {}
        self._lock = threading.Lock()
        self._fitting: set[Key] = set()  # kinds with a fit under way (outside the lock)

    def __repr__(self) -> str:
        if self is _DEFAULT:
            return "default_durations()"
        with self._lock:
            held = {f"{p} {k}": kind.finishes for (p, k), kind in sorted(self._kinds.items())}
        return f"Durations(window={self.window}, finishes={held})"

    def observe(self, provider: str, kind: str, lower: float, upper: float | None) -> None:
        """One wait's end, for this `provider` and `kind` of unit: its work ended after `lower` and by `upper`
        seconds since the wait began; `upper` None: it had not ended by `lower` (the wait timed out or was left)."""
        _check_name("provider", provider)
        _check_name("kind", kind)
        lower, upper = _check_bounds(lower, upper)
        with self._lock:
            entry = self._kinds.setdefault((provider, kind), _Kind(deque()))
            if len(entry.observations) == self.window and entry.observations.popleft()[1] is not None:
                entry.finishes -= 1
            entry.observations.append((lower, upper))
            entry.finishes += upper is not None
            entry.taken += 1

    def replace(self, provider: str, kind: str, observations: list[Observation], *, added: int | None = None) -> None:
        """Hold exactly these `observations` (oldest first, at most the window's last) for this `provider` and
        `kind`, as if observed in that order (another process's, e.g. a shared store's). `added`: how many of them
        are new since the last `replace` (the last fit is kept, and refitted once enough are new, as after
        `observe`); None: all of them (the next `distribution` fits afresh)."""
        fresh = Durations(window=self.window)
        for lower, upper in observations:
            fresh.observe(provider, kind, lower, upper)
        with self._lock:
            old = self._kinds.pop((provider, kind), None)
            entry = fresh._kinds.get((provider, kind))
            if entry is None:
                return
            if old is not None and added is not None:
                entry.mass, entry.fitted, entry.fitted_at = old.mass, old.fitted, old.fitted_at
                entry.taken = old.taken + max(0, added)
            elif old is not None:
                entry.taken += old.taken
            self._kinds[(provider, kind)] = entry

    def clear(self) -> None:
        """Forget everything learned (every provider and kind)."""
        with self._lock:
            self._kinds.clear()

    def finishes(self, provider: str, kind: str) -> int:
        """The finishes held for this `provider` and `kind` (the distribution is used from `MIN_FINISHES`)."""
        with self._lock:
            entry = self._kinds.get((provider, kind))
            return 0 if entry is None else entry.finishes

    def distribution(self, provider: str, kind: str) -> Distribution | None:
        """The learned distribution for this `provider` and `kind`, or None while fewer than `MIN_FINISHES`
        finishes are held. A refit runs outside the lock, one at a time: meanwhile other callers get the last
        fit (None while the first one is under way)."""
        key = (provider, kind)
        with self._lock:
            entry = self._kinds.get(key)
            if entry is None or entry.finishes < MIN_FINISHES:
                return None
            new = entry.taken - entry.fitted_at
            fresh = entry.fitted is not None and new < max(1.0, REFIT_SHARE * len(entry.observations))
            if fresh or key in self._fitting:
                return entry.fitted
            self._fitting.add(key)
            observations, start, finishes, taken = list(entry.observations), entry.mass, entry.finishes, entry.taken
        done: tuple[list[float], Distribution] | None = None
        try:
            mass = fit(observations, start)
            done = mass, _fitted(mass, observations, finishes)
        finally:
            with self._lock:
                self._fitting.discard(key)
                current = self._kinds.get(key)  # replaced meanwhile: the fit still serves it, if newer than its own
                if done is not None and current is not None and (current.fitted is None or current.fitted_at < taken):
                    (current.mass, current.fitted), current.fitted_at = done, taken
        return done[1]

    def last_fit(self, provider: str, kind: str) -> Distribution | None:
        """The fit in force for this `provider` and `kind` (None: none yet, or below the threshold), without
        fitting and without the lock: quick enough for the rate budget to read under its own lock."""
        entry = self._kinds.get((provider, kind))  # each read is atomic; a fit installed meanwhile is seen next time
        return None if entry is None or entry.finishes < MIN_FINISHES else entry.fitted

    def finish_probability(self, provider: str, kind: str, since: float, until: float) -> float | None:
        """P(the work ends in (since, until] seconds after its wait began | not ended by `since`);
        None while too little is known for this provider and kind (or nothing past `since`)."""
        dist = self.distribution(provider, kind)
        return None if dist is None else dist.finish_probability(since, until)

    def to_json(self) -> str:
        """Plain, versioned data: the window and each provider and kind's observations (no ids, no keys)."""
        with self._lock:
            kinds = [{"provider": p, "kind": k, "observations": [list(o) for o in entry.observations]}
                     for (p, k), entry in sorted(self._kinds.items())]  # fmt: skip
        return json.dumps({"version": VERSION, "window": self.window, "kinds": kinds}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Durations:
        """What `to_json` wrote (ValueError for malformed text or an unknown version)."""
        if not isinstance(text, str | bytes):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"durations text is not JSON: {exc}") from None
        if not isinstance(data, dict) or set(data) != {"version", "window", "kinds"}:
            raise ValueError("durations text must be an object with version, window and kinds")
        if data["version"] != VERSION:
            raise ValueError(f"durations version {data['version']!r} is not {VERSION}")
        window, kinds = data["window"], data["kinds"]
        if isinstance(window, bool) or not isinstance(window, int) or not isinstance(kinds, list):
            raise ValueError("durations window must be an int and kinds a list")
        durations = cls(window=window)
        for item in kinds:
            _load_kind(durations, item)
        return durations


def _load_kind(durations: Durations, item: Any) -> None:
    if not isinstance(item, dict) or set(item) != {"provider", "kind", "observations"}:
        raise ValueError("each durations kind must be an object with provider, kind and observations")
    try:
        _check_name("provider", item["provider"])
        _check_name("kind", item["kind"])
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    observations = item["observations"]
    if not isinstance(observations, list) or len(observations) > durations.window:
        raise ValueError(f"observations must be a list of at most {durations.window}")
    for pair in observations:
        if not isinstance(pair, list) or len(pair) != 2 or isinstance(pair[0], bool) or isinstance(pair[1], bool):
            raise ValueError("each observation must be a pair [lower, upper or null]")
        try:
            durations.observe(item["provider"], item["kind"], pair[0], pair[1])
        except TypeError as exc:
            raise ValueError(str(exc)) from None


def _check_name(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not _NAME.fullmatch(value):
        raise ValueError(f"{name} must be a lower-case name of at most 64 characters, not {value[:70]!r}")


def _check_bounds(lower: object, upper: object) -> tuple[float, float | None]:
    for name, value in (("lower", lower), ("upper", upper)):
        if value is None and name == "upper":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value!r}")
    assert isinstance(lower, int | float)
    if upper is None:
        return float(lower), None
    assert isinstance(upper, int | float)
    if upper < lower:
        raise ValueError(f"upper ({upper!r}) must be >= lower ({lower!r})")
    return float(lower), float(upper) if upper > lower else float(lower) + 1e-6  # a point: a microsecond's interval


def _fitted(mass: list[float], observations: list[Observation], finishes: int) -> Distribution:
    cdf, total = [0.0], 0.0
    for m in smooth(mass, finishes)[:-1]:
        total += m
        cdf.append(min(1.0, total))
    held = tuple((lower, math.inf if upper is None else upper) for lower, upper in observations)
    return Distribution(tuple(cdf), held, finishes)


_DEFAULT = Durations()


def default_durations() -> Durations:
    """The instance every wait of this process shares unless it is given `durations=`."""
    return _DEFAULT
