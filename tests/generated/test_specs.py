"""The specs: valid OpenAPI, faithful provenance, vendored byte-for-byte from their pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from scripts import generate, vendor_spec

PROVIDERS = generate.PROVIDERS
SPECS = generate.SPECS


@pytest.mark.parametrize("provider", PROVIDERS)
def test_generator_input_is_valid_openapi(provider: str) -> None:
    validate(generate.load_spec(provider))


@pytest.mark.parametrize("provider", PROVIDERS)
def test_provenance_matches_the_spec_file(provider: str) -> None:
    provenance = json.loads((SPECS / provider / "provenance.json").read_text())
    spec_bytes = generate.spec_file(provider).read_bytes()
    assert provenance["sha256"] == hashlib.sha256(spec_bytes).hexdigest(), "update provenance.json with the spec"
    assert provenance["form"] == ("vendored" if provider in vendor_spec.VENDORED else "hand-written")
    assert provenance["source_url"]
    dt.date.fromisoformat(provenance["captured"])
    assert (SPECS / provider / provenance["page"]).is_file()


@pytest.mark.parametrize("provider", vendor_spec.VENDORED)
def test_vendored_spec_is_the_page_block_byte_for_byte(provider: str) -> None:
    if generate.spec_file(provider).suffix == ".json":
        pytest.skip("vendored as the whole published JSON document: its sha256 in provenance.json is checked above")
    page = (SPECS / provider / "docs-page.md").read_text()
    assert vendor_spec.extract_spec(page) == (SPECS / provider / "openapi.yaml").read_text()


@pytest.mark.parametrize("provider", vendor_spec.VENDORED)
def test_every_patch_operation_says_why(provider: str) -> None:
    operations = yaml.safe_load((SPECS / provider / "patch.yaml").read_text())
    assert operations, "an empty patch should be deleted"
    assert all(str(op.get("reason", "")).strip() for op in operations)


def test_vendor_refresh_reports_changes_and_updates_provenance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "flexprice", specs / "flexprice")
    monkeypatch.setattr(vendor_spec, "SPECS", specs)
    page = (specs / "flexprice" / "docs-page.md").read_text()
    # flexprice is now vendored as the whole JSON document; this test keeps the page path covered on
    # a copy laid out as before: the page's block as openapi.yaml, and a patch that applies to it.
    (specs / "flexprice" / "openapi.json").unlink()
    (specs / "flexprice" / "openapi.yaml").write_text(vendor_spec.extract_spec(page))
    (specs / "flexprice" / "patch.yaml").write_text("[]\n")
    assert vendor_spec.vendor("flexprice", specs / "flexprice" / "docs-page.md") == ["unchanged"]

    changed = page.replace("  /tasks/{id}:\n", "  /tasks/{id}:\n    delete:\n      operationId: deleteTask\n", 1)
    changed = changed.replace("    TaskResponse:\n", "    NewThing:\n      type: object\n    TaskResponse:\n", 1)
    changed = changed.replace("    name: AGPL-3.0\n", "    name: MIT\n", 1)  # the document's own license changes
    new_page = tmp_path / "page.md"
    new_page.write_text(changed)
    lines = vendor_spec.vendor("flexprice", new_page, today=dt.date(2030, 1, 2))

    assert "operation added: DELETE /tasks/{id}" in lines
    assert "schema added: NewThing" in lines
    assert "patch.yaml still applies" in lines
    provenance = json.loads((specs / "flexprice" / "provenance.json").read_text())
    assert provenance["captured"] == "2030-01-02"
    assert provenance["license"] == {"declared": "MIT", "url": "https://www.gnu.org/licenses/agpl-3.0.html",
                                     "where": "info.license"}  # fmt: skip
    assert provenance["sha256"] == hashlib.sha256((specs / "flexprice" / "openapi.yaml").read_bytes()).hexdigest()


def test_vendor_refresh_says_when_the_patch_no_longer_applies() -> None:
    old = (SPECS / "databar" / "openapi.yaml").read_text()
    new = old.replace("/v1/tasks/{task_id}:", "/v2/tasks/{task_id}:")
    patch = yaml.safe_load((SPECS / "databar" / "patch.yaml").read_text())
    lines = vendor_spec.report(old, new, patch)
    assert "operation removed: GET /v1/tasks/{task_id}" in lines
    assert any(line.startswith("patch.yaml no longer applies") for line in lines)


def test_a_page_without_an_openapi_block_is_refused() -> None:
    page = (SPECS / "openmart" / "docs-page.md").read_text()
    with pytest.raises(vendor_spec.PageError):
        vendor_spec.extract_spec(page)


def test_vendoring_another_providers_page_is_refused_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "databar", specs / "databar")
    monkeypatch.setattr(vendor_spec, "SPECS", specs)
    before = {p.name: p.read_bytes() for p in (specs / "databar").iterdir()}
    assert vendor_spec.main(["databar", str(SPECS / "flexprice" / "docs-page.md")]) == 1
    assert {p.name: p.read_bytes() for p in (specs / "databar").iterdir()} == before


def test_vendoring_a_page_keeps_the_page_and_fails_when_the_patch_no_longer_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "databar", specs / "databar")
    monkeypatch.setattr(vendor_spec, "SPECS", specs)
    page = (SPECS / "databar" / "docs-page.md").read_text().replace("/v1/tasks/{task_id}:", "/v2/tasks/{task_id}:")
    new_page = tmp_path / "saved.md"
    new_page.write_text(page)
    assert vendor_spec.main(["databar", str(new_page)]) == 1
    assert (specs / "databar" / "docs-page.md").read_text() == page
    provenance = json.loads((specs / "databar" / "provenance.json").read_text())
    assert provenance["sha256"] == hashlib.sha256((specs / "databar" / "openapi.yaml").read_bytes()).hexdigest()


def test_the_whole_published_document_is_vendored_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "flexprice", specs / "flexprice")
    monkeypatch.setattr(vendor_spec, "SPECS", specs)
    document = json.loads(generate.spec_file("flexprice").read_text())
    document["info"]["version"] = "9.9.9"
    new_doc = tmp_path / "openapi.json"
    new_doc.write_text(json.dumps(document, indent=2))
    assert vendor_spec.main(["flexprice", str(new_doc)]) == 0
    assert (specs / "flexprice" / "openapi.json").read_bytes() == new_doc.read_bytes()
    assert not (specs / "flexprice" / "openapi.yaml").exists()


def test_editing_a_hand_written_spec_refreshes_its_provenance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "openmart", specs / "openmart")
    monkeypatch.setattr(generate, "SPECS", specs)
    spec = specs / "openmart" / "openapi.yaml"
    spec.write_text(spec.read_text() + "\n# an edit\n")
    assert generate.refresh_provenance("openmart") is True
    provenance = json.loads((specs / "openmart" / "provenance.json").read_text())
    assert provenance["sha256"] == hashlib.sha256(spec.read_bytes()).hexdigest()
    assert generate.refresh_provenance("openmart") is False
