from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.submitted_batch_status import SubmittedBatchStatus


T = TypeVar("T", bound="SubmittedBatch")


@_attrs_define
class SubmittedBatch:
    """A batch just submitted.

    Attributes:
        batch_id (str): The ID for this batch; use it to poll for readiness.
        submit_for (str): The task type submitted (for example find_people or find_tech).
        status (SubmittedBatchStatus): The batch's readiness at submission.
    """

    batch_id: str
    submit_for: str
    status: SubmittedBatchStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_id = self.batch_id

        submit_for = self.submit_for

        status = self.status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_id": batch_id,
                "submit_for": submit_for,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.submitted_batch_status import SubmittedBatchStatus  # noqa: PLC0415

        d = dict(src_dict)
        batch_id = d.pop("batch_id")

        submit_for = d.pop("submit_for")

        status = SubmittedBatchStatus.from_dict(d.pop("status"))

        submitted_batch = cls(
            batch_id=batch_id,
            submit_for=submit_for,
            status=status,
        )

        submitted_batch.additional_properties = d
        return submitted_batch

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
