"""The overlay's one seam into generated code: exactly these private functions, with these signatures.

taskwait.providers calls each operation's `_get_kwargs` and `_parse_response` (see providers/base.py for
why). A regeneration that renames, drops or reshapes one of them fails here, not in a user's wait.
"""

from __future__ import annotations

import inspect

from taskwait.providers import ADAPTERS

PINNED = {
    "databar_client.api.tasks.get_task",
    "databar_client.api.tasks.cancel_task",
    "databar_client.api.tables.get_table_export",
    "deepomatic_client.api.tasks.get_task",
    "deepomatic_client.api.tasks.list_tasks",
    "flexprice_client.api.tasks.get_task",
    "lobstr_client.api.tasks.get_task",
    "lobstr_client.api.runs.get_run",
    "lobstr_client.api.runs.get_run_stats",
    "lobstr_client.api.runs.abort_run",
    "lobstr_client.api.tasks.get_upload_status",
    "openmart_client.api.tasks.get_task",
    "openmart_client.api.batches.get_batch_status",
    "openmart_client.api.batches.get_batch_task_ids",
}


def used() -> list[object]:
    functions: list[object] = []
    for adapter in ADAPTERS.values():
        for unit in adapter.units.values():
            reads = [unit.read] + ([unit.follow.read] if unit.follow is not None else [])
            reads += [unit.cancel.read] if unit.cancel is not None else []
            functions += [f for read in reads for f in (read.request, read.parse)]
        functions += [adapter.many.request, adapter.many.parse] if adapter.many is not None else []
    return functions


def test_the_adapters_use_exactly_the_pinned_generated_functions() -> None:
    functions = used()
    assert {f.__name__ for f in functions} == {"_get_kwargs", "_parse_response"}  # type: ignore[attr-defined]
    assert {f.__module__ for f in functions} == PINNED  # type: ignore[attr-defined]


def test_the_pinned_functions_keep_their_signatures() -> None:
    for function in used():
        parameters = inspect.signature(function).parameters  # type: ignore[arg-type]
        if function.__name__ == "_parse_response":  # type: ignore[attr-defined]
            assert list(parameters) == ["client", "response"]
            assert all(p.kind is p.KEYWORD_ONLY for p in parameters.values())
        else:
            first = next(iter(parameters.values()))
            positional = first.kind is first.POSITIONAL_OR_KEYWORD
            assert positional or function.__module__.endswith("list_tasks")  # type: ignore[attr-defined]
