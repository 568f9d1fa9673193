from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchStatus")


@_attrs_define
class BatchStatus:
    """A batch's aggregate progress.

    Attributes:
        processing (int): Tasks still processing.
        completed (int): Tasks completed.
        errored (int): Tasks that errored.
        total (int): All tasks of the batch.
        batch_ready (bool): True once the batch's results can be read.
    """

    processing: int
    completed: int
    errored: int
    total: int
    batch_ready: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        processing = self.processing

        completed = self.completed

        errored = self.errored

        total = self.total

        batch_ready = self.batch_ready

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "processing": processing,
                "completed": completed,
                "errored": errored,
                "total": total,
                "batch_ready": batch_ready,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        processing = d.pop("processing")

        completed = d.pop("completed")

        errored = d.pop("errored")

        total = d.pop("total")

        batch_ready = d.pop("batch_ready")

        batch_status = cls(
            processing=processing,
            completed=completed,
            errored=errored,
            total=total,
            batch_ready=batch_ready,
        )

        batch_status.additional_properties = d
        return batch_status

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
