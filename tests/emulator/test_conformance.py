"""Every answer the emulator sends is valid for that provider's spec (the generator's input)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from scripts import generate
from taskwait.emulator import Emulator, Faults
from taskwait.emulator.formats import FORMATS
from tests.conformance import check
from tests.support import auth_header

KEY = "conformance-key"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None) as emulator:
        yield emulator


HTTP = httpx.Client()  # one client: a new one per request costs more than the request


def get(emu: Emulator, provider: str, task_id: str, *, key: str | None = KEY) -> httpx.Response:
    headers = dict([auth_header(provider, key)]) if key is not None else {}
    fmt = FORMATS[provider]
    path = fmt.task_path.replace("{task_id}", task_id)
    return HTTP.get(emu.base_url(provider) + path, headers=headers)


@pytest.mark.parametrize(("provider", "fate"), [(p, o) for p, f in FORMATS.items() for o in f.lifecycles])
def test_every_status_of_every_lifecycle_is_valid(emu: Emulator, provider: str, fate: str) -> None:
    script = emu.add_task(provider, fate=fate, polls=3, total=120)
    seen = []
    for _ in range(5):
        response = get(emu, provider, script.task_id)
        assert response.status_code == 200
        seen.append(check(emu, provider, response))
    raw = [b["status"]["status"] if provider == "lobstr" else b.get("task_status", b.get("status")) for b in seen]
    assert raw[-1] == script.lifecycle[-1] and raw[0] == script.lifecycle[0]
    assert set(raw) == set(script.lifecycle)


@pytest.mark.parametrize("provider", sorted(FORMATS))
def test_wrong_and_missing_key_answer_as_the_provider_does(emu: Emulator, provider: str) -> None:
    script = emu.add_task(provider)
    expected_status, expected_body = FORMATS[provider].unauthorized
    for key in ("wrong-key", None):
        response = get(emu, provider, script.task_id, key=key)
        assert response.status_code == expected_status and response.json() == expected_body
        check(emu, provider, response)


def test_documented_auth_bodies() -> None:
    assert FORMATS["databar"].unauthorized == (403, {"detail": "Forbidden"})
    assert FORMATS["openmart"].unauthorized == (401, {"detail": "Invalid API Key"})
    assert FORMATS["flexprice"].unauthorized == (401, {"error": "Unauthorized"})


@pytest.mark.parametrize("provider", sorted(FORMATS))
def test_unknown_task_is_404(emu: Emulator, provider: str) -> None:
    response = get(emu, provider, "no-such-task")
    assert response.status_code == 404
    check(emu, provider, response)


def test_openmart_accepts_bearer_too(emu: Emulator) -> None:
    script = emu.add_task("openmart")
    url = emu.base_url("openmart") + f"/api/v1/task/{script.task_id}"
    assert HTTP.get(url, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_deepomatic_list_paginates_with_next_urls(emu: Emulator) -> None:
    ids = [emu.add_task("deepomatic", polls=0).task_id for _ in range(7)]
    url = emu.base_url("deepomatic") + "/v0.7/tasks"
    params: list[tuple[str, Any]] = [("task_ids", i) for i in [*ids, "unknown-id"]] + [("limit", 3)]
    response = HTTP.get(url, params=params, headers={"X-API-KEY": KEY})
    pages = [check(emu, "deepomatic", response)]
    while pages[-1]["next"]:
        response = HTTP.get(pages[-1]["next"], headers={"X-API-KEY": KEY})
        pages.append(check(emu, "deepomatic", response))
    assert [len(p["results"]) for p in pages] == [3, 3, 1] and pages[0]["count"] == 7
    assert [t["id"] for p in pages for t in p["results"]] == ids
    assert pages[1]["previous"] is not None and all(t["status"] == "success" for p in pages for t in p["results"])


def test_lobstr_rate_limit_headers_and_429() -> None:
    with Emulator(api_key=KEY, lobstr_rate_limit=3) as emu:
        script = emu.add_task("lobstr")
        answers = [get(emu, "lobstr", script.task_id) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert all(a.headers["X-RateLimit-Limit"] == "3" for a in answers)
        limited = answers[-1]
        assert 0 < int(limited.headers["Retry-After"]) <= 60
        assert limited.json()["type"] == "RateLimitExceeded"
        check(emu, "lobstr", limited)


@pytest.mark.parametrize("provider", sorted(FORMATS))
@pytest.mark.parametrize("kind", ["429", "500", "502", "503", "malformed"])
def test_faults_look_like_real_faults(emu: Emulator, provider: str, kind: str) -> None:
    script = emu.add_task(provider, faults=Faults(script=[kind], retry_after=2))
    faulty, normal = get(emu, provider, script.task_id), get(emu, provider, script.task_id)
    assert normal.status_code == 200
    if kind == "429":
        assert faulty.status_code == 429 and faulty.headers["Retry-After"] == "2"
    elif kind == "malformed":
        assert faulty.status_code == 200
        with pytest.raises(ValueError):
            faulty.json()
    else:
        assert faulty.status_code == int(kind) and faulty.headers["content-type"].startswith("text/html")
    documented = generate.load_spec(provider)["paths"]
    if kind == "429" and any("429" in op.get("get", {}).get("responses", {}) for op in documented.values()):
        check(emu, provider, faulty)  # where the spec documents a 429, ours matches it
    assert emu.stats(provider, script.task_id) == {
        "provider": provider, "task_id": script.task_id, "requests": 2, "answered": 1, "fate": "success",
        "outcome": "success",
        "overlaps": 0,
    }  # fmt: skip


def test_dropped_connection_and_slow_answer() -> None:
    with Emulator(api_key=KEY) as emu:
        script = emu.add_task("databar", faults=Faults(script=["drop", "slow"], slow_seconds=0.3))
        url = emu.base_url("databar") + f"/v1/tasks/{script.task_id}"
        with pytest.raises(httpx.RemoteProtocolError):
            HTTP.get(url, headers={"x-apikey": KEY})
        with pytest.raises(httpx.ReadTimeout):
            HTTP.get(url, headers={"x-apikey": KEY}, timeout=0.1)


def test_random_faults_replay_exactly_with_the_same_seed() -> None:
    def run(seed: int) -> list[int]:
        with Emulator(api_key=KEY, seed=seed, lobstr_rate_limit=None) as emu:
            faults = Faults(rate_429=0.2, rate_5xx=0.2, rate_malformed=0.1)
            script = emu.add_task("openmart", task_id="fixed", faults=faults, polls=100)
            return [get(emu, "openmart", script.task_id).status_code for _ in range(30)]

    first = run(7)
    assert first == run(7) and first != run(8)
    assert {429, 200} <= set(first) and set(first) & {500, 502, 503}
