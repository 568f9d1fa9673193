from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskProgress")


@_attrs_define
class TaskProgress:
    """How far a bulk run has got, in counts of its inputs. `no_data` is a clean miss, `failed` a real error on that input.
    Omitted for single (non-bulk) runs.

        Attributes:
            total (int | Unset):
            completed (int | Unset):
            no_data (int | Unset):
            failed (int | Unset):
            processing (int | Unset):
    """

    total: int | Unset = UNSET
    completed: int | Unset = UNSET
    no_data: int | Unset = UNSET
    failed: int | Unset = UNSET
    processing: int | Unset = UNSET
    additional_properties: dict[str, int] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        completed = self.completed

        no_data = self.no_data

        failed = self.failed

        processing = self.processing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if completed is not UNSET:
            field_dict["completed"] = completed
        if no_data is not UNSET:
            field_dict["no_data"] = no_data
        if failed is not UNSET:
            field_dict["failed"] = failed
        if processing is not UNSET:
            field_dict["processing"] = processing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total", UNSET)

        completed = d.pop("completed", UNSET)

        no_data = d.pop("no_data", UNSET)

        failed = d.pop("failed", UNSET)

        processing = d.pop("processing", UNSET)

        task_progress = cls(
            total=total,
            completed=completed,
            no_data=no_data,
            failed=failed,
            processing=processing,
        )

        task_progress.additional_properties = d
        return task_progress

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> int:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: int) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
