"""Contains all the data models used in inputs/outputs"""

from .auth_error import AuthError
from .entity_type import EntityType
from .error_code import ErrorCode
from .error_response import ErrorResponse
from .error_response_details import ErrorResponseDetails
from .file_type import FileType
from .status import Status
from .task_response import TaskResponse
from .task_response_metadata import TaskResponseMetadata
from .task_status import TaskStatus
from .task_type import TaskType

__all__ = (
    "AuthError",
    "EntityType",
    "ErrorCode",
    "ErrorResponse",
    "ErrorResponseDetails",
    "FileType",
    "Status",
    "TaskResponse",
    "TaskResponseMetadata",
    "TaskStatus",
    "TaskType",
)
