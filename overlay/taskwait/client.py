"""`connect`: a generated client set up for one provider, its key, base URL and timeout."""

from __future__ import annotations

import os
from typing import Any

import httpx

from .errors import ConfigurationError
from .providers import ADAPTERS
from .status import PROVIDERS

__all__ = ["DEFAULT_REQUEST_TIMEOUT", "connect"]

DEFAULT_REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def connect(provider: str, api_key: str | None = None, *, base_url: str | None = None, **client_kwargs: Any) -> Any:
    """The provider's generated AuthenticatedClient with its auth header, base URL and a finite timeout.

    `api_key` defaults to the environment variable <PROVIDER>_API_KEY; `client_kwargs` go to
    the generated client (httpx_args=, timeout=, headers=, ...).
    """
    adapter = ADAPTERS.get(provider)
    if adapter is None:
        raise ConfigurationError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    if api_key is None:
        api_key = os.environ.get(adapter.env_var) or None
        if api_key is None:
            raise ConfigurationError(f"no API key for {provider}: pass api_key= or set {adapter.env_var}")
    if not isinstance(api_key, str) or not api_key.strip():
        raise ConfigurationError(f"the API key for {provider} is empty")
    client_kwargs.setdefault("timeout", DEFAULT_REQUEST_TIMEOUT)
    return adapter.package.AuthenticatedClient(
        base_url=(base_url or adapter.base_url).rstrip("/"),
        token=api_key.strip(),
        prefix=adapter.auth_prefix,
        auth_header_name=adapter.auth_header,
        **client_kwargs,
    )
