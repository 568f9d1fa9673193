from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.result_list import ResultList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    squid: str | Unset = UNSET,
    run: str | Unset = UNSET,
    task: str | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["squid"] = squid

    params["run"] = run

    params["task"] = task

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/results",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ResultList | None:
    if response.status_code == 200:
        response_200 = ResultList.from_dict(response.json())

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
) -> Response[ErrorResponse | ResultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    squid: str | Unset = UNSET,
    run: str | Unset = UNSET,
    task: str | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | ResultList]:
    """Get Results

     A page of the results (scraped rows) of a squid or of one run: give exactly one of squid and run.
    Source: lobstrio/docs docs/get-results.mdx and docs/pagination.mdx.

    Args:
        squid (str | Unset):
        run (str | Unset):
        task (str | Unset):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ResultList]
    """

    kwargs = _get_kwargs(
        squid=squid,
        run=run,
        task=task,
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
    squid: str | Unset = UNSET,
    run: str | Unset = UNSET,
    task: str | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | ResultList | None:
    """Get Results

     A page of the results (scraped rows) of a squid or of one run: give exactly one of squid and run.
    Source: lobstrio/docs docs/get-results.mdx and docs/pagination.mdx.

    Args:
        squid (str | Unset):
        run (str | Unset):
        task (str | Unset):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ResultList
    """

    return sync_detailed(
        client=client,
        squid=squid,
        run=run,
        task=task,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    squid: str | Unset = UNSET,
    run: str | Unset = UNSET,
    task: str | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | ResultList]:
    """Get Results

     A page of the results (scraped rows) of a squid or of one run: give exactly one of squid and run.
    Source: lobstrio/docs docs/get-results.mdx and docs/pagination.mdx.

    Args:
        squid (str | Unset):
        run (str | Unset):
        task (str | Unset):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ResultList]
    """

    kwargs = _get_kwargs(
        squid=squid,
        run=run,
        task=task,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    squid: str | Unset = UNSET,
    run: str | Unset = UNSET,
    task: str | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | ResultList | None:
    """Get Results

     A page of the results (scraped rows) of a squid or of one run: give exactly one of squid and run.
    Source: lobstrio/docs docs/get-results.mdx and docs/pagination.mdx.

    Args:
        squid (str | Unset):
        run (str | Unset):
        task (str | Unset):
        page (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ResultList
    """

    return (
        await asyncio_detailed(
            client=client,
            squid=squid,
            run=run,
            task=task,
            page=page,
            limit=limit,
        )
    ).parsed
