from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.task_status import TaskStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    batch_id: str,
    *,
    status: TaskStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/task/batch/{batch_id}/task_ids".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | list[str] | None:
    if response.status_code == 200:
        response_200 = cast(list[str], response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | list[str]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    status: TaskStatus | Unset = UNSET,
) -> Response[ErrorDetail | list[str]]:
    """Get task IDs in a batch

     The ids of a batch's tasks, optionally only those in one status (the docs use status=COMPLETED once
    batch_ready is true); fetch each with `GET /api/v1/task/{task_id}`. Answers a bare JSON array of id
    strings. Source: https://app.openmart.com/api-docs/get-task-ids-in-a-batch.

    Args:
        batch_id (str):
        status (TaskStatus | Unset): A task's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | list[str]]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    status: TaskStatus | Unset = UNSET,
) -> ErrorDetail | list[str] | None:
    """Get task IDs in a batch

     The ids of a batch's tasks, optionally only those in one status (the docs use status=COMPLETED once
    batch_ready is true); fetch each with `GET /api/v1/task/{task_id}`. Answers a bare JSON array of id
    strings. Source: https://app.openmart.com/api-docs/get-task-ids-in-a-batch.

    Args:
        batch_id (str):
        status (TaskStatus | Unset): A task's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | list[str]
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        status=status,
    ).parsed


async def asyncio_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    status: TaskStatus | Unset = UNSET,
) -> Response[ErrorDetail | list[str]]:
    """Get task IDs in a batch

     The ids of a batch's tasks, optionally only those in one status (the docs use status=COMPLETED once
    batch_ready is true); fetch each with `GET /api/v1/task/{task_id}`. Answers a bare JSON array of id
    strings. Source: https://app.openmart.com/api-docs/get-task-ids-in-a-batch.

    Args:
        batch_id (str):
        status (TaskStatus | Unset): A task's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | list[str]]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    status: TaskStatus | Unset = UNSET,
) -> ErrorDetail | list[str] | None:
    """Get task IDs in a batch

     The ids of a batch's tasks, optionally only those in one status (the docs use status=COMPLETED once
    batch_ready is true); fetch each with `GET /api/v1/task/{task_id}`. Answers a bare JSON array of id
    strings. Source: https://app.openmart.com/api-docs/get-task-ids-in-a-batch.

    Args:
        batch_id (str):
        status (TaskStatus | Unset): A task's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | list[str]
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            status=status,
        )
    ).parsed
