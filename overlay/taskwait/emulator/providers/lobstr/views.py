"""Lobstr's answers in the emulator: runs, run stats, run tasks, results and pages, as the docs show them.

Sources: lobstrio/docs @ 70d065b docs/<page>.mdx: start-run, list-runs, get-run, abort-run (run),
get-run-stats, get-run-tasks, get-results, pagination.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
from typing import Any

from starlette.datastructures import URL

from ...base import TaskView
from .state import LobstrState, Run, iso, results_of

__all__ = ["page", "result_rows", "results_csv", "run_body", "run_stats", "run_task"]

DEFAULT_LIMIT, MAX_LIMIT = 50, 100


def _timedelta(seconds: float) -> str:
    return str(dt.timedelta(seconds=round(seconds, 6)))


def run_body(state: LobstrState, run: Run, *, text_duration: bool = False, aborting: bool = False) -> dict[str, Any]:
    """A run. Get Run writes `duration` as "0:00:50.183300" and adds `email_verification`; the other
    pages write seconds as a number. Right after an abort the status is `uploading` (abort-run page)."""
    now, views = state.now(), state.views(run)
    end = state.end_time(run)
    seconds = (end if end is not None else now) - run.started
    started = any(v.raw_status != "pending" for v in views.values())
    status, reason = "running" if started else "pending", None
    if run.aborted_at is not None:
        status, reason = "uploading" if aborting else "aborted", "aborted"
    elif end is not None:
        status, reason = "done", "tasks_done"
    exported = end is not None and not aborting
    total = sum(results_of(v) for v in views.values())
    body: dict[str, Any] = {
        "id": run.id, "object": "run", "squid": run.squid, "is_done": end is not None,
        "created_at": iso(run.started_wall, micro=False, zone=True),
        "started_at": iso(run.started_wall, micro=False, zone=True),
        "ended_at": iso(run.wall(end), micro=False, zone=True) if end is not None else None,
        "next_launch_at": None, "duration": _timedelta(seconds) if text_duration else round(seconds, 4),
        "credit_used": round(seconds, 4), "origin": "user", "force_launch": False, "status": status,
        "export_done": True if exported else None, "export_count": 1 if exported else 0,
        "export_time": iso(run.wall(end), micro=False, zone=True) if exported and end is not None else None,
        "email_done": None, "email_time": None, "total_results": total, "total_unique_results": total,
        "done_reason": reason, "done_reason_desc": None,
    }  # fmt: skip
    if text_duration:
        body["email_verification"] = None
    return body


def run_stats(state: LobstrState, run: Run) -> dict[str, Any]:
    """A run's progress: percent_done, task counts, results so far and expected."""
    now, views = state.now(), state.views(run)
    end = state.end_time(run)
    done = sum(v.final for v in views.values())
    current = next((t for t, v in views.items() if v.raw_status == "running"), "")
    percent = 100 if not views or end is not None else math.floor(100 * done / len(views))
    remaining = max((run.started + run.durations.get(t, 0.0) - now for t in views), default=0.0)
    collected = sum(results_of(v) for v in views.values())
    return {
        "id": run.id, "object": "run", "duration": _timedelta((end if end is not None else now) - run.started),
        "started_at": iso(run.started_wall, micro=False),
        "ended_at": iso(run.wall(end), micro=False) if end is not None else None,
        "eta": _timedelta(remaining) if end is None and done else "∞", "is_done": end is not None,
        "percent_done": f"{percent}%", "total_requests": None, "total_results": collected,
        "total_tasks": len(views), "total_tasks_done": done, "total_tasks_left": len(views) - done,
        "current_task": current, "results_total": sum(v.total or 0 for v in views.values()),
        "results_done": collected, "updated_at": iso(run.wall(end if end is not None else now), micro=False),
    }  # fmt: skip


def run_task(run: Run, task: str, view: TaskView) -> dict[str, Any]:
    """One task as executed in a run (get-run-tasks page)."""
    own = view.data if isinstance(view.data, dict) else {}
    started = run.wall(run.started) if view.raw_status != "pending" else None
    reason = {"completed": "completed", "aborted": "run_aborted", "failed": "error"}.get(view.raw_status)
    ended = own.get("ended_at") if view.final else None
    return {
        "object": "runtask", "id": run.runtask_ids[task], "task": task, "run": run.id,
        "status": view.raw_status, "params": own.get("params", {}),
        "started_at": iso(started, micro=False, zone=True) if started else None,
        "ended_at": ended[:19] + "Z" if ended else None, "total_results": view.total or 0,
        "last_result": results_of(view), "total_pages": 1 if started else 0, "last_page": 0,
        "done_reason": reason if view.final else None, "done_reason_desc": view.error if view.final else None,
        "last_collection_at": ended[:19] + "Z" if ended else None,
    }  # fmt: skip


def result_rows(state: LobstrState, run: Run, task_filter: str | None = None) -> list[dict[str, Any]]:
    """The rows a run has scraped so far: as many per task as its `total_results`."""
    rows = []
    for task, view in state.views(run).items():
        if task_filter is not None and task != task_filter:
            continue
        params = view.data.get("params", {}) if isinstance(view.data, dict) else {}
        count, step = results_of(view), run.durations.get(task, 0.0) / max(1, view.total or 1)
        for i in range(count):
            when = run.wall(run.started + step * (i + 1)).astimezone(dt.UTC)
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
            rows.append({
                "id": hashlib.md5(f"{run.id}:{task}:{i}".encode()).hexdigest(), "object": "result",
                "squid": run.squid, "run": run.id, "name": f"Result {i + 1}", "url": params.get("url"),
                "position": i + 1, "scraping_time": stamp,
            })  # fmt: skip
    return rows


def results_csv(rows: list[dict[str, Any]]) -> str:
    """The export of a run, as its signed download URL serves it."""
    out = io.StringIO()
    fields = ["id", "squid", "run", "name", "url", "position", "scraping_time"]
    writer = csv.DictWriter(out, fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def page(url: URL, items: list[Any], page_number: int, limit: int) -> dict[str, Any]:
    """The envelope of every paginated answer (pagination page), with next/previous as full URLs."""
    limit = min(MAX_LIMIT, limit)
    total = len(items)
    pages = max(1, math.ceil(total / limit))
    start = (page_number - 1) * limit
    chunk = items[start : start + limit]
    nxt = str(url.include_query_params(page=page_number + 1, limit=limit)) if start + limit < total else None
    prev = str(url.include_query_params(page=page_number - 1, limit=limit)) if page_number > 1 else None
    return {"total_results": total, "limit": limit, "page": page_number, "total_pages": pages,
            "result_from": start + 1 if chunk else 0, "result_to": start + len(chunk), "data": chunk,
            "next": nxt, "previous": prev}  # fmt: skip
