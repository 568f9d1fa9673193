from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.create_scheduled_task_request import CreateScheduledTaskRequest
from ...models.error_response import ErrorResponse
from ...models.scheduled_task_response import ScheduledTaskResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateScheduledTaskRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tasks/scheduled",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthError | ErrorResponse | ScheduledTaskResponse | None:
    if response.status_code == 201:
        response_201 = ScheduledTaskResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthError | ErrorResponse | ScheduledTaskResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateScheduledTaskRequest,
) -> Response[AuthError | ErrorResponse | ScheduledTaskResponse]:
    """Create scheduled task

     Use when setting up recurring data exports or other scheduled jobs. Ideal for report generation or
    syncing data on a schedule.

    Args:
        body (CreateScheduledTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ScheduledTaskResponse]
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
    body: CreateScheduledTaskRequest,
) -> AuthError | ErrorResponse | ScheduledTaskResponse | None:
    """Create scheduled task

     Use when setting up recurring data exports or other scheduled jobs. Ideal for report generation or
    syncing data on a schedule.

    Args:
        body (CreateScheduledTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ScheduledTaskResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateScheduledTaskRequest,
) -> Response[AuthError | ErrorResponse | ScheduledTaskResponse]:
    """Create scheduled task

     Use when setting up recurring data exports or other scheduled jobs. Ideal for report generation or
    syncing data on a schedule.

    Args:
        body (CreateScheduledTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ScheduledTaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateScheduledTaskRequest,
) -> AuthError | ErrorResponse | ScheduledTaskResponse | None:
    """Create scheduled task

     Use when setting up recurring data exports or other scheduled jobs. Ideal for report generation or
    syncing data on a schedule.

    Args:
        body (CreateScheduledTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ScheduledTaskResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
