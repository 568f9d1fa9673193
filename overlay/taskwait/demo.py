"""`make demo`: the emulator, a realistic mix of tasks of all five providers, and one wait on them all.

No key and no network: every provider is the local emulator. Run: python -m taskwait.demo
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any

import anyio
from rich.console import Console

from .client import connect
from .display import LiveView, Row, output_console, summary_table
from .emulator import Emulator, Faults, TaskScript
from .status import PROVIDERS, Provider
from .wait import wait_for_many_async

__all__ = ["main", "scenario"]

RATE_LIMITED = Faults(script=("429", "429"), retry_after=1)
FLAKY = Faults(script=("503", "drop", "502"))


def scenario() -> list[TaskScript]:
    """The tasks of the demo: most succeed, some fail, some meet 429s and 5xx on the way."""
    s = TaskScript
    return [
        s("databar", "enrich-company-001", duration=1.5, data={"company": "Blue Bottle Coffee", "employees": 1200}),
        s("databar", "enrich-company-002", duration=3.0, faults=RATE_LIMITED, data={"company": "Acme"}),
        s("databar", "bulk-run-003", duration=2.0, data=[{"email": "jane@example.com"}, None]),
        s("databar", "enrich-company-004", duration=2.5, outcome="failure", error="Insufficient credits"),
        s("openmart", "2fc8b627-1111-2222-3333-123456789abc", duration=2.0,
          data=[{"first_name": "Jane", "last_name": "Doe", "title": "Head of Marketing"}]),
        s("openmart", "7d1e0c55-aaaa-4bbb-8ccc-0123456789ab", duration=3.5, faults=FLAKY, data=[]),
        s("openmart", "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", duration=2.5, outcome="failure",
          error="lookup failed"),
        s("lobstr", "c5e29d2aba8b77cdc56391e7405302de", duration=4.0, total=156),
        s("lobstr", "0f7d4e1a9b8c7d6e5f4a3b2c1d0e9f8a", duration=6.0, total=37, outcome="cancel",
          error="run aborted by user: partial results kept"),
        s("deepomatic", "269999729", duration=0.3, data={"outputs": [{"labels": {"predicted": ["golden retriever"]}}]}),
        s("deepomatic", "269999730", duration=0.5, data={"outputs": []}),
        s("deepomatic", "269999731", duration=1.0, faults=RATE_LIMITED, data={"outputs": []}),
        s("deepomatic", "269999732", duration=0.8, outcome="failure", error="image could not be decoded"),
        s("flexprice", "task_01HK8DBMBN87CY36DEFY62PEXBT", duration=8.0, total=25_000),
        s("flexprice", "task_01HK8DC2Q4Z9V8X7W6T5S4R3P2", duration=3.0, total=1_200, faults=FLAKY),
        s("flexprice", "task_01HK8DCQ0M1N2B3V4C5X6Z7A8S", duration=4.0, total=800, outcome="failure",
          error="row 412: unknown customer"),
    ]  # fmt: skip


async def _wait_all(emu: Emulator, rows: dict[tuple[str, str], Row]) -> None:
    async def one_provider(provider: Provider) -> None:
        ids = [task_id for (p, task_id) in rows if p == provider]
        client = connect(provider, emu.api_key, base_url=emu.base_url(provider))
        results = await wait_for_many_async(
            client, ids, timeout=45,
            on_update=lambda snap: rows[(provider, snap.task_id)].see(snap),
            on_attempt=lambda task_id, polls, elapsed: rows[(provider, task_id)].attempt(polls, elapsed),
        )  # fmt: skip
        for task_id, result in results.items():
            rows[(provider, task_id)].finish(result)

    async with anyio.create_task_group() as group:
        for provider in PROVIDERS:
            group.start_soon(one_provider, provider)


def main(argv: list[str] | None = None) -> int:
    out, err = output_console(), Console(stderr=True)
    started = time.monotonic()
    with Emulator(seed=7) as emu:
        scripts = [emu.store.add(script) for script in scenario()]
        rows = {(s.provider, s.task_id): Row(s.provider, s.task_id) for s in scripts}
        err.print(f"emulator on {emu.url}: waiting on {len(rows)} tasks of {len(PROVIDERS)} providers…")
        with LiveView(rows.values(), enabled=sys.stderr.isatty(), console=err):
            anyio.run(_wait_all, emu, rows)
        requests = sum(stats["requests"] for s in scripts if (stats := emu.stats(s.provider, s.task_id)))
    out.print(summary_table(rows.values(), title="taskwait demo: every task, as its wait ended"))
    counts: Counter[Any] = Counter(row.outcome or row.status for row in rows.values())
    summary = ", ".join(f"{n} {getattr(k, 'value', k)}" for k, n in counts.most_common())
    out.print(f"{len(rows)} tasks: {summary}; {requests} requests; {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
