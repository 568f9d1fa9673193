"""The request budget: every wait in the process shares one rate budget per provider account and route.

`limits` holds the numbers (documented defaults, `set_rate_limit`, the `disable` switch), `lanes` the
pure bookkeeping of one route family (sliding window, the answers' bounds, which held request goes
next), `accounts` who shares a budget, `gate` the waiting (`hold`, `hold_async`: one lock, wakeups
across threads and event loops), `priority` the chance a held poll finds its unit finished.
`transport` asks `gate` before each request it sends and tells it each answer.
"""

from .accounts import Account, account_for, account_in, account_of
from .gate import Grant, held_note, hold, hold_async, lanes_of, reset
from .lanes import PATIENCE, Claim, Hold, Lane
from .limits import ROUTES, disable, enable, enabled, limit_for, reset_limits, route_of, set_rate_limit

__all__ = [
    "PATIENCE",
    "ROUTES",
    "Account",
    "Claim",
    "Grant",
    "Hold",
    "Lane",
    "account_for",
    "account_in",
    "account_of",
    "disable",
    "enable",
    "enabled",
    "held_note",
    "hold",
    "hold_async",
    "lanes_of",
    "limit_for",
    "reset",
    "reset_limits",
    "route_of",
    "set_rate_limit",
]
