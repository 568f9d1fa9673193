from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.entity_type import EntityType
from ...models.error_response import ErrorResponse
from ...models.list_tasks_order import ListTasksOrder
from ...models.list_tasks_response import ListTasksResponse
from ...models.status import Status
from ...models.task_status import TaskStatus
from ...models.task_type import TaskType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    created_by: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    entity_type: EntityType | Unset = UNSET,
    expand: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: ListTasksOrder | Unset = UNSET,
    scheduled_task_id: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    start_time: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    task_status: TaskStatus | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["created_by"] = created_by

    params["end_time"] = end_time

    json_entity_type: str | Unset = UNSET
    if not isinstance(entity_type, Unset):
        json_entity_type = entity_type.value

    params["entity_type"] = json_entity_type

    params["expand"] = expand

    params["limit"] = limit

    params["offset"] = offset

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["scheduled_task_id"] = scheduled_task_id

    params["sort"] = sort

    params["start_time"] = start_time

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_task_status: str | Unset = UNSET
    if not isinstance(task_status, Unset):
        json_task_status = task_status.value

    params["task_status"] = json_task_status

    json_task_type: str | Unset = UNSET
    if not isinstance(task_type, Unset):
        json_task_type = task_type.value

    params["task_type"] = json_task_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthError | ErrorResponse | ListTasksResponse | None:
    if response.status_code == 200:
        response_200 = ListTasksResponse.from_dict(response.json())

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
) -> Response[AuthError | ErrorResponse | ListTasksResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    created_by: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    entity_type: EntityType | Unset = UNSET,
    expand: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: ListTasksOrder | Unset = UNSET,
    scheduled_task_id: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    start_time: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    task_status: TaskStatus | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | ListTasksResponse]:
    """List tasks

     Use when listing or searching async tasks (e.g. admin queue view). Returns list with optional
    filtering.

    Args:
        created_by (str | Unset):
        end_time (str | Unset):
        entity_type (EntityType | Unset):
        expand (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (ListTasksOrder | Unset):
        scheduled_task_id (str | Unset):
        sort (str | Unset):
        start_time (str | Unset):
        status (Status | Unset):
        task_status (TaskStatus | Unset):
        task_type (TaskType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ListTasksResponse]
    """

    kwargs = _get_kwargs(
        created_by=created_by,
        end_time=end_time,
        entity_type=entity_type,
        expand=expand,
        limit=limit,
        offset=offset,
        order=order,
        scheduled_task_id=scheduled_task_id,
        sort=sort,
        start_time=start_time,
        status=status,
        task_status=task_status,
        task_type=task_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    created_by: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    entity_type: EntityType | Unset = UNSET,
    expand: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: ListTasksOrder | Unset = UNSET,
    scheduled_task_id: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    start_time: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    task_status: TaskStatus | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
) -> AuthError | ErrorResponse | ListTasksResponse | None:
    """List tasks

     Use when listing or searching async tasks (e.g. admin queue view). Returns list with optional
    filtering.

    Args:
        created_by (str | Unset):
        end_time (str | Unset):
        entity_type (EntityType | Unset):
        expand (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (ListTasksOrder | Unset):
        scheduled_task_id (str | Unset):
        sort (str | Unset):
        start_time (str | Unset):
        status (Status | Unset):
        task_status (TaskStatus | Unset):
        task_type (TaskType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ListTasksResponse
    """

    return sync_detailed(
        client=client,
        created_by=created_by,
        end_time=end_time,
        entity_type=entity_type,
        expand=expand,
        limit=limit,
        offset=offset,
        order=order,
        scheduled_task_id=scheduled_task_id,
        sort=sort,
        start_time=start_time,
        status=status,
        task_status=task_status,
        task_type=task_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    created_by: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    entity_type: EntityType | Unset = UNSET,
    expand: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: ListTasksOrder | Unset = UNSET,
    scheduled_task_id: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    start_time: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    task_status: TaskStatus | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | ListTasksResponse]:
    """List tasks

     Use when listing or searching async tasks (e.g. admin queue view). Returns list with optional
    filtering.

    Args:
        created_by (str | Unset):
        end_time (str | Unset):
        entity_type (EntityType | Unset):
        expand (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (ListTasksOrder | Unset):
        scheduled_task_id (str | Unset):
        sort (str | Unset):
        start_time (str | Unset):
        status (Status | Unset):
        task_status (TaskStatus | Unset):
        task_type (TaskType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | ListTasksResponse]
    """

    kwargs = _get_kwargs(
        created_by=created_by,
        end_time=end_time,
        entity_type=entity_type,
        expand=expand,
        limit=limit,
        offset=offset,
        order=order,
        scheduled_task_id=scheduled_task_id,
        sort=sort,
        start_time=start_time,
        status=status,
        task_status=task_status,
        task_type=task_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    created_by: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    entity_type: EntityType | Unset = UNSET,
    expand: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: ListTasksOrder | Unset = UNSET,
    scheduled_task_id: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    start_time: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    task_status: TaskStatus | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
) -> AuthError | ErrorResponse | ListTasksResponse | None:
    """List tasks

     Use when listing or searching async tasks (e.g. admin queue view). Returns list with optional
    filtering.

    Args:
        created_by (str | Unset):
        end_time (str | Unset):
        entity_type (EntityType | Unset):
        expand (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (ListTasksOrder | Unset):
        scheduled_task_id (str | Unset):
        sort (str | Unset):
        start_time (str | Unset):
        status (Status | Unset):
        task_status (TaskStatus | Unset):
        task_type (TaskType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | ListTasksResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            created_by=created_by,
            end_time=end_time,
            entity_type=entity_type,
            expand=expand,
            limit=limit,
            offset=offset,
            order=order,
            scheduled_task_id=scheduled_task_id,
            sort=sort,
            start_time=start_time,
            status=status,
            task_status=task_status,
            task_type=task_type,
        )
    ).parsed
