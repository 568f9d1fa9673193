"""The six distributions' metadata: names under our prefix, exact pins, versions, license, READMEs."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import generate
from taskwait.providers import ADAPTERS

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = generate.PROVIDERS
ALL_PYPROJECTS = [ROOT / "overlay" / "pyproject.toml"] + [
    ROOT / "generated" / f"{p}_client" / "pyproject.toml" for p in PROVIDERS
]
BOILERPLATE = ("api.example.com", "SuperSecretToken", "get_my_data_model", "MyDataModel", "my_tag")


def project(path: Path) -> dict[str, Any]:
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))["project"])


def client_project(provider: str) -> dict[str, Any]:
    return project(ROOT / "generated" / f"{provider}_client" / "pyproject.toml")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_client_is_named_under_our_prefix_and_versioned_by_its_build(provider: str) -> None:
    meta = client_project(provider)
    assert meta["name"] == f"taskwait-suite-{provider}-client"
    build = json.loads((ROOT / "specs" / provider / "build.json").read_text())
    assert build["build"] >= 1 and build["info_version"] == generate.info_version(provider)
    assert meta["version"] == f"{build['info_version']}.post{build['build']}" == generate.client_version(provider)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_clients_version_attribute_is_its_distributions(provider: str) -> None:
    module = importlib.import_module(f"{provider}_client")
    meta = client_project(provider)
    assert module.__version__ == meta["version"] == importlib.metadata.version(meta["name"])


def test_taskwait_is_taskwait_suite_and_pins_each_client_exactly() -> None:
    import taskwait

    meta = project(ROOT / "overlay" / "pyproject.toml")
    assert meta["name"] == "taskwait-suite"
    assert taskwait.__version__ == meta["version"] == importlib.metadata.version("taskwait-suite")
    pins = {d.split("==")[0]: d.split("==")[1] for d in meta["dependencies"] if d.startswith("taskwait-suite-")}
    assert pins == {client_project(p)["name"]: client_project(p)["version"] for p in PROVIDERS}
    assert generate.pin_problems(list(PROVIDERS)) == []


@pytest.mark.parametrize("path", ALL_PYPROJECTS, ids=lambda p: p.parent.name)
def test_every_package_carries_the_license_and_the_shared_metadata(path: Path) -> None:
    meta = project(path)
    assert meta["license"] == "Apache-2.0" and meta["license-files"] == ["LICENSE"]
    assert (path.parent / "LICENSE").read_bytes() == (ROOT / "LICENSE").read_bytes()
    assert "Apache License" in (ROOT / "LICENSE").read_text() and "Version 2.0" in (ROOT / "LICENSE").read_text()
    assert meta["authors"] and meta["requires-python"] == ">=3.11" and meta["urls"]
    classifiers = set(meta["classifiers"])
    assert {f"Programming Language :: Python :: 3.{m}" for m in (11, 12, 13)} | {"Typing :: Typed"} <= classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the expression says it
    assert all(url.startswith("https://") for url in meta["urls"].values())


def test_one_httpx_range_and_one_uv_build_range() -> None:
    uv_build, httpx_upper = set(), set()
    for path in ALL_PYPROJECTS:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        uv_build.add(tuple(data["build-system"]["requires"]))
        (httpx,) = [d for d in data["project"]["dependencies"] if d.startswith("httpx")]
        httpx_upper.add(httpx.split(",")[-1])
    assert uv_build == {("uv_build>=0.13.0,<0.14.0",)}
    # httpx 1.0's pre-releases have no httpx.Auth (the clients' key flow): the only known break.
    assert httpx_upper == {"<1"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_clients_readme_names_its_provider_auth_operations_and_taskwait(provider: str) -> None:
    folder = ROOT / "generated" / f"{provider}_client"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert not [word for word in BOILERPLATE if word in readme]
    adapter = ADAPTERS[provider]
    assert f'auth_header_name="{adapter.auth_header}"' in readme and f'prefix="{adapter.auth_prefix}"' in readme
    assert f'base_url="{adapter.base_url}"' in readme and adapter.env_var in readme
    assert "https://pypi.org/project/taskwait-suite/" in readme
    operations = {
        f"{provider}_client.api.{module.parent.name}.{module.stem}"
        for module in (folder / f"{provider}_client" / "api").glob("*/*.py")
        if module.stem != "__init__"
    }
    assert operations and {op for op in operations if f"`{op}`" in readme} == operations
    assert client_project(provider)["version"] in readme
    assert ("AGPL-3.0" in readme) == (provider == "flexprice")


def test_taskwaits_readme_works_outside_the_repository() -> None:
    readme = (ROOT / "overlay" / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert links and all(link.startswith("https://") for link in links)
    assert "pip install taskwait-suite" in readme and "pip install taskwait " not in readme
    for provider in PROVIDERS:
        assert f"https://pypi.org/project/taskwait-suite-{provider}-client/" in readme


def test_the_readme_install_lines_name_our_distribution() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install taskwait-suite" in text
    assert not re.search(r"pip install\s+['\"]?taskwait(?!-suite)", text)  # the registry's `taskwait` is not ours


@pytest.mark.parametrize("provider", PROVIDERS)
def test_provenance_records_the_documents_license(provider: str) -> None:
    provenance = json.loads((ROOT / "specs" / provider / "provenance.json").read_text())
    spec_path = generate.spec_file(provider)
    text = spec_path.read_text(encoding="utf-8")
    document = json.loads(text) if spec_path.suffix == ".json" else yaml.safe_load(text)
    if provenance["form"] == "vendored":
        declared = (document["info"].get("license") or {}).get("name")
        assert provenance["license"]["declared"] == declared
    else:
        assert provenance["license"]["declared"] == "Apache-2.0"  # hand-written here: ours
    assert (provider == "flexprice") == (provenance["license"]["declared"] == "AGPL-3.0")
