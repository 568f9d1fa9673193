"""The `taskwait` command: get, wait on and cancel tasks of any provider from a shell.

exit codes (with several tasks the highest-ranked of 4, 3, 1 applies):
  0    all succeeded (get: the task has not failed; cancel: the provider answered it)
  1    a task failed or was cancelled
  2    usage or configuration error (bad option, no or bad key, bad task id, a unit that cannot be cancelled)
  3    a wait timed out
  4    authentication, not-found or provider error
  5    internal error: a bug in taskwait, please report it
  130  interrupted (Ctrl-C): what is known, the pending ids and a resume command are printed
  141  the reader of stdout went away (e.g. `| head`): the command stops quietly; or stdout is closed (`>&-`)
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from . import budget
from ._cli_args import (
    EXIT_AUTH_OR_PROVIDER,
    EXIT_CLOSED_OUTPUT,
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    parser_with,
)
from .cancelling import CANCELS_ATTR
from .checks import require_cancel
from .client import check_key, connect
from .errors import UNSAFE, ConfigurationError, TaskwaitError, WaitTimeout, clean, hex_escape
from .look import cancel, get_task
from .providers import ADAPTERS
from .snapshot import TaskSnapshot
from .status import Status
from .wait import DEFAULT_TIMEOUT, check_task_id, wait_for_many

__all__ = ["EXIT_AUTH_OR_PROVIDER", "EXIT_CLOSED_OUTPUT", "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INTERRUPTED",
           "EXIT_OK", "EXIT_TIMEOUT", "EXIT_USAGE", "UNSAFE", "clean", "main"]  # fmt: skip


def _quote(word: str) -> str:
    """A shell word for `word`: shlex quoting, or $'...' with escapes when it holds control characters."""
    if not UNSAFE.search(word):
        return shlex.quote(word)
    inner = word.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + UNSAFE.sub(lambda m: hex_escape(m.group()), inner) + "'"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _key(args: argparse.Namespace) -> str:
    env_var = ADAPTERS[args.provider].env_var
    if args.api_key_file is not None:
        source = f"the key file {clean(args.api_key_file)}"
        try:
            key: str = args.api_key_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}") from None
    else:
        source, key = env_var, os.environ.get(env_var, "").strip()
        if not key:
            raise ConfigurationError(f"no API key for {args.provider}: set {env_var} or pass --api-key-file PATH")
    if not key:
        raise ConfigurationError(f"{source} is empty")
    try:
        return check_key(args.provider, key)  # the library's own check, naming where the key came from
    except ConfigurationError:
        raise ConfigurationError(f"{source} does not hold a usable API key (printable ASCII, no spaces)") from None


def _exit_code(results: dict[str, TaskSnapshot | TaskwaitError]) -> int:
    codes = [EXIT_OK]
    for result in results.values():
        if isinstance(result, WaitTimeout):
            codes.append(EXIT_TIMEOUT)
        elif isinstance(result, TaskwaitError):
            codes.append(EXIT_AUTH_OR_PROVIDER)
        elif result.status in (Status.FAILED, Status.CANCELLED):
            codes.append(EXIT_FAILED)
    return max(codes)


def _resume_command(args: argparse.Namespace, pending: list[str]) -> str:
    words = ["taskwait", "wait", args.provider, *pending]
    words += ["--kind", args.kind] if args.kind != "task" else []
    if args.base_url:
        words += ["--base-url", args.base_url]
    if args.api_key_file:
        words += ["--api-key-file", str(args.api_key_file)]
    words += ["--json"] if args.json else []
    words += ["--timeout", repr(args.timeout)] if args.timeout is not None else []
    words += ["--interval", repr(args.interval)] if args.interval is not None else []
    words += ["--quiet"] if args.quiet else []
    words += ["--cancel-on", ",".join(sorted(args.cancel_on))] if args.cancel_on else []
    return " ".join(_quote(word) for word in words)


def _once(args: argparse.Namespace, call: Callable[[], TaskSnapshot]) -> TaskSnapshot | TaskwaitError:
    """`get` and `cancel`: one call, its row reported (a JSON line for an error too)."""
    from .display import Report, Row

    row, started = Row(args.provider, args.task_id), time.monotonic()
    result: TaskSnapshot | TaskwaitError
    try:
        result = call()
    except ConfigurationError:
        raise
    except TaskwaitError as exc:  # authentication, not found, provider error: a JSON line too
        result = exc
        _say(f"taskwait: {clean(exc)}")
    row.finish(result)
    row.attempt(1, time.monotonic() - started)
    if args.json or isinstance(result, TaskSnapshot):
        Report(args.json).final([row])
    return result


def _get(args: argparse.Namespace, client: Any) -> int:
    result = _once(args, lambda: get_task(client, args.task_id, kind=args.kind))
    return _exit_code({args.task_id: result})


def _cancel(args: argparse.Namespace, client: Any) -> int:
    result = _once(args, lambda: cancel(client, args.task_id, kind=args.kind))
    return EXIT_OK if isinstance(result, TaskSnapshot) else EXIT_AUTH_OR_PROVIDER


def _tracing(on: bool) -> AbstractContextManager[object]:
    """`--trace`: the spans of the waits on stderr (ImportError naming what to install without the SDK)."""
    if not on:
        return nullcontext()
    from .otel_export import traced  # imports opentelemetry: only when asked for

    return traced()


def _say_cancels(exc: BaseException) -> list[str]:
    """Say what an interrupt cancelled; the ids whose cancel went through."""
    cancels: dict[str, TaskSnapshot | str] = getattr(exc, CANCELS_ATTR, {})
    done = [task_id for task_id, c in cancels.items() if isinstance(c, TaskSnapshot)]
    if cancels:
        _say(f"taskwait: cancelled: {clean(' '.join(done)) or 'none'}")
    for task_id, c in cancels.items():
        if not isinstance(c, TaskSnapshot):
            _say(f"taskwait: not cancelled: {clean(task_id)}: {clean(c)}")
    return done


def _wait(args: argparse.Namespace, client: Any) -> int:
    from .display import LiveView, Report, Row

    rows = {task_id: Row(args.provider, task_id) for task_id in dict.fromkeys(args.task_ids)}
    account = budget.account_for(client)  # the live view says when the rate budget holds polls back
    live = LiveView(rows.values(), enabled=sys.stderr.isatty() and not args.quiet,
                    held=lambda: budget.held_note(account))  # fmt: skip
    report = Report(args.json, live)

    def on_attempt(task_id: str, polls: int, elapsed: float) -> None:
        if not report.closed:
            rows[task_id].attempt(polls, elapsed)

    timeout = DEFAULT_TIMEOUT if args.timeout is None else None if math.isinf(args.timeout) else args.timeout
    try:
        tracing = _tracing(args.trace)
    except ImportError as exc:
        _say(f"taskwait: {clean(exc)}")
        return EXIT_USAGE
    try:
        with report.interrupts():  # until the report of an interrupted wait is out: more Ctrl-Cs are ignored
            try:
                with live, tracing:
                    results: dict[str, TaskSnapshot | TaskwaitError] = wait_for_many(
                        client, list(rows), kind=args.kind, timeout=timeout, interval=args.interval,
                        on_attempt=on_attempt, on_update=lambda snap: report.update(rows[snap.task_id], snap),
                        cancel_on=args.cancel_on,
                    )  # fmt: skip
            except KeyboardInterrupt as exc:
                report.close()  # the wait's threads may outlive the interrupt: what they see now is not shown
                report.final(list(rows.values()), finished_only=True)
                cancelled = _say_cancels(exc)
                pending = [task_id for task_id, row in rows.items() if not row.done and task_id not in cancelled]
                _say(f"taskwait: interrupted; still pending: {clean(' '.join(pending)) or 'none'}")
                if pending:
                    _say(f"resume with: {_resume_command(args, pending)}")
                return EXIT_INTERRUPTED
    except TaskwaitError as exc:  # a refused key stops every wait: say it once, report every task
        results = {task_id: exc for task_id, row in rows.items() if not row.done}
        _say(f"taskwait: {clean(exc)}")
    else:
        for result in results.values():
            if isinstance(result, TaskwaitError):  # timeouts, not found: known only when the whole wait ends
                _say(f"taskwait: {clean(result)}")
    for task_id, result in results.items():
        rows[task_id].finish(result)
    report.final(list(rows.values()))
    return _exit_code(results)


class _Warnings(logging.Handler):
    """The wait's warnings as 'taskwait: ...' lines on (the current) stderr, cleaned."""

    def emit(self, record: logging.LogRecord) -> None:
        _say(f"taskwait: {clean(record.getMessage())}")


def _main(argv: Sequence[str] | None) -> int:
    parser = parser_with(__doc__ or "")
    args, rest = parser.parse_known_args(argv)
    if args.command == "emulate":
        try:
            import starlette  # noqa: F401
            import uvicorn  # noqa: F401
        except ImportError:
            _say("taskwait: taskwait emulate needs the emulator extra: pip install 'taskwait-suite[emulator]'")
            return EXIT_USAGE
        from .emulator.__main__ import main as emulate

        return emulate(rest, prog="taskwait emulate")
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        import rich  # noqa: F401
    except ImportError:
        _say("taskwait: the command needs the cli extra: pip install 'taskwait-suite[cli]'")
        return EXIT_USAGE
    try:  # a TypeError or ValueError here is a usage error; later, a bug
        for task_id in [args.task_id] if args.command in ("get", "cancel") else args.task_ids:
            check_task_id(task_id)
        ADAPTERS[args.provider].unit(args.kind)  # a kind this provider does not have
        if args.command == "cancel" or getattr(args, "cancel_on", None):
            require_cancel(ADAPTERS[args.provider], args.kind)  # CancelNotSupported, naming what can be
        client = connect(args.provider, _key(args), base_url=args.base_url)
    except (ConfigurationError, ValueError, TypeError) as exc:
        _say(f"taskwait: {clean(exc)}")
        return EXIT_USAGE
    if sys.stdout is None:  # started with stdout closed (`>&-`): no poll, since its result would be lost
        _say("taskwait: stdout is closed: the results would be lost")
        return EXIT_CLOSED_OUTPUT
    logger = logging.getLogger("taskwait")
    if not logger.handlers:
        handler = _Warnings(logging.WARNING)
        logger.addHandler(handler)
    try:
        return {"get": _get, "cancel": _cancel, "wait": _wait}[args.command](args, client)
    except ConfigurationError as exc:
        _say(f"taskwait: {clean(exc)}")
        return EXIT_USAGE
    except TaskwaitError as exc:
        _say(f"taskwait: {clean(exc)}")
        return EXIT_AUTH_OR_PROVIDER


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code (see the module docstring)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # during start-up or a report: no traceback
        _say("\ntaskwait: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # nobody reads stdout any more; the interpreter's last flush must not complain
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_OUTPUT
    except Exception as exc:
        _say(f"taskwait: internal error: {type(exc).__name__}: {clean(exc)}")
        return EXIT_INTERNAL
