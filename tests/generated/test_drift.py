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


def _sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: str) -> tuple[Path, Path, Path]:
    """A copy of specs/, of one generated package and of overlay/pyproject.toml that generate.py writes to."""
    specs, generated, overlay = tmp_path / "specs", tmp_path / "generated", tmp_path / "pyproject.toml"
    shutil.copytree(generate.SPECS, specs)
    shutil.copytree(generate.GENERATED / f"{provider}_client", generated / f"{provider}_client")
    shutil.copyfile(generate.OVERLAY_PYPROJECT, overlay)
    monkeypatch.setattr(generate, "SPECS", specs)
    monkeypatch.setattr(generate, "GENERATED", generated)
    monkeypatch.setattr(generate, "OVERLAY_PYPROJECT", overlay)
    monkeypatch.setattr(generate, "untracked", list)
    return specs, generated, overlay


def test_regenerated_code_gets_a_new_version_and_taskwait_pins_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs, generated, overlay = _sandbox(tmp_path, monkeypatch, "openmart")
    before = generate.client_version("openmart")
    spec = specs / "openmart" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("description: The task ID.", "description: The task ID!", 1))

    assert generate.main(["--check", "openmart"]) == 1  # the code changed: drift until regenerated
    assert generate.main(["openmart"]) == 0
    after = generate.client_version("openmart")
    assert after != before and after.endswith(f".post{int(before.rsplit('post', 1)[1]) + 1}")
    package = generated / "openmart_client"
    assert f'version = "{after}"' in (package / "pyproject.toml").read_text()
    assert f'__version__ = "{after}"' in (package / "openmart_client" / "__init__.py").read_text()
    assert f'"taskwait-suite-openmart-client=={after}"' in overlay.read_text()
    assert generate.main(["--check", "openmart"]) == 0
    assert generate.main(["openmart"]) == 0 and generate.client_version("openmart") == after  # same code, same version
    capsys.readouterr()


def test_code_committed_without_a_new_version_is_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs, generated, _ = _sandbox(tmp_path, monkeypatch, "openmart")
    spec = specs / "openmart" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("description: The task ID.", "description: The task ID!", 1))
    target = generated / "openmart_client"
    shutil.rmtree(target)
    generate.generate("openmart", target)  # the generator run by hand: new code, the old version

    assert generate.main(["--check", "openmart"]) == 1
    assert "specs/openmart/build.json: the generated code changed but its version did not" in capsys.readouterr().err


def test_a_pin_that_is_not_the_clients_version_is_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, overlay = _sandbox(tmp_path, monkeypatch, "lobstr")
    version = generate.client_version("lobstr")
    overlay.write_text(overlay.read_text().replace(f"lobstr-client=={version}", "lobstr-client"))

    assert generate.main(["--check", "lobstr"]) == 1
    err = capsys.readouterr().err
    assert f'pins "taskwait-suite-lobstr-client" for taskwait-suite-lobstr-client, not =={version}' in err
