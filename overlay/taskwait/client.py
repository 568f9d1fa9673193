"""`connect`: a generated client set up for one provider, its key, base URL and timeout.

The key and base URL are checked (`providers.config`, re-exported here) before the client is made: one that
cannot work is a `ConfigurationError` at once, never a retried fault.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Literal, overload

import httpx

from .errors import ConfigurationError
from .providers import ADAPTERS, base_url_problem, check_base_url, check_key, masked_url
from .status import PROVIDERS, Provider

if TYPE_CHECKING:  # at run time a provider's generated package is imported when `connect` first asks for it
    import databar_client
    import deepomatic_client
    import flexprice_client
    import lobstr_client
    import openmart_client

    from .providers import AnyAuthenticatedClient

__all__ = ["DEFAULT_REQUEST_TIMEOUT", "base_url_problem", "check_base_url", "check_key", "connect", "masked_url"]

DEFAULT_REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # Openmart reads for 60 s: its submits sleep ~26 s


@overload
def connect(
    provider: Literal["databar"], api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> databar_client.AuthenticatedClient: ...
@overload
def connect(
    provider: Literal["deepomatic"], api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> deepomatic_client.AuthenticatedClient: ...
@overload
def connect(
    provider: Literal["flexprice"], api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> flexprice_client.AuthenticatedClient: ...
@overload
def connect(
    provider: Literal["lobstr"], api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> lobstr_client.AuthenticatedClient: ...
@overload
def connect(
    provider: Literal["openmart"], api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> openmart_client.AuthenticatedClient: ...
@overload
def connect(
    provider: Provider, api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any
) -> AnyAuthenticatedClient: ...
def connect(provider: str, api_key: str | None = None, *, base_url: str | None = None,
            **client_kwargs: Any) -> AnyAuthenticatedClient:  # fmt: skip
    """The provider's generated AuthenticatedClient with its auth header, base URL and a finite timeout.

    Args:
        provider: a name in `taskwait.PROVIDERS` ("databar", "lobstr", ...); the result is typed per provider
            (connect("databar") is a databar_client.AuthenticatedClient).
        api_key: the key (default: the environment variable <PROVIDER>_API_KEY); sent in the provider's auth
            header through an httpx.Auth flow, so no repr shows it.
        base_url: http(s)://host[:port][/path] (default: the provider's real base URL; e.g. an emulator's).
        client_kwargs: go to the generated client (httpx_args=, timeout=, headers=, ...); the default timeout is
            30 s (60 s for Openmart), 10 s to connect.

    Raises ConfigurationError for an unknown provider, no key, or a key or base URL that cannot work.
    """
    adapter = ADAPTERS.get(provider)
    if adapter is None:
        raise ConfigurationError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    if api_key is None:
        api_key = os.environ.get(adapter.env_var) or None
        if api_key is None:
            raise ConfigurationError(f"no API key for {provider}: pass api_key= or set {adapter.env_var}")
    key = check_key(provider, api_key)
    url = adapter.base_url if base_url is None else check_base_url(provider, base_url)
    client_kwargs.setdefault("timeout", httpx.Timeout(adapter.read_timeout, connect=DEFAULT_REQUEST_TIMEOUT.connect))
    return adapter.authenticated(url, key, **client_kwargs)
