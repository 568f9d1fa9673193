from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TriggerForceRunResponse")


@_attrs_define
class TriggerForceRunResponse:
    """
    Attributes:
        end_time (datetime.datetime | Unset):
        message (str | Unset):
        mode (str | Unset): "custom" when start_time and end_time were given, else "force run" (the interval's last
            boundaries; the published description says "automatic").
        start_time (datetime.datetime | Unset):
        workflow_id (str | Unset):
    """

    end_time: datetime.datetime | Unset = UNSET
    message: str | Unset = UNSET
    mode: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    workflow_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        message = self.message

        mode = self.mode

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if message is not UNSET:
            field_dict["message"] = message
        if mode is not UNSET:
            field_dict["mode"] = mode
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if workflow_id is not UNSET:
            field_dict["workflow_id"] = workflow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _end_time = d.pop("end_time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        message = d.pop("message", UNSET)

        mode = d.pop("mode", UNSET)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        workflow_id = d.pop("workflow_id", UNSET)

        trigger_force_run_response = cls(
            end_time=end_time,
            message=message,
            mode=mode,
            start_time=start_time,
            workflow_id=workflow_id,
        )

        trigger_force_run_response.additional_properties = d
        return trigger_force_run_response

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
