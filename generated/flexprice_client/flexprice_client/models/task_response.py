from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.entity_type import EntityType
from ..models.file_type import FileType
from ..models.status import Status
from ..models.task_status import TaskStatus
from ..models.task_type import TaskType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_response_metadata import TaskResponseMetadata


T = TypeVar("T", bound="TaskResponse")


@_attrs_define
class TaskResponse:
    """
    Attributes:
        completed_at (datetime.datetime | None | Unset):
        created_at (datetime.datetime | Unset):
        created_by (str | Unset):
        entity_type (EntityType | Unset):
        environment_id (str | Unset):
        error_summary (None | str | Unset):
        failed_at (datetime.datetime | None | Unset):
        failed_records (int | Unset):
        file_name (str | Unset):
        file_type (FileType | Unset):
        file_url (str | Unset):
        id (str | Unset):
        metadata (None | TaskResponseMetadata | Unset):
        processed_records (int | Unset):
        scheduled_task_id (str | Unset):
        started_at (datetime.datetime | None | Unset):
        status (Status | Unset):
        successful_records (int | Unset):
        task_status (None | TaskStatus | Unset):
        task_type (TaskType | Unset):
        tenant_id (str | Unset):
        total_records (int | None | Unset):
        updated_at (datetime.datetime | Unset):
        updated_by (str | Unset):
        workflow_id (str | Unset):
    """

    completed_at: datetime.datetime | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    created_by: str | Unset = UNSET
    entity_type: EntityType | Unset = UNSET
    environment_id: str | Unset = UNSET
    error_summary: None | str | Unset = UNSET
    failed_at: datetime.datetime | None | Unset = UNSET
    failed_records: int | Unset = UNSET
    file_name: str | Unset = UNSET
    file_type: FileType | Unset = UNSET
    file_url: str | Unset = UNSET
    id: str | Unset = UNSET
    metadata: None | TaskResponseMetadata | Unset = UNSET
    processed_records: int | Unset = UNSET
    scheduled_task_id: str | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    status: Status | Unset = UNSET
    successful_records: int | Unset = UNSET
    task_status: None | TaskStatus | Unset = UNSET
    task_type: TaskType | Unset = UNSET
    tenant_id: str | Unset = UNSET
    total_records: int | None | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    workflow_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_response_metadata import TaskResponseMetadata  # noqa: PLC0415

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        created_by = self.created_by

        entity_type: str | Unset = UNSET
        if not isinstance(self.entity_type, Unset):
            entity_type = self.entity_type.value

        environment_id = self.environment_id

        error_summary: None | str | Unset
        if isinstance(self.error_summary, Unset):
            error_summary = UNSET
        else:
            error_summary = self.error_summary

        failed_at: None | str | Unset
        if isinstance(self.failed_at, Unset):
            failed_at = UNSET
        elif isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        failed_records = self.failed_records

        file_name = self.file_name

        file_type: str | Unset = UNSET
        if not isinstance(self.file_type, Unset):
            file_type = self.file_type.value

        file_url = self.file_url

        id = self.id

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, TaskResponseMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        processed_records = self.processed_records

        scheduled_task_id = self.scheduled_task_id

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        successful_records = self.successful_records

        task_status: None | str | Unset
        if isinstance(self.task_status, Unset):
            task_status = UNSET
        elif isinstance(self.task_status, TaskStatus):
            task_status = self.task_status.value
        else:
            task_status = self.task_status

        task_type: str | Unset = UNSET
        if not isinstance(self.task_type, Unset):
            task_type = self.task_type.value

        tenant_id = self.tenant_id

        total_records: int | None | Unset
        if isinstance(self.total_records, Unset):
            total_records = UNSET
        else:
            total_records = self.total_records

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if entity_type is not UNSET:
            field_dict["entity_type"] = entity_type
        if environment_id is not UNSET:
            field_dict["environment_id"] = environment_id
        if error_summary is not UNSET:
            field_dict["error_summary"] = error_summary
        if failed_at is not UNSET:
            field_dict["failed_at"] = failed_at
        if failed_records is not UNSET:
            field_dict["failed_records"] = failed_records
        if file_name is not UNSET:
            field_dict["file_name"] = file_name
        if file_type is not UNSET:
            field_dict["file_type"] = file_type
        if file_url is not UNSET:
            field_dict["file_url"] = file_url
        if id is not UNSET:
            field_dict["id"] = id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if processed_records is not UNSET:
            field_dict["processed_records"] = processed_records
        if scheduled_task_id is not UNSET:
            field_dict["scheduled_task_id"] = scheduled_task_id
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if status is not UNSET:
            field_dict["status"] = status
        if successful_records is not UNSET:
            field_dict["successful_records"] = successful_records
        if task_status is not UNSET:
            field_dict["task_status"] = task_status
        if task_type is not UNSET:
            field_dict["task_type"] = task_type
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if total_records is not UNSET:
            field_dict["total_records"] = total_records
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if updated_by is not UNSET:
            field_dict["updated_by"] = updated_by
        if workflow_id is not UNSET:
            field_dict["workflow_id"] = workflow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_response_metadata import TaskResponseMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        created_by = d.pop("created_by", UNSET)

        _entity_type = d.pop("entity_type", UNSET)
        entity_type: EntityType | Unset
        if isinstance(_entity_type, Unset):
            entity_type = UNSET
        else:
            entity_type = EntityType(_entity_type)

        environment_id = d.pop("environment_id", UNSET)

        def _parse_error_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_summary = _parse_error_summary(d.pop("error_summary", UNSET))

        def _parse_failed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        failed_at = _parse_failed_at(d.pop("failed_at", UNSET))

        failed_records = d.pop("failed_records", UNSET)

        file_name = d.pop("file_name", UNSET)

        _file_type = d.pop("file_type", UNSET)
        file_type: FileType | Unset
        if isinstance(_file_type, Unset):
            file_type = UNSET
        else:
            file_type = FileType(_file_type)

        file_url = d.pop("file_url", UNSET)

        id = d.pop("id", UNSET)

        def _parse_metadata(data: object) -> None | TaskResponseMetadata | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = TaskResponseMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskResponseMetadata | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        processed_records = d.pop("processed_records", UNSET)

        scheduled_task_id = d.pop("scheduled_task_id", UNSET)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        _status = d.pop("status", UNSET)
        status: Status | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = Status(_status)

        successful_records = d.pop("successful_records", UNSET)

        def _parse_task_status(data: object) -> None | TaskStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                task_status_type_1 = TaskStatus(data)

                return task_status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskStatus | Unset, data)

        task_status = _parse_task_status(d.pop("task_status", UNSET))

        _task_type = d.pop("task_type", UNSET)
        task_type: TaskType | Unset
        if isinstance(_task_type, Unset):
            task_type = UNSET
        else:
            task_type = TaskType(_task_type)

        tenant_id = d.pop("tenant_id", UNSET)

        def _parse_total_records(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_records = _parse_total_records(d.pop("total_records", UNSET))

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        updated_by = d.pop("updated_by", UNSET)

        workflow_id = d.pop("workflow_id", UNSET)

        task_response = cls(
            completed_at=completed_at,
            created_at=created_at,
            created_by=created_by,
            entity_type=entity_type,
            environment_id=environment_id,
            error_summary=error_summary,
            failed_at=failed_at,
            failed_records=failed_records,
            file_name=file_name,
            file_type=file_type,
            file_url=file_url,
            id=id,
            metadata=metadata,
            processed_records=processed_records,
            scheduled_task_id=scheduled_task_id,
            started_at=started_at,
            status=status,
            successful_records=successful_records,
            task_status=task_status,
            task_type=task_type,
            tenant_id=tenant_id,
            total_records=total_records,
            updated_at=updated_at,
            updated_by=updated_by,
            workflow_id=workflow_id,
        )

        task_response.additional_properties = d
        return task_response

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
