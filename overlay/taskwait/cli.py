"""The `taskwait` command: get and wait on tasks of any provider from a shell.

Exit codes: 0 all succeeded (get: the task has not failed); 1 a task failed or was cancelled;
2 usage or configuration error; 3 a wait timed out; 4 authentication, not-found or provider
error; 130 interrupted. With several tasks the highest-ranked applies: 4, then 3, then 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .client import connect
from .errors import ConfigurationError, TaskwaitError, WaitTimeout
from .providers import ADAPTERS
from .snapshot import TaskSnapshot
from .status import PROVIDERS, Status
from .wait import DEFAULT_TIMEOUT, get_task, wait_for_many

__all__ = ["EXIT_AUTH_OR_PROVIDER", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_TIMEOUT", "EXIT_USAGE", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_AUTH_OR_PROVIDER, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="taskwait", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("provider", choices=PROVIDERS)
    common.add_argument("--base-url", help="the provider's base URL (default: its real one)")
    common.add_argument("--api-key-file", type=Path, metavar="PATH",
                        help="read the key from this file (default: the <PROVIDER>_API_KEY variable)")  # fmt: skip
    common.add_argument("--json", action="store_true", help="one JSON object per task per line on stdout")
    get = commands.add_parser("get", parents=[common], help="poll a task once")
    get.add_argument("task_id")
    wait = commands.add_parser("wait", parents=[common], help="wait until tasks are done")
    wait.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    wait.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                      help=f"overall deadline in seconds (default {DEFAULT_TIMEOUT:g})")  # fmt: skip
    wait.add_argument("--interval", type=float, help="first delay between polls (default: the provider's)")
    wait.add_argument("--quiet", action="store_true", help="no progress display")
    emulate = commands.add_parser("emulate", help="serve the five providers on 127.0.0.1 (the emulator)")
    emulate.add_argument("--port", type=int, default=8000)
    return parser


def _client(args: argparse.Namespace) -> Any:
    key = None
    if args.api_key_file is not None:
        try:
            key = args.api_key_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"cannot read the key file {args.api_key_file}: {exc.strerror}") from None
        if not key:
            raise ConfigurationError(f"the key file {args.api_key_file} is empty")
    elif not os.environ.get(ADAPTERS[args.provider].env_var):
        env_var = ADAPTERS[args.provider].env_var
        raise ConfigurationError(f"no API key for {args.provider}: set {env_var} or pass --api-key-file PATH")
    return connect(args.provider, key, base_url=args.base_url)


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


def _report(rows: Sequence[Any], as_json: bool) -> None:
    from .display import output_console, summary_table

    if as_json:
        for row in rows:
            print(json.dumps(row.as_dict(), default=str, ensure_ascii=False), flush=True)
    else:
        output_console().print(summary_table(rows))


def _resume_command(args: argparse.Namespace, pending: list[str]) -> str:
    words = ["taskwait", "wait", args.provider, *pending]
    if args.base_url:
        words += ["--base-url", args.base_url]
    if args.api_key_file:
        words += ["--api-key-file", str(args.api_key_file)]
    return shlex.join(words)


def _run(args: argparse.Namespace) -> int:
    from .display import LiveView, Row

    client = _client(args)
    if args.command == "get":
        row, started = Row(args.provider, args.task_id), time.monotonic()
        snap = get_task(client, args.task_id)
        row.finish(snap)
        row.attempt(1, time.monotonic() - started)
        _report([row], args.json)
        return _exit_code({args.task_id: snap})

    rows = {task_id: Row(args.provider, task_id) for task_id in dict.fromkeys(args.task_ids)}
    live = LiveView(rows.values(), enabled=sys.stderr.isatty() and not args.quiet)
    try:
        with live:
            results = wait_for_many(
                client, list(rows), timeout=args.timeout, interval=args.interval,
                on_update=lambda snap: rows[snap.task_id].see(snap),
                on_attempt=lambda task_id, polls, elapsed: rows[task_id].attempt(polls, elapsed),
            )  # fmt: skip
    except KeyboardInterrupt:
        pending = [t for t, r in rows.items() if not (r.status and r.status.is_terminal)]
        print(f"\ninterrupted; still pending: {' '.join(pending) or 'none'}", file=sys.stderr)
        if pending:
            print(f"resume with: {_resume_command(args, pending)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    for task_id, result in results.items():
        rows[task_id].finish(result)
        if isinstance(result, TaskwaitError):
            print(f"taskwait: {result}", file=sys.stderr)
    _report(list(rows.values()), args.json)
    return _exit_code(results)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "emulate":
        from .emulator.__main__ import main as emulate

        return emulate(["--port", str(args.port)])
    try:
        import rich  # noqa: F401
    except ImportError:
        print("taskwait: the command needs the cli extra: pip install 'taskwait[cli]'", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args)
    except (ConfigurationError, ValueError, TypeError) as exc:
        print(f"taskwait: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TaskwaitError as exc:  # authentication, not found, provider error
        print(f"taskwait: {exc}", file=sys.stderr)
        return EXIT_AUTH_OR_PROVIDER
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
