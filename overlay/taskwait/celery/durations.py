"""`SharedDurations`: what every worker learns of how long work takes, one list per provider and kind in Redis."""

from __future__ import annotations

from ..durations import Durations
from .store import RedisStore

__all__ = ["SharedDurations"]


class SharedDurations(Durations):
    """A `Durations` whose observations live in Redis, one list per provider and kind fed by every worker:
    `observe` appends there (a Lua script); `refresh` reloads a list another worker changed."""

    def __init__(self, store: RedisStore) -> None:
        super().__init__()
        self.store = store
        self._revs: dict[tuple[str, str], int] = {}

    def observe(self, provider: str, kind: str, lower: float, upper: float | None) -> None:
        """Record one wait's end for this `provider` and `kind` (see `Durations.observe`: `lower`, `upper`) here
        and in Redis, for every worker."""
        super().observe(provider, kind, lower, upper)
        key = (provider, kind)
        rev = self.store.learn(provider, kind, lower, upper, self.window)
        if self._revs.get(key) == rev - 1:  # nobody else added meanwhile: held here already, not new on reload
            self._revs[key] = rev

    def refresh(self, provider: str, kind: str) -> SharedDurations:
        """Reload this `provider` and `kind`'s observations from Redis if another worker added some."""
        rev, held = self.store.observations(provider, kind)
        seen = self._revs.get((provider, kind))
        if seen != rev:  # the last fit is kept until enough is new (a rev counts the observations added)
            self.replace(provider, kind, held, added=None if seen is None or rev < seen else rev - seen)
            self._revs[(provider, kind)] = rev
        return self
