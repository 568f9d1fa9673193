"""The emulator's renamed names (`outcome` -> `fate`) keep working, with a DeprecationWarning."""

from __future__ import annotations

import httpx
import pytest

from taskwait.emulator import Emulator, TaskScript


def test_task_script_takes_outcome_as_fate_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="fate"):
        script = TaskScript("lobstr", outcome="cancel")
    assert script.fate == "cancel" and script.lifecycle[-1] == "aborted"
    with pytest.warns(DeprecationWarning, match="fate"):
        assert script.outcome == "cancel"
    with pytest.raises(TypeError, match="fate"), pytest.warns(DeprecationWarning):
        TaskScript("lobstr", fate="success", outcome="cancel")


def test_add_task_and_the_admin_api_take_outcome_with_a_warning() -> None:
    with Emulator(lobstr_rate_limit=None) as emu:
        with pytest.warns(DeprecationWarning, match="fate"):
            script = emu.add_task("databar", outcome="failure", polls=0)
        assert script.fate == "failure"
        with pytest.raises(TypeError, match="fate"), pytest.warns(DeprecationWarning):
            emu.add_task("databar", outcome="failure", fate="success")
        with pytest.warns(DeprecationWarning, match="fate"):  # said by the server, in this process
            answer = httpx.post(emu.url + "/_admin/tasks", json={"provider": "openmart", "outcome": "cancel"})
        assert answer.status_code == 201
        stats = emu.stats("openmart", answer.json()["task_id"])
        assert stats is not None and stats["fate"] == stats["outcome"] == "cancel"
