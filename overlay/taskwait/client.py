"""`connect`: a generated client set up for one provider, its key, base URL and timeout.

The checks here run before any request, in `connect` and again on any client a wait is given:
a key or base URL that cannot work is a `ConfigurationError` at once, never a retried fault.
"""

from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING, Any, Literal, overload

import httpx

from .errors import ConfigurationError
from .providers import ADAPTERS
from .status import PROVIDERS, Provider

if TYPE_CHECKING:  # at run time a provider's generated package is imported when `connect` first asks for it
    import databar_client
    import deepomatic_client
    import flexprice_client
    import lobstr_client
    import openmart_client

    from .providers import AnyAuthenticatedClient

__all__ = ["DEFAULT_REQUEST_TIMEOUT", "base_url_problem", "check_base_url", "check_key", "connect", "masked_url"]

_HEADER_SAFE = re.compile(r"[!-~]+")  # printable ASCII, no space: what a key may hold
DEFAULT_REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # Openmart reads for 60 s: its submits sleep ~26 s


def check_key(provider: str, key: object) -> str:
    """The key itself, or ConfigurationError (never quoting it) if it cannot be sent in a header."""
    if not isinstance(key, str):
        raise ConfigurationError(f"the API key for {provider} must be a str, not {type(key).__name__}")
    if not key:
        raise ConfigurationError(f"the API key for {provider} is empty")
    if not _HEADER_SAFE.fullmatch(key):
        raise ConfigurationError(
            f"the API key for {provider} has whitespace, control or non-ASCII characters "
            f"({len(key)} characters; is it the right value, without a trailing newline?)"
        )
    return key


def check_base_url(provider: str, base_url: object) -> str:
    """The URL without a trailing slash, or ConfigurationError unless it is http(s)://host[:port][/path]."""
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url for {provider} must be a str, not {type(base_url).__name__}")
    problem = base_url_problem(base_url)
    if problem is not None:
        expected = "expected http(s)://host[:port][/path]"
        raise ConfigurationError(f"base_url {masked_url(base_url)!r} for {provider} {problem} ({expected})")
    return base_url.strip().rstrip("/")


def masked_url(url: str) -> str:
    """The URL as a message may quote it: what could be a credential (user:password@, ?query, #fragment) as ***.

    Masks by the text, not by a parse, so a URL too broken to parse is masked too (up to its last '@').
    """
    if "@" in url:
        scheme, sep, rest = url.partition("://")
        start = len(scheme) + len(sep) if sep and "@" in rest else 0
        url = url[:start] + "***" + url[url.rindex("@") :]
    return re.sub(r"([?#]).*", r"\1***", url, count=1, flags=re.DOTALL)


@functools.lru_cache(maxsize=64)  # every wait checks its client's URL: parse each one once
def base_url_problem(base_url: str) -> str | None:
    """What is wrong with a base URL (as a phrase: "has no host", ...), or None; the CLI says it too."""
    problem = None
    try:
        url = httpx.URL(base_url.strip())
        if url.scheme not in ("http", "https"):
            problem = "needs http:// or https://"
        elif not url.host:
            problem = "has no host"
        elif not base_url.strip().isprintable() or any(c.isspace() for c in base_url.strip()):
            problem = "has whitespace or control characters"
        elif url.port is not None and not 0 < url.port < 65536:
            problem = "has no usable port"
        elif url.query or url.fragment or url.userinfo:
            problem = "may not carry a query, a fragment or credentials"
    except (httpx.InvalidURL, UnicodeError, ValueError, TypeError):
        problem = "is not a valid URL"
    return "is empty" if not base_url.strip() else problem


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
        provider: "databar", "deepomatic", "flexprice", "lobstr" or "openmart"; the result is typed per provider
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
