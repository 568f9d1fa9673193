"""`make check-generated` catches a spec edited without regenerating."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import generate


def test_one_character_of_an_openmart_description_is_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(generate.SPECS, specs)
    spec = specs / "openmart" / "openapi.yaml"
    text = spec.read_text()
    assert "description: The task ID." in text
    spec.write_text(text.replace("description: The task ID.", "description: The task ID!", 1))
    monkeypatch.setattr(generate, "SPECS", specs)

    assert generate.main(["--check", "openmart"]) == 1
    err = capsys.readouterr().err
    assert "differs: generated/openmart_client/openmart_client/models/task.py" in err
    assert "make generate" in err


def test_unchanged_specs_are_not_drift(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(generate, "untracked", list)  # the working tree of a developer may hold new files
    assert generate.main(["--check", "lobstr"]) == 0
    assert "matches" in capsys.readouterr().out


def test_unknown_provider_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        generate.main(["nosuch"])
    assert exc.value.code == 2
