from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.upload_status import UploadStatus
from ...types import Response


def _get_kwargs(
    upload_task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/upload/{upload_task_id}".format(
            upload_task_id=quote(str(upload_task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UploadStatus | None:
    if response.status_code == 200:
        response_200 = UploadStatus.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = UploadStatus.from_dict(response.json())

        return response_202

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
) -> Response[ErrorResponse | UploadStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    upload_task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | UploadStatus]:
    """Check Upload Status

     The state of a task upload: 202 while PENDING or PROGRESS (meta null), 200 once SUCCESS or FAILURE.
    Source: lobstrio/docs docs/check-upload-status.mdx.

    Args:
        upload_task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadStatus]
    """

    kwargs = _get_kwargs(
        upload_task_id=upload_task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upload_task_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | UploadStatus | None:
    """Check Upload Status

     The state of a task upload: 202 while PENDING or PROGRESS (meta null), 200 once SUCCESS or FAILURE.
    Source: lobstrio/docs docs/check-upload-status.mdx.

    Args:
        upload_task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadStatus
    """

    return sync_detailed(
        upload_task_id=upload_task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    upload_task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | UploadStatus]:
    """Check Upload Status

     The state of a task upload: 202 while PENDING or PROGRESS (meta null), 200 once SUCCESS or FAILURE.
    Source: lobstrio/docs docs/check-upload-status.mdx.

    Args:
        upload_task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadStatus]
    """

    kwargs = _get_kwargs(
        upload_task_id=upload_task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upload_task_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | UploadStatus | None:
    """Check Upload Status

     The state of a task upload: 202 while PENDING or PROGRESS (meta null), 200 once SUCCESS or FAILURE.
    Source: lobstrio/docs docs/check-upload-status.mdx.

    Args:
        upload_task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadStatus
    """

    return (
        await asyncio_detailed(
            upload_task_id=upload_task_id,
            client=client,
        )
    ).parsed
