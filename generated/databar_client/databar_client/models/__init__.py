"""Contains all the data models used in inputs/outputs"""

from .http_validation_error import HTTPValidationError
from .task import Task
from .task_data_type_1 import TaskDataType1
from .validation_error import ValidationError

__all__ = (
    "HTTPValidationError",
    "Task",
    "TaskDataType1",
    "ValidationError",
)
