"""Each command names the extra it needs when that extra is not installed: exit 2, one line, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Runs the command as a base install has it: the packages of the extras cannot be imported.
WITHOUT = """
import importlib.abc, sys
BLOCKED = set(sys.argv[1].split(","))
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(name)
sys.meta_path.insert(0, Missing())
from taskwait.cli import main
sys.exit(main(sys.argv[2:]))
"""
EMULATOR = "starlette,uvicorn,httptools,uvloop"
CLI = "rich,pygments"


@pytest.mark.parametrize(
    ("blocked", "argv", "extra"),
    [
        (EMULATOR, ["emulate"], "taskwait-suite[emulator]"),
        (EMULATOR, ["emulate", "--port", "0"], "taskwait-suite[emulator]"),
        (EMULATOR, ["emulate", "--help"], "taskwait-suite[emulator]"),
        (CLI, ["get", "databar", "T1"], "taskwait-suite[cli]"),
    ],
)
def test_a_command_without_its_extra_exits_2_naming_it(blocked: str, argv: list[str], extra: str) -> None:
    result = subprocess.run([sys.executable, "-c", WITHOUT, blocked, *argv], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert f"pip install '{extra}'" in result.stderr and "internal error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_emulate_with_its_extra_is_not_refused() -> None:
    """The check refuses only a missing extra: with it, a bad option is the emulator's own usage error."""
    result = subprocess.run([sys.executable, "-m", "taskwait", "emulate", "--port", "x"], capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2 and "invalid int value" in result.stderr and "extra" not in result.stderr
