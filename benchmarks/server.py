"""The emulator in its own process for the benchmarks, counting every request at the door.

python -m benchmarks.server [--rate-limit PROVIDER=REQUESTS/SECONDS ...]   prints "benchmark emulator on URL",
then serves until terminated; GET URL/_bench/requests answers {"requests": N, "refused": M}: provider requests that
reached the server, and how many of them it answered 429. Without --rate-limit, Lobstr's rate limit is off: the
benchmarks measure the client, not the limit; with it, those limits apply (fixed windows, 429 with Retry-After:
the rate-limit benchmark).
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.common import log_requests
from taskwait.emulator import Emulator
from taskwait.emulator.__main__ import rate_limit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate-limit", type=rate_limit, action="append", default=[])
    args = parser.parse_args(argv)
    if args.rate_limit:
        emu = Emulator(rate_limits={p: (n, s) for p, n, s in args.rate_limit}, log_level="warning")
    else:
        emu = Emulator(lobstr_rate_limit=None, log_level="warning")
    log_requests(emu, keep=False)
    print(f"benchmark emulator on {emu.url}", flush=True)
    emu.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
