"""Contains all the data models used in inputs/outputs"""

from .auth_error import AuthError
from .create_scheduled_task_request import CreateScheduledTaskRequest
from .delete_scheduled_task_response import DeleteScheduledTaskResponse
from .entity_type import EntityType
from .error_code import ErrorCode
from .error_response import ErrorResponse
from .error_response_details import ErrorResponseDetails
from .export_metadata_entity_type import ExportMetadataEntityType
from .export_metadata_field import ExportMetadataField
from .file_type import FileType
from .list_scheduled_tasks_response import ListScheduledTasksResponse
from .list_tasks_order import ListTasksOrder
from .list_tasks_response import ListTasksResponse
from .pagination_response import PaginationResponse
from .s3_compression_type import S3CompressionType
from .s3_encryption_type import S3EncryptionType
from .s3_job_config import S3JobConfig
from .scheduled_task_entity_type import ScheduledTaskEntityType
from .scheduled_task_interval import ScheduledTaskInterval
from .scheduled_task_response import ScheduledTaskResponse
from .status import Status
from .success_response import SuccessResponse
from .task_download_response import TaskDownloadResponse
from .task_response import TaskResponse
from .task_response_metadata import TaskResponseMetadata
from .task_status import TaskStatus
from .task_type import TaskType
from .trigger_force_run_request import TriggerForceRunRequest
from .trigger_force_run_response import TriggerForceRunResponse
from .update_scheduled_task_request import UpdateScheduledTaskRequest
from .update_task_status_request import UpdateTaskStatusRequest

__all__ = (
    "AuthError",
    "CreateScheduledTaskRequest",
    "DeleteScheduledTaskResponse",
    "EntityType",
    "ErrorCode",
    "ErrorResponse",
    "ErrorResponseDetails",
    "ExportMetadataEntityType",
    "ExportMetadataField",
    "FileType",
    "ListScheduledTasksResponse",
    "ListTasksOrder",
    "ListTasksResponse",
    "PaginationResponse",
    "S3CompressionType",
    "S3EncryptionType",
    "S3JobConfig",
    "ScheduledTaskEntityType",
    "ScheduledTaskInterval",
    "ScheduledTaskResponse",
    "Status",
    "SuccessResponse",
    "TaskDownloadResponse",
    "TaskResponse",
    "TaskResponseMetadata",
    "TaskStatus",
    "TaskType",
    "TriggerForceRunRequest",
    "TriggerForceRunResponse",
    "UpdateScheduledTaskRequest",
    "UpdateTaskStatusRequest",
)
