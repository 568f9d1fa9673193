"""What a person sees while waiting: a live view on stderr and a summary table (needs the `cli` extra)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import attrs
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from .errors import TaskwaitError
from .snapshot import Progress, TaskSnapshot
from .status import Status

__all__ = ["LiveView", "Row", "output_console", "summary_table"]

STYLES = {Status.SUCCEEDED: "green", Status.FAILED: "red", Status.CANCELLED: "yellow", Status.RUNNING: "cyan",
          Status.PENDING: "blue", Status.UNKNOWN: "magenta"}  # fmt: skip


@attrs.define
class Row:
    """One task's wait, as it goes: updated from the wait's callbacks, read by the views."""

    provider: str
    task_id: str
    status: Status | None = None
    raw_status: str | None = None
    progress: Progress | None = None
    error: str | None = None
    data: Any = None
    polls: int = 0
    elapsed: float = 0.0
    outcome: str | None = None  # error class ("WaitTimeout", ...) when the wait ended without a status

    def see(self, snap: TaskSnapshot) -> None:
        self.status, self.raw_status, self.progress = snap.status, snap.raw_status, snap.progress
        self.error, self.data = snap.error, snap.data

    def attempt(self, polls: int, elapsed: float) -> None:
        self.polls, self.elapsed = polls, elapsed

    def finish(self, result: TaskSnapshot | TaskwaitError) -> None:
        if isinstance(result, TaskSnapshot):
            self.see(result)
            return
        self.outcome = type(result).__name__
        self.error = str(result)
        snap = getattr(result, "snapshot", None)
        if snap is not None:
            self.status, self.raw_status, self.progress = snap.status, snap.raw_status, snap.progress

    def as_dict(self) -> dict[str, Any]:
        progress = None
        if self.progress is not None:
            progress = {"done": self.progress.done, "total": self.progress.total, "fraction": self.progress.fraction}
        status = self.status.value if self.status else None
        return {"provider": self.provider, "task_id": self.task_id, "status": status,
                "raw_status": self.raw_status, "progress": progress, "error": self.error, "data": self.data,
                "outcome": self.outcome, "polls": self.polls, "elapsed": round(self.elapsed, 3)}  # fmt: skip


def _status(row: Row) -> Text:
    label = row.outcome or (row.status.value if row.status else "waiting")
    style = "red" if row.outcome else STYLES.get(row.status, "") if row.status else "dim"
    return Text(label, style=style)


def _progress(row: Row) -> RenderableType:
    fraction = row.progress.fraction if row.progress else None
    if fraction is not None and row.progress is not None:
        bar = ProgressBar(total=1.0, completed=fraction, width=20)
        return Group(bar, Text(f"{row.progress.done}/{row.progress.total} ({fraction:.0%})"))
    if row.progress is not None and row.progress.done is not None:
        return Text(f"{row.progress.done} done")
    return Text("")


class LiveView:
    """A live table on stderr while waiting; does nothing unless enabled (stderr is a terminal)."""

    def __init__(self, rows: Iterable[Row], *, enabled: bool, console: Console | None = None) -> None:
        self.rows = list(rows)
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self.started = time.monotonic()
        self._live: Live | None = None

    def _render(self) -> Table:
        table = Table(box=None, pad_edge=False, title=f"waiting… {time.monotonic() - self.started:.1f}s")
        for column in ("", "provider", "task", "status", "raw", "progress", "polls", "elapsed"):
            table.add_column(column)
        for row in self.rows:
            done = row.outcome is not None or (row.status is not None and row.status.is_terminal)
            mark: RenderableType = Text("✓" if row.status is Status.SUCCEEDED else "•") if done else Spinner("dots")
            table.add_row(mark, row.provider, _short(row.task_id), _status(row), row.raw_status or "",
                          _progress(row), str(row.polls), f"{row.elapsed:.1f}s")  # fmt: skip
        return table

    def __enter__(self) -> LiveView:
        if self.enabled:
            self._live = Live(get_renderable=self._render, console=self.console, refresh_per_second=8, transient=True)
            self._live.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._live is not None:
            self._live.__exit__(kind, exc, tb)


def _short(task_id: str, width: int = 24) -> str:
    return task_id if len(task_id) <= width else task_id[: width - 1] + "…"


def output_console() -> Console:
    """stdout, as wide as the terminal, or wide enough not to wrap the table when piped."""
    return Console() if sys.stdout.isatty() else Console(width=200)


def summary_table(rows: Iterable[Row], title: str | None = None) -> Table:
    """The final table: provider, task id, normalized and raw status, polls, elapsed, and why it ended."""
    table = Table(title=title)
    for column in ("provider", "task id", "status", "raw status", "progress", "polls", "elapsed"):
        table.add_column(column, justify="right" if column in ("polls", "elapsed") else "left", no_wrap=True)
    table.add_column("note", max_width=48, overflow="ellipsis", no_wrap=True)
    for row in rows:
        progress = ""
        if row.progress is not None and row.progress.done is not None:
            progress = f"{row.progress.done}/{row.progress.total}" if row.progress.total else f"{row.progress.done}"
        note = (row.error or "")[:60]
        table.add_row(row.provider, row.task_id, _status(row), row.raw_status or "", progress, str(row.polls),
                      f"{row.elapsed:.2f}s", note)  # fmt: skip
    return table
