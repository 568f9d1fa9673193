from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.table_run_enrichment_request import TableRunEnrichmentRequest
from ...models.table_run_enrichment_response import TableRunEnrichmentResponse
from ...types import Response


def _get_kwargs(
    table_uuid: UUID,
    enrichment_id: str,
    *,
    body: TableRunEnrichmentRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/table/{table_uuid}/run-enrichment/{enrichment_id}".format(
            table_uuid=quote(str(table_uuid), safe=""),
            enrichment_id=quote(str(enrichment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | TableRunEnrichmentResponse | None:
    if response.status_code == 200:
        response_200 = TableRunEnrichmentResponse.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = HTTPError.from_dict(response.json())

        return response_406

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | HTTPValidationError | TableRunEnrichmentResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    table_uuid: UUID,
    enrichment_id: str,
    *,
    client: AuthenticatedClient,
    body: TableRunEnrichmentRequest,
) -> Response[HTTPError | HTTPValidationError | TableRunEnrichmentResponse]:
    """Run enrichment in table

     Runs an enrichment or waterfall already added to a table on its rows. Answers no task id: the
    results are written to the table's rows. Source: https://docs.databar.ai/api-
    reference/endpoint/tables-run-enrichment

    Args:
        table_uuid (UUID):
        enrichment_id (str):
        body (TableRunEnrichmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | TableRunEnrichmentResponse]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
        enrichment_id=enrichment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    table_uuid: UUID,
    enrichment_id: str,
    *,
    client: AuthenticatedClient,
    body: TableRunEnrichmentRequest,
) -> HTTPError | HTTPValidationError | TableRunEnrichmentResponse | None:
    """Run enrichment in table

     Runs an enrichment or waterfall already added to a table on its rows. Answers no task id: the
    results are written to the table's rows. Source: https://docs.databar.ai/api-
    reference/endpoint/tables-run-enrichment

    Args:
        table_uuid (UUID):
        enrichment_id (str):
        body (TableRunEnrichmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | TableRunEnrichmentResponse
    """

    return sync_detailed(
        table_uuid=table_uuid,
        enrichment_id=enrichment_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    table_uuid: UUID,
    enrichment_id: str,
    *,
    client: AuthenticatedClient,
    body: TableRunEnrichmentRequest,
) -> Response[HTTPError | HTTPValidationError | TableRunEnrichmentResponse]:
    """Run enrichment in table

     Runs an enrichment or waterfall already added to a table on its rows. Answers no task id: the
    results are written to the table's rows. Source: https://docs.databar.ai/api-
    reference/endpoint/tables-run-enrichment

    Args:
        table_uuid (UUID):
        enrichment_id (str):
        body (TableRunEnrichmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | TableRunEnrichmentResponse]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
        enrichment_id=enrichment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    table_uuid: UUID,
    enrichment_id: str,
    *,
    client: AuthenticatedClient,
    body: TableRunEnrichmentRequest,
) -> HTTPError | HTTPValidationError | TableRunEnrichmentResponse | None:
    """Run enrichment in table

     Runs an enrichment or waterfall already added to a table on its rows. Answers no task id: the
    results are written to the table's rows. Source: https://docs.databar.ai/api-
    reference/endpoint/tables-run-enrichment

    Args:
        table_uuid (UUID):
        enrichment_id (str):
        body (TableRunEnrichmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | TableRunEnrichmentResponse
    """

    return (
        await asyncio_detailed(
            table_uuid=table_uuid,
            enrichment_id=enrichment_id,
            client=client,
            body=body,
        )
    ).parsed
