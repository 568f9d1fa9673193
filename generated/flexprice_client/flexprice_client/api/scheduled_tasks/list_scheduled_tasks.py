from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.error_response import ErrorResponse
from ...models.list_scheduled_tasks_response import ListScheduledTasksResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    connection_id: str | Unset = UNSET,
    entity_type: str | Unset = UNSET,
    interval: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["connection_id"] = connection_id

    params["entity_type"] = entity_type

    params["interval"] = interval

    params["enabled"] = enabled

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tasks/scheduled",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthError | ErrorResponse | ListScheduledTasksResponse | None:
    if response.status_code == 200:
        response_200 = ListScheduledTasksResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthError | ErrorResponse | ListScheduledTasksResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    connection_id: str | Unset = UNSET,
    entity_type: str | Unset = UNSET,
    interval: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | ListScheduledTasksResponse]:
    """List scheduled tasks

     Use when listing or managing scheduled tasks in an admin UI. Returns a list; supports filtering by
    status, type, and pagination.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        connection_id (str | Unset):
        entity_type (str | Unset):
        interval (str | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ListScheduledTasksResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        connection_id=connection_id,
        entity_type=entity_type,
        interval=interval,
        enabled=enabled,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    connection_id: str | Unset = UNSET,
    entity_type: str | Unset = UNSET,
    interval: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> AuthError | ErrorResponse | ListScheduledTasksResponse | None:
    """List scheduled tasks

     Use when listing or managing scheduled tasks in an admin UI. Returns a list; supports filtering by
    status, type, and pagination.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        connection_id (str | Unset):
        entity_type (str | Unset):
        interval (str | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ListScheduledTasksResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        connection_id=connection_id,
        entity_type=entity_type,
        interval=interval,
        enabled=enabled,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    connection_id: str | Unset = UNSET,
    entity_type: str | Unset = UNSET,
    interval: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | ListScheduledTasksResponse]:
    """List scheduled tasks

     Use when listing or managing scheduled tasks in an admin UI. Returns a list; supports filtering by
    status, type, and pagination.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        connection_id (str | Unset):
        entity_type (str | Unset):
        interval (str | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ListScheduledTasksResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        connection_id=connection_id,
        entity_type=entity_type,
        interval=interval,
        enabled=enabled,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    connection_id: str | Unset = UNSET,
    entity_type: str | Unset = UNSET,
    interval: str | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> AuthError | ErrorResponse | ListScheduledTasksResponse | None:
    """List scheduled tasks

     Use when listing or managing scheduled tasks in an admin UI. Returns a list; supports filtering by
    status, type, and pagination.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        connection_id (str | Unset):
        entity_type (str | Unset):
        interval (str | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ListScheduledTasksResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            connection_id=connection_id,
            entity_type=entity_type,
            interval=interval,
            enabled=enabled,
        )
    ).parsed
