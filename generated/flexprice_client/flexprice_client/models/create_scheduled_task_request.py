from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scheduled_task_entity_type import ScheduledTaskEntityType
from ..models.scheduled_task_interval import ScheduledTaskInterval
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.s3_job_config import S3JobConfig


T = TypeVar("T", bound="CreateScheduledTaskRequest")


@_attrs_define
class CreateScheduledTaskRequest:
    """
    Attributes:
        connection_id (str):
        entity_type (ScheduledTaskEntityType):
        interval (ScheduledTaskInterval):
        job_config (S3JobConfig):
        enabled (bool | Unset):
    """

    connection_id: str
    entity_type: ScheduledTaskEntityType
    interval: ScheduledTaskInterval
    job_config: S3JobConfig
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        entity_type = self.entity_type.value

        interval = self.interval.value

        job_config = self.job_config.to_dict()

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "connection_id": connection_id,
                "entity_type": entity_type,
                "interval": interval,
                "job_config": job_config,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.s3_job_config import S3JobConfig  # noqa: PLC0415

        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        entity_type = ScheduledTaskEntityType(d.pop("entity_type"))

        interval = ScheduledTaskInterval(d.pop("interval"))

        job_config = S3JobConfig.from_dict(d.pop("job_config"))

        enabled = d.pop("enabled", UNSET)

        create_scheduled_task_request = cls(
            connection_id=connection_id,
            entity_type=entity_type,
            interval=interval,
            job_config=job_config,
            enabled=enabled,
        )

        create_scheduled_task_request.additional_properties = d
        return create_scheduled_task_request

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
