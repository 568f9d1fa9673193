"""A Celery app configured from the environment: `celery -A taskwait.celery.worker worker` (and `beat`).

TASKWAIT_BROKER_URL        the Redis broker (default redis://127.0.0.1:6379/0)
TASKWAIT_REDIS_URL         where waits live (default: the broker's URL)
TASKWAIT_CELERY_SETTINGS   JSON object of `install` keyword arguments, e.g. {"rates": {"lobstr": [90, 60]}}
TASKWAIT_CELERY_INCLUDE    comma-separated modules with your own tasks (on_done callbacks)
<PROVIDER>_API_KEY         each provider's key, read by this worker only (never sent through the broker)
TASKWAIT_<PROVIDER>_BASE_URL   another base URL (an emulator, a proxy)
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from celery import Celery  # type: ignore[import-untyped]
from celery.signals import after_setup_logger  # type: ignore[import-untyped]

from .app import install

__all__ = ["app"]


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = json.loads(os.environ.get("TASKWAIT_CELERY_SETTINGS") or "{}")
    if "rates" in settings:
        settings["rates"] = {p: (int(n), float(per)) for p, (n, per) in settings["rates"].items()}
    return settings


_broker = os.environ.get("TASKWAIT_BROKER_URL", "redis://127.0.0.1:6379/0")
_include = [m for m in os.environ.get("TASKWAIT_CELERY_INCLUDE", "").split(",") if m]
app: Any = Celery("taskwait", broker=_broker, include=_include)
app.conf.update(
    task_ignore_result=True,
    worker_prefetch_multiplier=1,  # fair sharing of ready messages between workers
    broker_connection_retry_on_startup=True,
    broker_transport_options={"visibility_timeout": 3600},  # every countdown stays far below it (install checks)
)
install(app, redis_url=os.environ.get("TASKWAIT_REDIS_URL") or _broker, **_settings())


def _quiet(**_: Any) -> None:
    """A line per poll is noise at INFO: keep the worker's own start and stop lines, and warnings."""
    for name in ("celery.app.trace", "celery.worker.strategy", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)


after_setup_logger.connect(_quiet, weak=False)
