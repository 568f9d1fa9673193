from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_status import ExportStatus
from ...models.http_error import HTTPError
from ...types import Response


def _get_kwargs(
    table_uuid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/table/{table_uuid}/export".format(
            table_uuid=quote(str(table_uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportStatus | HTTPError | None:
    if response.status_code == 200:
        response_200 = ExportStatus.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExportStatus | HTTPError]:
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
) -> Response[ExportStatus | HTTPError]:
    """Latest table export

     The status of the table's latest export, with its file URL once written.

    Args:
        table_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportStatus | HTTPError]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
) -> ExportStatus | HTTPError | None:
    """Latest table export

     The status of the table's latest export, with its file URL once written.

    Args:
        table_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportStatus | HTTPError
    """

    return sync_detailed(
        table_uuid=table_uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ExportStatus | HTTPError]:
    """Latest table export

     The status of the table's latest export, with its file URL once written.

    Args:
        table_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportStatus | HTTPError]
    """

    kwargs = _get_kwargs(
        table_uuid=table_uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    table_uuid: str,
    *,
    client: AuthenticatedClient,
) -> ExportStatus | HTTPError | None:
    """Latest table export

     The status of the table's latest export, with its file URL once written.

    Args:
        table_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportStatus | HTTPError
    """

    return (
        await asyncio_detailed(
            table_uuid=table_uuid,
            client=client,
        )
    ).parsed
