"""Rate limits: Lobstr's documented ones per route family with X-RateLimit-* on every answer, a limit for any
provider (`rate_limits=`, `--rate-limit`), and a 429 with Retry-After in the provider's own shape."""

from __future__ import annotations

import math
import subprocess
import sys
import time

import httpx
import pytest

from taskwait.emulator import Emulator
from taskwait.emulator.__main__ import main, rate_limit
from taskwait.emulator.formats import FORMATS
from tests.conformance import check
from tests.support import auth_header

KEY = "limits-key"
CRAWLER = "4734d096159ef05210e0e1677e8be823"
HTTP = httpx.Client()


def lobstr(emu: Emulator, method: str, path: str, **kwargs: object) -> httpx.Response:
    headers = {"Authorization": f"Token {KEY}"}
    return HTTP.request(method, emu.base_url("lobstr") + path, headers=headers, **kwargs)  # type: ignore[arg-type]


def get_task(emu: Emulator, provider: str, task_id: str) -> httpx.Response:
    path = FORMATS[provider].task_path.replace("{task_id}", task_id)
    return HTTP.get(emu.base_url(provider) + path, headers=dict([auth_header(provider, KEY)]))


def test_lobstr_has_its_documented_limits_one_window_a_route_family() -> None:
    with Emulator(api_key=KEY) as emu:
        task = emu.add_task("lobstr")
        squid = lobstr(emu, "POST", "/v1/squids", json={"crawler": CRAWLER}).json()["id"]
        run = lobstr(emu, "POST", "/v1/runs", json={"squid": squid}).json()["id"]
        seen = {
            "tasks": lobstr(emu, "GET", f"/v1/tasks/{task.task_id}"),
            "tasks list": lobstr(emu, "GET", "/v1/tasks", params={"squid": squid}),
            "runtasks": lobstr(emu, "GET", "/v1/runtasks", params={"run": run}),
            "run": lobstr(emu, "GET", f"/v1/runs/{run}"),
            "stats": lobstr(emu, "GET", f"/v1/runs/{run}/stats"),
            "squids": lobstr(emu, "POST", "/v1/squids", json={}),  # a 400 still counts and carries the headers
        }
        limits = {
            name: (a.headers["X-RateLimit-Limit"], a.headers["X-RateLimit-Remaining"]) for name, a in seen.items()
        }
        # tasks and runtasks 90 a minute, runs (a run's stats included) and squids 120, each its own window
        assert limits == {"tasks": ("90", "89"), "tasks list": ("90", "88"), "runtasks": ("90", "89"),
                          "run": ("120", "118"), "stats": ("120", "117"), "squids": ("120", "118")}  # fmt: skip
        now = time.time()
        assert all(now < int(a.headers["X-RateLimit-Reset"]) <= math.ceil(now) + 61 for a in seen.values())


def test_lobstr_results_allow_two_a_second_then_429_in_lobstrs_shape() -> None:
    with Emulator(api_key=KEY) as emu:
        squid = lobstr(emu, "POST", "/v1/squids", json={"crawler": CRAWLER}).json()["id"]
        answers = [lobstr(emu, "GET", "/v1/results", params={"squid": squid}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert [a.headers["X-RateLimit-Limit"] for a in answers] == ["2", "2", "2"]
        assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["1", "0", "0"]
        limited = answers[-1]
        assert limited.headers["Retry-After"] == "1"  # whole seconds, as Lobstr's docs and clients read it
        assert limited.json()["type"] == "RateLimitExceeded" and limited.json()["code"] == 429
        check(emu, "lobstr", limited)
        assert lobstr(emu, "POST", "/v1/squids", json={}).headers["X-RateLimit-Remaining"] == "118"  # not spent


@pytest.mark.parametrize("provider", sorted(FORMATS))
def test_any_provider_can_be_limited_and_answers_429_in_its_own_shape(provider: str) -> None:
    with Emulator(api_key=KEY, rate_limits={provider: (2, 0.3)}) as emu:
        task = emu.add_task(provider, polls=10)
        answers = [get_task(emu, provider, task.task_id) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        limited = answers[-1]
        assert limited.json() == dict(FORMATS[provider].too_many)
        assert 0 < float(limited.headers["Retry-After"]) <= 0.3  # a window under a second: a fraction
        assert ("X-RateLimit-Limit" in limited.headers) is (provider == "lobstr")  # only Lobstr sends them
        assert emu.stats(provider, task.task_id)["answered"] == 2  # type: ignore[index]
        time.sleep(float(limited.headers["Retry-After"]) + 0.02)
        assert get_task(emu, provider, task.task_id).status_code == 200  # the next window


def test_a_lobstr_limit_replaces_all_its_route_limits_with_one_window() -> None:
    with Emulator(api_key=KEY, rate_limits={"lobstr": (3, 60)}) as emu:
        task = emu.add_task("lobstr")
        squid = lobstr(emu, "POST", "/v1/squids", json={"crawler": CRAWLER}).json()["id"]
        answers = [lobstr(emu, "GET", f"/v1/tasks/{task.task_id}"), lobstr(emu, "GET", "/v1/results",
                                                                         params={"squid": squid})]  # fmt: skip
        assert [(a.headers["X-RateLimit-Limit"], a.headers["X-RateLimit-Remaining"]) for a in answers] == [
            ("3", "1"),
            ("3", "0"),
        ]
        assert lobstr(emu, "GET", f"/v1/runs/{squid}").status_code == 429
    with Emulator(api_key=KEY, rate_limits={"lobstr": None}) as emu:
        task = emu.add_task("lobstr")
        answers = [lobstr(emu, "GET", f"/v1/tasks/{task.task_id}") for _ in range(3)]
        assert all(a.status_code == 200 and "X-RateLimit-Limit" not in a.headers for a in answers)


def test_the_limit_is_checked_before_the_key_and_lifecycle_routes_count() -> None:
    with Emulator(api_key=KEY, rate_limits={"databar": (1, 60)}) as emu:
        first = HTTP.post(emu.base_url("databar") + "/v1/enrichments/9/run", json={"params": {"email": "a@x.io"}},
                          headers={"x-apikey": KEY})  # fmt: skip
        assert first.status_code == 200
        wrong_key = HTTP.get(emu.base_url("databar") + "/v1/tasks/x", headers={"x-apikey": "wrong"})
        assert wrong_key.status_code == 429 and int(wrong_key.headers["Retry-After"]) <= 60


@pytest.mark.parametrize(
    ("limits", "error", "named"),
    [
        ({"nosuch": (1, 1.0)}, ValueError, "nosuch"),
        ({"databar": (0, 1.0)}, ValueError, "requests"),
        ({"databar": (1.5, 1.0)}, ValueError, "requests"),
        ({"databar": (1, 0)}, ValueError, "seconds"),
        ({"databar": 10}, TypeError, "rate_limits"),
        ([("databar", (1, 1.0))], TypeError, "rate_limits"),
    ],
)
def test_bad_rate_limits_are_refused_naming_the_parameter(limits: object, error: type[Exception], named: str) -> None:
    with pytest.raises(error, match=named):
        Emulator(rate_limits=limits)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="once"):
        Emulator(rate_limits={"lobstr": (1, 1.0)}, lobstr_rate_limit=5)


@pytest.mark.parametrize("bad", ["databar", "databar=10", "databar=x/1", "databar=0/1", "databar=1/0", "nosuch=1/1",
                                 "databar=1/-2", "databar=1/nan"])  # fmt: skip
def test_the_cli_option_refuses_bad_values_naming_the_form(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert rate_limit("databar=10/1") == ("databar", 10, 1.0) and rate_limit("lobstr=90/60") == ("lobstr", 90, 60.0)
    with pytest.raises(SystemExit) as exited:
        main(["--port", "0", "--rate-limit", bad])
    error = capsys.readouterr().err
    assert exited.value.code == 2 and "--rate-limit: expected PROVIDER=REQUESTS/SECONDS" in error and repr(bad) in error


def test_the_cli_serves_with_the_limits_given() -> None:
    options = ["--port", "0", "--api-key", KEY, "--rate-limit", "openmart=1/30", "--rate-limit", "lobstr=2/30"]
    proc = subprocess.Popen([sys.executable, "-m", "taskwait.emulator", *options], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[3]
        openmart = [HTTP.get(f"{url}/openmart/api/v1/task/x", headers={"x-api-key": KEY}) for _ in range(2)]
        assert [a.status_code for a in openmart] == [404, 429]
        assert openmart[1].json() == {"detail": "Too many requests"}
        answer = HTTP.get(f"{url}/lobstr/v1/results", headers={"Authorization": f"Token {KEY}"})
        assert answer.headers["X-RateLimit-Limit"] == "2"  # one window for all of Lobstr's routes
        assert HTTP.get(f"{url}/databar/v1/tasks/x", headers={"x-apikey": KEY}).status_code == 404  # unlimited
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_unrouted_paths_count_and_carry_the_headers_too() -> None:
    """Lobstr checks its limit before it routes: a 404 or 405 in a route family counts and says so."""
    with Emulator(api_key=KEY) as emu:
        missing, wrong_method = lobstr(emu, "GET", "/v1/squids/nosuch/x"), lobstr(emu, "PUT", "/v1/results")
        assert (missing.status_code, missing.headers["X-RateLimit-Limit"]) == (404, "120")
        assert (wrong_method.status_code, wrong_method.headers["X-RateLimit-Remaining"]) == (405, "1")
        check(emu, "lobstr", lobstr(emu, "GET", "/v1/results", params={"squid": "0" * 32}))  # 404: the second
        refused = lobstr(emu, "PUT", "/v1/results")
        assert refused.status_code == 429 and refused.json()["type"] == "RateLimitExceeded"
