"""Each provider's lifecycle routes (create, track, list, abort, collect): one module a provider.

Every module has `routes(env: Env) -> list[Route]`; the app mounts them under the provider's
prefix before its get-task route, so a more specific path wins.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from starlette.routing import Route

from ..env import Env
from . import databar, deepomatic, flexprice, lobstr, openmart

__all__ = ["ROUTES"]

ROUTES: MappingProxyType[str, Callable[[Env], list[Route]]] = MappingProxyType(
    {
        "databar": databar.routes,
        "deepomatic": deepomatic.routes,
        "flexprice": flexprice.routes,
        "lobstr": lobstr.routes,
        "openmart": openmart.routes,
    }
)
