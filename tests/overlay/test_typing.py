"""mypy --strict on a user's script catches a misspelt provider and a value that is not a client."""

from __future__ import annotations

from pathlib import Path

from mypy import api

SCRIPT = """
import taskwait
import databar_client

good = taskwait.connect("databar", "key")
reveal_type(good)
snap = taskwait.wait_for(good, "T1")
reveal_type(snap.raw)
taskwait.connect("datbar", "key")
taskwait.wait_for("not a client", "id")
"""


def test_mypy_strict_catches_wrong_provider_and_wrong_client(tmp_path: Path) -> None:
    script = tmp_path / "user_script.py"
    script.write_text(SCRIPT)
    out, _, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)])
    lines: dict[int, str] = {}
    for line in out.splitlines():
        if line.startswith(str(script)):
            number = int(line.split(":")[1])
            lines[number] = lines.get(number, "") + line + "\n"
    assert status == 1
    assert "databar_client.client.AuthenticatedClient" in lines[6]
    assert "databar_client.models.task.Task" in lines[8] and "flexprice_client" in lines[8]
    assert 'No overload variant of "connect"' in lines[9]
    assert "incompatible type" in lines[10] and '"str"' in lines[10]
    assert {n for n, text in lines.items() if ": error:" in text} == {9, 10}
