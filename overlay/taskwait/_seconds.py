"""`check_seconds`: a duration a caller gives, as seconds (the one check every module that takes one uses)."""

from __future__ import annotations

import math

__all__ = ["check_seconds"]


def check_seconds(name: str, value: object, *, positive: bool, infinite: bool = False) -> float:
    """`value` as seconds, -0.0 as 0.0 and an int too large for a float as infinite: TypeError unless a real number
    (bool is not); ValueError if NaN, negative, infinite (unless `infinite`), or 0 with `positive`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    try:
        seconds = float(value) + 0.0  # + 0.0: -0.0 is 0.0
    except OverflowError:  # an int beyond a float (10**400)
        seconds = math.inf if value > 0 else -math.inf
    shown = repr(value) if isinstance(value, float) or abs(value) < 2**64 else f"an int of {value.bit_length()} bits"
    if not seconds >= 0:
        raise ValueError(f"{name} must be >= 0 seconds, not {shown}")
    if positive and seconds == 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {shown}")
    if math.isinf(seconds) and not infinite:
        raise ValueError(f"{name} must be a finite number of seconds, not {shown}")
    return seconds
