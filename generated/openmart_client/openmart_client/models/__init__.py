"""Contains all the data models used in inputs/outputs"""

from .batch_status import BatchStatus
from .error_detail import ErrorDetail
from .find_people_task import FindPeopleTask
from .find_tech_task import FindTechTask
from .info_access import InfoAccess
from .known_person import KnownPerson
from .lookup_business_email_task import LookupBusinessEmailTask
from .lookup_people_task import LookupPeopleTask
from .submitted_batch import SubmittedBatch
from .submitted_batch_status import SubmittedBatchStatus
from .task import Task
from .task_data_type_1 import TaskDataType1
from .task_status import TaskStatus

__all__ = (
    "BatchStatus",
    "ErrorDetail",
    "FindPeopleTask",
    "FindTechTask",
    "InfoAccess",
    "KnownPerson",
    "LookupBusinessEmailTask",
    "LookupPeopleTask",
    "SubmittedBatch",
    "SubmittedBatchStatus",
    "Task",
    "TaskDataType1",
    "TaskStatus",
)
