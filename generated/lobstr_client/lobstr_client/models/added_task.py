from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.added_task_params import AddedTaskParams


T = TypeVar("T", bound="AddedTask")


@_attrs_define
class AddedTask:
    """A task just added (docs/add-tasks.mdx).

    Attributes:
        id (str): Unique task identifier (hash).
        object_ (str | Unset): Always "task".
        created_at (str | Unset): Task creation timestamp (ISO 8601).
        is_active (bool | Unset): Whether the task is active and ready to run.
        params (AddedTaskParams | Unset): Task parameters specific to the crawler.
        module (str | Unset): Identifier of the crawler module this task belongs to.
    """

    id: str
    object_: str | Unset = UNSET
    created_at: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    params: AddedTaskParams | Unset = UNSET
    module: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created_at = self.created_at

        is_active = self.is_active

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        module = self.module

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if params is not UNSET:
            field_dict["params"] = params
        if module is not UNSET:
            field_dict["module"] = module

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.added_task_params import AddedTaskParams  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = d.pop("object", UNSET)

        created_at = d.pop("created_at", UNSET)

        is_active = d.pop("is_active", UNSET)

        _params = d.pop("params", UNSET)
        params: AddedTaskParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = AddedTaskParams.from_dict(_params)

        module = d.pop("module", UNSET)

        added_task = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            is_active=is_active,
            params=params,
            module=module,
        )

        added_task.additional_properties = d
        return added_task

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
