from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_tasks_request import AddTasksRequest
from ...models.add_tasks_response import AddTasksResponse
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: AddTasksRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tasks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddTasksResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AddTasksResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AddTasksResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AddTasksRequest,
) -> Response[AddTasksResponse | ErrorResponse]:
    """Add Tasks

     Add tasks (input rows) to a squid; duplicates (same parameters) are skipped and counted. Source:
    lobstrio/docs docs/add-tasks.mdx.

    Args:
        body (AddTasksRequest): What Add Tasks takes (docs/add-tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddTasksResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AddTasksRequest,
) -> AddTasksResponse | ErrorResponse | None:
    """Add Tasks

     Add tasks (input rows) to a squid; duplicates (same parameters) are skipped and counted. Source:
    lobstrio/docs docs/add-tasks.mdx.

    Args:
        body (AddTasksRequest): What Add Tasks takes (docs/add-tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddTasksResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AddTasksRequest,
) -> Response[AddTasksResponse | ErrorResponse]:
    """Add Tasks

     Add tasks (input rows) to a squid; duplicates (same parameters) are skipped and counted. Source:
    lobstrio/docs docs/add-tasks.mdx.

    Args:
        body (AddTasksRequest): What Add Tasks takes (docs/add-tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddTasksResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AddTasksRequest,
) -> AddTasksResponse | ErrorResponse | None:
    """Add Tasks

     Add tasks (input rows) to a squid; duplicates (same parameters) are skipped and counted. Source:
    lobstrio/docs docs/add-tasks.mdx.

    Args:
        body (AddTasksRequest): What Add Tasks takes (docs/add-tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddTasksResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
