"""Contains all the data models used in inputs/outputs"""

from .error_object import ErrorObject
from .error_response import ErrorResponse
from .task import Task
from .task_params import TaskParams
from .task_status import TaskStatus

__all__ = (
    "ErrorObject",
    "ErrorResponse",
    "Task",
    "TaskParams",
    "TaskStatus",
)
