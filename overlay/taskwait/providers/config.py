"""A generated client's setup, checked: its key and base URL, and the key as answers may show it.

With `Context.of` (in this package's `__init__`), the one place that reads a client's setup, through the
public properties the client template gives it (`base_url`, `headers`, `token`; tests/generated/test_seam.py
pins them). The checks run before any request, in `connect` and again on any client a wait is given: a key
or base URL that cannot work is a `ConfigurationError` at once, never a retried fault.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import httpx

from ..errors import ConfigurationError
from .base import Adapter

if TYPE_CHECKING:
    from .._types import AnyClient

__all__ = ["base_url_problem", "check_base_url", "check_key", "masked_url", "secrets_of"]

_HEADER_SAFE = re.compile(r"[!-~]+")  # printable ASCII, no space: what a key may hold


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


def secrets_of(client: AnyClient, adapter: Adapter) -> tuple[str, ...]:
    """The API key as it may show up in an answer: the token and the auth header's value."""
    found = {client.token if adapter.authenticates(client) else ""}
    for name, value in client.headers.items():  # a plain Client may carry the key as a header
        if name.lower() == adapter.auth_header.lower():
            found |= {value, value.split(" ", 1)[-1]}
    return tuple(s for s in found if s)
