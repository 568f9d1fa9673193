from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deleted_task import DeletedTask
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    task_hash: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/tasks/{task_hash}".format(
            task_hash=quote(str(task_hash), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeletedTask | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeletedTask.from_dict(response.json())

        return response_200

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
) -> Response[DeletedTask | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_hash: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeletedTask | ErrorResponse]:
    """Delete Task

     Permanently delete a task. Source: lobstrio/docs docs/delete-task.mdx.

    Args:
        task_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedTask | ErrorResponse]
    """

    kwargs = _get_kwargs(
        task_hash=task_hash,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_hash: str,
    *,
    client: AuthenticatedClient,
) -> DeletedTask | ErrorResponse | None:
    """Delete Task

     Permanently delete a task. Source: lobstrio/docs docs/delete-task.mdx.

    Args:
        task_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedTask | ErrorResponse
    """

    return sync_detailed(
        task_hash=task_hash,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_hash: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeletedTask | ErrorResponse]:
    """Delete Task

     Permanently delete a task. Source: lobstrio/docs docs/delete-task.mdx.

    Args:
        task_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedTask | ErrorResponse]
    """

    kwargs = _get_kwargs(
        task_hash=task_hash,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_hash: str,
    *,
    client: AuthenticatedClient,
) -> DeletedTask | ErrorResponse | None:
    """Delete Task

     Permanently delete a task. Source: lobstrio/docs docs/delete-task.mdx.

    Args:
        task_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedTask | ErrorResponse
    """

    return (
        await asyncio_detailed(
            task_hash=task_hash,
            client=client,
        )
    ).parsed
