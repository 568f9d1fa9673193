"""The emulator's admin API, its `python -m` entry point and its script validation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import taskwait
from taskwait.emulator import Emulator, Faults, TaskScript


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(lobstr_rate_limit=None) as emulator:
        yield emulator


def test_admin_api_creates_tasks_and_reports_them(emu: Emulator) -> None:
    created = httpx.post(f"{emu.url}/_admin/tasks", json={"provider": "openmart", "task_id": "abc", "polls": 0})
    assert created.status_code == 201 and created.json() == {"provider": "openmart", "task_id": "abc"}
    batch = httpx.post(f"{emu.url}/_admin/tasks", json=[{"provider": "lobstr"}, {"provider": "databar"}])
    assert batch.status_code == 201 and [t["provider"] for t in batch.json()] == ["lobstr", "databar"]

    client = taskwait.connect("openmart", emu.api_key, base_url=emu.base_url("openmart"))
    assert taskwait.get_task(client, "abc").raw_status == "COMPLETED"
    stats = httpx.get(f"{emu.url}/_admin/tasks/openmart/abc").json()
    assert stats["requests"] == 1 and stats["answered"] == 1
    assert httpx.get(f"{emu.url}/_admin/tasks/openmart/nope").status_code == 404


@pytest.mark.parametrize(
    "payload",
    [{"provider": "nosuch"}, {"provider": "deepomatic", "fate": "cancel"}, {"provider": "databar", "polls": -1},
     {"provider": "databar", "faults": {"rate_429": 2}}, {"provider": "databar", "faults": {"script": ["boom"]}},
     {"nonsense": 1}],
)  # fmt: skip
def test_admin_api_rejects_bad_scripts_with_400(emu: Emulator, payload: dict[str, object]) -> None:
    answer = httpx.post(f"{emu.url}/_admin/tasks", json=payload)
    assert answer.status_code == 400 and answer.json()["detail"]
    assert len(emu.store) == 0


def test_admin_faults_apply_server_wide_and_reset(emu: Emulator) -> None:
    emu.add_task("databar", task_id="t1", polls=10)
    assert httpx.post(f"{emu.url}/_admin/faults", json={"script": ["503", "503"]}).json() == {"ok": True}
    url = f"{emu.base_url('databar')}/v1/tasks/t1"
    codes = [httpx.get(url, headers={"x-apikey": emu.api_key}).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert httpx.post(f"{emu.url}/_admin/faults", json={"rate_429": "x"}).status_code == 400
    httpx.post(f"{emu.url}/_admin/reset")
    assert len(emu.store) == 0


def test_index_lists_base_urls(emu: Emulator) -> None:
    index = httpx.get(emu.url + "/").json()
    assert index == {p: emu.base_url(p) for p in taskwait.PROVIDERS}
    assert emu.base_url("flexprice").endswith("/flexprice/v1")


def test_python_dash_m_prints_base_urls_and_serves_until_interrupted() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "taskwait.emulator", "--port", "0"], stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(8)]
        assert lines[0].startswith("taskwait emulator on http://127.0.0.1:")
        urls = dict(line.split() for line in lines[1:6])
        assert set(urls) == set(taskwait.PROVIDERS)
        assert lines[6].split()[0] == "admin"
        assert lines[7].split()[:3] == ["api", "key", "emulator-key"]  # the emulator's own fake key, to use
        assert httpx.get(lines[0].split()[3] + "/", timeout=5).status_code == 200
        client = taskwait.connect("deepomatic", lines[7].split()[2], base_url=urls["deepomatic"])
        with pytest.raises(taskwait.TaskNotFound):
            taskwait.get_task(client, "nope")
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_python_dash_m_prints_the_key_it_was_given() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "taskwait.emulator", "--port", "0", "--api-key", "demo-123"],
                            stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(8)]
        assert lines[7].split()[:3] == ["api", "key", "demo-123"]
        assert httpx.get(lines[0].split()[3] + "/", timeout=5).status_code == 200  # serving: Ctrl-C is handled
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_busy_port_is_a_clear_error(emu: Emulator) -> None:
    result = subprocess.run([sys.executable, "-m", "taskwait.emulator", "--port", str(emu.port)],
                            capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 1 and "cannot listen" in result.stderr


def test_script_defaults_and_validation() -> None:
    script = TaskScript("flexprice", total=10)
    assert script.lifecycle == ("PENDING", "PROCESSING", "COMPLETED") and len(script.task_id) == 32
    with pytest.raises(ValueError):
        TaskScript("deepomatic", fate="cancel")
    with pytest.raises(ValueError):
        Faults(rate_5xx=1.5)


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"provider": "databar", "outcom": "success"}, "outcom"),
        ({"fate": "success"}, "provider"),
        ({"provider": "databar", "polls": "3"}, "polls"),
        ({"provider": "databar", "faults": {"rate_5xx": "high"}}, "rate_5xx"),
        ({"provider": "databar", "faults": {"script": ["boom"]}}, "boom"),
        ({"provider": "nowhere"}, "nowhere"),
        ([{"provider": "databar"}, 7], "int"),
    ],
)
def test_the_admin_api_names_the_bad_field_of_a_script(payload: Any, named: str) -> None:
    with Emulator() as emu:
        answer = httpx.post(emu.url + "/_admin/tasks", json=payload)
        assert answer.status_code == 400 and named in answer.json()["detail"]
        assert "__init__" not in answer.json()["detail"] and "keyword argument" not in answer.json()["detail"]
        assert len(emu.store) == 0  # nothing half-added
