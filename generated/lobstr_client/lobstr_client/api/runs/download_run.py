from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.run_download import RunDownload
from ...types import Response


def _get_kwargs(
    run_hash: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs/{run_hash}/download".format(
            run_hash=quote(str(run_hash), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RunDownload | None:
    if response.status_code == 200:
        response_200 = RunDownload.from_dict(response.json())

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
) -> Response[ErrorResponse | RunDownload]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    run_hash: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | RunDownload]:
    """Download Run

     A temporary signed URL of the run's results as CSV; the run must have export_done true. Source:
    lobstrio/docs docs/download-run.mdx.

    Args:
        run_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunDownload]
    """

    kwargs = _get_kwargs(
        run_hash=run_hash,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    run_hash: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | RunDownload | None:
    """Download Run

     A temporary signed URL of the run's results as CSV; the run must have export_done true. Source:
    lobstrio/docs docs/download-run.mdx.

    Args:
        run_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunDownload
    """

    return sync_detailed(
        run_hash=run_hash,
        client=client,
    ).parsed


async def asyncio_detailed(
    run_hash: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | RunDownload]:
    """Download Run

     A temporary signed URL of the run's results as CSV; the run must have export_done true. Source:
    lobstrio/docs docs/download-run.mdx.

    Args:
        run_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunDownload]
    """

    kwargs = _get_kwargs(
        run_hash=run_hash,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_hash: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | RunDownload | None:
    """Download Run

     A temporary signed URL of the run's results as CSV; the run must have export_done true. Source:
    lobstrio/docs docs/download-run.mdx.

    Args:
        run_hash (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunDownload
    """

    return (
        await asyncio_detailed(
            run_hash=run_hash,
            client=client,
        )
    ).parsed
