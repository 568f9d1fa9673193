"""A load generator process: one keep-alive connection, GETs for a fixed time (python -m benchmarks.load URL S)."""

from __future__ import annotations

import json
import sys
import time

import httpx


def main(url: str, seconds: float, n_ids: int) -> None:
    count = 0
    with httpx.Client(base_url=url, headers={"X-API-Key": "emulator-key"}) as client:
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            client.get(f"/openmart/api/v1/task/load-{count % n_ids:05d}").raise_for_status()
            count += 1
        print(json.dumps({"requests": count, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))
