from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_list_item_params import TaskListItemParams


T = TypeVar("T", bound="TaskListItem")


@_attrs_define
class TaskListItem:
    """A task in a list (docs/list-tasks.mdx).

    Attributes:
        id (str): Unique task identifier.
        created_at (str | Unset): Task creation timestamp.
        is_active (bool | Unset): Whether the task is active.
        params (TaskListItemParams | Unset): Task parameters.
    """

    id: str
    created_at: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    params: TaskListItemParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at

        is_active = self.is_active

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_list_item_params import TaskListItemParams  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = d.pop("created_at", UNSET)

        is_active = d.pop("is_active", UNSET)

        _params = d.pop("params", UNSET)
        params: TaskListItemParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = TaskListItemParams.from_dict(_params)

        task_list_item = cls(
            id=id,
            created_at=created_at,
            is_active=is_active,
            params=params,
        )

        task_list_item.additional_properties = d
        return task_list_item

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
