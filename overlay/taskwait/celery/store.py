"""Where waits live between polls: Redis, changed only by atomic Lua scripts.

Keys (under a prefix, default "taskwait:"):
  w:<id>      hash: state (WaitState JSON), rev (bumped by every write), on_done (a signature as JSON, or "")
  lease:<id>  the token of the worker polling the wait now (expires by itself)
  due         zset: waits with no message sent yet, scored by when they are due (far in the future)
  sent        zset: waits with a poll message under way, scored by when it should run
  notify      zset: ended waits whose on_done has not been sent yet
  rate:<p>:<route>   zset: requests on a provider's route family in the last window (the shared rate limit)
  block:<p>:<route>  Redis-clock ms before which nothing goes on that route (what the answers said)
  stats       hash: counters
  durations:<p>:<k>      list: the last observations of how long a provider's kind of work took ([lower, upper]
                         as JSON, upper null for a wait that timed out), trimmed to the window
  durations-rev:<p>:<k>  bumped by every observation, so a worker reloads the list only when it changed
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import attrs
import redis

__all__ = ["Due", "RedisStore"]

_SUBMIT = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'rev', 0, 'on_done', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
"""
# Write the next state if the lease is still ours and nobody wrote since we read (compare-and-set on rev).
_COMMIT = """
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return -1 end
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then redis.call('DEL', KEYS[2]) return -2 end
local rev = redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('HSET', KEYS[1], 'state', ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('ZREM', KEYS[4], ARGV[4])
if ARGV[5] == 'ended' then
  if redis.call('HGET', KEYS[1], 'on_done') ~= '' then redis.call('ZADD', KEYS[5], ARGV[6], ARGV[4]) end
  redis.call('EXPIRE', KEYS[1], ARGV[7])
elseif ARGV[5] == 'sent' then
  redis.call('ZADD', KEYS[4], ARGV[6], ARGV[4])
else
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4])
end
redis.call('DEL', KEYS[2])
return rev
"""
# Put a poll off (rate limit, early message) without changing the state: the message is re-sent for `when`.
_DEFER = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[3])
redis.call('DEL', KEYS[1])
return 1
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
# A sliding-window log on Redis's own clock: 0 (go) or the milliseconds to wait for a slot (or for the end of
# a block an answer asked for: X-RateLimit-Remaining 0 until its reset, a 429's Retry-After).
_RATE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local block = tonumber(redis.call('GET', KEYS[2]) or '0')
if block > now then return math.max(1, block - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""
# Nothing goes on this route before ARGV[1] (ms, Redis's clock: now + ARGV[1] relative ms); later blocks win.
_BLOCK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untl = now + tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < untl then
  redis.call('SET', KEYS[1], untl, 'PX', math.max(1, tonumber(ARGV[1])))
end
return untl
"""
# Waits due within the horizon get their message now (moved from due to sent); sent messages overdue by
# more than the grace period are re-sent (a killed worker, a lost message); on_done overdue too.
_SWEEP = """
local now, horizon, grace, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now + horizon, 'LIMIT', 0, limit)) do
  local at = redis.call('ZSCORE', KEYS[1], id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], at, id)
  table.insert(out, 'due') table.insert(out, id)
  table.insert(out, redis.call('HGET', ARGV[5] .. id, 'rev') or '-1') table.insert(out, at)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - grace, 'LIMIT', 0, limit)) do
  redis.call('ZADD', KEYS[2], now, id)
  table.insert(out, 'overdue') table.insert(out, id)
  table.insert(out, redis.call('HGET', ARGV[5] .. id, 'rev') or '-1') table.insert(out, tostring(now))
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - grace, 'LIMIT', 0, limit)) do
  redis.call('ZADD', KEYS[3], now, id)
  table.insert(out, 'notify') table.insert(out, id) table.insert(out, '0') table.insert(out, tostring(now))
end
return out
"""


# One observation of a duration, fed by whichever worker ended the wait: appended, trimmed to the window.
_LEARN = """
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
return redis.call('INCR', KEYS[2])
"""


@attrs.frozen
class Due:
    """A message the sweeper must send: a poll (`due`, `overdue`) or an on_done (`notify`)."""

    why: str
    wait_id: str
    rev: int
    at: float


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisStore:
    """The waits in one Redis database; every method is one round trip (a Lua script where it must be atomic)."""

    def __init__(self, url: str, prefix: str = "taskwait:") -> None:
        self.redis: redis.Redis = redis.Redis.from_url(url)
        self.prefix = prefix
        self._submit = self.redis.register_script(_SUBMIT)
        self._commit = self.redis.register_script(_COMMIT)
        self._defer = self.redis.register_script(_DEFER)
        self._release = self.redis.register_script(_RELEASE)
        self._rate = self.redis.register_script(_RATE)
        self._block = self.redis.register_script(_BLOCK)
        self._sweep = self.redis.register_script(_SWEEP)
        self._learn = self.redis.register_script(_LEARN)

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def submit(self, wait_id: str, state_json: str, on_done: str, at: float) -> bool:
        """Store a new wait as sent (its first message follows); False if the wait exists already."""
        return bool(
            self._submit(keys=[self.key("w", wait_id), self.key("sent")], args=[state_json, on_done, at, wait_id])
        )

    def load(self, wait_id: str) -> tuple[str, int, str] | None:
        """(state JSON, rev, on_done JSON) of a wait, or None."""
        state, rev, on_done = self.redis.hmget(self.key("w", wait_id), ["state", "rev", "on_done"])
        if state is None or rev is None:
            return None
        return _text(state), int(rev), _text(on_done or b"")

    def lease(self, wait_id: str, seconds: float) -> str | None:
        """A token if this caller may poll the wait for `seconds`, None if someone else does."""
        token = uuid.uuid4().hex
        taken = self.redis.set(self.key("lease", wait_id), token, nx=True, px=max(1, int(seconds * 1000)))
        return token if taken else None

    def release(self, wait_id: str, token: str) -> None:
        self._release(keys=[self.key("lease", wait_id)], args=[token])

    def commit(self, wait_id: str, rev: int, token: str, state_json: str, mode: str, at: float, ttl: int) -> int:
        """Write the next state (mode: ended, sent or due; `at` its score): the new rev, -1 lease lost, -2 stale."""
        keys = [self.key("w", wait_id), self.key("lease", wait_id), self.key("due"), self.key("sent"),
                self.key("notify")]  # fmt: skip
        return int(self._commit(keys=keys, args=[rev, token, state_json, wait_id, mode, at, ttl]))

    def defer(self, wait_id: str, token: str, at: float) -> bool:
        """Its message is re-sent for `at`; the lease is given back. False if the lease was lost."""
        return bool(self._defer(keys=[self.key("lease", wait_id), self.key("sent")], args=[token, at, wait_id]))

    def take_rate(self, provider: str, limit: int, window: float, route: str = "all") -> float:
        """0 if a request may go now under the shared limit of the route family, else the seconds until one may."""
        keys = [self.key("rate", provider, route), self.key("block", provider, route)]
        ms = self._rate(keys=keys, args=[limit, int(window * 1000), uuid.uuid4().hex])
        return int(ms) / 1000

    def block(self, provider: str, route: str, seconds: float) -> None:
        """Nothing goes on the route for `seconds` from now, for every worker (an answer said so)."""
        if seconds > 0:
            self._block(keys=[self.key("block", provider, route)], args=[max(1, int(seconds * 1000))])

    def sweep(self, now: float, horizon: float, grace: float, limit: int = 1000) -> list[Due]:
        keys = [self.key("due"), self.key("sent"), self.key("notify")]
        flat = [_text(v) for v in self._sweep(keys=keys, args=[now, horizon, grace, limit, self.key("w", "")])]
        return [Due(flat[i], flat[i + 1], int(flat[i + 2]), float(flat[i + 3])) for i in range(0, len(flat), 4)]

    def learn(self, provider: str, kind: str, lower: float, upper: float | None, window: int) -> int:
        """Add one observation to the provider and kind's shared list (the last `window` kept): the new rev."""
        keys = [self.key("durations", provider, kind), self.key("durations-rev", provider, kind)]
        return int(self._learn(keys=keys, args=[json.dumps([lower, upper]), window]))

    def observations(self, provider: str, kind: str) -> tuple[int, list[tuple[float, float | None]]]:
        """(rev, the observations held) of the provider and kind's shared list."""
        pipe = self.redis.pipeline()
        pipe.get(self.key("durations-rev", provider, kind))
        pipe.lrange(self.key("durations", provider, kind), 0, -1)
        rev, items = pipe.execute()
        pairs = [json.loads(_text(item)) for item in items]
        return int(rev or 0), [(float(lower), None if upper is None else float(upper)) for lower, upper in pairs]

    def notified(self, wait_id: str) -> None:
        self.redis.zrem(self.key("notify"), wait_id)

    def count(self, name: str, n: int = 1) -> None:
        self.redis.hincrby(self.key("stats"), name, n)

    def stats(self) -> dict[str, int]:
        return {_text(k): int(v) for k, v in self.redis.hgetall(self.key("stats")).items()}

    def pending(self) -> dict[str, int]:
        """How many waits are due later, have a message under way, or await their on_done."""
        return {name: int(self.redis.zcard(self.key(name))) for name in ("due", "sent", "notify")}

    def overdue(self, now: float, grace: float) -> list[str]:
        """Waits whose message should have run more than `grace` seconds ago, or that were due then."""
        ids = [*self.redis.zrangebyscore(self.key("sent"), "-inf", now - grace),
               *self.redis.zrangebyscore(self.key("due"), "-inf", now - grace)]  # fmt: skip
        return [_text(i) for i in ids]
