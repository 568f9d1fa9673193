"""What `import taskwait` costs: no server stack, no rich, nothing a wait does not need."""

from __future__ import annotations

import json
import subprocess
import sys

# Runs taskwait as a base install has it: the extras' packages cannot be imported.
WITHOUT_EXTRAS = """
import importlib.abc, json, sys
EXTRAS = {"rich", "click", "pygments", "starlette", "uvicorn", "httptools", "uvloop"}
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in EXTRAS:
            raise ImportError(name)
sys.meta_path.insert(0, Missing())
import taskwait
print(json.dumps(sorted(taskwait.__all__)))
"""


def test_taskwait_works_without_the_extras() -> None:
    result = subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "wait_for" in json.loads(result.stdout)


def test_the_emulator_without_its_extra_says_how_to_install_it() -> None:
    code = WITHOUT_EXTRAS.replace("import taskwait\n", "import taskwait.emulator\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "pip install 'taskwait-suite[emulator]'" in result.stderr


def test_the_extras_are_declared() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "overlay" / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"])
    assert "starlette" not in runtime and "uvicorn" not in runtime and "rich" not in runtime
    assert any(d.startswith("rich") for d in project["optional-dependencies"]["cli"])
    assert any(d.startswith("starlette") for d in project["optional-dependencies"]["emulator"])


LAZY = """
import json, sys
import taskwait
def loaded():
    return sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0].endswith("_client")})
before = loaded()
client = taskwait.connect("lobstr", "k" * 40, base_url="http://127.0.0.1:9")
taskwait.begin("lobstr", "T1")
from taskwait.providers import Context
Context.of(client)
print(json.dumps([before, loaded()]))
"""


def test_import_taskwait_loads_no_provider_until_one_is_used() -> None:
    result = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [[], ["lobstr_client"]]
