"""Each provider's wire format, by name: `FORMATS` (declared by the modules under `providers/`)."""

from __future__ import annotations

from .base import Format, TaskView
from .providers import FORMATS

__all__ = ["FORMATS", "Format", "TaskView"]
