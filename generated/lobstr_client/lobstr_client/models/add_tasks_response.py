from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.added_task import AddedTask


T = TypeVar("T", bound="AddTasksResponse")


@_attrs_define
class AddTasksResponse:
    """The answer of Add Tasks (docs/add-tasks.mdx).

    Attributes:
        tasks (list[AddedTask]): The created tasks.
        duplicated_count (int | Unset): Number of tasks that were duplicates and not added.
    """

    tasks: list[AddedTask]
    duplicated_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        duplicated_count = self.duplicated_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tasks": tasks,
            }
        )
        if duplicated_count is not UNSET:
            field_dict["duplicated_count"] = duplicated_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.added_task import AddedTask  # noqa: PLC0415

        d = dict(src_dict)
        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = AddedTask.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        duplicated_count = d.pop("duplicated_count", UNSET)

        add_tasks_response = cls(
            tasks=tasks,
            duplicated_count=duplicated_count,
        )

        add_tasks_response.additional_properties = d
        return add_tasks_response

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
