"""The README's Python examples: each block passes `mypy --strict` as it stands, and those that can run offline run.

The five "Start the work" blocks, the emulator's and the `begin`/`step` loop run on their own (each with its
own imports) against the emulator: their `import taskwait` gets a shim whose `connect` points at the emulator
and whose waits poll fast, and `import time` one whose sleeps are short.
"""

from __future__ import annotations

import builtins
import io
import re
import time
import types
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from mypy import api

import taskwait
from taskwait.emulator import Created, Emulator, Timing

README = (Path(__file__).parents[2] / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
SECTION = README.split("## Start the work", 1)[1].split("\n## ", 1)[0]
EXAMPLES = re.findall(r"```python\n(.*?)```", SECTION, re.DOTALL)
EMULATOR_EXAMPLE = re.findall(r"```python\n(.*?)```", README.split("## The emulator", 1)[1], re.DOTALL)[0]
STEP_EXAMPLE = next(b for b in BLOCKS if "taskwait.step(" in b)
FAST = Created(duration=(0.05, 0.15), failure_rate=0.0)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    created = dict.fromkeys(taskwait.PROVIDERS, FAST)
    with Emulator(lobstr_rate_limit=None, created=created, timing=Timing(0.01, 0.05)) as emulator:
        yield emulator


def test_every_python_block_passes_mypy_strict(tmp_path: Path) -> None:
    """Each block as its own module (so each must import what it uses), all in one mypy run.

    Two control modules show the check can fail: the Databar block without `unwrap`, and without its import.
    """
    assert len(BLOCKS) >= 9
    files = []
    for number, block in enumerate(BLOCKS):
        files.append(tmp_path / f"readme_block_{number}.py")
        files[-1].write_text(block)
    no_unwrap, no_import = tmp_path / "no_unwrap.py", tmp_path / "no_import.py"
    no_unwrap.write_text(EXAMPLES[0].replace("taskwait.unwrap(", "("))
    no_import.write_text(EXAMPLES[0].replace("import taskwait\n", ""))
    out, err, status = api.run(["--strict", "--enable-error-code", "deprecated", "--no-incremental", "--cache-dir",
                                str(tmp_path / "cache"), *map(str, files), str(no_unwrap), str(no_import)])  # fmt: skip
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1 and all(line.startswith((str(no_unwrap), str(no_import))) for line in errors), out + err
    assert any(line.startswith(str(no_unwrap)) and 'Argument 2 to "wait_for"' in line for line in errors), out
    assert any(line.startswith(str(no_import)) and 'Name "taskwait" is not defined' in line for line in errors), out


def test_there_is_one_example_per_provider() -> None:
    assert [e.split(":", 1)[0].removeprefix("# ") for e in EXAMPLES] == [
        "Databar", "Openmart", "Lobstr.io", "Deepomatic", "Flexprice"
    ]  # fmt: skip


def _run(block: str, emu: Emulator | None, waits: dict[str, Any]) -> str:
    """exec `block` alone; its imports of taskwait and time get the shims. What it printed."""

    def connect(provider: Any, *args: Any, **kwargs: Any) -> Any:
        if emu is None:
            return taskwait.connect(provider, *args, **kwargs)
        return taskwait.connect(provider, emu.api_key, base_url=emu.base_url(provider), **kwargs)

    def wait_for(client: Any, handle: Any, **kwargs: Any) -> Any:
        snap = taskwait.wait_for(client, handle, interval=0.05, max_interval=0.1, timeout=10, **kwargs)
        waits[f"{snap.kind}:{snap.task_id}"] = snap
        return snap

    def wait_for_many(client: Any, task_ids: Any, **kwargs: Any) -> Any:
        results = taskwait.wait_for_many(client, task_ids, interval=0.05, max_interval=0.1, timeout=10, **kwargs)
        waits.update(results)
        return results

    shim = types.SimpleNamespace(**{n: getattr(taskwait, n) for n in taskwait.__all__})
    shim.connect, shim.wait_for, shim.wait_for_many = connect, wait_for, wait_for_many
    fast_time = types.SimpleNamespace(sleep=lambda seconds: time.sleep(min(seconds, 0.1)), time=time.time)
    shims = {"taskwait": shim, "time": fast_time}

    def importer(name: str, *args: Any, **kwargs: Any) -> Any:
        return shims.get(name) or builtins.__import__(name, *args, **kwargs)

    namespace: dict[str, Any] = {"__builtins__": {**vars(builtins), "__import__": importer}, "__name__": "readme"}
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), namespace)
    return out.getvalue()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split(":", 1)[0].removeprefix("# "))
def test_example_runs_against_the_emulator(emu: Emulator, example: str) -> None:
    waits: dict[str, Any] = {}
    _run(example, emu, waits)
    assert waits and all(isinstance(s, taskwait.TaskSnapshot) for s in waits.values())
    assert all(s.status is taskwait.Status.SUCCEEDED for s in waits.values())


def test_the_emulator_example_prints_what_its_comments_say() -> None:
    waits: dict[str, Any] = {}
    printed = _run(EMULATOR_EXAMPLE, None, waits).splitlines()
    assert printed[0] == "cancelled Progress(done=37, total=None)"
    assert "'requests': 6, 'answered': 4" in printed[1]  # the databar task it waited on: 2 faults, 4 answers
    assert {s.status for s in waits.values()} == {taskwait.Status.CANCELLED, taskwait.Status.SUCCEEDED}


def test_the_begin_step_loop_runs_to_its_end(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the example keeps its state in a file of the working directory
    emu.add_task("flexprice", "task_01HK8DBMBN87CY36DEFY62PEXBT", fate="success", polls=2)
    printed = _run(STEP_EXAMPLE, emu, {})
    assert printed == "succeeded\n"
    assert taskwait.WaitState.from_json((tmp_path / "export-wait.json").read_text()).done
