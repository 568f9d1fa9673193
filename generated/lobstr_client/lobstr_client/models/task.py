from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_params import TaskParams
    from ..models.task_status import TaskStatus


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """One input row of a squid, with its execution status.

    Attributes:
        hash_value (str): Unique task identifier.
        status (TaskStatus): Detailed execution status information.
        created_at (str | Unset): Task creation timestamp (ISO 8601, UTC, no zone).
        is_active (bool | Unset): Whether the task is active.
        params (TaskParams | Unset): Task parameters (URL, search terms, etc.).
        module (int | Unset): Internal module identifier.
        object_ (str | Unset): Always "task".
    """

    hash_value: str
    status: TaskStatus
    created_at: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    params: TaskParams | Unset = UNSET
    module: int | Unset = UNSET
    object_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hash_value = self.hash_value

        status = self.status.to_dict()

        created_at = self.created_at

        is_active = self.is_active

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        module = self.module

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hash_value": hash_value,
                "status": status,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if params is not UNSET:
            field_dict["params"] = params
        if module is not UNSET:
            field_dict["module"] = module
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_params import TaskParams  # noqa: PLC0415
        from ..models.task_status import TaskStatus  # noqa: PLC0415

        d = dict(src_dict)
        hash_value = d.pop("hash_value")

        status = TaskStatus.from_dict(d.pop("status"))

        created_at = d.pop("created_at", UNSET)

        is_active = d.pop("is_active", UNSET)

        _params = d.pop("params", UNSET)
        params: TaskParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = TaskParams.from_dict(_params)

        module = d.pop("module", UNSET)

        object_ = d.pop("object", UNSET)

        task = cls(
            hash_value=hash_value,
            status=status,
            created_at=created_at,
            is_active=is_active,
            params=params,
            module=module,
            object_=object_,
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
