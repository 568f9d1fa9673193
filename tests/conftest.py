"""Test setup shared by every folder: the repository root on sys.path, and hypothesis settings."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # scripts/ is importable as a namespace package

# No per-example deadline: a busy CI machine must not turn a slow example into a failure.
settings.register_profile("taskwait", deadline=None)
settings.load_profile("taskwait")
