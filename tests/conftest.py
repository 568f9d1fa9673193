"""Shared test helpers: where the specs are, and each provider's spec with its patch applied."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # scripts/ is importable as a namespace package
