"""The exception family, the redaction that keeps API keys out of every message, and the escaping that keeps
each message on one line."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .snapshot import TaskSnapshot

__all__ = [
    "UNSAFE",
    "AuthenticationError",
    "CancelNotSupported",
    "ConfigurationError",
    "ProviderError",
    "TaskCancelled",
    "TaskFailed",
    "TaskNotFound",
    "TaskwaitError",
    "WaitNotFound",
    "WaitTimeout",
    "clean",
    "hex_escape",
    "redact",
]

REDACTED = "[REDACTED]"
EXCERPT_CHARS = 300
# C0, DEL, C1, bidirectional overrides and line separators: what can move, hide or forge text on a terminal.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def hex_escape(char: str) -> str:
    """One character as a visible escape: \\xNN or \\uNNNN."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object) -> str:
    """str(text) safe to print on a terminal: control characters and escape sequences as visible escapes."""
    return UNSAFE.sub(lambda m: _NAMED.get(m.group()) or hex_escape(m.group()), str(text))


def redact(text: str, secrets: Iterable[str]) -> str:
    """text with every occurrence of each (non-trivial) secret replaced by [REDACTED]."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


def excerpt(body: bytes, secrets: Iterable[str]) -> str:
    """The start of a response body, decoded leniently and redacted, for an error message."""
    text = body[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    text = redact(text, secrets)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


class TaskwaitError(Exception):
    """Base of every error taskwait raises. Its message is one line: ids and provider text in it are `clean`ed
    (attributes such as `task_id` keep them as they are)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(clean(arg) if isinstance(arg, str) else arg for arg in args))


class ConfigurationError(TaskwaitError, ValueError):
    """A client cannot be set up: no API key, an unknown provider."""


class CancelNotSupported(TaskwaitError, ValueError):
    """The provider cannot stop this kind of unit's work; the message names what it can stop."""


class _TaskError(TaskwaitError):
    """An error about one task; `snapshot` is the last thing seen of it, if anything.

    `cancelled` says what a wait with `cancel_on` did about the remote work when this error ended it: None
    (no cancel was asked), True (the provider answered the cancel; `cancel_snapshot` is its answer), False
    (the cancel did not go through; the message says why).
    """

    def __init__(self, message: str, provider: str, task_id: str, snapshot: TaskSnapshot | None = None) -> None:
        super().__init__(message)
        self.provider = provider
        self.task_id = task_id
        self.snapshot = snapshot
        self.cancelled: bool | None = None
        self.cancel_snapshot: TaskSnapshot | None = None


class TaskFailed(_TaskError):
    """The provider says the task failed; `snapshot.error` holds its message."""

    snapshot: TaskSnapshot


class TaskCancelled(_TaskError):
    """The provider says the task was cancelled (Lobstr: aborted; partial results may exist)."""

    snapshot: TaskSnapshot


class WaitTimeout(_TaskError):
    """The deadline passed before the task finished; `snapshot` is the last one seen, or None."""


class TaskNotFound(_TaskError):
    """The provider does not know this task id (HTTP 404)."""


class AuthenticationError(_TaskError):
    """The provider refused the API key (HTTP 401 or 403)."""

    def __init__(self, message: str, provider: str, task_id: str, status_code: int) -> None:
        super().__init__(message, provider, task_id)
        self.status_code = status_code


class ProviderError(_TaskError):
    """The provider answered something the wait cannot use; `body` is a redacted excerpt."""

    def __init__(self, message: str, provider: str, task_id: str, status_code: int | None, body: str) -> None:
        super().__init__(message, provider, task_id)
        self.status_code = status_code
        self.body = body


class WaitNotFound(TaskwaitError, KeyError):
    """taskwait.celery.state: no wait has this id (never submitted with this key prefix, or ended and expired).

    A KeyError too, with the wait id as its one argument, as the plain KeyError it replaces.
    """

    def __init__(self, wait_id: str) -> None:
        super().__init__(wait_id)
        self.wait_id = wait_id

    def __str__(self) -> str:
        return f"no wait {self.wait_id!r}: never submitted (with this key prefix), or ended more than result_ttl ago"
