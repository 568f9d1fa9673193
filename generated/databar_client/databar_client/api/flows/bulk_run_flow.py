from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flow_bulk_run_request import FlowBulkRunRequest
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.run_response import RunResponse
from ...types import Response


def _get_kwargs(
    flow_id: str,
    *,
    body: FlowBulkRunRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/flows/{flow_id}/bulk-run".format(
            flow_id=quote(str(flow_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | RunResponse | None:
    if response.status_code == 200:
        response_200 = RunResponse.from_dict(response.json())

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
) -> Response[HTTPError | HTTPValidationError | RunResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: FlowBulkRunRequest,
) -> Response[HTTPError | HTTPValidationError | RunResponse]:
    """Run a flow over many inputs

     Runs a flow over many input sets in one task; its data is a list aligned to the inputs, null for
    inputs without data.

    Args:
        flow_id (str):
        body (FlowBulkRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | RunResponse]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: FlowBulkRunRequest,
) -> HTTPError | HTTPValidationError | RunResponse | None:
    """Run a flow over many inputs

     Runs a flow over many input sets in one task; its data is a list aligned to the inputs, null for
    inputs without data.

    Args:
        flow_id (str):
        body (FlowBulkRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | RunResponse
    """

    return sync_detailed(
        flow_id=flow_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: FlowBulkRunRequest,
) -> Response[HTTPError | HTTPValidationError | RunResponse]:
    """Run a flow over many inputs

     Runs a flow over many input sets in one task; its data is a list aligned to the inputs, null for
    inputs without data.

    Args:
        flow_id (str):
        body (FlowBulkRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | RunResponse]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: FlowBulkRunRequest,
) -> HTTPError | HTTPValidationError | RunResponse | None:
    """Run a flow over many inputs

     Runs a flow over many input sets in one task; its data is a list aligned to the inputs, null for
    inputs without data.

    Args:
        flow_id (str):
        body (FlowBulkRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | RunResponse
    """

    return (
        await asyncio_detailed(
            flow_id=flow_id,
            client=client,
            body=body,
        )
    ).parsed
