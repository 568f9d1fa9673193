"""Frozen values a poll produces: `TaskSnapshot` and its `Progress`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from .status import Status

if TYPE_CHECKING:
    from ._types import RawModel

__all__ = ["Progress", "TaskSnapshot"]


@attrs.frozen
class Progress:
    """How much of a task is done, as far as the provider says."""

    done: int | None = None
    total: int | None = None

    @property
    def fraction(self) -> float | None:
        """done/total in [0, 1] when both are known and total > 0, else None."""
        if self.done is None or self.total is None or self.total <= 0:
            return None
        return min(1.0, max(0.0, self.done / self.total))


@attrs.frozen
class TaskSnapshot:
    """What one poll saw of a task (or another unit), normalized; `raw` is the generated model it was read from."""

    provider: str
    task_id: str  # the id of the unit, whatever its kind
    status: Status
    raw_status: str | None
    data: Any = None
    error: str | None = None
    progress: Progress | None = None
    raw: RawModel | None = attrs.field(default=None, repr=False, eq=False)
    kind: str = "task"  # which unit: "task", or Openmart "batch", Lobstr "run" / "upload"
