"""python -m taskwait.emulator --port 8000: serve the five providers until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import math
import sys

from .providers import FORMATS
from .server import DEFAULT_API_KEY, Emulator

__all__ = ["add_arguments", "main", "rate_limit"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The emulator's options, shared by `python -m taskwait.emulator` and `taskwait emulate`."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help=f"the key every provider accepts ({DEFAULT_API_KEY})"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the random faults (default 0)")
    parser.add_argument("--lobstr-rate-limit", type=int, default=None, metavar="N",
                        help="Lobstr requests a minute over all its routes (0: none; default: its documented limits, "
                             "90 a minute on /v1/tasks, 120 on /v1/runs, 2 a second on /v1/results, ...)")  # fmt: skip
    parser.add_argument("--rate-limit", type=rate_limit, action="append", default=[],
                        metavar="PROVIDER=REQUESTS/SECONDS",
                        help="at most REQUESTS in each window of SECONDS over all of PROVIDER's routes, then 429 "
                             "with Retry-After (e.g. databar=10/1; for lobstr it replaces its documented limits; "
                             "repeatable)")  # fmt: skip


def rate_limit(text: str) -> tuple[str, int, float]:
    """PROVIDER=REQUESTS/SECONDS (e.g. databar=10/1) as (provider, requests, seconds); argparse's error if not."""
    provider, _, limit = text.partition("=")
    requests, _, seconds = limit.partition("/")
    try:
        count, window = int(requests), float(seconds)
    except ValueError:
        count, window = 0, 0.0
    if provider.strip() not in FORMATS or count < 1 or not (window > 0 and math.isfinite(window)):
        known = ", ".join(FORMATS)
        raise argparse.ArgumentTypeError(f"expected PROVIDER=REQUESTS/SECONDS with PROVIDER one of {known}, "
                                         f"REQUESTS a whole number of 1 or more and SECONDS above 0 "
                                         f"(e.g. databar=10/1), not {text!r}")  # fmt: skip
    return provider.strip(), count, window


def main(argv: list[str] | None = None, prog: str = "python -m taskwait.emulator") -> int:
    """Serve until Ctrl-C; the exit code. `argv`: the options (default sys.argv[1:]); `prog`: the name in --help."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    limits: dict[str, tuple[int, float] | None] = {p: (n, s) for p, n, s in args.rate_limit}
    if args.lobstr_rate_limit is not None and "lobstr" not in limits:
        limits["lobstr"] = (args.lobstr_rate_limit, 60.0) if args.lobstr_rate_limit > 0 else None
    try:
        emulator = Emulator(host=args.host, port=args.port, api_key=args.api_key, seed=args.seed,
                            rate_limits=limits, log_level="warning")  # fmt: skip
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
