"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .task import Task
from .task_data_type_1 import TaskDataType1

__all__ = (
    "ErrorDetail",
    "Task",
    "TaskDataType1",
)
