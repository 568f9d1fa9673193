from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_data_type_1 import TaskDataType1


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """One asynchronous task of a batch.

    Attributes:
        task_id (str): The task ID.
        status (str): The task status, one of PROCESSING, COMPLETED, ERRORED or CANCELLED.
        tracking_id (None | str | Unset): The tracking ID the caller sent with the task, echoed back.
        data (list[Any] | None | TaskDataType1 | Unset): The task's result payload once it is COMPLETED (a list of
            records for people enrichment).
    """

    task_id: str
    status: str
    tracking_id: None | str | Unset = UNSET
    data: list[Any] | None | TaskDataType1 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_data_type_1 import TaskDataType1  # noqa: PLC0415

        task_id = self.task_id

        status = self.status

        tracking_id: None | str | Unset
        if isinstance(self.tracking_id, Unset):
            tracking_id = UNSET
        else:
            tracking_id = self.tracking_id

        data: dict[str, Any] | list[Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = self.data

        elif isinstance(self.data, TaskDataType1):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
            }
        )
        if tracking_id is not UNSET:
            field_dict["tracking_id"] = tracking_id
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_data_type_1 import TaskDataType1  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        status = d.pop("status")

        def _parse_tracking_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_id = _parse_tracking_id(d.pop("tracking_id", UNSET))

        def _parse_data(data: object) -> list[Any] | None | TaskDataType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_0 = cast(list[Any], data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_1 = TaskDataType1.from_dict(data)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | TaskDataType1 | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        task = cls(
            task_id=task_id,
            status=status,
            tracking_id=tracking_id,
            data=data,
        )

        task.additional_properties = d
        return task

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
