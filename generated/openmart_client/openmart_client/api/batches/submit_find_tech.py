from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.find_tech_task import FindTechTask
from ...models.submitted_batch import SubmittedBatch
from ...types import Response


def _get_kwargs(
    *,
    body: list[FindTechTask],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/task/batch/find_tech",
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | SubmittedBatch | None:
    if response.status_code == 200:
        response_200 = SubmittedBatch.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorDetail.from_dict(response.json())

        return response_402

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | SubmittedBatch]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[FindTechTask],
) -> Response[ErrorDetail | SubmittedBatch]:
    """Submit a batch of tech-detection tasks

     Detect whether companies use a technology (for example shopify, hubspot, klaviyo): one task per
    array element, 1 to 100 tasks a batch. Answers a batch_id to poll. The route sleeps about 26 seconds
    before it processes a request; give the client a timeout of at least 60 seconds. Source:
    https://app.openmart.com/api-docs/detect-tech-stack.

    Args:
        body (list[FindTechTask]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | SubmittedBatch]
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
    body: list[FindTechTask],
) -> ErrorDetail | SubmittedBatch | None:
    """Submit a batch of tech-detection tasks

     Detect whether companies use a technology (for example shopify, hubspot, klaviyo): one task per
    array element, 1 to 100 tasks a batch. Answers a batch_id to poll. The route sleeps about 26 seconds
    before it processes a request; give the client a timeout of at least 60 seconds. Source:
    https://app.openmart.com/api-docs/detect-tech-stack.

    Args:
        body (list[FindTechTask]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | SubmittedBatch
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[FindTechTask],
) -> Response[ErrorDetail | SubmittedBatch]:
    """Submit a batch of tech-detection tasks

     Detect whether companies use a technology (for example shopify, hubspot, klaviyo): one task per
    array element, 1 to 100 tasks a batch. Answers a batch_id to poll. The route sleeps about 26 seconds
    before it processes a request; give the client a timeout of at least 60 seconds. Source:
    https://app.openmart.com/api-docs/detect-tech-stack.

    Args:
        body (list[FindTechTask]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | SubmittedBatch]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[FindTechTask],
) -> ErrorDetail | SubmittedBatch | None:
    """Submit a batch of tech-detection tasks

     Detect whether companies use a technology (for example shopify, hubspot, klaviyo): one task per
    array element, 1 to 100 tasks a batch. Answers a batch_id to poll. The route sleeps about 26 seconds
    before it processes a request; give the client a timeout of at least 60 seconds. Source:
    https://app.openmart.com/api-docs/detect-tech-stack.

    Args:
        body (list[FindTechTask]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | SubmittedBatch
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
