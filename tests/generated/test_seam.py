"""The overlay's one seam into generated code: every generated name it uses, pinned here.

taskwait.providers calls each operation's `_get_kwargs` and `_parse_response` (see providers/base.py for
why), and reads a client's setup through the public read-only properties our client template adds
(`base_url`, `headers`, `timeout`, and `token` on an AuthenticatedClient); `transport` sends with
`get_httpx_client` / `get_async_httpx_client`; `Adapter.authenticated` builds an AuthenticatedClient with
`base_url`, `token`, `prefix`, `auth_header_name`; `providers.plain` reads `types.Unset` by name. A
regeneration that renames, drops or reshapes one of them fails here, not in a user's wait.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from types import MappingProxyType
from typing import Any

import httpx
import pytest

import taskwait
from taskwait.providers import ADAPTERS, Context
from taskwait.status import PROVIDERS

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


CLIENT_CLASSES = [(p, cls) for p in PROVIDERS for cls in ("Client", "AuthenticatedClient")]
# The attrs fields behind the properties: the overlay never reads them (checked below).
PRIVATE_FIELDS = {"_base_url", "_cookies", "_headers", "_timeout", "_verify_ssl", "_follow_redirects",
                  "_httpx_args", "_client", "_async_client"}  # fmt: skip


def _make(provider: str, cls: str, **kwargs: Any) -> Any:
    client_class = getattr(importlib.import_module(f"{provider}_client"), cls)
    if cls == "AuthenticatedClient":
        kwargs.setdefault("token", "k" * 20)
    return client_class(base_url="http://127.0.0.1:9", **kwargs)


def test_every_adapter_names_its_packages_client_classes() -> None:
    for provider in PROVIDERS:
        package = importlib.import_module(f"{provider}_client")
        adapter = ADAPTERS[provider]
        assert adapter.client_types == (package.Client, package.AuthenticatedClient)
        assert adapter.make_client is package.AuthenticatedClient


@pytest.mark.parametrize(("provider", "cls"), CLIENT_CLASSES)
def test_the_client_setup_is_read_through_read_only_properties(provider: str, cls: str) -> None:
    timeout = httpx.Timeout(7.0)
    client = _make(provider, cls, headers={"X-Trace": "1"}, timeout=timeout)
    assert client.base_url == "http://127.0.0.1:9"
    assert client.timeout is timeout and _make(provider, cls).timeout is None
    assert client.headers == {"X-Trace": "1"} and isinstance(client.headers, MappingProxyType)
    with pytest.raises(TypeError):
        client.headers["X-Trace"] = "2"  # type: ignore[index]  # a view: the client's headers change only through with_headers
    for name in ("base_url", "headers", "timeout"):
        prop = inspect.getattr_static(type(client), name)
        assert isinstance(prop, property) and prop.fset is None, name
        with pytest.raises(AttributeError):
            setattr(client, name, None)
    assert client.with_headers({"X-More": "2"}).headers == {"X-Trace": "1", "X-More": "2"}
    assert callable(client.get_httpx_client) and callable(client.get_async_httpx_client)
    assert "X-Trace" not in repr(client)  # headers may carry a key: repr=False, as before


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_authenticated_client_takes_what_connect_gives_it(provider: str) -> None:
    adapter = ADAPTERS[provider]
    client = adapter.authenticated("http://127.0.0.1:9", "secret-key-123")
    assert (client.token, client.prefix, client.auth_header_name) == (
        "secret-key-123", adapter.auth_prefix, adapter.auth_header)  # fmt: skip
    assert "secret-key-123" not in repr(client)
    ctx = Context.of(client)
    assert ctx.adapter is adapter and "secret-key-123" in ctx.secrets


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_plain_client_carrying_the_key_as_a_header_has_it_redacted(provider: str) -> None:
    adapter = ADAPTERS[provider]
    value = f"{adapter.auth_prefix} header-key-456".strip()
    ctx = Context.of(_make(provider, "Client", headers={adapter.auth_header.upper(): value}))
    assert "header-key-456" in ctx.secrets


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unset_keeps_its_name(provider: str) -> None:
    unset = importlib.import_module(f"{provider}_client.types").UNSET
    assert type(unset).__name__ == "Unset" and taskwait.providers.plain(unset) is None


def test_the_overlay_reads_no_private_field_of_a_generated_client() -> None:
    root = Path(taskwait.__file__).parent
    found = [
        f"{path.relative_to(root)}:{node.lineno} .{node.attr}"
        for path in sorted(root.rglob("*.py"))
        if "emulator" not in path.parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_FIELDS
    ]
    assert found == [], "use the client's public properties (base_url, headers, timeout) instead"


def test_the_provider_list_is_one_list() -> None:
    root = Path(__file__).resolve().parents[2]
    specs = {p.parent.name for p in (root / "specs").glob("*/config.yaml")}
    generated = {p.name.removesuffix("_client") for p in (root / "generated").glob("*_client")}
    assert set(PROVIDERS) == specs == generated
    assert [ADAPTERS[p].name for p in PROVIDERS] == list(PROVIDERS) == list(ADAPTERS)
