from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.run_list import RunList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    squid: str,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["squid"] = squid

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RunList | None:
    if response.status_code == 200:
        response_200 = RunList.from_dict(response.json())

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
) -> Response[ErrorResponse | RunList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    squid: str,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | RunList]:
    """List Runs

     A page of the runs of one squid, newest first. Source: lobstrio/docs docs/list-runs.mdx and
    docs/pagination.mdx.

    Args:
        squid (str):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunList]
    """

    kwargs = _get_kwargs(
        squid=squid,
        page=page,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    squid: str,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | RunList | None:
    """List Runs

     A page of the runs of one squid, newest first. Source: lobstrio/docs docs/list-runs.mdx and
    docs/pagination.mdx.

    Args:
        squid (str):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunList
    """

    return sync_detailed(
        client=client,
        squid=squid,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    squid: str,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | RunList]:
    """List Runs

     A page of the runs of one squid, newest first. Source: lobstrio/docs docs/list-runs.mdx and
    docs/pagination.mdx.

    Args:
        squid (str):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunList]
    """

    kwargs = _get_kwargs(
        squid=squid,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    squid: str,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | RunList | None:
    """List Runs

     A page of the runs of one squid, newest first. Source: lobstrio/docs docs/list-runs.mdx and
    docs/pagination.mdx.

    Args:
        squid (str):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunList
    """

    return (
        await asyncio_detailed(
            client=client,
            squid=squid,
            page=page,
            limit=limit,
        )
    ).parsed
