"""taskwait: wait on asynchronous tasks of five providers with one status language.

client = taskwait.connect("databar")            # key from DATABAR_API_KEY
snapshot = taskwait.wait_for(client, task_id)   # raises TaskFailed, WaitTimeout, ...
"""

__version__ = "0.1.0"  # the taskwait-suite distribution's version (overlay/pyproject.toml; a test checks they agree)

from .answers import unwrap as unwrap
from .budget import set_rate_limit as set_rate_limit
from .client import connect as connect
from .durations import Durations as Durations
from .durations import default_durations as default_durations
from .errors import AuthenticationError as AuthenticationError
from .errors import CancelNotSupported as CancelNotSupported
from .errors import ConfigurationError as ConfigurationError
from .errors import ProviderError as ProviderError
from .errors import TaskCancelled as TaskCancelled
from .errors import TaskFailed as TaskFailed
from .errors import TaskNotFound as TaskNotFound
from .errors import TaskwaitError as TaskwaitError
from .errors import WaitTimeout as WaitTimeout
from .look import cancel as cancel
from .look import cancel_async as cancel_async
from .look import get_task as get_task
from .look import get_task_async as get_task_async
from .providers import normalize_status as normalize_status
from .resume import WaitState as WaitState
from .resume import begin as begin
from .resume import step as step
from .resume import step_async as step_async
from .snapshot import Progress as Progress
from .snapshot import TaskSnapshot as TaskSnapshot
from .status import PROVIDERS as PROVIDERS
from .status import Kind as Kind
from .status import Provider as Provider
from .status import Status as Status
from .wait import wait_for as wait_for
from .wait import wait_for_async as wait_for_async
from .wait import wait_for_many as wait_for_many
from .wait import wait_for_many_async as wait_for_many_async

__all__ = [
    "PROVIDERS",
    "AuthenticationError",
    "CancelNotSupported",
    "ConfigurationError",
    "Durations",
    "Kind",
    "Progress",
    "Provider",
    "ProviderError",
    "Status",
    "TaskCancelled",
    "TaskFailed",
    "TaskNotFound",
    "TaskSnapshot",
    "TaskwaitError",
    "WaitState",
    "WaitTimeout",
    "begin",
    "cancel",
    "cancel_async",
    "connect",
    "default_durations",
    "get_task",
    "get_task_async",
    "normalize_status",
    "set_rate_limit",
    "step",
    "step_async",
    "unwrap",
    "wait_for",
    "wait_for_async",
    "wait_for_many",
    "wait_for_many_async",
]
