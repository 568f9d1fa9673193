"""The `taskwait` command against the emulator, as a shell user runs it: exit codes, JSON, display, Ctrl-C."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from taskwait.emulator import Emulator
from tests.cli.helpers import KEY, env, run_in_pty, taskwait, wait_args


def test_wait_json_lines_parse_back_and_exit_0(emu: Emulator) -> None:
    ids = [emu.add_task("flexprice", polls=2, total=300).task_id for _ in range(3)]
    result = taskwait(*wait_args(emu, "flexprice", *ids), "--json", environ=env("flexprice"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not a terminal: nothing but errors
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["task_id"] for line in lines) == sorted(ids)  # each once, in the order they ended
    for line in lines:
        assert line["provider"] == "flexprice" and line["status"] == "succeeded" and line["raw_status"] == "COMPLETED"
        assert line["progress"] == {"done": 300, "total": 300, "fraction": 1.0}
        assert line["polls"] == 3 and line["elapsed"] >= 0 and set(line) >= {"error", "data"}


def test_summary_table_when_not_json(emu: Emulator) -> None:
    task = emu.add_task("databar", polls=1)
    result = taskwait(*wait_args(emu, "databar", task.task_id), environ=env("databar"))
    assert result.returncode == 0 and task.task_id in result.stdout and "succeeded" in result.stdout


def test_failed_or_cancelled_exit_1(emu: Emulator) -> None:
    good = emu.add_task("lobstr", polls=1).task_id
    aborted = emu.add_task("lobstr", fate="cancel", polls=1, total=12).task_id
    result = taskwait(*wait_args(emu, "lobstr", good, aborted), "--json", environ=env("lobstr"))
    assert result.returncode == 1
    statuses = {json.loads(line)["task_id"]: json.loads(line)["status"] for line in result.stdout.splitlines()}
    assert statuses == {good: "succeeded", aborted: "cancelled"}


def test_usage_errors_exit_2(emu: Emulator, tmp_path: Path) -> None:
    assert taskwait("wait", "nosuch", "x").returncode == 2
    missing = taskwait("wait", "databar", "x", "--base-url", emu.base_url("databar"))
    assert missing.returncode == 2 and "DATABAR_API_KEY" in missing.stderr and "--api-key-file" in missing.stderr
    assert taskwait("wait", "databar", " ", environ=env("databar")).returncode == 2
    empty = tmp_path / "empty"
    empty.write_text("")
    assert taskwait("get", "databar", "x", "--api-key-file", str(empty)).returncode == 2
    assert taskwait("get", "databar", "x", "--api-key-file", str(tmp_path / "absent")).returncode == 2


def test_timeout_exit_3(emu: Emulator) -> None:
    task = emu.add_task("openmart", polls=10**6)
    result = taskwait(*wait_args(emu, "openmart", task.task_id), "--timeout", "0.3", "--json", environ=env("openmart"))
    assert result.returncode == 3 and "not finished" in result.stderr
    assert json.loads(result.stdout)["outcome"] == "WaitTimeout"


def test_auth_not_found_exit_4_and_key_file(emu: Emulator, tmp_path: Path) -> None:
    task = emu.add_task("deepomatic", polls=0)
    wrong = taskwait(*wait_args(emu, "deepomatic", task.task_id), environ=env("deepomatic", key="wrong-key"))
    assert wrong.returncode == 4 and "refused the API key" in wrong.stderr
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n")
    args = ["--api-key-file", str(key_file), "--base-url", emu.base_url("deepomatic")]
    assert taskwait("get", "deepomatic", "no-such-task", *args).returncode == 4
    found = taskwait("get", "deepomatic", task.task_id, "--json", *args)
    assert found.returncode == 0 and json.loads(found.stdout)["status"] == "succeeded"


def test_progress_display_renders_in_a_terminal_and_ends_cleanly(emu: Emulator) -> None:
    flex = emu.add_task("flexprice", duration=1.0, total=5000).task_id
    code, shown = run_in_pty(wait_args(emu, "flexprice", flex), env("flexprice"))
    assert code == 0
    assert "waiting…" in shown and "/5000" in shown  # the live view with a done/total bar
    assert "5000/5000" in shown.rsplit("waiting…", 1)[-1]  # then the final table
    assert KEY not in shown
    assert shown.rstrip().endswith("┘")  # the table is the last thing: the live view cleaned up


def test_no_color_is_respected(emu: Emulator) -> None:
    task = emu.add_task("databar", polls=1).task_id
    _, coloured = run_in_pty(wait_args(emu, "databar", task), env("databar"))
    _, plain = run_in_pty(wait_args(emu, "databar", task), env("databar", NO_COLOR="1"))
    colour = re.compile(r"\x1b\[[0-9;]*3[0-9]m")
    assert colour.search(coloured) and not colour.search(plain)


def test_quiet_shows_no_progress_in_a_terminal(emu: Emulator) -> None:
    task = emu.add_task("databar", polls=2).task_id
    code, shown = run_in_pty([*wait_args(emu, "databar", task), "--quiet"], env("databar"))
    assert code == 0 and "waiting…" not in shown and task in shown


def test_ctrl_c_prints_the_table_pending_ids_and_resume_command(emu: Emulator, tmp_path: Path) -> None:
    done = emu.add_task("openmart", polls=0).task_id
    slow = emu.add_task("openmart", polls=10**6).task_id  # never finishes: the wait is still on when interrupted
    key_file = tmp_path / "key"
    key_file.write_text(KEY)
    args = [*wait_args(emu, "openmart", done, slow), "--api-key-file", str(key_file), "--timeout", "600"]

    def done_is_shown(shown: str) -> bool:  # the live view says the first task succeeded: the wait goes on
        return "succeeded" in shown

    code, shown = run_in_pty(args, env(), done_is_shown)
    assert code == 130
    after = shown.rsplit("waiting…", 1)[-1]  # what was printed after the live view's last frame
    table = after[after.index("task id") :]  # the summary table: full ids (the live view shortens them)
    assert done in table and slow in table and "succeeded" in table
    assert f"still pending: {slow}" in after
    resume = shlex.join(["taskwait", "wait", "openmart", slow, "--base-url", emu.base_url("openmart"),
                         "--api-key-file", str(key_file), "--timeout", "600.0", "--interval", "0.02"])  # fmt: skip
    assert f"resume with: {resume}\r\n" in after and "Traceback" not in shown


def test_ctrl_c_json_prints_each_line_once_and_keeps_the_options(emu: Emulator) -> None:
    done = emu.add_task("openmart", polls=0).task_id
    slow = emu.add_task("openmart", polls=10**6).task_id
    args = [*wait_args(emu, "openmart", done, slow), "--json", "--quiet"]
    code, shown = run_in_pty(args, env("openmart"), lambda shown: f'"task_id": "{done}"' in shown)  # streamed
    assert code == 130
    lines = [json.loads(line) for line in shown.splitlines() if line.startswith("{")]
    assert [(line["task_id"], line["status"]) for line in lines] == [(done, "succeeded")]  # once, and no other
    assert f"still pending: {slow}" in shown
    resume = shlex.join(["taskwait", "wait", "openmart", slow, "--base-url", emu.base_url("openmart"), "--json",
                         "--interval", "0.02", "--quiet"])  # fmt: skip
    assert f"resume with: {resume}" in shown


def test_emulate_takes_the_emulator_options() -> None:
    shown = taskwait("emulate", "--help")
    assert shown.returncode == 0 and shown.stdout.startswith("usage: taskwait emulate")
    for option in ("--host", "--port", "--api-key", "--seed", "--lobstr-rate-limit"):
        assert option in shown.stdout
    assert taskwait("emulate", "--port", "x").returncode == 2


def test_emulate_subcommand_serves() -> None:
    options = ["--host", "127.0.0.1", "--port", "0", "--api-key", "another-key-42", "--seed", "7",
               "--lobstr-rate-limit", "0"]  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "taskwait", "emulate", *options], stdout=subprocess.PIPE,
                            text=True, env=env(PYTHONUNBUFFERED="1"))  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("taskwait emulator on http://127.0.0.1:")
        url = first.split()[3]
        assert httpx.get(url + "/", timeout=5).status_code == 200  # serving, signal handlers in place
        task = httpx.get(f"{url}/databar/v1/tasks/nosuch", headers={"x-apikey": "another-key-42"}, timeout=5)
        assert task.status_code == 404  # the key given was taken: not 401
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_more_ctrl_cs_while_interrupted_lose_nothing_of_the_report(emu: Emulator) -> None:
    """Two Ctrl-Cs at once (as `timeout -s INT` sends them), and another while the table is written: the table,
    the pending ids and the resume command all come out."""
    read, write = os.pipe()
    size = fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)  # the smallest pipe the system has (a page)
    done = [emu.add_task("databar", polls=0).task_id for _ in range(size // 40)]  # a table a few times larger
    slow = emu.add_task("databar", polls=10**6).task_id
    command = [sys.executable, "-m", "taskwait", *wait_args(emu, "databar", *done, slow)]
    with open(read, "rb") as pipe, subprocess.Popen(command, stdout=write, stderr=subprocess.PIPE, text=True,
                                                    env=env("databar")) as proc:  # fmt: skip
        os.close(write)
        _until(lambda: all((emu.stats("databar", t) or {}).get("answered") for t in done)
               and (emu.stats("databar", slow) or {}).get("answered", 0) >= 2)  # fmt: skip
        proc.send_signal(signal.SIGINT)
        proc.send_signal(signal.SIGINT)
        # Nothing but the table goes to stdout: once it fills the pipe, the command is in the middle of writing it.
        _until(lambda: _unread(read) >= size or proc.poll() is not None)
        proc.send_signal(signal.SIGINT)
        table = pipe.read().decode()
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert all(task_id in table for task_id in [*done, slow]) and table.count("succeeded") == len(done)
    resume = shlex.join(["taskwait", "wait", "databar", slow, "--base-url", emu.base_url("databar"),
                         "--interval", "0.02"])  # fmt: skip
    assert stderr == f"taskwait: interrupted; still pending: {slow}\nresume with: {resume}\n"


def _unread(fd: int) -> int:
    """How many bytes wait in a pipe."""
    return int(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0])


def _until(condition: Callable[[], object]) -> None:
    ends = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < ends, "not reached within 60 s"
        time.sleep(0.01)


def test_cancel_a_lobstr_run_and_a_databar_task(emu: Emulator) -> None:
    run = emu.add_task("lobstr", polls=10**6).task_id  # a scripted Lobstr *task* cannot be aborted: exit 2
    result = taskwait("cancel", "lobstr", run, "--base-url", emu.base_url("lobstr"), environ=env("lobstr"))
    assert result.returncode == 2 and "lobstr cannot cancel a 'task'" in result.stderr and "lobstr run" in result.stderr
    task = emu.add_task("databar", polls=10**6).task_id
    result = taskwait("cancel", "databar", task, "--base-url", emu.base_url("databar"), "--json",
                      environ=env("databar"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "cancelled"


def test_cancel_what_a_provider_cannot_stop_exits_2(emu: Emulator) -> None:
    result = taskwait("cancel", "deepomatic", "1", "--base-url", emu.base_url("deepomatic"), environ=env("deepomatic"))
    assert result.returncode == 2 and "taskwait can cancel: databar task, lobstr run" in result.stderr
    result = taskwait(*wait_args(emu, "flexprice", "T1"), "--cancel-on", "timeout", environ=env("flexprice"))
    assert result.returncode == 2 and "flexprice cannot cancel" in result.stderr
    result = taskwait(*wait_args(emu, "databar", "T1"), "--cancel-on", "never", environ=env("databar"))
    assert result.returncode == 2 and "--cancel-on" in result.stderr


def test_wait_cancel_on_timeout_says_the_cancel_went_through(emu: Emulator) -> None:
    task = emu.add_task("databar", polls=10**6).task_id
    result = taskwait(*wait_args(emu, "databar", task), "--timeout", "0.3", "--cancel-on", "timeout",
                      environ=env("databar"))  # fmt: skip
    assert result.returncode == 3 and "cancel sent: the provider answered 'cancelled'" in result.stderr


def test_ctrl_c_with_cancel_on_interrupt_says_what_was_cancelled(emu: Emulator) -> None:
    done = emu.add_task("databar", polls=0).task_id
    slow = emu.add_task("databar", polls=10**6).task_id
    args = [*wait_args(emu, "databar", done, slow), "--cancel-on", "interrupt,timeout"]
    code, shown = run_in_pty(args, env("databar"), lambda shown: "succeeded" in shown)
    assert code == 130 and f"cancelled: {slow}" in shown and "still pending: none" in shown
    assert "Traceback" not in shown
