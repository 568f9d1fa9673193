"""The error models of each generated package: what its operations parse a provider's error answers into.

Named, not imported: an answer's own package is loaded already when one is checked, and `import taskwait`
loads no generated code. Their union for annotations, `ErrorAnswer`, is in `_types`: `taskwait.unwrap` takes it
out of a creator's answer type.
"""

from __future__ import annotations

import importlib

__all__ = ["ERROR_MODELS", "error_models", "error_provider"]

# provider -> the names of its error models in <provider>_client.models (tests/overlay/test_unwrap.py checks them)
ERROR_MODELS: dict[str, tuple[str, ...]] = {
    "databar": ("HTTPError", "HTTPValidationError"),
    "deepomatic": ("ErrorDetail",),
    "flexprice": ("AuthError", "ErrorResponse"),
    "lobstr": ("ErrorResponse",),
    "openmart": ("ErrorDetail",),
}


def error_models(provider: str) -> tuple[type, ...]:
    """The error model classes of `provider`'s generated package (imports it)."""
    models = importlib.import_module(f"{provider}_client.models")
    return tuple(getattr(models, name) for name in ERROR_MODELS.get(provider, ()))


def error_provider(answer: object) -> str | None:
    """The provider whose error model `answer` is, or None (imports nothing new: its package is loaded)."""
    package = type(answer).__module__.partition(".")[0]
    provider = package.removesuffix("_client")
    if provider == package or provider not in ERROR_MODELS:
        return None
    return provider if isinstance(answer, error_models(provider)) else None
