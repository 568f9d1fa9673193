"""Accounts: one provider, one base URL, one key; keys told apart by a keyed hash that never leaves the process."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ..providers import adapter_for, secrets_of

if TYPE_CHECKING:
    from ..providers import AnyClient, Context

__all__ = ["Account", "account_for", "account_in", "account_of"]

_SECRET = secrets.token_bytes(32)  # in memory only: an account's tag means nothing outside this process


@attrs.frozen(cache_hash=True)
class Account:
    """One provider, one base URL, one key: told apart by a keyed hash that no repr shows."""

    provider: str
    base_url: str
    tag: bytes = attrs.field(repr=False)  # keyed BLAKE2b of the key under a per-process random secret


def account_of(provider: str, base_url: str, keys: Iterable[str]) -> Account:
    """The account of a client: its provider, base URL and the key as it sends it (never kept)."""
    material = "\0".join(sorted(set(keys))).encode("utf-8", "surrogatepass")
    return Account(provider, base_url.rstrip("/"), hashlib.blake2b(material, key=_SECRET, digest_size=32).digest())


def account_in(ctx: Context) -> Account:
    """The account of a context's client, from the key `Context.of` already found (what a wait sends with)."""
    return account_of(ctx.adapter.name, ctx.client.base_url, ctx.secrets)


def account_for(client: AnyClient) -> Account:
    """The account of a generated client."""
    adapter = adapter_for(client)
    return account_of(adapter.name, client.base_url, secrets_of(client, adapter))
