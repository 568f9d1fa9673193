from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.task_upload import TaskUpload
from ...models.upload_tasks_body import UploadTasksBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadTasksBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tasks/upload",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TaskUpload | None:
    if response.status_code == 200:
        response_200 = TaskUpload.from_dict(response.json())

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
) -> Response[ErrorResponse | TaskUpload]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadTasksBody,
) -> Response[ErrorResponse | TaskUpload]:
    """Upload Tasks

     Upload a CSV or TSV file of tasks for a squid; its rows are read in the background (see Check Upload
    Status). Source: lobstrio/docs docs/upload-tasks.mdx; BadEncoding and FileSizeLimitExceeded from
    docs/errors.mdx.

    Args:
        body (UploadTasksBody): What Upload Tasks takes, as multipart/form-data (docs/upload-
            tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TaskUpload]
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
    body: UploadTasksBody,
) -> ErrorResponse | TaskUpload | None:
    """Upload Tasks

     Upload a CSV or TSV file of tasks for a squid; its rows are read in the background (see Check Upload
    Status). Source: lobstrio/docs docs/upload-tasks.mdx; BadEncoding and FileSizeLimitExceeded from
    docs/errors.mdx.

    Args:
        body (UploadTasksBody): What Upload Tasks takes, as multipart/form-data (docs/upload-
            tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TaskUpload
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadTasksBody,
) -> Response[ErrorResponse | TaskUpload]:
    """Upload Tasks

     Upload a CSV or TSV file of tasks for a squid; its rows are read in the background (see Check Upload
    Status). Source: lobstrio/docs docs/upload-tasks.mdx; BadEncoding and FileSizeLimitExceeded from
    docs/errors.mdx.

    Args:
        body (UploadTasksBody): What Upload Tasks takes, as multipart/form-data (docs/upload-
            tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TaskUpload]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadTasksBody,
) -> ErrorResponse | TaskUpload | None:
    """Upload Tasks

     Upload a CSV or TSV file of tasks for a squid; its rows are read in the background (see Check Upload
    Status). Source: lobstrio/docs docs/upload-tasks.mdx; BadEncoding and FileSizeLimitExceeded from
    docs/errors.mdx.

    Args:
        body (UploadTasksBody): What Upload Tasks takes, as multipart/form-data (docs/upload-
            tasks.mdx).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TaskUpload
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
