"""The `taskwait` command's arguments and exit codes: the parser, and the checks of each option's text."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import NoReturn

from .checks import CANCEL_ON, DEFAULT_TIMEOUT
from .errors import clean
from .providers import KINDS, base_url_problem, masked_url
from .status import PROVIDERS

__all__ = ["EXIT_AUTH_OR_PROVIDER", "EXIT_CLOSED_OUTPUT", "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INTERRUPTED",
           "EXIT_OK", "EXIT_TIMEOUT", "EXIT_USAGE", "parser_with"]  # fmt: skip

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_AUTH_OR_PROVIDER, EXIT_INTERNAL = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED, EXIT_CLOSED_OUTPUT = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as a shell reports them


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line on stderr, exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {clean(message)} (see {self.prog} --help)\n")


def _seconds(text: str, *, infinite: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or (math.isinf(value) and not infinite):  # `not >` rejects nan too
        raise argparse.ArgumentTypeError(f"must be a positive {'' if infinite else 'finite '}number, not {text!r}")
    return value


def _cancel_on(text: str) -> frozenset[str]:
    found = frozenset(word.strip() for word in text.split(",") if word.strip())
    if not found or found - CANCEL_ON:
        raise argparse.ArgumentTypeError(f"expected timeout, interrupt or timeout,interrupt, not {text!r}")
    return found


def _base_url(text: str) -> str:
    problem = base_url_problem(text)  # the library's own check, said before anything runs
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem}: must be an http(s) URL such as https://api.example.com, "
                                         f"not {masked_url(text)!r}")  # fmt: skip
    return text


def parser_with(description: str) -> argparse.ArgumentParser:
    """The `taskwait` command's parser (`description`: its help text)."""
    parser = _Parser(prog="taskwait", description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    common = _Parser(add_help=False)
    common.add_argument("provider", choices=PROVIDERS)
    common.add_argument("--base-url", type=_base_url, help="the provider's base URL (default: its real one)")
    common.add_argument("--api-key-file", type=Path, metavar="PATH",
                        help="read the key from this file (default: the <PROVIDER>_API_KEY variable)")  # fmt: skip
    common.add_argument("--json", action="store_true", help="one JSON object per task per line on stdout")
    common.add_argument("--kind", choices=KINDS, default="task",
                        help="what the ids name: task (default), batch (openmart), run or upload (lobstr), "
                             "export (databar: a table's uuid)")  # fmt: skip
    get = commands.add_parser("get", parents=[common], help="poll a task once")
    get.add_argument("task_id")
    stop = commands.add_parser("cancel", parents=[common], help="stop a unit's work (databar task, lobstr run)")
    stop.add_argument("task_id")
    wait = commands.add_parser("wait", parents=[common], help="wait until tasks are done")
    wait.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    wait.add_argument("--timeout", type=lambda text: _seconds(text, infinite=True),
                      help=f"overall deadline in seconds, inf for none (default {DEFAULT_TIMEOUT:g})")  # fmt: skip
    wait.add_argument("--interval", type=_seconds, help="first delay between polls (default: the provider's)")
    wait.add_argument("--quiet", action="store_true", help="no progress display")
    wait.add_argument("--trace", action="store_true",
                      help="each wait's finished spans as JSON lines on stderr (needs opentelemetry-sdk)")  # fmt: skip
    wait.add_argument("--cancel-on", type=_cancel_on, default=frozenset(), metavar="timeout,interrupt",
                      help="cancel the remote work of units left unfinished at the deadline or on Ctrl-C")  # fmt: skip
    commands.add_parser("emulate", add_help=False, help="serve the five providers (taskwait emulate --help)")
    return parser
