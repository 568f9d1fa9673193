from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_data_type_1 import TaskDataType1
    from ..models.task_progress import TaskProgress


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """
    Attributes:
        task_id (str): Unique identifier of the task.
        status (str): Current status: 'processing', 'no_data' (keep polling), 'completed', 'partially_completed' (a
            success with some inputs missing), 'failed', 'cancelled' or 'gone' (results expired).
        request_id (None | str | Unset): Deprecated: use task_id instead. Same value as task_id.
        data (list[Any] | None | TaskDataType1 | Unset): Resulting data if the request is completed. Can be a dictionary
            or null.
        error (list[str] | None | str | Unset): Error message if the request has failed.
        credits_spent (float | Unset): Total credits spent for this request. Default: 0.0.
        progress (None | TaskProgress | Unset):
    """

    task_id: str
    status: str
    request_id: None | str | Unset = UNSET
    data: list[Any] | None | TaskDataType1 | Unset = UNSET
    error: list[str] | None | str | Unset = UNSET
    credits_spent: float | Unset = 0.0
    progress: None | TaskProgress | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_data_type_1 import TaskDataType1  # noqa: PLC0415
        from ..models.task_progress import TaskProgress  # noqa: PLC0415

        task_id = self.task_id

        status = self.status

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        data: dict[str, Any] | list[Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = self.data

        elif isinstance(self.data, TaskDataType1):
            data = self.data.to_dict()
        else:
            data = self.data

        error: list[str] | None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, list):
            error = self.error

        else:
            error = self.error

        credits_spent = self.credits_spent

        progress: dict[str, Any] | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        elif isinstance(self.progress, TaskProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if data is not UNSET:
            field_dict["data"] = data
        if error is not UNSET:
            field_dict["error"] = error
        if credits_spent is not UNSET:
            field_dict["credits_spent"] = credits_spent
        if progress is not UNSET:
            field_dict["progress"] = progress

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_data_type_1 import TaskDataType1  # noqa: PLC0415
        from ..models.task_progress import TaskProgress  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        status = d.pop("status")

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

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

        def _parse_error(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                error_type_0 = cast(list[str], data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        credits_spent = d.pop("credits_spent", UNSET)

        def _parse_progress(data: object) -> None | TaskProgress | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = TaskProgress.from_dict(data)

                return progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskProgress | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        task = cls(
            task_id=task_id,
            status=status,
            request_id=request_id,
            data=data,
            error=error,
            credits_spent=credits_spent,
            progress=progress,
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
