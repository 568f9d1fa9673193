"""Waits on Celery workers with a Redis broker: the state of each wait lives in Redis, not in messages.

app = Celery("jobs", broker="redis://localhost:6379/0")
taskwait.celery.install(app, redis_url="redis://localhost:6379/0")
wait_id = taskwait.celery.submit(app, "lobstr", task_id, timeout=3600, on_done=handle.s())
taskwait.celery.state(app, wait_id)    # a WaitState; WaitNotFound (a KeyError) for an unknown id
"""

try:
    import celery as _celery  # type: ignore[import-untyped]  # noqa: F401
    import redis as _redis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError("taskwait.celery needs the celery extra: pip install 'taskwait-suite[celery]'") from exc

from ..errors import WaitNotFound as WaitNotFound
from .app import DEFAULT_RATES as DEFAULT_RATES
from .app import Runtime as Runtime
from .app import Settings as Settings
from .app import install as install
from .app import result as result
from .app import runtime as runtime
from .app import state as state
from .app import submit as submit
from .app import sweep as sweep
from .app import wait_id_for as wait_id_for

__all__ = ["DEFAULT_RATES", "Runtime", "Settings", "WaitNotFound", "install", "result", "runtime", "state", "submit",
           "sweep", "wait_id_for"]  # fmt: skip
