"""The CLI is safe on a terminal and loses nothing: hostile provider text, usage errors, bugs, Ctrl-C, many tasks."""

from __future__ import annotations

import importlib.abc
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from taskwait import cli
from taskwait.client import check_base_url, connect
from taskwait.emulator import Emulator
from taskwait.errors import ConfigurationError
from tests.cli.helpers import KEY, env, in_process, run_in_pty, taskwait, wait_args

HOSTILE = "[/x] [bold]b[/bold] \x1b[2J\x1b]0;pwned\x07\rFAKE\nLINE \x9b31m \u202egnp.exe"
RAW_CONTROLS = re.compile("\x1b\\]|\x1b\\[2J|[\x07\x9b\u202e]|\rFAKE")  # what a provider must not get to a terminal


def test_clean_makes_controls_visible_and_keeps_the_rest() -> None:
    assert cli.clean("ok [b]é ✓") == "ok [b]é ✓"
    assert cli.clean("a\x1b[2J\r\n\t\x00\x7f\x9b\u202eb") == "a\\x1b[2J\\r\\n\\t\\x00\\x7f\\x9b\\u202eb"


def test_hostile_provider_text_is_neutralized_in_live_view_table_and_stderr(emu: Emulator) -> None:
    failed = emu.add_task("flexprice", fate="failure", error=HOSTILE, polls=0, total=10).task_id
    odd = emu.add_task("flexprice", task_id="ID\x1b]0;idtitle\x07", statuses=("\x1b]0;raw\x07ODD",), polls=0).task_id

    def both_seen(shown: str) -> bool:  # the failure ended; the odd status is in the live view, neutralized
        return "1/2 done" in shown and "\\x1b]0;raw\\x07ODD" in shown  # (the odd task waits on: status unknown)

    code, shown = run_in_pty(wait_args(emu, "flexprice", failed, odd), env("flexprice"), both_seen)
    assert code == 130
    assert not RAW_CONTROLS.search(shown), repr(RAW_CONTROLS.search(shown))
    table = shown.rsplit("waiting…", 1)[-1]
    assert "[/x] [bold]b[/bold] \\x1b[2J\\x1b]0;pwned" in table  # the note, its markup shown as text
    assert "still pending: ID\\x1b]0;idtitle\\x07\r\n" in table
    assert "resume with: taskwait wait flexprice $'ID\\x1b]0;idtitle\\x07' --base-url" in table  # exact, and safe


def test_provider_text_in_a_summary_table_is_not_markup(emu: Emulator) -> None:
    task = emu.add_task("flexprice", fate="failure", error="[/oops] [link=https://e.example]x[/link]", polls=0)
    result = taskwait(*wait_args(emu, "flexprice", task.task_id), environ=env("flexprice"))
    assert result.returncode == 1, result.stderr
    assert "[/oops] [link=https://e.example]x[/link]" in result.stdout


def test_json_is_exact_and_has_no_raw_controls(emu: Emulator) -> None:
    task = emu.add_task("flexprice", fate="failure", error=HOSTILE + "\x7f\u2028", polls=0)
    result = taskwait(*wait_args(emu, "flexprice", task.task_id), "--json", environ=env("flexprice"))
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"] == HOSTILE + "\x7f\u2028"
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u202e]", result.stdout)  # escaped, not raw


def test_stderr_lines_are_neutralized(emu: Emulator) -> None:
    result = taskwait("get", "databar", "nosuch\x1b]0;pwned\x07", "--base-url", emu.base_url("databar"),
                      environ=env("databar"))  # fmt: skip
    assert result.returncode == 4
    assert result.stderr == "taskwait: databar has no task nosuch\\x1b]0;pwned\\x07 (HTTP 404): Not Found\n"


def test_get_json_prints_an_object_for_an_error_too(emu: Emulator) -> None:
    result = taskwait("get", "deepomatic", "no-such-task", "--base-url", emu.base_url("deepomatic"), "--json",
                      environ=env("deepomatic"))  # fmt: skip
    assert result.returncode == 4 and "no-such-task" in result.stderr
    line = json.loads(result.stdout)
    assert line["outcome"] == "TaskNotFound" and line["status"] is None and "no-such-task" in line["error"]
    assert set(line) == {"provider", "task_id", "status", "raw_status", "progress", "error", "data", "outcome",
                         "polls", "elapsed"}  # fmt: skip


@pytest.mark.parametrize("options", [["--timeout", "-1"], ["--timeout", "nan"], ["--timeout", "0"],
                                     ["--interval", "0"], ["--interval", "inf"], ["--interval", "x"],
                                     ["--base-url", "ftp://example.com"], ["--base-url", "example.com"],
                                     ["--base-url", "http://"], ["--base-url", "http://a b"]])  # fmt: skip
def test_bad_numbers_and_urls_exit_2_with_one_line(
    emu: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, options: list[str]
) -> None:
    monkeypatch.setenv("DATABAR_API_KEY", KEY)
    task = emu.add_task("databar", polls=0).task_id  # the wait, if it starts, succeeds at once
    code, out, err = in_process(capsys, "wait", "databar", task, "--base-url", emu.base_url("databar"), *options)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("url", ["http://user:pw-0451@{host}/databar/v1", "http://:pw-0451@{host}:99999/",
                                 "user:pw-0451@{host}", "http://user:pw-0451@a b/", "http://u:pw/0451@{host}/",
                                 "http://{host}/databar/v1?key=pw-0451", "http://{host}/#pw-0451"])  # fmt: skip
def test_a_refused_base_url_never_shows_its_credentials(
    emu: Emulator, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, url: str
) -> None:
    url = url.format(host=emu.url.split("//", 1)[1])
    caplog.set_level(logging.DEBUG)
    code, out, err = in_process(capsys, "get", "databar", "t1", "--base-url", url)
    assert code == 2 and "***" in err and "0451" not in out + err, err
    for check in (lambda: connect("databar", KEY, base_url=url), lambda: check_base_url("databar", url)):
        with pytest.raises(ConfigurationError) as refused:
            check()
        assert "***" in str(refused.value) and "0451" not in str(refused.value) + repr(refused.value)
    assert "0451" not in caplog.text


@pytest.mark.parametrize("key", ["a key with spaces", "héllo-key", "   ", "two\nlines"])
def test_bad_keys_exit_2_with_one_line(
    emu: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(key)
    task = emu.add_task("databar", polls=0).task_id
    code, _, err = in_process(capsys, "get", "databar", task, "--base-url", emu.base_url("databar"),
                              "--api-key-file", str(key_file))  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and (key.strip() or "\0") not in err, err


def test_internal_error_exits_5_with_one_line(
    emu: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABAR_API_KEY", KEY)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("a bug\x1b[2J")  # a ValueError after start-up is a bug, not a usage error

    monkeypatch.setattr(cli, "wait_for_many", broken)
    monkeypatch.setattr(cli, "get_task", broken)
    for command in ("wait", "get"):
        code, _, err = in_process(capsys, command, "databar", "t1", "--base-url", emu.base_url("databar"))
        assert (code, err) == (cli.EXIT_INTERNAL, "taskwait: internal error: ValueError: a bug\\x1b[2J\n")
    assert cli.EXIT_INTERNAL == 5 and "EXIT_INTERNAL" in cli.__all__ and "5    internal error" in (cli.__doc__ or "")


class _InterruptedImport(importlib.abc.MetaPathFinder):
    """Ctrl-C pressed while `rich` is being imported."""

    def find_spec(self, name: str, *args: Any) -> None:
        if name == "rich":
            raise KeyboardInterrupt
        return None


def test_ctrl_c_during_start_up_exits_130_without_traceback(
    emu: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABAR_API_KEY", KEY)
    monkeypatch.delitem(sys.modules, "rich")
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    code, _, err = in_process(capsys, "get", "databar", "t1", "--base-url", emu.base_url("databar"))
    assert code == 130 and "interrupted" in err and "Traceback" not in err
    monkeypatch.undo()

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt  # while connecting, before the wait starts

    monkeypatch.setenv("DATABAR_API_KEY", KEY)
    monkeypatch.setattr(cli, "connect", interrupted)
    code, _, err = in_process(capsys, "wait", "databar", "t1", "--base-url", emu.base_url("databar"))
    assert code == 130 and "interrupted" in err


def test_live_view_says_when_the_rate_budget_holds_polls() -> None:
    from rich.console import Console

    from taskwait.display import LiveView, Row

    note: list[str | None] = ["12 polls held for the rate budget (tasks: 90 per 60 s)"]
    console = Console(width=100, record=True)
    view = LiveView([Row("lobstr", "t1")], enabled=False, console=console, held=lambda: note[0])
    console.print(view._render())
    assert "12 polls held for the rate budget (tasks: 90 per 60 s)" in console.export_text()
    note[0] = None
    console.print(view._render())
    assert "held" not in console.export_text()


def test_live_view_summarizes_what_does_not_fit(emu: Emulator) -> None:
    ids = [emu.add_task("databar", polls=0).task_id for _ in range(30)]
    code, shown = run_in_pty(wait_args(emu, "databar", *ids), env("databar"), lines=12)
    assert code == 0
    live = shown[: shown.index("task id")]  # before the final table
    assert "0/30 done · 30 waiting" in live  # the first frame, drawn before any poll
    more = [int(n) for n in re.findall(r"… (\d+) more", live)]
    assert more and all(n >= 30 - (12 - 5) for n in more)  # only the rows that fit the 12 lines
    assert all(task_id in shown[shown.index("task id") :] for task_id in ids)  # the final table has them all


@pytest.mark.parametrize("extra", [["--json"], []])
def test_a_reader_that_goes_away_ends_the_command_quietly(emu: Emulator, extra: list[str]) -> None:
    """`taskwait wait ... | head -1`: once stdout's reader is gone the command stops, exit 141, no traceback."""
    ids = [emu.add_task("databar", polls=0).task_id for _ in range(3)]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    command = [sys.executable, "-m", "taskwait", *wait_args(emu, "databar", *ids), *extra]
    proc = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True, env=env("databar"), timeout=60)
    os.close(write)
    assert (proc.returncode, proc.stderr) == (cli.EXIT_CLOSED_OUTPUT, "")


@pytest.mark.parametrize("extra", [["--json"], []])
@pytest.mark.parametrize("command", ["get", "wait"])
def test_a_closed_stdout_is_refused_before_any_poll(emu: Emulator, command: str, extra: list[str]) -> None:
    """`taskwait get ... >&-`: the result would go nowhere, so nothing is polled; exit 141 and one line, not 0."""
    task = emu.add_task("databar", polls=0).task_id
    args = [command, "databar", task, "--base-url", emu.base_url("databar"), *extra]
    closed = ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "taskwait", *args]  # as the shell closes it
    proc = subprocess.run(closed, stderr=subprocess.PIPE, text=True, env=env("databar"), timeout=60)
    assert (proc.returncode, proc.stderr) == (
        cli.EXIT_CLOSED_OUTPUT,
        "taskwait: stdout is closed: the results would be lost\n",
    )
    assert emu.stats("databar", task) == {"provider": "databar", "task_id": task, "requests": 0, "answered": 0,
                                          "fate": "success", "outcome": "success", "overlaps": 0}  # fmt: skip
