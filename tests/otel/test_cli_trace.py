"""`taskwait wait --trace`: the spans of each wait as JSON lines on stderr; exit 2 without the SDK."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from taskwait.emulator import Emulator
from tests.cli.helpers import KEY, env, taskwait, wait_args


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, lobstr_rate_limit=None) as emulator:
        yield emulator


def test_trace_prints_each_wait_s_spans_as_json_lines(emu: Emulator) -> None:
    ids = [emu.add_task("flexprice", polls=1, total=10).task_id for _ in range(2)]
    result = taskwait(*wait_args(emu, "flexprice", *ids), "--json", "--trace", environ=env("flexprice"))
    assert result.returncode == 0, result.stderr
    spans = [json.loads(line) for line in result.stderr.splitlines()]
    waits = {s["attributes"]["taskwait.unit_id"]: s for s in spans if s["name"] == "taskwait.wait_for_many"}
    assert set(waits) == set(ids)
    for task_id, wait in waits.items():
        assert wait["attributes"]["taskwait.status"] == "succeeded" and wait["attributes"]["taskwait.polls"] == 2
        gets = [s for s in spans if s["parent_id"] == wait["context"]["span_id"]]
        assert [g["attributes"]["url.full"].endswith(f"/tasks/{task_id}") for g in gets] == [True, True]
    assert len(result.stdout.splitlines()) == 2  # the results, as without --trace


def test_trace_without_the_sdk_exits_2_naming_what_to_install(emu: Emulator) -> None:
    code = """
import importlib.abc, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.startswith("opentelemetry.sdk"):
            raise ImportError(name)
sys.meta_path.insert(0, Missing())
from taskwait.cli import main
sys.exit(main(sys.argv[1:]))
"""
    task = emu.add_task("databar", polls=0).task_id
    args = [*wait_args(emu, "databar", task), "--trace"]
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env("databar"))
    assert result.returncode == 2 and "pip install opentelemetry-sdk" in result.stderr, result.stderr
