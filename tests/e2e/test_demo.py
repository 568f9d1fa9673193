"""`make demo`, the main job: work of every provider and unit is started through the generated clients, every
wait ends with a status the emulator gave, and the command exits 0."""

from __future__ import annotations

import re
import subprocess
import sys


def test_demo_starts_every_unit_and_prints_the_final_table() -> None:
    result = subprocess.run([sys.executable, "-m", "taskwait.demo"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    stdout = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # colours, should FORCE_COLOR be set
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in stdout.splitlines() if line.count("│") > 8]
    assert {row[0] for row in rows} == {"databar", "deepomatic", "flexprice", "lobstr", "openmart"}
    labels = [row[1] for row in rows]
    assert any(label.startswith("batch ") for label in labels)  # an Openmart batch, then its tasks
    assert any(label.startswith("run ") for label in labels) and any(label.startswith("upload ") for label in labels)
    assert sum(row[0] == "openmart" and " " not in row[1] for row in rows) == 3  # the batch's three tasks
    assert all(row[2] in ("succeeded", "failed", "cancelled") for row in rows), rows
    assert any(row[0] == "databar" and row[2] == "cancelled" for row in rows), rows  # the task taskwait.cancel stopped
    assert all(int(row[5]) >= 1 for row in rows)  # every row counts the polls of its wait
    summary = re.search(r"(\d+) units: (.*?); lobstr run export: http://127\.0\.0\.1:\d+/lobstr/exports/", stdout)
    assert summary is not None and int(summary.group(1)) == len(rows)
    counted = sum(int(n) for n in re.findall(r"(\d+) (?:succeeded|failed|cancelled)", summary.group(2)))
    assert counted == len(rows) and "Error" not in result.stderr
