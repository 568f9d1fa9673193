"""What a user gets: the six wheels built as a release builds them, installed into a fresh venv outside the
workspace with their dependencies from the registry, then one piece of work started and waited on."""

from __future__ import annotations

import email
import json
import os
import re
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = ROOT / ".tools" / "bin" / "uv"
PROVIDERS = ("databar", "deepomatic", "flexprice", "lobstr", "openmart")
PROJECTS = {"taskwait-suite": ROOT / "overlay"} | {
    f"taskwait-suite-{p}-client": ROOT / "generated" / f"{p}_client" for p in PROVIDERS
}

# Run by the new venv's python, in isolated mode from a directory of its own: nothing of the workspace is importable.
SCRIPT = """
import importlib.metadata, json, sys
import taskwait
from taskwait.emulator import Emulator
from deepomatic_client.api.inference import infer_recognition_spec
from deepomatic_client.models import ImageInput, InferenceInput, InferenceRequest

versions = {"taskwait-suite": taskwait.__version__}
for provider in ("databar", "deepomatic", "flexprice", "lobstr", "openmart"):
    versions[f"taskwait-suite-{provider}-client"] = __import__(f"{provider}_client").__version__
installed = {name: importlib.metadata.version(name) for name in versions}
with Emulator(seed=3) as emu:
    emu.set_created("deepomatic", failure_rate=0, cancel_rate=0)
    client = taskwait.connect("deepomatic", emu.api_key, base_url=emu.base_url("deepomatic"))
    body = InferenceRequest(inputs=[InferenceInput(image=ImageInput(source="https://example.com/dog.jpg"))])
    started = infer_recognition_spec.sync(42, client=client, body=body)
    snap = taskwait.wait_for(client, started.task_id, timeout=30)
print(json.dumps({"file": taskwait.__file__, "prefix": sys.prefix, "versions": versions, "installed": installed,
                  "status": str(snap.status)}))
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    env["UV_PYTHON_DOWNLOADS"] = "never"  # the machine's python3, as everywhere in this repository
    env.pop("UV_PYTHON", None)
    return env


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=_env(), capture_output=True, text=True)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def _version(project: Path) -> str:
    return str(tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_wheels_install_from_the_registry_and_wait_on_the_emulator(tmp_path: Path) -> None:
    assert UV.exists(), "run through make (it bootstraps .tools/bin/uv)"
    dist, venv, work = tmp_path / "dist", tmp_path / "venv", tmp_path / "work"
    work.mkdir()

    built = _run([UV, "build", "--all-packages", "--wheel", "--out-dir", dist], cwd=ROOT)
    assert "warning" not in (built.stdout + built.stderr).lower(), built.stderr
    wheels = {
        name: dist / f"{name.replace('-', '_')}-{_version(project)}-py3-none-any.whl"
        for name, project in PROJECTS.items()
    }
    assert sorted(dist.glob("*.whl")) == sorted(wheels.values())

    for name, wheel in wheels.items():
        with zipfile.ZipFile(wheel) as archive:
            files = set(archive.namelist())
            info = f"{name.replace('-', '_')}-{_version(PROJECTS[name])}.dist-info"
            module = "taskwait" if name == "taskwait-suite" else f"{name.split('-')[2]}_client"
            assert f"{module}/py.typed" in files, name
            assert archive.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes(), name
            metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
        assert metadata["Name"] == name and metadata["License-Expression"] == "Apache-2.0"
        assert metadata["License-File"] == "LICENSE" and metadata["Description-Content-Type"] == "text/markdown"
        readme = (PROJECTS[name] / "README.md").read_text(encoding="utf-8")
        description = metadata.get_payload()
        assert isinstance(description, str) and description.strip() == readme.strip(), f"{name}: no README"

    _run([UV, "venv", "--quiet", "--python", "python3", venv], cwd=work)
    python = venv / "bin" / "python"
    requirements = [f"taskwait-suite[emulator] @ {wheels['taskwait-suite'].as_uri()}"]
    requirements += [str(wheel) for name, wheel in wheels.items() if name != "taskwait-suite"]
    _run([UV, "pip", "install", "--quiet", "--python", python, *requirements], cwd=work)

    result = json.loads(_run([python, "-I", "-c", SCRIPT], cwd=work).stdout)
    assert Path(result["file"]).is_relative_to(venv) and Path(result["prefix"]) == venv
    expected = {name: _version(project) for name, project in PROJECTS.items()}
    assert result["versions"] == result["installed"] == expected
    assert result["status"] == "succeeded"

    # taskwait-suite's own description (overlay/README.md) shows a wait on the emulator: it runs as written.
    (example,) = re.findall(r"```python\n(.*?)```", (ROOT / "overlay" / "README.md").read_text(), re.S)
    assert _run([python, "-I", "-c", example], cwd=work).stdout == "succeeded 500 / 500\n"
