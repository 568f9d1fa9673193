"""mypy --strict on a user's script catches a misspelt provider and a value that is not a client."""

from __future__ import annotations

from pathlib import Path

from mypy import api

from taskwait.status import KINDS

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


TYPOS = """
import taskwait

client = taskwait.connect("databar", "key")
taskwait.begin("datbar", "T1")
taskwait.wait_for(client, "T1", kind="batchh")

def bare() -> None:
    taskwait.wait_for_many(client, "abc")

def assigned() -> None:
    results = taskwait.wait_for_many(client, "abc")
"""
FINE = """
from typing import Any
import taskwait

def go(ids: list[str], data: Any, gen: Any) -> None:
    client = taskwait.connect("openmart", "key")
    state = taskwait.begin("openmart", "T1", kind="batch")
    seconds: float = state.due_in()
    kind: taskwait.Kind = "batch"
    snap = taskwait.wait_for(client, "B1", kind=kind)
    done = taskwait.wait_for_many(client, ids)
    more = taskwait.wait_for_many(client, (i for i in ids), kind="task")
    print(seconds, snap, done, more)
"""


def _errors(tmp_path: Path, name: str, text: str, *flags: str) -> dict[int, str]:
    script = tmp_path / f"{name}.py"
    script.write_text(text)
    out, _, _ = api.run(["--strict", *flags, "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)])
    lines: dict[int, str] = {}
    for line in out.splitlines():
        if line.startswith(str(script)) and ": error:" in line:
            number = int(line.split(":")[1])
            lines[number] = lines.get(number, "") + line + "\n"
    return lines


def test_mypy_strict_catches_a_misspelt_provider_or_kind_and_one_str_for_many_ids(tmp_path: Path) -> None:
    flagged = _errors(tmp_path, "typos", TYPOS, "--enable-error-code", "deprecated")
    assert set(flagged) == {5, 6, 9, 12}, flagged
    assert '"begin"' in flagged[5] and "Literal['databar'" in flagged[5]
    assert '"kind"' in flagged[6] and f"Literal[{', '.join(map(repr, KINDS))}]" in flagged[6]
    assert "one-letter ids" in flagged[9] and "[deprecated]" in flagged[9] and "one-letter ids" in flagged[12]
    # without --enable-error-code deprecated, the str call is flagged where its (Never) result is assigned
    plain = _errors(tmp_path, "typos_plain", TYPOS)
    assert set(plain) == {5, 6, 12}, plain
    assert "Need type annotation" in plain[12]


def test_mypy_strict_accepts_the_right_spellings(tmp_path: Path) -> None:
    assert _errors(tmp_path, "fine", FINE, "--enable-error-code", "deprecated") == {}


def test_the_kind_literal_lists_every_unit_of_every_provider() -> None:
    from typing import get_args

    import taskwait
    from taskwait.providers import KINDS

    assert set(get_args(taskwait.Kind)) == set(KINDS)
    assert set(get_args(taskwait.Provider)) == set(taskwait.PROVIDERS)
