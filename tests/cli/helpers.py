"""Running the `taskwait` command as a shell user does: in a subprocess, in a pseudo-terminal, or in-process."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from taskwait.cli import main
from taskwait.emulator import Emulator

__all__ = ["KEY", "env", "in_process", "run_in_pty", "taskwait", "wait_args"]

KEY = "cli-secret-key-0451"
BOUND = 60.0  # seconds: a generous bound on anything a test waits for, for a loaded machine


def env(provider: str | None = None, key: str = KEY, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    if provider:
        base[f"{provider.upper()}_API_KEY"] = key
    return base | extra


def taskwait(
    *args: str, environ: dict[str, str] | None = None, timeout: float = BOUND
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "taskwait", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=environ or env(), timeout=timeout)
    assert KEY not in result.stdout and KEY not in result.stderr
    return result


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """main(args) in this process: (exit code, stdout, stderr); a SystemExit counts as returning its code."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        pytest.fail("a KeyboardInterrupt escaped main()")
    out, err = capsys.readouterr()
    return code, out, err


def wait_args(emu: Emulator, provider: str, *ids: str) -> list[str]:
    return ["wait", provider, *ids, "--base-url", emu.base_url(provider), "--interval", "0.02"]


def run_in_pty(
    args: list[str],
    environ: dict[str, str],
    interrupt_when: Callable[[str], bool] | None = None,
    lines: int | None = None,
) -> tuple[int, str]:
    """Run the command with stdout and stderr on a pseudo-terminal; return (exit code, all it showed).

    interrupt_when(shown so far) decides when to send SIGINT: once, as soon as it is true.
    """
    size = {"LINES": str(lines)} if lines else {}
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execve(sys.executable, [sys.executable, "-m", "taskwait", *args],
                  environ | {"TERM": "xterm-256color", "COLUMNS": "120", "PYTHONFAULTHANDLER": "1"} | size)  # fmt: skip
    chunks: list[bytes] = []
    started, sent = time.monotonic(), False
    while (data := _read(fd)) is not None:
        chunks.append(data)
        if interrupt_when is not None and not sent and interrupt_when(_text(chunks)):
            os.kill(pid, signal.SIGINT)
            sent = True
        if time.monotonic() - started > BOUND:  # SIGABRT: faulthandler shows where every thread is
            os.kill(pid, signal.SIGABRT)
            chunks.extend(_drain(fd, 2.0))
            os.waitpid(pid, 0)
            pytest.fail(f"the command hung (interrupted: {sent}); it showed:\n{_text(chunks)}")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), _text(chunks)


def _drain(fd: int, seconds: float) -> list[bytes]:
    """What the pty still shows within `seconds` (or until it closes)."""
    chunks, ends = [], time.monotonic() + seconds
    while time.monotonic() < ends and (data := _read(fd)) is not None:
        chunks.append(data)
    return chunks


def _read(fd: int) -> bytes | None:
    """What the pty shows within 0.05 s (b"" if nothing), or None once it has closed."""
    if not select.select([fd], [], [], 0.05)[0]:
        return b""
    try:
        return os.read(fd, 65536) or None
    except OSError:  # the child's side closed (EIO on Linux)
        return None


def _text(chunks: list[bytes]) -> str:
    return b"".join(chunks).decode("utf-8", errors="replace")
