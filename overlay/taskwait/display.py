"""What a person sees while waiting: a live view on stderr and a summary table (needs the `cli` extra).

Every text a provider sent (ids, raw statuses, errors) goes through `clean` and into `Text` objects:
no control character reaches the terminal and no rich markup in it is interpreted.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import FrameType, TracebackType
from typing import Any

import attrs
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from .errors import UNSAFE, TaskwaitError, clean
from .snapshot import Progress, TaskSnapshot
from .status import Status

__all__ = ["LiveView", "Report", "Row", "json_line", "output_console", "summary_table"]

STYLES = {Status.SUCCEEDED: "green", Status.FAILED: "red", Status.CANCELLED: "yellow", Status.RUNNING: "cyan",
          Status.PENDING: "blue", Status.UNKNOWN: "magenta"}  # fmt: skip
LIVE_CHROME = 6  # lines of the live view not task rows: title, header, summary, held polls, "… N more", cursor


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

    @property
    def done(self) -> bool:
        """The wait on this task has ended: a terminal status, or an error."""
        return self.outcome is not None or (self.status is not None and self.status.is_terminal)

    def as_dict(self) -> dict[str, Any]:
        progress = None
        if self.progress is not None:
            progress = {"done": self.progress.done, "total": self.progress.total, "fraction": self.progress.fraction}
        status = self.status.value if self.status else None
        return {"provider": self.provider, "task_id": self.task_id, "status": status,
                "raw_status": self.raw_status, "progress": progress, "error": self.error, "data": self.data,
                "outcome": self.outcome, "polls": self.polls, "elapsed": round(self.elapsed, 3)}  # fmt: skip


def _label(row: Row) -> str:
    return row.outcome or (row.status.value if row.status else "waiting")


def _status(row: Row) -> Text:
    style = "red" if row.outcome else STYLES.get(row.status, "") if row.status else "dim"
    return Text(clean(_label(row)), style=style)


def _progress(row: Row) -> RenderableType:
    fraction = row.progress.fraction if row.progress else None
    if fraction is not None and row.progress is not None:
        line = Table.grid(padding=(0, 1))
        line.add_row(ProgressBar(total=1.0, completed=fraction, width=20),
                     Text(f"{row.progress.done}/{row.progress.total} ({fraction:.0%})"))  # fmt: skip
        return line
    if row.progress is not None and row.progress.done is not None:
        return Text(f"{row.progress.done} done")
    return Text("")


def _summary_line(rows: list[Row]) -> Text:
    """'3/40 done · 2 succeeded, 1 failed, 37 running': the counts per status."""
    counts = Counter(_label(row) for row in rows)
    order = [status.value for status in Status] + ["waiting"]
    labels = [label for label in order if counts[label]] + sorted(set(counts) - set(order))  # outcomes last
    parts = ", ".join(f"{counts[label]} {clean(label)}" for label in labels)
    return Text(f"{sum(row.done for row in rows)}/{len(rows)} done · {parts}")


class LiveView:
    """A live table on stderr while waiting; does nothing unless enabled (stderr is a terminal).

    With more tasks than the terminal has lines for, the unfinished ones are shown first and the
    rest summarized as '… N more'; a summary line counts the tasks per status.
    """

    def __init__(self, rows: Iterable[Row], *, enabled: bool, console: Console | None = None,
                 held: Callable[[], str | None] | None = None) -> None:  # fmt: skip
        self.rows = list(rows)
        self.held = held  # what the rate budget holds back now ('12 polls held ...'), shown under the summary
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self.started = time.monotonic()
        self._live: Live | None = None

    def _render(self) -> RenderableType:
        table = Table(box=None, pad_edge=False, title=f"waiting… {time.monotonic() - self.started:.1f}s")
        for column in ("", "provider", "task", "status", "raw", "progress", "polls", "elapsed"):
            table.add_column(column, no_wrap=True)
        room = max(1, self.console.size.height - LIVE_CHROME)
        shown = self.rows
        if len(self.rows) > room:  # the unfinished first, each group in its own order
            chosen = {id(row) for row in sorted(self.rows, key=lambda row: row.done)[:room]}
            shown = [row for row in self.rows if id(row) in chosen]
        for row in shown:
            mark: RenderableType = Text("✓" if row.status is Status.SUCCEEDED else "•") if row.done else Spinner("dots")
            table.add_row(mark, Text(row.provider), Text(_short(clean(row.task_id))), _status(row),
                          Text(clean(row.raw_status or "")), _progress(row), str(row.polls),
                          f"{row.elapsed:.1f}s")  # fmt: skip
        parts: list[RenderableType] = [_summary_line(self.rows)]
        note = self.held() if self.held is not None else None
        if note:
            parts.append(Text(clean(note), style="yellow"))
        parts.append(table)
        if len(shown) < len(self.rows):
            parts.append(Text(f"… {len(self.rows) - len(shown)} more", style="dim"))
        return Group(*parts)

    def print_line(self, line: str) -> None:
        """A line for stdout; while the live view is drawn on the same terminal, above it, unwrapped."""
        if self._live is not None and sys.stdout.isatty():
            self.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            print(line, flush=True)

    def __enter__(self) -> LiveView:
        if self.enabled:
            self._live = Live(get_renderable=self._render, console=self.console, refresh_per_second=8,
                              transient=True, redirect_stdout=False)  # fmt: skip
            self._live.__enter__()
            self._live.refresh()  # the first frame now, not after the first tick
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._live is not None:
            live, self._live = self._live, None
            live.__exit__(kind, exc, tb)


def _short(task_id: str, width: int = 24) -> str:
    return task_id if len(task_id) <= width else task_id[: width - 1] + "…"


def output_console() -> Console:
    """stdout, as wide as the terminal, or wide enough not to wrap the table when piped."""
    return _Stdout() if sys.stdout.isatty() else _Stdout(width=200)


class _Stdout(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away: raise as print() does (rich would exit 1); the CLI ends quietly on it."""
        self.quiet = True
        raise BrokenPipeError


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
        table.add_row(Text(row.provider), Text(clean(row.task_id)), _status(row), Text(clean(row.raw_status or "")),
                      progress, str(row.polls), f"{row.elapsed:.2f}s", Text(clean(row.error or "")[:60]))  # fmt: skip
    return table


def json_line(row: Row) -> str:
    """The row as exact JSON; DEL, C1 and bidi characters escaped too (json.dumps escapes C0 only)."""
    text = json.dumps(row.as_dict(), default=str, ensure_ascii=False)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Report:
    """Results on stdout: JSON lines (each task's once, as soon as its wait ends) or the final table.

    After `close()` (Ctrl-C) what the wait's threads still see is ignored: the report is what was known.
    """

    def __init__(self, as_json: bool, live: LiveView | None = None) -> None:
        self.as_json, self.live, self.printed = as_json, live, set[str]()
        self.closed = self._writing = self._interrupted = False
        self._lock = threading.RLock()

    def update(self, row: Row, snap: TaskSnapshot) -> None:
        """What a poll saw of the row's task; its JSON line if its wait has ended."""
        with self._lock:
            if not self.closed:
                row.see(snap)
                if snap.status.is_terminal:
                    self.line(row)

    def close(self) -> None:
        with self._lock:  # waits for a line being written by another thread
            self.closed = True

    def line(self, row: Row) -> None:
        """The row's JSON line, unless printed already; a Ctrl-C meanwhile waits until it is out."""
        with self._lock, self._whole():
            if self.as_json and row.task_id not in self.printed:
                self.printed.add(row.task_id)
                if self.live is not None:
                    self.live.print_line(json_line(row))
                else:
                    print(json_line(row), flush=True)

    def final(self, rows: Sequence[Row], *, finished_only: bool = False) -> None:
        """The table of every row, or the JSON lines not printed yet (of the finished rows only)."""
        if not self.as_json:
            output_console().print(summary_table(rows))
            return
        for row in rows:
            if row.done or not finished_only:
                self.line(row)

    @contextlib.contextmanager
    def interrupts(self) -> Iterator[None]:
        """While in it, the first Ctrl-C raises KeyboardInterrupt, but never in the middle of a JSON line; later ones
        are ignored, so the report written for the first (inside this block) is never cut short."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def on_sigint(signum: int, frame: FrameType | None) -> None:
            # Two at once (`timeout -s INT`), or Ctrl-C again while the report is written: ignored by the kernel, as
            # a handler that returns would still interrupt a blocked write, and a buffered write then drops the rest.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if self._writing:
                self._interrupted = True
            else:
                raise KeyboardInterrupt

        previous = signal.signal(signal.SIGINT, on_sigint)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)

    @contextlib.contextmanager
    def _whole(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # signals interrupt the main thread only
            yield
            return
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
            if self._interrupted:
                self._interrupted = False
                raise KeyboardInterrupt
