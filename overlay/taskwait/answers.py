"""`unwrap`: a generated operation's parsed answer, typed as its documented model, or a `ProviderError`.

A generated `sync`/`asyncio` returns the documented model, the provider's error model (a 4xx/5xx body
the spec documents) or None (a status the spec does not document). `unwrap` keeps the first and
raises for the others, so `started = unwrap(run_enrichment.sync(...))` is a `RunResponse` to the
type checker (mypy and pyright infer `T` by taking the error models out of the union) and at run time.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeVar

from .errors import ProviderError, excerpt
from .providers import error_provider, plain

if TYPE_CHECKING:
    from .providers import ErrorAnswer

__all__ = ["unwrap"]

T = TypeVar("T")


def unwrap(answer: T | ErrorAnswer | None) -> T:
    """The documented answer of a generated operation's `sync` (or awaited `asyncio`), or ProviderError.

    Args:
        answer: what a generated operation returned, e.g. `run_enrichment.sync(123, client=client, body=body)`:
            its documented model (returned as it is, and typed as that model), one of the providers' error
            models (`HTTPError`, `HTTPValidationError`, `ErrorDetail`, `AuthError`, `ErrorResponse`: the error
            answer the spec documents), or None (the generated client returns None for a status its spec does
            not document, unless the client was made with `raise_on_unexpected_status=True`).

    Returns `answer` itself when it is not an error model nor None.
    Raises ProviderError for an error model (`.provider` is read from its package, `.body` is its JSON, cut
    to 300 characters; `.status_code` is None: call `sync_detailed` to see the status) or for None.
    """
    if answer is None:
        raise ProviderError("the operation's answer was not one its spec documents (None: an undocumented "
                            "status; call sync_detailed to see it)", "", "", None, "")  # fmt: skip
    provider = error_provider(answer)
    if provider is not None:
        body = excerpt(json.dumps(plain(answer), default=str).encode(), ())
        raise ProviderError(f"{provider} answered with an error ({type(answer).__name__}): {body}", provider, "",
                            None, body)  # fmt: skip
    return answer  # type: ignore[return-value]  # not an error model nor None: the documented answer
