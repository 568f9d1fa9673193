"""The emulator in its own process for the benchmarks, counting every request at the door.

python -m benchmarks.server   prints "benchmark emulator on URL", then serves until terminated;
GET URL/_bench/requests answers {"requests": N}: provider requests that reached the server.
Lobstr's rate limit is off: the benchmarks measure the client, not the limit.
"""

from __future__ import annotations

import sys

from benchmarks.common import log_requests
from taskwait.emulator import Emulator


def main() -> int:
    emu = Emulator(lobstr_rate_limit=None, log_level="warning")
    log_requests(emu, keep=False)
    print(f"benchmark emulator on {emu.url}", flush=True)
    emu.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
