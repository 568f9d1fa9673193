from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.inference_request import InferenceRequest
from ...models.inference_response import InferenceResponse
from ...types import Response


def _get_kwargs(
    spec_name: str,
    *,
    body: InferenceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v0.7/recognition/public/{spec_name}/inference".format(
            spec_name=quote(str(spec_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | InferenceResponse | None:
    if response.status_code == 200:
        response_200 = InferenceResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = ErrorDetail.from_dict(response.json())

        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | InferenceResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    spec_name: str,
    *,
    client: AuthenticatedClient,
    body: InferenceRequest,
) -> Response[ErrorDetail | InferenceResponse]:
    """Public specification inference

     Source: https://docs.deepomatic.com/deepomatic-api-v0.7/recognition-specification (Specification
    inference, public models). Starts an inference and answers at once with the ID of the task that will
    hold its result: get the task (`tasks.get_task`, or `tasks.list_tasks` for many) until its status is
    not `pending`; on `success` its `data` is the inference output (`outputs[i].labels.predicted` and
    `.discarded`, see https://docs.deepomatic.com/deepomatic-api-v0.7/inference-output). Only JSON
    bodies are described here: the API also takes `multipart/form-data` (the official Python client
    sends binary or file inputs that way), which this document leaves out; a form-urlencoded body is
    refused with 415.

    Args:
        spec_name (str):
        body (InferenceRequest): What to run an inference on
            (https://docs.deepomatic.com/deepomatic-api-v0.7/common-objects and the official client's
            deepomatic/api/inputs.py).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | InferenceResponse]
    """

    kwargs = _get_kwargs(
        spec_name=spec_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    spec_name: str,
    *,
    client: AuthenticatedClient,
    body: InferenceRequest,
) -> ErrorDetail | InferenceResponse | None:
    """Public specification inference

     Source: https://docs.deepomatic.com/deepomatic-api-v0.7/recognition-specification (Specification
    inference, public models). Starts an inference and answers at once with the ID of the task that will
    hold its result: get the task (`tasks.get_task`, or `tasks.list_tasks` for many) until its status is
    not `pending`; on `success` its `data` is the inference output (`outputs[i].labels.predicted` and
    `.discarded`, see https://docs.deepomatic.com/deepomatic-api-v0.7/inference-output). Only JSON
    bodies are described here: the API also takes `multipart/form-data` (the official Python client
    sends binary or file inputs that way), which this document leaves out; a form-urlencoded body is
    refused with 415.

    Args:
        spec_name (str):
        body (InferenceRequest): What to run an inference on
            (https://docs.deepomatic.com/deepomatic-api-v0.7/common-objects and the official client's
            deepomatic/api/inputs.py).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | InferenceResponse
    """

    return sync_detailed(
        spec_name=spec_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    spec_name: str,
    *,
    client: AuthenticatedClient,
    body: InferenceRequest,
) -> Response[ErrorDetail | InferenceResponse]:
    """Public specification inference

     Source: https://docs.deepomatic.com/deepomatic-api-v0.7/recognition-specification (Specification
    inference, public models). Starts an inference and answers at once with the ID of the task that will
    hold its result: get the task (`tasks.get_task`, or `tasks.list_tasks` for many) until its status is
    not `pending`; on `success` its `data` is the inference output (`outputs[i].labels.predicted` and
    `.discarded`, see https://docs.deepomatic.com/deepomatic-api-v0.7/inference-output). Only JSON
    bodies are described here: the API also takes `multipart/form-data` (the official Python client
    sends binary or file inputs that way), which this document leaves out; a form-urlencoded body is
    refused with 415.

    Args:
        spec_name (str):
        body (InferenceRequest): What to run an inference on
            (https://docs.deepomatic.com/deepomatic-api-v0.7/common-objects and the official client's
            deepomatic/api/inputs.py).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | InferenceResponse]
    """

    kwargs = _get_kwargs(
        spec_name=spec_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    spec_name: str,
    *,
    client: AuthenticatedClient,
    body: InferenceRequest,
) -> ErrorDetail | InferenceResponse | None:
    """Public specification inference

     Source: https://docs.deepomatic.com/deepomatic-api-v0.7/recognition-specification (Specification
    inference, public models). Starts an inference and answers at once with the ID of the task that will
    hold its result: get the task (`tasks.get_task`, or `tasks.list_tasks` for many) until its status is
    not `pending`; on `success` its `data` is the inference output (`outputs[i].labels.predicted` and
    `.discarded`, see https://docs.deepomatic.com/deepomatic-api-v0.7/inference-output). Only JSON
    bodies are described here: the API also takes `multipart/form-data` (the official Python client
    sends binary or file inputs that way), which this document leaves out; a form-urlencoded body is
    refused with 415.

    Args:
        spec_name (str):
        body (InferenceRequest): What to run an inference on
            (https://docs.deepomatic.com/deepomatic-api-v0.7/common-objects and the official client's
            deepomatic/api/inputs.py).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | InferenceResponse
    """

    return (
        await asyncio_detailed(
            spec_name=spec_name,
            client=client,
            body=body,
        )
    ).parsed
