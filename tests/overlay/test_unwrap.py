"""`unwrap`: a generated operation's documented answer passes through; an error model or None is a ProviderError."""

from __future__ import annotations

from typing import get_args

import httpx
import pytest
from databar_client.models import HTTPError, HTTPValidationError, RunResponse
from deepomatic_client.models import ErrorDetail
from flexprice_client.models import AuthError
from lobstr_client.models import ErrorResponse

import taskwait
from taskwait.providers import ERROR_MODELS, error_models, error_provider
from tests.support import Script


def test_the_documented_answer_comes_back_as_it_is() -> None:
    started = RunResponse(task_id="T-1", status="processing")
    assert taskwait.unwrap(started) is started
    assert taskwait.unwrap(["a", "b"]) == ["a", "b"]  # Openmart's list of task ids is an answer too


@pytest.mark.parametrize(
    ("answer", "provider", "said"),
    [
        (HTTPError.from_dict({"detail": "Insufficient credits"}), "databar", "Insufficient credits"),
        (HTTPValidationError.from_dict({"detail": [{"loc": ["body"], "msg": "field required", "type": "missing"}]}),
         "databar", "field required"),
        (ErrorDetail.from_dict({"detail": "Invalid API Key"}), "deepomatic", "Invalid API Key"),
        (AuthError.from_dict({"error": "Unauthorized"}), "flexprice", "Unauthorized"),
        (ErrorResponse.from_dict({"errors": {"code": "bad", "message": "squid not found"}}), "lobstr",
         "squid not found"),
    ],
)  # fmt: skip
def test_an_error_answer_is_a_provider_error(answer: object, provider: str, said: str) -> None:
    with pytest.raises(taskwait.ProviderError) as exc:
        taskwait.unwrap(answer)
    assert exc.value.provider == provider and said in exc.value.body and said in str(exc.value)
    assert exc.value.status_code is None and type(answer).__name__ in str(exc.value)


def test_none_an_undocumented_status_is_a_provider_error() -> None:
    with pytest.raises(taskwait.ProviderError, match="sync_detailed"):
        taskwait.unwrap(None)


def test_every_providers_error_models_are_known() -> None:
    """The names listed are the generated packages' error models: what their operations parse 4xx answers into."""
    import taskwait.providers

    assert set(ERROR_MODELS) == set(taskwait.PROVIDERS)
    for provider in taskwait.PROVIDERS:
        assert [m.__name__ for m in error_models(provider)] == list(ERROR_MODELS[provider])
        assert all(m.__module__.startswith(f"{provider}_client.models.") for m in error_models(provider))
    assert len(get_args(taskwait.providers.ErrorAnswer)) == 7  # the union annotations use, built at run time too


def test_a_model_that_is_not_an_error_is_not_refused() -> None:
    from lobstr_client.models import Squid

    squid = Squid(id="s1")
    assert error_provider(squid) is None and taskwait.unwrap(squid) is squid


def test_a_real_error_answer_of_a_generated_creator_is_refused() -> None:
    from databar_client.api.enrichments import run_enrichment
    from databar_client.models import EnrichmentRunRequest, EnrichmentRunRequestParams

    client = Script([httpx.Response(406, json={"detail": "Insufficient credits"})]).client("databar")
    body = EnrichmentRunRequest(params=EnrichmentRunRequestParams.from_dict({"email": "a@example.com"}))
    with pytest.raises(taskwait.ProviderError, match="Insufficient credits"):
        taskwait.unwrap(run_enrichment.sync(123, client=client, body=body))
