"""Without the SDK (or without opentelemetry at all) nothing happens and nothing is imported; with a global
SDK provider, the waits trace themselves."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx

from taskwait.otel import _url

WAIT = """
import json, sys
import httpx, taskwait
body = {"task_id": "T1", "status": "completed", "data": None, "error": None, "credits_spent": 0}
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
client = taskwait.connect("databar", "k" * 20, httpx_args={"transport": transport})
print(json.dumps([taskwait.wait_for(client, "T1").status.value, taskwait.get_task(client, "T1").status.value,
                  sorted(m for m in sys.modules if m.startswith(("opentelemetry", "taskwait.otel")))]))
"""
BLOCKED = """
import importlib.abc, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "opentelemetry":
            raise ImportError(name)
sys.meta_path.insert(0, Missing())
"""
GLOBAL_SDK = """
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
"""


def _run(code: str) -> list[object]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_without_opentelemetry_a_wait_imports_nothing_of_it() -> None:
    assert _run(BLOCKED + WAIT) == ["succeeded", "succeeded", []]


def test_without_an_sdk_the_api_alone_traces_nothing() -> None:
    status, looked, modules = _run("import opentelemetry.trace, opentelemetry.metrics\n" + WAIT)
    assert status == looked == "succeeded" and "taskwait.otel" in modules  # looked at once: the providers are no-ops
    assert not [m for m in modules if isinstance(m, str) and m.startswith("opentelemetry.sdk")]


def test_a_global_sdk_provider_turns_tracing_on() -> None:
    code = GLOBAL_SDK + WAIT + "print(json.dumps(sorted(s.name for s in exporter.get_finished_spans())))\n"
    assert _run(code) == ["GET", "GET", "taskwait.get_task", "taskwait.wait_for"]


def test_url_full_has_no_userinfo_and_no_secret() -> None:
    request = httpx.Request("GET", "https://u:pw@h.example/v1/tasks/T1?token=sk-123")
    url = _url(httpx.Response(200, request=request), {}, "", ("sk-123",))
    assert "pw" not in str(url) and "sk-123" not in str(url) and url.host == "h.example"
    cut = _url(httpx.ConnectError("no"), {"url": "/tasks/T1", "params": {"a": "sk-123"}}, "https://h.example/v1",
               ("sk-123",))  # fmt: skip
    assert str(cut).startswith("https://h.example/v1/tasks/T1?a=") and "sk-123" not in str(cut)


def test_the_otel_extra_is_the_api_alone() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "overlay" / "pyproject.toml").read_text())["project"]
    assert [d.split(">")[0] for d in project["optional-dependencies"]["otel"]] == ["opentelemetry-api"]
    assert not [d for d in project["dependencies"] if d.startswith("opentelemetry")]
