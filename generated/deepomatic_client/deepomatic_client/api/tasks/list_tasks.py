from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.task_list import TaskList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    task_ids: list[str],
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_task_ids = task_ids

    params["task_ids"] = json_task_ids

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v0.7/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorDetail | TaskList | None:
    if response.status_code == 200:
        response_200 = TaskList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | TaskList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    task_ids: list[str],
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorDetail | TaskList]:
    """Get multiple task status

     Retrieve several tasks status given their IDs, as a paginated list.

    Args:
        task_ids (list[str]):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | TaskList]
    """

    kwargs = _get_kwargs(
        task_ids=task_ids,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    task_ids: list[str],
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorDetail | TaskList | None:
    """Get multiple task status

     Retrieve several tasks status given their IDs, as a paginated list.

    Args:
        task_ids (list[str]):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | TaskList
    """

    return sync_detailed(
        client=client,
        task_ids=task_ids,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    task_ids: list[str],
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorDetail | TaskList]:
    """Get multiple task status

     Retrieve several tasks status given their IDs, as a paginated list.

    Args:
        task_ids (list[str]):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | TaskList]
    """

    kwargs = _get_kwargs(
        task_ids=task_ids,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    task_ids: list[str],
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorDetail | TaskList | None:
    """Get multiple task status

     Retrieve several tasks status given their IDs, as a paginated list.

    Args:
        task_ids (list[str]):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | TaskList
    """

    return (
        await asyncio_detailed(
            client=client,
            task_ids=task_ids,
            offset=offset,
            limit=limit,
        )
    ).parsed
