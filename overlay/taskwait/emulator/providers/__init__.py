"""The five providers, one module (or small package) each: its `Format`, its documented rate limits and
its lifecycle routes, bundled as the module's `PROVIDER`. A sixth provider is one more module and one
more name in `PROVIDERS` below.
"""

from __future__ import annotations

from types import MappingProxyType

from ..base import Format, Provider
from . import databar, deepomatic, flexprice, lobstr, openmart

__all__ = ["FORMATS", "PROVIDERS"]

PROVIDERS: MappingProxyType[str, Provider] = MappingProxyType(
    {p.format.name: p for p in (m.PROVIDER for m in (databar, openmart, lobstr, deepomatic, flexprice))}
)
FORMATS: MappingProxyType[str, Format] = MappingProxyType({name: p.format for name, p in PROVIDERS.items()})
