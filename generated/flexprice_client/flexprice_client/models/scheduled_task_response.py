from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scheduled_task_entity_type import ScheduledTaskEntityType
from ..models.scheduled_task_interval import ScheduledTaskInterval
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.s3_job_config import S3JobConfig


T = TypeVar("T", bound="ScheduledTaskResponse")


@_attrs_define
class ScheduledTaskResponse:
    """
    Attributes:
        connection_id (str | Unset):
        created_at (datetime.datetime | Unset):
        enabled (bool | Unset):
        entity_type (ScheduledTaskEntityType | Unset):
        environment_id (str | Unset):
        id (str | Unset):
        interval (ScheduledTaskInterval | Unset):
        job_config (None | S3JobConfig | Unset):
        status (str | Unset):
        tenant_id (str | Unset):
        updated_at (datetime.datetime | Unset):
    """

    connection_id: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    enabled: bool | Unset = UNSET
    entity_type: ScheduledTaskEntityType | Unset = UNSET
    environment_id: str | Unset = UNSET
    id: str | Unset = UNSET
    interval: ScheduledTaskInterval | Unset = UNSET
    job_config: None | S3JobConfig | Unset = UNSET
    status: str | Unset = UNSET
    tenant_id: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.s3_job_config import S3JobConfig  # noqa: PLC0415

        connection_id = self.connection_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        enabled = self.enabled

        entity_type: str | Unset = UNSET
        if not isinstance(self.entity_type, Unset):
            entity_type = self.entity_type.value

        environment_id = self.environment_id

        id = self.id

        interval: str | Unset = UNSET
        if not isinstance(self.interval, Unset):
            interval = self.interval.value

        job_config: dict[str, Any] | None | Unset
        if isinstance(self.job_config, Unset):
            job_config = UNSET
        elif isinstance(self.job_config, S3JobConfig):
            job_config = self.job_config.to_dict()
        else:
            job_config = self.job_config

        status = self.status

        tenant_id = self.tenant_id

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if entity_type is not UNSET:
            field_dict["entity_type"] = entity_type
        if environment_id is not UNSET:
            field_dict["environment_id"] = environment_id
        if id is not UNSET:
            field_dict["id"] = id
        if interval is not UNSET:
            field_dict["interval"] = interval
        if job_config is not UNSET:
            field_dict["job_config"] = job_config
        if status is not UNSET:
            field_dict["status"] = status
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.s3_job_config import S3JobConfig  # noqa: PLC0415

        d = dict(src_dict)
        connection_id = d.pop("connection_id", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        enabled = d.pop("enabled", UNSET)

        _entity_type = d.pop("entity_type", UNSET)
        entity_type: ScheduledTaskEntityType | Unset
        if isinstance(_entity_type, Unset):
            entity_type = UNSET
        else:
            entity_type = ScheduledTaskEntityType(_entity_type)

        environment_id = d.pop("environment_id", UNSET)

        id = d.pop("id", UNSET)

        _interval = d.pop("interval", UNSET)
        interval: ScheduledTaskInterval | Unset
        if isinstance(_interval, Unset):
            interval = UNSET
        else:
            interval = ScheduledTaskInterval(_interval)

        def _parse_job_config(data: object) -> None | S3JobConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                job_config_type_1 = S3JobConfig.from_dict(data)

                return job_config_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | S3JobConfig | Unset, data)

        job_config = _parse_job_config(d.pop("job_config", UNSET))

        status = d.pop("status", UNSET)

        tenant_id = d.pop("tenant_id", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        scheduled_task_response = cls(
            connection_id=connection_id,
            created_at=created_at,
            enabled=enabled,
            entity_type=entity_type,
            environment_id=environment_id,
            id=id,
            interval=interval,
            job_config=job_config,
            status=status,
            tenant_id=tenant_id,
            updated_at=updated_at,
        )

        scheduled_task_response.additional_properties = d
        return scheduled_task_response

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
