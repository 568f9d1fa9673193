"""Each generated client sends the documented request: method, host, path, auth header."""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

# provider: (real base URL, auth header, prefix, path of task "T", a 200 body)
WIRE: dict[str, tuple[str, str, str, str, dict[str, Any]]] = {
    "databar": ("https://api.databar.ai", "x-apikey", "", "/v1/tasks/T", {"task_id": "T", "status": "processing"}),
    "openmart": ("https://api.openmart.ai", "X-API-Key", "", "/api/v1/task/T", {"task_id": "T", "status": "PROCESSING"}),
    "lobstr": ("https://api.lobstr.io", "Authorization", "Token", "/v1/tasks/T", {"hash_value": "T", "status": {"status": "pending"}}),
    "deepomatic": ("https://api.deepomatic.com", "X-API-KEY", "", "/v0.7/tasks/T", {"id": "T", "status": "pending"}),
    "flexprice": ("https://us.api.flexprice.io/v1", "x-api-key", "", "/v1/tasks/T", {"id": "T", "task_status": "PENDING"}),
}  # fmt: skip


def make_client(provider: str, seen: list[httpx.Request], body: dict[str, Any]) -> Any:
    base, header, prefix, _, _ = WIRE[provider]
    client_mod = importlib.import_module(f"{provider}_client")

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=body)

    return client_mod.AuthenticatedClient(
        base_url=base,
        token="sekret-key",
        prefix=prefix,
        auth_header_name=header,
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


@pytest.mark.parametrize("provider", sorted(WIRE))
def test_get_task_sends_the_documented_request(provider: str) -> None:
    base, header, prefix, path, body = WIRE[provider]
    seen: list[httpx.Request] = []
    get_task = importlib.import_module(f"{provider}_client.api.tasks.get_task")
    response = get_task.sync_detailed("T", client=make_client(provider, seen, body))
    assert response.status_code == 200 and response.parsed is not None
    (request,) = seen
    assert request.method == "GET"
    assert request.url.host == httpx.URL(base).host and request.url.scheme == "https"
    assert request.url.path == path
    assert request.headers[header] == (f"{prefix} sekret-key" if prefix else "sekret-key")


@pytest.mark.parametrize("provider", sorted(WIRE))
@pytest.mark.parametrize("task_id", ["a/b", "a?b", "a#b", "50%", "a b", "tâche-Ωμέγα", "../x"])
def test_task_id_is_one_percent_encoded_path_segment(provider: str, task_id: str) -> None:
    _, _, _, path, body = WIRE[provider]
    seen: list[httpx.Request] = []
    get_task = importlib.import_module(f"{provider}_client.api.tasks.get_task")
    get_task.sync_detailed(task_id, client=make_client(provider, seen, body))
    raw_path = seen[0].url.raw_path.decode("ascii")
    prefix = path[: -len("T")]
    assert raw_path.startswith(prefix) and "?" not in raw_path and "#" not in raw_path
    segment = raw_path[len(prefix) :]
    assert "/" not in segment and unquote(segment) == task_id


def test_deepomatic_list_tasks_repeats_task_ids_and_paginates() -> None:
    from deepomatic_client.api.tasks import list_tasks

    seen: list[httpx.Request] = []
    page = {"count": 3, "next": "https://api.deepomatic.com/v0.7/tasks?limit=2&offset=2", "previous": None,
            "results": [{"id": "1", "status": "pending"}, {"id": "2", "status": "success", "data": {}}]}  # fmt: skip
    client = make_client("deepomatic", seen, page)
    result = list_tasks.sync(client=client, task_ids=["1", "2", "3"], limit=2, offset=0)
    assert result is not None and result.count == 3 and [t.id for t in result.results] == ["1", "2"]
    query = seen[0].url.params
    assert query.get_list("task_ids") == ["1", "2", "3"] and query["limit"] == "2" and query["offset"] == "0"
    assert seen[0].url.path == "/v0.7/tasks"


@pytest.mark.parametrize("provider", sorted(WIRE))
def test_api_modules_have_the_four_call_styles(provider: str) -> None:
    names = ["get_task"] + (["list_tasks"] if provider == "deepomatic" else [])
    for name in names:
        module = importlib.import_module(f"{provider}_client.api.tasks.{name}")
        for fn in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, fn))


@pytest.mark.parametrize("provider", sorted(WIRE))
def test_client_repr_never_shows_the_key(provider: str) -> None:
    seen: list[httpx.Request] = []
    client = make_client(provider, seen, WIRE[provider][4])
    for http in (client.get_httpx_client(), client.get_async_httpx_client()):
        # The key travels in an httpx.Auth flow, not in the default headers (whose repr shows all but Authorization).
        assert "sekret-key" not in repr(http.headers) and "sekret-key" not in repr(http.auth)
    assert "sekret-key" not in repr(client)
    assert "sekret-key" not in repr(client.with_headers({"X-Other": "1"}))


@pytest.mark.parametrize("provider", sorted(WIRE))
def test_the_key_still_reaches_the_server_in_its_header(provider: str) -> None:
    seen: list[httpx.Request] = []
    client = make_client(provider, seen, WIRE[provider][4])
    client.get_httpx_client().get("/anything")
    assert "sekret-key" in "".join(seen[0].headers.values())
