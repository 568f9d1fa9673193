from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskStatus")


@_attrs_define
class TaskStatus:
    """Detailed execution status information.

    Attributes:
        status (str): Current task status (pending, running, completed, aborted, failed).
        started_at (None | str | Unset): When task execution started (ISO 8601, UTC, no zone).
        ended_at (None | str | Unset): When task execution ended (ISO 8601, UTC, no zone).
        is_done (bool | Unset): Whether the task has completed.
        total_results (int | None | Unset): Total number of results scraped. Tasks with status 'aborted' may have
            partial results: check total_results to see what was collected.
        total_pages (int | None | Unset): Total pages processed.
        done_reason (None | str | Unset): Reason for task completion (completed, run_aborted, error, etc.).
        has_errors (bool | Unset): Whether errors occurred during execution.
        errors (None | str | Unset): Error details if any occurred.
    """

    status: str
    started_at: None | str | Unset = UNSET
    ended_at: None | str | Unset = UNSET
    is_done: bool | Unset = UNSET
    total_results: int | None | Unset = UNSET
    total_pages: int | None | Unset = UNSET
    done_reason: None | str | Unset = UNSET
    has_errors: bool | Unset = UNSET
    errors: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

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

        is_done = self.is_done

        total_results: int | None | Unset
        if isinstance(self.total_results, Unset):
            total_results = UNSET
        else:
            total_results = self.total_results

        total_pages: int | None | Unset
        if isinstance(self.total_pages, Unset):
            total_pages = UNSET
        else:
            total_pages = self.total_pages

        done_reason: None | str | Unset
        if isinstance(self.done_reason, Unset):
            done_reason = UNSET
        else:
            done_reason = self.done_reason

        has_errors = self.has_errors

        errors: None | str | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        else:
            errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if is_done is not UNSET:
            field_dict["is_done"] = is_done
        if total_results is not UNSET:
            field_dict["total_results"] = total_results
        if total_pages is not UNSET:
            field_dict["total_pages"] = total_pages
        if done_reason is not UNSET:
            field_dict["done_reason"] = done_reason
        if has_errors is not UNSET:
            field_dict["has_errors"] = has_errors
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

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

        is_done = d.pop("is_done", UNSET)

        def _parse_total_results(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_results = _parse_total_results(d.pop("total_results", UNSET))

        def _parse_total_pages(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_pages = _parse_total_pages(d.pop("total_pages", UNSET))

        def _parse_done_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_reason = _parse_done_reason(d.pop("done_reason", UNSET))

        has_errors = d.pop("has_errors", UNSET)

        def _parse_errors(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        task_status = cls(
            status=status,
            started_at=started_at,
            ended_at=ended_at,
            is_done=is_done,
            total_results=total_results,
            total_pages=total_pages,
            done_reason=done_reason,
            has_errors=has_errors,
            errors=errors,
        )

        task_status.additional_properties = d
        return task_status

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
