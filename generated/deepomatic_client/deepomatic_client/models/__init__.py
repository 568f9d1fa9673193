"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .task import Task
from .task_data_type_0 import TaskDataType0
from .task_list import TaskList

__all__ = (
    "ErrorDetail",
    "Task",
    "TaskDataType0",
    "TaskList",
)
