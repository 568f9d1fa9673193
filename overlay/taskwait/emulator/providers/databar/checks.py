"""Databar's request validation, answered the way its FastAPI server does (422 `{"detail": [...]}`).

Each check returns Pydantic v2 style problems: `{type, loc, msg, input[, ctx]}`, the `loc` starting
with "path" or "body". Only the rules the docs state are checked (DB = docs.databar.ai/api-reference).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

__all__ = [
    "MAX_BULK",
    "RUN_STRATEGIES",
    "Problem",
    "bulk_params",
    "email_verifier",
    "enrichments",
    "flow_bulk_inputs",
    "flow_inputs",
    "integer_path",
    "pagination",
    "parse_body",
    "required",
    "row_ids",
    "run_strategy",
    "single_params",
    "uuid_path",
]

Problem = dict[str, Any]
MAX_BULK = 100  # DB enrichments-bulk-run: at most 100 inputs a call
RUN_STRATEGIES = ("run_all", "run_empty", "run_errors")  # DB tables-run-enrichment


def _problem(kind: str, loc: Sequence[str | int], msg: str, value: Any, **ctx: Any) -> Problem:
    problem: Problem = {"type": kind, "loc": list(loc), "msg": msg, "input": value}
    if ctx:
        problem["ctx"] = ctx
    return problem


def parse_body(raw: bytes) -> tuple[Any, list[Problem]]:
    """The JSON body, or the problem FastAPI reports for a missing, broken or non-object body."""
    if not raw.strip():
        return None, [_problem("missing", ["body"], "Field required", None)]
    try:
        body = json.loads(raw)
    except ValueError as exc:
        return None, [_problem("json_invalid", ["body", 0], "JSON decode error", {}, error=str(exc))]
    if not isinstance(body, dict):
        msg = "Input should be a valid dictionary or object to extract fields from"
        return None, [_problem("model_attributes_type", ["body"], msg, body)]
    return body, []


def integer_path(name: str, value: str) -> list[Problem]:
    try:
        int(value)
    except ValueError:
        msg = "Input should be a valid integer, unable to parse string as an integer"
        return [_problem("int_parsing", ["path", name], msg, value)]
    return []


def _uuid_problem(loc: Sequence[str | int], value: Any) -> list[Problem]:
    if isinstance(value, str):
        try:
            uuid.UUID(value)
            return []
        except ValueError:
            pass
        msg = "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:`"
        return [_problem("uuid_parsing", loc, msg, value)]
    return [_problem("uuid_type", loc, "UUID input should be a string, bytes or UUID object", value)]


def uuid_path(name: str, value: str) -> list[Problem]:
    return _uuid_problem(["path", name], value)


def required(body: dict[str, Any], *names: str) -> list[Problem]:
    return [_problem("missing", ["body", n], "Field required", body) for n in names if n not in body]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_problem(loc: Sequence[str | int], value: Any) -> list[Problem]:
    return [] if _is_int(value) else [_problem("int_type", loc, "Input should be a valid integer", value)]


def _dict_problem(loc: Sequence[str | int], value: Any) -> list[Problem]:
    ok = isinstance(value, dict)
    return [] if ok else [_problem("dict_type", loc, "Input should be a valid dictionary", value)]


def _list_problem(loc: Sequence[str | int], value: Any) -> list[Problem]:
    ok = isinstance(value, list)
    return [] if ok else [_problem("list_type", loc, "Input should be a valid list", value)]


def single_params(body: dict[str, Any]) -> list[Problem]:
    return _dict_problem(["body", "params"], body["params"]) if "params" in body else []


def bulk_params(body: dict[str, Any], limit: int | None) -> list[Problem]:
    """A list of objects; at most `limit` of them (None: no documented limit)."""
    if "params" not in body:
        return []
    params = body["params"]
    if problems := _list_problem(["body", "params"], params):
        return problems
    if limit is not None and len(params) > limit:
        msg = f"List should have at most {limit} items after validation, not {len(params)}"
        ctx = {"field_type": "List", "max_length": limit, "actual_length": len(params)}
        return [_problem("too_long", ["body", "params"], msg, params, **ctx)]
    return [p for i, item in enumerate(params) for p in _dict_problem(["body", "params", i], item)]


def pagination(body: dict[str, Any]) -> list[Problem]:
    """Optional `{pages: 1..100}` (DB enrichments-run, the SDK's PaginationOptions)."""
    value = body.get("pagination")
    if value is None:
        return []
    if not isinstance(value, dict):
        msg = "Input should be a valid dictionary or instance of PaginationOptions"
        return [_problem("model_type", ["body", "pagination"], msg, value)]
    pages, loc = value.get("pages", 1), ["body", "pagination", "pages"]
    if problems := _int_problem(loc, pages):
        return problems
    if pages < 1:
        return [_problem("greater_than_equal", loc, "Input should be greater than or equal to 1", pages, ge=1)]
    if pages > 100:
        return [_problem("less_than_equal", loc, "Input should be less than or equal to 100", pages, le=100)]
    return []


def enrichments(body: dict[str, Any]) -> list[Problem]:
    """At least one provider id (DB waterfalls-run: "Select at least 1 enrichment")."""
    if "enrichments" not in body:
        return []
    value, loc = body["enrichments"], ["body", "enrichments"]
    if problems := _list_problem(loc, value):
        return problems
    if not value:
        msg = "List should have at least 1 item after validation, not 0"
        return [_problem("too_short", loc, msg, value, field_type="List", min_length=1, actual_length=0)]
    return [p for i, item in enumerate(value) for p in _int_problem([*loc, i], item)]


def email_verifier(body: dict[str, Any]) -> list[Problem]:
    value = body.get("email_verifier")
    return [] if value is None else _int_problem(["body", "email_verifier"], value)


def flow_inputs(body: dict[str, Any], loc: Sequence[str | int] = ("body", "inputs")) -> list[Problem]:
    """A mapping of flow input id to a string value (DB flows-run)."""
    if "inputs" not in body:
        return []
    value, loc = body["inputs"], list(loc)
    if problems := _dict_problem(loc, value):
        return problems
    return [_problem("string_type", [*loc, k], "Input should be a valid string", v)
            for k, v in value.items() if not isinstance(v, str)]  # fmt: skip


def flow_bulk_inputs(body: dict[str, Any]) -> list[Problem]:
    """A list of input sets, each a mapping of flow input id to a string (databar==2.8.0 client.py run_flow_bulk)."""
    if "inputs" not in body:
        return []
    value, loc = body["inputs"], ["body", "inputs"]
    if problems := _list_problem(loc, value):
        return problems
    return [p for i, item in enumerate(value) for p in flow_inputs({"inputs": item}, [*loc, i])]


def run_strategy(body: dict[str, Any]) -> list[Problem]:
    value = body.get("run_strategy", "run_all")
    if value in RUN_STRATEGIES:
        return []
    expected = "'run_all', 'run_empty' or 'run_errors'"
    return [_problem("enum", ["body", "run_strategy"], f"Input should be {expected}", value, expected=expected)]


def row_ids(body: dict[str, Any]) -> list[Problem]:
    value, loc = body.get("row_ids"), ["body", "row_ids"]
    if value is None:
        return []
    if problems := _list_problem(loc, value):
        return problems
    return [p for i, item in enumerate(value) for p in _uuid_problem([*loc, i], item)]
