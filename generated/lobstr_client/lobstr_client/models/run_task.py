from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_task_params import RunTaskParams


T = TypeVar("T", bound="RunTask")


@_attrs_define
class RunTask:
    """A task as executed within one run (docs/get-run-tasks.mdx).

    Attributes:
        id (str): Unique run task identifier.
        status (str): Task execution status (completed, aborted, error, etc.).
        object_ (str | Unset): Always "runtask".
        task (str | Unset): Original task identifier.
        run (str | Unset): Parent run identifier.
        params (RunTaskParams | Unset): Task parameters.
        started_at (None | str | Unset): When task execution started (null before it starts; the docs show only ended
            tasks).
        ended_at (None | str | Unset): When task execution ended (null until it ends; the docs show only ended tasks).
        total_results (int | Unset): Total results expected from this task.
        last_result (int | Unset): Number of results actually collected.
        total_pages (int | Unset): Total pages processed.
        last_page (int | Unset): Last page processed.
        done_reason (None | str | Unset): Why the task stopped, e.g. completed, run_aborted (null until it ends).
        done_reason_desc (None | str | Unset): More context for done_reason.
        last_collection_at (None | str | Unset): When the last result was collected.
    """

    id: str
    status: str
    object_: str | Unset = UNSET
    task: str | Unset = UNSET
    run: str | Unset = UNSET
    params: RunTaskParams | Unset = UNSET
    started_at: None | str | Unset = UNSET
    ended_at: None | str | Unset = UNSET
    total_results: int | Unset = UNSET
    last_result: int | Unset = UNSET
    total_pages: int | Unset = UNSET
    last_page: int | Unset = UNSET
    done_reason: None | str | Unset = UNSET
    done_reason_desc: None | str | Unset = UNSET
    last_collection_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        object_ = self.object_

        task = self.task

        run = self.run

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = self.ended_at

        total_results = self.total_results

        last_result = self.last_result

        total_pages = self.total_pages

        last_page = self.last_page

        done_reason: None | str | Unset
        if isinstance(self.done_reason, Unset):
            done_reason = UNSET
        else:
            done_reason = self.done_reason

        done_reason_desc: None | str | Unset
        if isinstance(self.done_reason_desc, Unset):
            done_reason_desc = UNSET
        else:
            done_reason_desc = self.done_reason_desc

        last_collection_at: None | str | Unset
        if isinstance(self.last_collection_at, Unset):
            last_collection_at = UNSET
        else:
            last_collection_at = self.last_collection_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if task is not UNSET:
            field_dict["task"] = task
        if run is not UNSET:
            field_dict["run"] = run
        if params is not UNSET:
            field_dict["params"] = params
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if total_results is not UNSET:
            field_dict["total_results"] = total_results
        if last_result is not UNSET:
            field_dict["last_result"] = last_result
        if total_pages is not UNSET:
            field_dict["total_pages"] = total_pages
        if last_page is not UNSET:
            field_dict["last_page"] = last_page
        if done_reason is not UNSET:
            field_dict["done_reason"] = done_reason
        if done_reason_desc is not UNSET:
            field_dict["done_reason_desc"] = done_reason_desc
        if last_collection_at is not UNSET:
            field_dict["last_collection_at"] = last_collection_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_task_params import RunTaskParams  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        object_ = d.pop("object", UNSET)

        task = d.pop("task", UNSET)

        run = d.pop("run", UNSET)

        _params = d.pop("params", UNSET)
        params: RunTaskParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = RunTaskParams.from_dict(_params)

        def _parse_started_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_ended_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ended_at = _parse_ended_at(d.pop("ended_at", UNSET))

        total_results = d.pop("total_results", UNSET)

        last_result = d.pop("last_result", UNSET)

        total_pages = d.pop("total_pages", UNSET)

        last_page = d.pop("last_page", UNSET)

        def _parse_done_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_reason = _parse_done_reason(d.pop("done_reason", UNSET))

        def _parse_done_reason_desc(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_reason_desc = _parse_done_reason_desc(d.pop("done_reason_desc", UNSET))

        def _parse_last_collection_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_collection_at = _parse_last_collection_at(d.pop("last_collection_at", UNSET))

        run_task = cls(
            id=id,
            status=status,
            object_=object_,
            task=task,
            run=run,
            params=params,
            started_at=started_at,
            ended_at=ended_at,
            total_results=total_results,
            last_result=last_result,
            total_pages=total_pages,
            last_page=last_page,
            done_reason=done_reason,
            done_reason_desc=done_reason_desc,
            last_collection_at=last_collection_at,
        )

        run_task.additional_properties = d
        return run_task

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
