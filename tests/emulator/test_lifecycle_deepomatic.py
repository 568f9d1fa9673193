"""Deepomatic's inference endpoints in the emulator: every answer, success or error, matches the spec."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from taskwait.emulator import Created, Emulator
from taskwait.emulator.providers.deepomatic import FIRST_TASK_ID
from tests.conformance import check

KEY = "deepomatic-lifecycle-key"
URL = "https://deepo-tests.s3-eu-west-1.amazonaws.com/api-clients/dog1.jpg"
ONE_IMAGE: dict[str, Any] = {"inputs": [{"image": {"source": URL}}]}
# (path below /v0.7, answers with tensors rather than labels)
ENDPOINTS = [
    ("/recognition/specs/42/inference", False),
    ("/recognition/public/imagenet-inception-v3/inference", False),
    ("/recognition/versions/31/inference", False),
    ("/networks/123/inference", True),
    ("/networks/public/imagenet-inception-v3/inference", True),
]
HTTP = httpx.Client()


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """Inference done at once and never failing: no test waits or depends on a draw."""
    instant = Created(duration=(0.0, 0.0), failure_rate=0.0)
    with Emulator(api_key=KEY, lobstr_rate_limit=None, created={"deepomatic": instant}) as emulator:
        yield emulator


def post(emu: Emulator, path: str, body: Any = None, *, key: str = KEY, **kwargs: Any) -> httpx.Response:
    url = emu.base_url("deepomatic") + "/v0.7" + path
    return HTTP.post(url, json=body, headers={"X-API-KEY": key} | kwargs.pop("headers", {}), **kwargs)


def get_task(emu: Emulator, task_id: str) -> Any:
    response = HTTP.get(emu.base_url("deepomatic") + f"/v0.7/tasks/{task_id}", headers={"X-API-KEY": KEY})
    assert response.status_code == 200
    return check(emu, "deepomatic", response)


@pytest.mark.parametrize(("path", "tensors"), ENDPOINTS)
def test_inference_starts_a_task_that_ends_with_the_result(emu: Emulator, path: str, tensors: bool) -> None:
    box = {"xmin": 0.1, "ymin": 0.1, "xmax": 0.9, "ymax": 0.9}
    image = {"source": URL, "bbox": box, "crop_uniform_background": False}
    body = {"inputs": [{"image": image}], "show_discarded": True, "max_predictions": 3}
    response = post(emu, path, body)
    assert response.status_code == 200
    task_id = check(emu, "deepomatic", response, request_too=True)["task_id"]
    assert task_id == str(FIRST_TASK_ID)
    task = get_task(emu, task_id)
    assert task["id"] == task_id and task["status"] == "success" and task["error"] is None
    if tensors:
        assert [t["name"] for t in task["data"]["tensors"]] == ["prob"] and task["data"]["tensors"][0]["shape"] == [
            1,
            3,
        ]
    else:
        labels = task["data"]["outputs"][0]["labels"]
        assert labels["predicted"][0]["label_name"] == "golden retriever"
        assert all(p["score"] >= p["threshold"] for p in labels["predicted"])
        assert labels["discarded"] and all(d["score"] < d["threshold"] for d in labels["discarded"])


def test_ids_are_numeric_strings_counting_up_and_listed_together(emu: Emulator) -> None:
    ids = [
        check(emu, "deepomatic", post(emu, "/recognition/specs/42/inference", ONE_IMAGE))["task_id"] for _ in range(3)
    ]
    assert ids == [str(FIRST_TASK_ID + i) for i in range(3)]
    listing = HTTP.get(emu.base_url("deepomatic") + "/v0.7/tasks/", params=[("task_ids", i) for i in ids],
                       headers={"X-API-KEY": KEY})  # fmt: skip
    page = check(emu, "deepomatic", listing)
    assert [t["id"] for t in page["results"]] == ids and {t["status"] for t in page["results"]} == {"success"}


def test_discarded_only_on_request_and_max_predictions_caps(emu: Emulator) -> None:
    plain = post(emu, "/recognition/public/imagenet-inception-v3/inference", ONE_IMAGE)
    labels = get_task(emu, check(emu, "deepomatic", plain, request_too=True)["task_id"])["data"]["outputs"][0]["labels"]
    assert labels["discarded"] == [] and len(labels["predicted"]) == 1
    capped = post(emu, "/recognition/versions/7/inference", ONE_IMAGE | {"show_discarded": True, "max_predictions": 1})
    labels = get_task(emu, check(emu, "deepomatic", capped, request_too=True)["task_id"])["data"]["outputs"][0][
        "labels"
    ]
    assert len(labels["discarded"]) == 1


def test_network_tensors_have_a_row_per_input(emu: Emulator) -> None:
    body = {"inputs": [{"image": {"source": URL}}, {"image": {"source": "data:image/*;base64,aGVsbG8="}}]}
    response = post(emu, "/networks/123/inference", body)
    tensor = get_task(emu, check(emu, "deepomatic", response, request_too=True)["task_id"])["data"]["tensors"][0]
    assert tensor["shape"] == [2, 3] and len(tensor["data"]) == 6


def test_a_failed_inference_is_an_error_task_without_data() -> None:
    failing = Created(duration=(0.0, 0.0), failure_rate=1.0)
    with Emulator(api_key=KEY, lobstr_rate_limit=None, created={"deepomatic": failing}) as emu:
        response = post(emu, "/networks/public/imagenet-inception-v3/inference", ONE_IMAGE)
        task = get_task(emu, check(emu, "deepomatic", response, request_too=True)["task_id"])
    assert task["status"] == "error" and task["data"] is None and "image" in task["error"]


def test_a_task_is_pending_before_it_is_done(emu: Emulator) -> None:
    emu.set_created("deepomatic", duration=(60.0, 60.0), failure_rate=0.0)
    task = get_task(emu, check(emu, "deepomatic", post(emu, "/recognition/specs/1/inference", ONE_IMAGE))["task_id"])
    assert task["status"] == "pending" and task["data"] is None and task["date_updated"] is None


BAD_BODIES = [
    ({"inputs": []}, "at least 1"),
    ({}, "inputs: This field is required."),
    ({"inputs": "dog.jpg"}, "Expected a list"),
    ([ONE_IMAGE], "Expected a dictionary"),
    ({"inputs": [{"video": {"source": URL}}]}, "inputs[0].image: This field is required."),
    ({"inputs": [{"image": {}}]}, "inputs[0].image.source"),
    ({"inputs": [{"image": {"source": "dog.jpg"}}]}, "inputs[0].image.source"),
    ({"inputs": [{"image": {"source": URL, "bbox": {"xmin": 0.1}}}]}, "bbox"),
    ({"inputs": [{"image": {"source": URL, "polygon": [{"x": 0, "y": 0}]}}]}, "polygon"),
    ({"inputs": [{"image": {"source": URL, "crop_uniform_background": "yes"}}]}, "crop_uniform_background"),
    (ONE_IMAGE | {"show_discarded": "yes"}, "show_discarded"),
    (ONE_IMAGE | {"max_predictions": 0}, "max_predictions"),
]


@pytest.mark.parametrize(("body", "message"), BAD_BODIES)
def test_invalid_bodies_are_400_with_a_detail(emu: Emulator, body: Any, message: str) -> None:
    response = post(emu, "/recognition/specs/42/inference", body)
    assert response.status_code == 400
    assert message in check(emu, "deepomatic", response)["detail"]
    assert len(emu.store) == 0  # no task was started


def test_invalid_json_and_empty_body_are_400(emu: Emulator) -> None:
    url = emu.base_url("deepomatic") + "/v0.7/networks/1/inference"
    broken = HTTP.post(url, content=b'{"inputs": [', headers={"X-API-KEY": KEY, "Content-Type": "application/json"})
    empty = HTTP.post(url, headers={"X-API-KEY": KEY})
    assert [broken.status_code, empty.status_code] == [400, 400]
    assert "JSON parse error" in check(emu, "deepomatic", broken)["detail"]
    assert check(emu, "deepomatic", empty)["detail"] == "inputs: This field is required."


def test_form_urlencoded_is_415(emu: Emulator) -> None:
    url = emu.base_url("deepomatic") + "/v0.7/recognition/specs/42/inference"
    response = HTTP.post(url, data={"inputs": URL}, headers={"X-API-KEY": KEY})
    assert response.status_code == 415
    assert "application/x-www-form-urlencoded" in check(emu, "deepomatic", response)["detail"]


def test_multipart_is_accepted_unparsed(emu: Emulator) -> None:
    url = emu.base_url("deepomatic") + "/v0.7/recognition/public/imagenet-inception-v3/inference"
    response = HTTP.post(
        url, files={"inputs[0]image.source": ("dog.jpg", b"\xff\xd8binary")}, headers={"X-API-KEY": KEY}
    )
    assert response.status_code == 200
    assert get_task(emu, response.json()["task_id"])["data"]["outputs"][0]["labels"]["predicted"]


@pytest.mark.parametrize(("path", "tensors"), ENDPOINTS)
def test_wrong_key_is_401(emu: Emulator, path: str, tensors: bool) -> None:
    response = post(emu, path, ONE_IMAGE, key="wrong")
    assert response.status_code == 401 and check(emu, "deepomatic", response) == {"detail": "Invalid API key."}


@pytest.mark.parametrize(
    "path",
    ["/recognition/specs/abc/inference", "/recognition/versions/-1/inference", "/networks/1.5/inference",
     "/recognition/public/%20bad/inference", "/networks/public/-x/inference"],
)  # fmt: skip
def test_unknown_model_is_404(emu: Emulator, path: str) -> None:
    response = post(emu, path, ONE_IMAGE)
    assert response.status_code == 404 and check(emu, "deepomatic", response) == {"detail": "Not found."}


def test_trailing_slash_as_the_official_client_sends_it(emu: Emulator) -> None:
    response = post(emu, "/recognition/specs/42/inference/", ONE_IMAGE)
    assert response.status_code == 200 and response.json()["task_id"].isdigit()


def test_get_on_an_inference_path_is_405(emu: Emulator) -> None:
    response = HTTP.get(emu.base_url("deepomatic") + "/v0.7/networks/1/inference", headers={"X-API-KEY": KEY})
    assert response.status_code == 405 and response.json() == {"detail": "Method Not Allowed"}
