"""Contains all the data models used in inputs/outputs"""

from .add_tasks_request import AddTasksRequest
from .add_tasks_response import AddTasksResponse
from .added_task import AddedTask
from .added_task_params import AddedTaskParams
from .create_squid_request import CreateSquidRequest
from .deleted_task import DeletedTask
from .error_object import ErrorObject
from .error_response import ErrorResponse
from .result import Result
from .result_list import ResultList
from .run import Run
from .run_download import RunDownload
from .run_list import RunList
from .run_stats import RunStats
from .run_task import RunTask
from .run_task_list import RunTaskList
from .run_task_params import RunTaskParams
from .squid import Squid
from .squid_params import SquidParams
from .squid_schedule_type_0 import SquidScheduleType0
from .start_run_request import StartRunRequest
from .task import Task
from .task_input import TaskInput
from .task_list import TaskList
from .task_list_item import TaskListItem
from .task_list_item_params import TaskListItemParams
from .task_params import TaskParams
from .task_status import TaskStatus
from .task_upload import TaskUpload
from .upload_meta import UploadMeta
from .upload_status import UploadStatus
from .upload_tasks_body import UploadTasksBody

__all__ = (
    "AddedTask",
    "AddedTaskParams",
    "AddTasksRequest",
    "AddTasksResponse",
    "CreateSquidRequest",
    "DeletedTask",
    "ErrorObject",
    "ErrorResponse",
    "Result",
    "ResultList",
    "Run",
    "RunDownload",
    "RunList",
    "RunStats",
    "RunTask",
    "RunTaskList",
    "RunTaskParams",
    "Squid",
    "SquidParams",
    "SquidScheduleType0",
    "StartRunRequest",
    "Task",
    "TaskInput",
    "TaskList",
    "TaskListItem",
    "TaskListItemParams",
    "TaskParams",
    "TaskStatus",
    "TaskUpload",
    "UploadMeta",
    "UploadStatus",
    "UploadTasksBody",
)
