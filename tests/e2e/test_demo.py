"""`make demo`, the main job: every scripted task ends as scripted, and the command exits 0."""

from __future__ import annotations

import re
import subprocess
import sys

from taskwait.demo import scenario


def test_demo_prints_the_final_table_for_all_five_providers() -> None:
    result = subprocess.run([sys.executable, "-m", "taskwait.demo"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    stdout = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # colours, should FORCE_COLOR be set
    rows = {line.split("│")[2].strip(): line for line in stdout.splitlines() if line.count("│") > 8}
    expected = {"success": "succeeded", "failure": "failed", "cancel": "cancelled"}
    for script in scenario():
        row = rows[script.task_id]
        assert script.provider in row and f" {expected[script.outcome]} " in row and script.lifecycle[-1] in row
    assert "16 tasks: 11 succeeded, 4 failed, 1 cancelled" in stdout
