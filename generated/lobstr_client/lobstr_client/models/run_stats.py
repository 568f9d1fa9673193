from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunStats")


@_attrs_define
class RunStats:
    """Real-time progress of a run (docs/get-run-stats.mdx).

    Attributes:
        is_done (bool): Whether the run has completed.
        id (str | Unset): The run's unique identifier.
        object_ (str | Unset): Always "run".
        duration (float | str | Unset): Run duration: seconds as a number (start-run, list-runs, abort-run pages) or a
            timedelta string such as "0:00:50.183300" (get-run, get-run-stats pages).
        started_at (str | Unset): When the run started.
        ended_at (None | str | Unset): When the run ended (null while running).
        percent_done (str | Unset): Completion percentage, e.g. "100%".
        eta (str | Unset): Estimated time remaining ("∞" if unknown).
        total_requests (int | None | Unset): Requests made (null in the docs' example).
        total_tasks (int | Unset): Total number of tasks in the run.
        total_tasks_done (int | Unset): Number of tasks completed.
        total_tasks_left (int | Unset): Number of tasks remaining.
        total_results (int | Unset): Total results collected in this run.
        results_total (int | Unset): Expected total results (if known).
        results_done (int | Unset): Results collected so far.
        current_task (str | Unset): Currently executing task (empty if none).
        updated_at (str | Unset): Last update timestamp.
    """

    is_done: bool
    id: str | Unset = UNSET
    object_: str | Unset = UNSET
    duration: float | str | Unset = UNSET
    started_at: str | Unset = UNSET
    ended_at: None | str | Unset = UNSET
    percent_done: str | Unset = UNSET
    eta: str | Unset = UNSET
    total_requests: int | None | Unset = UNSET
    total_tasks: int | Unset = UNSET
    total_tasks_done: int | Unset = UNSET
    total_tasks_left: int | Unset = UNSET
    total_results: int | Unset = UNSET
    results_total: int | Unset = UNSET
    results_done: int | Unset = UNSET
    current_task: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_done = self.is_done

        id = self.id

        object_ = self.object_

        duration: float | str | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        started_at = self.started_at

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = self.ended_at

        percent_done = self.percent_done

        eta = self.eta

        total_requests: int | None | Unset
        if isinstance(self.total_requests, Unset):
            total_requests = UNSET
        else:
            total_requests = self.total_requests

        total_tasks = self.total_tasks

        total_tasks_done = self.total_tasks_done

        total_tasks_left = self.total_tasks_left

        total_results = self.total_results

        results_total = self.results_total

        results_done = self.results_done

        current_task = self.current_task

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_done": is_done,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if duration is not UNSET:
            field_dict["duration"] = duration
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if percent_done is not UNSET:
            field_dict["percent_done"] = percent_done
        if eta is not UNSET:
            field_dict["eta"] = eta
        if total_requests is not UNSET:
            field_dict["total_requests"] = total_requests
        if total_tasks is not UNSET:
            field_dict["total_tasks"] = total_tasks
        if total_tasks_done is not UNSET:
            field_dict["total_tasks_done"] = total_tasks_done
        if total_tasks_left is not UNSET:
            field_dict["total_tasks_left"] = total_tasks_left
        if total_results is not UNSET:
            field_dict["total_results"] = total_results
        if results_total is not UNSET:
            field_dict["results_total"] = results_total
        if results_done is not UNSET:
            field_dict["results_done"] = results_done
        if current_task is not UNSET:
            field_dict["current_task"] = current_task
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_done = d.pop("is_done")

        id = d.pop("id", UNSET)

        object_ = d.pop("object", UNSET)

        def _parse_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        started_at = d.pop("started_at", UNSET)

        def _parse_ended_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ended_at = _parse_ended_at(d.pop("ended_at", UNSET))

        percent_done = d.pop("percent_done", UNSET)

        eta = d.pop("eta", UNSET)

        def _parse_total_requests(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_requests = _parse_total_requests(d.pop("total_requests", UNSET))

        total_tasks = d.pop("total_tasks", UNSET)

        total_tasks_done = d.pop("total_tasks_done", UNSET)

        total_tasks_left = d.pop("total_tasks_left", UNSET)

        total_results = d.pop("total_results", UNSET)

        results_total = d.pop("results_total", UNSET)

        results_done = d.pop("results_done", UNSET)

        current_task = d.pop("current_task", UNSET)

        updated_at = d.pop("updated_at", UNSET)

        run_stats = cls(
            is_done=is_done,
            id=id,
            object_=object_,
            duration=duration,
            started_at=started_at,
            ended_at=ended_at,
            percent_done=percent_done,
            eta=eta,
            total_requests=total_requests,
            total_tasks=total_tasks,
            total_tasks_done=total_tasks_done,
            total_tasks_left=total_tasks_left,
            total_results=total_results,
            results_total=results_total,
            results_done=results_done,
            current_task=current_task,
            updated_at=updated_at,
        )

        run_stats.additional_properties = d
        return run_stats

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
