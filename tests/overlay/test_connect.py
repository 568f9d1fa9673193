"""connect(): the right auth header, base URL, key source and a finite timeout."""

from __future__ import annotations

import httpx
import pytest

import taskwait
from tests.support import KEY, Script, auth_header, ok

BASES = {
    "databar": "https://api.databar.ai/v1/tasks/T",
    "openmart": "https://api.openmart.ai/api/v1/task/T",
    "lobstr": "https://api.lobstr.io/v1/tasks/T",
    "deepomatic": "https://api.deepomatic.com/v0.7/tasks/T",
    "flexprice": "https://us.api.flexprice.io/v1/tasks/T",
}


@pytest.mark.parametrize("provider", taskwait.PROVIDERS)
def test_auth_header_and_real_base_url(provider: str) -> None:
    script = Script([ok(provider, "T", "x")])
    taskwait.get_task(script.client(provider), "T")
    request = script.requests[0]
    header, value = auth_header(provider)
    assert request.headers[header] == value
    assert str(request.url) == BASES[provider]


@pytest.mark.parametrize("provider", taskwait.PROVIDERS)
def test_key_from_environment(provider: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"{provider.upper()}_API_KEY", "from-env-key")
    client = taskwait.connect(provider)
    assert client.token == "from-env-key" and "from-env-key" not in repr(client)


@pytest.mark.parametrize("provider", taskwait.PROVIDERS)
def test_missing_key_names_the_variable(provider: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(f"{provider.upper()}_API_KEY", raising=False)
    with pytest.raises(taskwait.ConfigurationError, match=f"{provider.upper()}_API_KEY") as exc:
        taskwait.connect(provider)
    assert isinstance(exc.value, ValueError)


def test_empty_key_and_unknown_provider() -> None:
    with pytest.raises(taskwait.ConfigurationError):
        taskwait.connect("databar", "  ")
    with pytest.raises(taskwait.ConfigurationError, match="nosuch"):
        taskwait.connect("nosuch", "k")


def test_base_url_timeout_and_client_kwargs() -> None:
    script = Script([ok("flexprice", "T", "PENDING")])
    client = taskwait.connect(
        "flexprice", KEY, base_url="http://127.0.0.1:9/flexprice/v1/", headers={"X-Trace": "1"},
        httpx_args={"transport": httpx.MockTransport(script)},
    )  # fmt: skip
    taskwait.get_task(client, "T")
    assert str(script.requests[0].url) == "http://127.0.0.1:9/flexprice/v1/tasks/T"
    assert script.requests[0].headers["X-Trace"] == "1"
    timeout = client.get_httpx_client().timeout
    assert timeout.read is not None and timeout.read <= 60 and timeout.connect is not None
    custom = taskwait.connect("flexprice", KEY, timeout=httpx.Timeout(2.0))
    assert custom.get_httpx_client().timeout.read == 2.0
