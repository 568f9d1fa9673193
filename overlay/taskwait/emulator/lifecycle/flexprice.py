"""Flexprice's lifecycle routes in the emulator."""

from __future__ import annotations

from starlette.routing import Route

from ..env import Env

__all__ = ["routes"]


def routes(env: Env) -> list[Route]:
    """The routes of Flexprice's async work besides get-task."""
    return []
