from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.task_input import TaskInput


T = TypeVar("T", bound="AddTasksRequest")


@_attrs_define
class AddTasksRequest:
    """What Add Tasks takes (docs/add-tasks.mdx).

    Attributes:
        squid (str): The hash ID of the squid to add tasks to.
        tasks (list[TaskInput]): Task objects; each holds parameters specific to the crawler.
    """

    squid: str
    tasks: list[TaskInput]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        squid = self.squid

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "squid": squid,
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_input import TaskInput  # noqa: PLC0415

        d = dict(src_dict)
        squid = d.pop("squid")

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = TaskInput.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        add_tasks_request = cls(
            squid=squid,
            tasks=tasks,
        )

        add_tasks_request.additional_properties = d
        return add_tasks_request

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
