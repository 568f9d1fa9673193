from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_status import ExportStatus
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.table_export_request import TableExportRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    table_uuid: str,
    *,
    body: TableExportRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/table/{table_uuid}/export".format(
            table_uuid=quote(str(table_uuid), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportStatus | HTTPError | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ExportStatus.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExportStatus | HTTPError | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
    body: TableExportRequest | Unset = UNSET,
) -> Response[ExportStatus | HTTPError | HTTPValidationError]:
    """Export a table

     Starts an export of the table; poll GET /v1/table/{table_uuid}/export until it has a file.

    Args:
        table_uuid (str):
        body (TableExportRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportStatus | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
    body: TableExportRequest | Unset = UNSET,
) -> ExportStatus | HTTPError | HTTPValidationError | None:
    """Export a table

     Starts an export of the table; poll GET /v1/table/{table_uuid}/export until it has a file.

    Args:
        table_uuid (str):
        body (TableExportRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportStatus | HTTPError | HTTPValidationError
    """

    return sync_detailed(
        table_uuid=table_uuid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
    body: TableExportRequest | Unset = UNSET,
) -> Response[ExportStatus | HTTPError | HTTPValidationError]:
    """Export a table

     Starts an export of the table; poll GET /v1/table/{table_uuid}/export until it has a file.

    Args:
        table_uuid (str):
        body (TableExportRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportStatus | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
    body: TableExportRequest | Unset = UNSET,
) -> ExportStatus | HTTPError | HTTPValidationError | None:
    """Export a table

     Starts an export of the table; poll GET /v1/table/{table_uuid}/export until it has a file.

    Args:
        table_uuid (str):
        body (TableExportRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportStatus | HTTPError | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            table_uuid=table_uuid,
            client=client,
            body=body,
        )
    ).parsed
