"""Every public function documents each of its parameters in its own docstring: help() is enough to use it."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import taskwait
import taskwait.celery
from taskwait.emulator import Emulator


def _public(namespace: Any) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The functions in a module's __all__, and the public methods its classes define themselves."""
    for name in namespace.__all__:
        value = getattr(namespace, name)
        if inspect.isfunction(value):
            yield f"{namespace.__name__}.{name}", value
        elif inspect.isclass(value) and value.__module__.startswith("taskwait"):
            yield from _methods(value, f"{namespace.__name__}.{name}")


def _methods(cls: type, prefix: str) -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, member in vars(cls).items():
        function = member.__func__ if isinstance(member, classmethod | staticmethod) else member
        if not name.startswith("_") and inspect.isfunction(function):
            yield f"{prefix}.{name}", function


PUBLIC = dict([*_public(taskwait), *_public(taskwait.celery), *_methods(Emulator, "Emulator")])


def _undocumented(function: Callable[..., Any], doc: str | None) -> list[str]:
    names = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
    return [name for name in names if not re.search(rf"\b{name}\b", doc or "")]


def test_the_public_surface_is_found() -> None:
    assert {"taskwait.wait_for", "taskwait.unwrap", "taskwait.WaitState.due_in", "taskwait.celery.submit",
            "Emulator.add_task"} <= set(PUBLIC)  # fmt: skip


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_parameter_is_named_in_the_docstring(name: str) -> None:
    function = PUBLIC[name]
    doc = inspect.getdoc(function)
    assert doc, f"{name} has no docstring"
    assert "README" not in doc, f"{name}'s docstring sends the reader to the README"
    assert _undocumented(function, doc) == [], f"{name}'s docstring does not name these parameters"


def test_the_emulator_documents_its_constructor() -> None:
    assert _undocumented(Emulator.__init__, inspect.getdoc(Emulator)) == []


def test_the_check_can_fail() -> None:
    def documented(client: object, handle: object) -> None:
        """Wait on `handle` (see the README)."""

    assert _undocumented(documented, inspect.getdoc(documented)) == ["client"]
