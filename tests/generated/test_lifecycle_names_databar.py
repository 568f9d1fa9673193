"""Databar's task creators under readable names, building the requests the docs describe."""

from __future__ import annotations

import json
import uuid

from databar_client.api.enrichments import bulk_run_enrichment, run_enrichment
from databar_client.api.flows import run_flow
from databar_client.api.tables import run_table_enrichment
from databar_client.api.tasks import get_task
from databar_client.api.waterfalls import bulk_run_waterfall, run_waterfall
from databar_client.models import (
    EnrichmentBulkRunRequest,
    EnrichmentBulkRunRequestParamsItem,
    EnrichmentRunRequest,
    EnrichmentRunRequestParams,
    FlowRunRequest,
    FlowRunRequestInputs,
    PaginationOptions,
    RunResponse,
    TableRunEnrichmentRequest,
    TableRunEnrichmentRequestRunStrategy,
    TableRunEnrichmentResponse,
    Task,
    WaterfallBulkRunRequest,
    WaterfallBulkRunRequestParamsItem,
    WaterfallRunRequest,
    WaterfallRunRequestParams,
)


def test_every_creator_has_the_four_call_styles() -> None:
    for module in (run_enrichment, bulk_run_enrichment, run_waterfall, bulk_run_waterfall, run_flow,
                   run_table_enrichment, get_task):  # fmt: skip
        assert all(callable(getattr(module, f)) for f in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"))


def test_run_enrichment_posts_params_and_pagination() -> None:
    params = EnrichmentRunRequestParams.from_dict({"email": "a@x.io"})
    kwargs = run_enrichment._get_kwargs(123, body=EnrichmentRunRequest(params=params, pagination=PaginationOptions(2)))
    assert (kwargs["method"], kwargs["url"]) == ("post", "/v1/enrichments/123/run")
    assert kwargs["json"] == {"params": {"email": "a@x.io"}, "pagination": {"pages": 2}}


def test_bulk_and_waterfall_and_flow_bodies() -> None:
    items = [EnrichmentBulkRunRequestParamsItem.from_dict({"email": e}) for e in ("a", "b")]
    bulk = bulk_run_enrichment._get_kwargs(1, body=EnrichmentBulkRunRequest(params=items))
    assert bulk["url"] == "/v1/enrichments/1/bulk-run" and bulk["json"] == {"params": [{"email": "a"}, {"email": "b"}]}
    one = WaterfallRunRequest(
        params=WaterfallRunRequestParams.from_dict({"n": "Jo"}), enrichments=[833], email_verifier=None
    )
    assert run_waterfall._get_kwargs("email_getter", body=one)["json"] == {
        "params": {"n": "Jo"}, "enrichments": [833], "email_verifier": None}  # fmt: skip
    many = WaterfallBulkRunRequest(params=[WaterfallBulkRunRequestParamsItem.from_dict({"n": "Jo"})], enrichments=[1])
    assert bulk_run_waterfall._get_kwargs("email_getter", body=many)["url"] == "/v1/waterfalls/email_getter/bulk-run"
    flow = run_flow._get_kwargs("f-1", body=FlowRunRequest(inputs=FlowRunRequestInputs.from_dict({"email": "a"})))
    assert flow["url"] == "/v1/flows/f-1/run" and flow["json"] == {"inputs": {"email": "a"}}


def test_table_run_body_and_answer() -> None:
    table, row = uuid.UUID(int=1), uuid.UUID(int=2)
    body = TableRunEnrichmentRequest(run_strategy=TableRunEnrichmentRequestRunStrategy.RUN_EMPTY, row_ids=[row])
    kwargs = run_table_enrichment._get_kwargs(table, "42", body=body)
    assert kwargs["url"] == f"/v1/table/{table}/run-enrichment/42"
    assert json.loads(json.dumps(kwargs["json"])) == {"run_strategy": "run_empty", "row_ids": [str(row)]}
    answer = TableRunEnrichmentResponse.from_dict({"status": "queued", "processing_rows": None})
    assert answer.status == "queued" and answer.processing_rows is None


def test_run_response_carries_the_task_id_get_task_takes() -> None:
    started = RunResponse.from_dict({"task_id": "123e4567-e89b-12d3-a456-426614174000", "status": "processing"})
    assert get_task._get_kwargs(started.task_id)["url"] == f"/v1/tasks/{started.task_id}"
    assert Task.from_dict({"task_id": started.task_id, "status": "completed", "data": [None]}).data == [None]
