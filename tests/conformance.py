"""Validate an emulator answer against its provider's spec (the generator's input), any operation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import attrs
import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from scripts import generate
from taskwait.emulator import Emulator

__all__ = ["OPENAPI", "check"]

OPENAPI = {p: OpenAPI.from_dict(generate.load_spec(p)) for p in generate.PROVIDERS}
SERVERS = {p: generate.load_spec(p)["servers"][0]["url"] for p in generate.PROVIDERS}


@attrs.define
class SpecRequest:
    host_url: str
    path: str
    method: str
    parameters: RequestParameters
    body: bytes | None = None
    content_type: str = "application/json"


@attrs.define
class SpecResponse:
    status_code: int
    headers: Headers
    data: bytes
    content_type: str


def check(emu: Emulator, provider: str, response: httpx.Response, *, request_too: bool = False) -> Any:
    """The answer's JSON after validating it against the spec, as if the real host had sent it.

    With request_too, the request is validated as well (a creator call's body against its schema).
    """
    server = urlsplit(SERVERS[provider])
    sent = response.request
    real_path = server.path + sent.url.path.removeprefix(urlsplit(emu.base_url(provider)).path)
    request = SpecRequest(
        host_url=f"{server.scheme}://{server.netloc}",
        path=real_path.rstrip("/") or "/",
        method=sent.method.lower(),
        parameters=RequestParameters(
            query=ImmutableMultiDict(list(sent.url.params.multi_items())),
            header=Headers(list(sent.headers.items())),
        ),
        body=sent.content or None,
        content_type=sent.headers.get("content-type", "application/json"),  # a multipart boundary included
    )
    if request_too:
        OPENAPI[provider].validate_request(request)
    answer = SpecResponse(
        response.status_code,
        Headers(list(response.headers.items())),
        response.content,
        response.headers.get("content-type", "").split(";")[0],
    )
    OPENAPI[provider].validate_response(request, answer)
    return response.json() if response.content else None
