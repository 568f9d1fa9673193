"""Deepomatic's inference operations have readable generated names and send the documented requests."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from deepomatic_client import AuthenticatedClient
from deepomatic_client.api.inference import (
    infer_network,
    infer_public_network,
    infer_public_recognition_spec,
    infer_recognition_spec,
    infer_recognition_version,
)
from deepomatic_client.models import (
    BoundingBox,
    ErrorDetail,
    ImageInput,
    InferenceInput,
    InferenceRequest,
    InferenceResponse,
    Point,
)

URL = "https://example.com/dog.jpg"
# (operation, its path argument, the path it must send)
OPERATIONS: list[tuple[Any, int | str, str]] = [
    (infer_recognition_spec, 42, "/v0.7/recognition/specs/42/inference"),
    (
        infer_public_recognition_spec,
        "imagenet-inception-v3",
        "/v0.7/recognition/public/imagenet-inception-v3/inference",
    ),
    (infer_recognition_version, 31, "/v0.7/recognition/versions/31/inference"),
    (infer_network, 123, "/v0.7/networks/123/inference"),
    (infer_public_network, "imagenet-inception-v3", "/v0.7/networks/public/imagenet-inception-v3/inference"),
]


def client(seen: list[httpx.Request], status: int, body: Any) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body)

    transport = httpx.MockTransport(handler)
    return AuthenticatedClient(base_url="https://api.deepomatic.com", token="k", prefix="",
                               auth_header_name="X-API-KEY", httpx_args={"transport": transport})  # fmt: skip


@pytest.mark.parametrize(("operation", "key", "path"), OPERATIONS)
def test_inference_posts_the_documented_json_and_reads_the_task_id(operation: Any, key: int | str, path: str) -> None:
    seen: list[httpx.Request] = []
    triangle = [Point(x=0, y=0), Point(x=1, y=0), Point(x=1, y=1)]
    box = BoundingBox(xmin=0, ymin=0, xmax=1, ymax=1)
    image = ImageInput(source=URL, bbox=box, polygon=triangle, crop_uniform_background=False)
    body = InferenceRequest(inputs=[InferenceInput(image=image)], show_discarded=True, max_predictions=3)
    started = operation.sync(key, client=client(seen, 200, {"task_id": "269999729"}), body=body)
    assert isinstance(started, InferenceResponse) and started.task_id == "269999729"
    (sent,) = seen
    assert (sent.method, sent.url.path, sent.headers["X-API-KEY"]) == ("POST", path, "k")
    assert json.loads(sent.content) == {
        "inputs": [{"image": {"source": URL, "bbox": {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1},
                              "polygon": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}],
                              "crop_uniform_background": False}}],
        "show_discarded": True, "max_predictions": 3,
    }  # fmt: skip


@pytest.mark.parametrize("status", [400, 401, 404, 415])
def test_documented_errors_parse_as_error_detail(status: int) -> None:
    body = InferenceRequest(inputs=[InferenceInput(image=ImageInput(source=URL))])
    answer = infer_network.sync_detailed(1, client=client([], status, {"detail": "nope"}), body=body)
    assert answer.status_code == status and answer.parsed == ErrorDetail(detail="nope")
