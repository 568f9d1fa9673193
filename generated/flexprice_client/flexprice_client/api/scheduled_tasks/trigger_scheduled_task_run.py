from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.error_response import ErrorResponse
from ...models.trigger_force_run_request import TriggerForceRunRequest
from ...models.trigger_force_run_response import TriggerForceRunResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: TriggerForceRunRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tasks/scheduled/{id}/run".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthError | ErrorResponse | TriggerForceRunResponse | None:
    if response.status_code == 200:
        response_200 = TriggerForceRunResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthError | ErrorResponse | TriggerForceRunResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: TriggerForceRunRequest | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | TriggerForceRunResponse]:
    """Trigger force run

     Use when you need to run a scheduled export immediately (e.g. on-demand report or catch-up).
    Supports optional custom time range.

    Args:
        id (str):
        body (TriggerForceRunRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | TriggerForceRunResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: TriggerForceRunRequest | Unset = UNSET,
) -> AuthError | ErrorResponse | TriggerForceRunResponse | None:
    """Trigger force run

     Use when you need to run a scheduled export immediately (e.g. on-demand report or catch-up).
    Supports optional custom time range.

    Args:
        id (str):
        body (TriggerForceRunRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | TriggerForceRunResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: TriggerForceRunRequest | Unset = UNSET,
) -> Response[AuthError | ErrorResponse | TriggerForceRunResponse]:
    """Trigger force run

     Use when you need to run a scheduled export immediately (e.g. on-demand report or catch-up).
    Supports optional custom time range.

    Args:
        id (str):
        body (TriggerForceRunRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | ErrorResponse | TriggerForceRunResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: TriggerForceRunRequest | Unset = UNSET,
) -> AuthError | ErrorResponse | TriggerForceRunResponse | None:
    """Trigger force run

     Use when you need to run a scheduled export immediately (e.g. on-demand report or catch-up).
    Supports optional custom time range.

    Args:
        id (str):
        body (TriggerForceRunRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | ErrorResponse | TriggerForceRunResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
