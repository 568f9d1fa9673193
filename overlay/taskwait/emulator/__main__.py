"""python -m taskwait.emulator --port 8000: serve the five providers until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import sys

from .formats import FORMATS
from .server import DEFAULT_API_KEY, Emulator

__all__ = ["add_arguments", "main"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The emulator's options, shared by `python -m taskwait.emulator` and `taskwait emulate`."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help=f"the key every provider accepts ({DEFAULT_API_KEY})"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the random faults (default 0)")
    parser.add_argument("--lobstr-rate-limit", type=int, default=90, help="Lobstr requests a minute (0: none)")


def main(argv: list[str] | None = None, prog: str = "python -m taskwait.emulator") -> int:
    """Serve until Ctrl-C; the exit code. `argv`: the options (default sys.argv[1:]); `prog`: the name in --help."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        emulator = Emulator(host=args.host, port=args.port, api_key=args.api_key, seed=args.seed,
                            lobstr_rate_limit=args.lobstr_rate_limit or None, log_level="warning")  # fmt: skip
    except OSError as exc:
        print(f"emulator: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"taskwait emulator on {emulator.url} (Ctrl-C stops it)")
    for name in FORMATS:
        print(f"  {name:<11} {emulator.base_url(name)}")
    print(f"  admin       POST {emulator.url}/_admin/tasks, POST {emulator.url}/_admin/faults")
    # the emulator's own fake key (--api-key), not a secret: what every provider's auth header must carry here
    print(f"  api key     {args.api_key}  (e.g. export DATABAR_API_KEY={args.api_key})")
    sys.stdout.flush()
    with contextlib.suppress(KeyboardInterrupt):
        emulator.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
