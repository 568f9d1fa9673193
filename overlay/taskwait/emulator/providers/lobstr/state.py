"""Lobstr's shared state in the emulator: squids, their tasks, uploads and runs.

A task added to a squid stays `pending` until a run processes it; a run re-scripts each of its
squid's tasks in the store (pending -> running -> completed | failed, timed by the store's `created`
settings for lobstr), so GET /v1/tasks/{hash} shows the run's progress. Sources: lobstrio/docs
@ 70d065b docs/<page>.mdx (add-tasks, upload-tasks, start-run, get-run, abort-run, get-results).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import threading
from typing import Any

import attrs

from ...base import TaskView
from ...env import Env

__all__ = ["LobstrState", "Run", "Squid", "Upload", "iso", "results_of"]

NEVER = 1e12  # seconds: a task nobody runs stays pending
TASK_END = {"success": "completed", "failure": "failed", "cancel": "aborted"}
TASK_ERROR = "Scraping failed: the page could not be loaded"


def iso(when: dt.datetime, *, micro: bool = True, zone: bool = False) -> str:
    """A UTC timestamp the way Lobstr writes it: no zone on tasks, `Z` and whole seconds on runs."""
    text = when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds" if micro else "seconds")
    return text + "Z" if zone else text


def results_of(view: TaskView) -> int:
    """The results a task has collected so far, as its get-task answer counts them."""
    return round(view.fraction * (view.total or 0)) if view.raw_status != "pending" else 0


@attrs.define
class Upload:
    """A CSV/TSV upload: its rows become tasks once it has been processed."""

    id: str
    rows: list[dict[str, str] | None]  # None: an invalid row
    created: float
    duration: float
    meta: dict[str, int] | None = None  # set when processed

    def state(self, now: float) -> str:
        if self.meta is not None:
            return "SUCCESS" if self.rows else "FAILURE"
        return "PENDING" if now - self.created < self.duration / 3 else "PROGRESS"


@attrs.define
class Squid:
    """A container of tasks for one crawler."""

    id: str
    crawler: str
    name: str
    created_at: str
    tasks: dict[str, dict[str, Any]] = attrs.Factory(dict)  # hash -> params, in insertion order
    uploads: list[Upload] = attrs.Factory(list)

    def body(self) -> dict[str, Any]:
        return {"id": self.id, "account": [], "concurrency": 1, "crawler": self.crawler, "created_at": self.created_at,
                "is_active": True, "name": self.name, "params": {"max_results": None}, "schedule": None,
                "to_complete": False}  # fmt: skip


@attrs.define
class Run:
    """One execution of a squid's tasks; its status follows theirs."""

    id: str
    squid: str
    tasks: list[str]
    started: float  # store clock
    started_wall: dt.datetime
    durations: dict[str, float]
    runtask_ids: dict[str, str]
    aborted_at: float | None = None
    frozen: dict[str, TaskView] | None = None  # the tasks as this run left them, once a newer run took them over

    def wall(self, at: float) -> dt.datetime:
        return self.started_wall + dt.timedelta(seconds=max(0.0, at - self.started))


@attrs.define
class LobstrState:
    """Per-app state; handlers run on one event loop, the lock keeps it safe from any thread too."""

    env: Env
    rng: random.Random
    squids: dict[str, Squid] = attrs.Factory(dict)
    runs: dict[str, Run] = attrs.Factory(dict)
    uploads: dict[str, tuple[str, Upload]] = attrs.Factory(dict)  # upload id -> (squid id, upload)
    lock: threading.RLock = attrs.Factory(threading.RLock)

    def new_id(self) -> str:
        """A 32-hex id, as Lobstr's squid, task, run and upload hashes are."""
        with self.lock:
            return f"{self.rng.getrandbits(128):032x}"

    def now(self) -> float:
        return self.env.store.clock()

    def view(self, run: Run, task: str) -> TaskView | None:
        if run.frozen is not None:
            return run.frozen.get(task)
        return self.env.store.peek("lobstr", task)

    def views(self, run: Run) -> dict[str, TaskView]:
        return {t: v for t in run.tasks if (v := self.view(run, t)) is not None}

    def ended(self, run: Run) -> bool:
        return run.aborted_at is not None or all(v.final for v in self.views(run).values())

    def end_time(self, run: Run) -> float | None:
        """When the run stopped (store clock), or None while it runs."""
        if run.aborted_at is not None:
            return run.aborted_at
        if not self.ended(run):
            return None
        return run.started + max(run.durations.values(), default=0.0)

    # tasks ------------------------------------------------------------------------------------

    def task_created_at(self, task: str) -> str | None:
        return self._own(task).get("created_at")

    def delete_task(self, task: str) -> None:
        """Forget a task: out of its squid (the store forgets it too, so its GET answers 404)."""
        with self.lock:
            for squid in self.squids.values():
                squid.tasks.pop(task, None)

    def add_task(self, squid: Squid, params: dict[str, Any]) -> str | None:
        """Add one task as pending; None if the squid already holds one with these params."""
        with self.lock:
            if params in squid.tasks.values():
                return None
            task = self.new_id()
            squid.tasks[task] = params
        created_at = iso(dt.datetime.now(dt.UTC))
        self.env.create(task, fate="success", statuses=("pending", "pending"), duration=NEVER, total=0,
                        error=None, data={"params": params, "created_at": created_at})  # fmt: skip
        return task

    def settle(self, squid: Squid) -> None:
        """Process the squid's uploads whose time has come: their valid, new rows become tasks."""
        now = self.now()
        with self.lock:
            for upload in squid.uploads:
                if upload.meta is not None or now - upload.created < upload.duration:
                    continue
                valid = [row for row in upload.rows if row]
                inserted = sum(self.add_task(squid, row) is not None for row in valid)
                upload.meta = {"duplicates": len(valid) - inserted, "inserted": inserted,
                               "invalid": len(upload.rows) - len(valid), "valid": len(valid)}  # fmt: skip

    def upload(self, squid: Squid, text: str) -> Upload:
        """Accept a CSV or TSV file; its rows are read now and inserted when the upload completes."""
        lines = text.splitlines()
        dialect = "excel-tab" if lines and "\t" in lines[0] else "excel"
        rows: list[dict[str, str] | None] = []
        for row in csv.DictReader(io.StringIO(text), dialect=dialect):
            values = {k.strip(): v.strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
            values = {k: v for k, v in values.items() if k and v}
            rows.append(values if values and None not in row else None)
        upload_id = self.new_id()
        low, high = self.env.store.created["lobstr"].duration
        duration = random.Random(f"{self.env.store.seed}:upload:{upload_id}").uniform(low, high) / 2
        upload = Upload(upload_id, rows, self.now(), duration)
        with self.lock:
            squid.uploads.append(upload)
            self.uploads[upload_id] = (squid.id, upload)
        return upload

    # runs -------------------------------------------------------------------------------------

    def active_run(self, squid: Squid) -> Run | None:
        return next((r for r in self.runs.values() if r.squid == squid.id and not self.ended(r)), None)

    def start_run(self, squid: Squid) -> Run:
        """A run of the squid's tasks: each is re-scripted to unfold as the store's `created` settings say."""
        with self.lock:
            for earlier in self.runs.values():
                if earlier.squid == squid.id and earlier.frozen is None:
                    earlier.frozen = self.views(earlier)
            run_id = self.new_id()
            run = Run(run_id, squid.id, list(squid.tasks), self.now(), dt.datetime.now(dt.UTC), {},
                      {t: self.new_id() for t in squid.tasks})  # fmt: skip
            self.runs[run_id] = run
        created = self.env.store.created["lobstr"]
        for task in run.tasks:
            draw = created.draw(random.Random(f"{self.env.store.seed}:run:{run_id}:{task}"))
            run.durations[task] = draw["duration"]
            own = self._own(task) | {"ended_at": iso(run.wall(run.started + draw["duration"]))}
            self.env.create(task, fate="success", statuses=("pending", "running", TASK_END[draw["fate"]]),
                            duration=draw["duration"], total=draw["total"], data=own,
                            error=TASK_ERROR if draw["fate"] == "failure" else None)  # fmt: skip
        return run

    def abort(self, run: Run) -> None:
        """Stop the run: its unfinished tasks end `aborted`, keeping the results collected so far."""
        now = self.now()
        with self.lock:
            run.aborted_at = now
        for task, view in self.views(run).items():
            if not view.final:
                own = self._own(task) | {"ended_at": iso(run.wall(now))}
                self.env.create(task, fate="success", statuses=("running", "aborted"), duration=0.0,
                                total=results_of(view), data=own, error=None)  # fmt: skip

    def _own(self, task: str) -> dict[str, Any]:
        view = self.env.store.peek("lobstr", task)
        data = view.data if view is not None and isinstance(view.data, dict) else {}
        return {k: data[k] for k in ("params", "created_at") if k in data}
