"""Vendor a provider's OpenAPI document from a saved docs page or the published document itself.

    python scripts/vendor_spec.py databar path/to/saved-page.md [--source-url URL]
    python scripts/vendor_spec.py flexprice path/to/openapi.json [--source-url URL]

A page's fenced ````yaml block is written byte-for-byte to specs/<provider>/openapi.yaml and the
page is kept as specs/<provider>/docs-page.md; a whole document (JSON or YAML) is written
byte-for-byte to openapi.json or openapi.yaml. provenance.json is updated (sha256, date). The
report lists the operations and schemas added or removed and whether the patch beside the spec
still applies. Exit 1, writing nothing, for a document of another provider (its servers name
another host); exit 1 after writing when the patch no longer applies (fix it, then `make generate`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonpatch
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
VENDORED = ("databar", "flexprice")
HOSTS = {"databar": "databar.ai", "flexprice": "flexprice.io"}  # what a provider's servers URLs contain
_FENCE = re.compile(r"^(`{3,})yaml[^\n]*\n(.*?)^\1[ \t]*$", re.DOTALL | re.MULTILINE)


class PageError(ValueError):
    """The page holds no single embedded OpenAPI document."""


def extract_spec(page: str) -> str:
    """The text of the one fenced YAML block of a docs page that is an OpenAPI document."""
    found = [m.group(2) for m in _FENCE.finditer(page) if re.match(r"openapi:\s", m.group(2))]
    if len(found) != 1:
        raise PageError(f"expected one fenced ```yaml block holding an OpenAPI document, found {len(found)}")
    return found[0]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _surface(spec: dict[str, Any]) -> tuple[set[str], set[str]]:
    operations = {
        f"{method.upper()} {path}"
        for path, item in (spec.get("paths") or {}).items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch", "head", "options"}
    }
    schemas = set((spec.get("components") or {}).get("schemas") or {})
    return operations, schemas


def report(old_text: str | None, new_text: str, patch_ops: list[dict[str, Any]] | None) -> list[str]:
    """Human-readable lines on what changed between two versions of a vendored spec."""
    if old_text == new_text:
        return ["unchanged"]
    new = yaml.safe_load(new_text)
    lines: list[str] = []
    if old_text is not None:
        old_ops, old_schemas = _surface(yaml.safe_load(old_text))
        new_ops, new_schemas = _surface(new)
        lines += [f"operation added: {o}" for o in sorted(new_ops - old_ops)]
        lines += [f"operation removed: {o}" for o in sorted(old_ops - new_ops)]
        lines += [f"schema added: {s}" for s in sorted(new_schemas - old_schemas)]
        lines += [f"schema removed: {s}" for s in sorted(old_schemas - new_schemas)]
        lines.append(f"text changed: {len(old_text.splitlines())} -> {len(new_text.splitlines())} lines")
    else:
        lines.append("new spec")
    if patch_ops is not None:
        try:
            jsonpatch.JsonPatch(patch_ops).apply(new)
            lines.append("patch.yaml still applies")
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
            lines.append(f"patch.yaml no longer applies: {exc}: update it before `make generate`")
    return lines


def _document(source: str) -> tuple[str, str | None]:
    """(the spec text, its file name) from a whole document, or (text, None) from a docs page."""
    stripped = source.lstrip()
    if stripped.startswith("{") and '"openapi"' in stripped[:2000]:
        return source, "openapi.json"
    if re.match(r"openapi:\s", stripped):
        return source, "openapi.yaml"
    return extract_spec(source), None


def check_provider(provider: str, spec: dict[str, Any]) -> None:
    """PageError unless the spec's servers are the provider's own host."""
    urls = [str(s.get("url", "")) for s in spec.get("servers") or [] if isinstance(s, dict)]
    if not any(HOSTS[provider] in url for url in urls):
        raise PageError(
            f"this is not {provider}'s document: its servers are {urls or 'not given'}, not {HOSTS[provider]}"
        )


def declared_license(spec: dict[str, Any]) -> dict[str, Any]:
    """What a vendored document says about its own license (info.license), for provenance.json."""
    info = spec.get("info")
    found = info.get("license") if isinstance(info, dict) else None
    if not isinstance(found, dict):
        return {"declared": None, "where": "the document's info has no license"}
    return {"declared": found.get("name") or found.get("identifier"), "url": found.get("url"), "where": "info.license"}


def vendor(provider: str, page_path: Path, source_url: str | None = None, today: dt.date | None = None) -> list[str]:
    """Write the spec in page_path (a docs page or the whole document) to specs/<provider>/; the change report."""
    folder = SPECS / provider
    source = page_path.read_text(encoding="utf-8")
    text, whole = _document(source)
    spec = yaml.safe_load(text)
    check_provider(provider, spec if isinstance(spec, dict) else {})
    name = whole or "openapi.yaml"
    target = folder / name
    current = next((f for f in (folder / "openapi.json", folder / "openapi.yaml") if f.exists()), None)
    old = current.read_text(encoding="utf-8") if current is not None else None
    patch_file = folder / "patch.yaml"
    patch_ops = yaml.safe_load(patch_file.read_text(encoding="utf-8")) if patch_file.exists() else None
    lines = report(old, text, patch_ops)
    folder.mkdir(parents=True, exist_ok=True)
    provenance_file = folder / "provenance.json"
    provenance = json.loads(provenance_file.read_text(encoding="utf-8")) if provenance_file.exists() else {}
    if whole is None and page_path.resolve() != (folder / "docs-page.md").resolve():
        (folder / "docs-page.md").write_text(source, encoding="utf-8", newline="")
    if old != text or current != target:
        if current is not None and current != target:
            current.unlink()
        target.write_text(text, encoding="utf-8", newline="")
        provenance.update(form="vendored", source_url=source_url or provenance.get("source_url", ""),
                          captured=(today or dt.date.today()).isoformat(), sha256=sha256(text))  # fmt: skip
        provenance["license"] = declared_license(spec if isinstance(spec, dict) else {})
        provenance.setdefault("page", "docs-page.md")
        provenance_file.write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("provider", choices=VENDORED)
    parser.add_argument("page", type=Path, help="a saved copy of the provider's docs page, or its OpenAPI document")
    parser.add_argument("--source-url", help="where the page was read (kept in provenance.json)")
    args = parser.parse_args(argv)
    try:
        lines = vendor(args.provider, args.page, args.source_url)
    except (OSError, PageError, yaml.YAMLError) as exc:
        print(f"vendor-spec: {exc}", file=sys.stderr)
        return 1
    print(f"specs/{args.provider}/:", *lines, sep="\n  ")
    if any(line.startswith("patch.yaml no longer applies") for line in lines):
        print(f"vendor-spec: fix specs/{args.provider}/patch.yaml, then make generate", file=sys.stderr)
        return 1
    if lines != ["unchanged"]:
        print("next: make generate, then commit specs/ and generated/ together")
    return 0


if __name__ == "__main__":
    sys.exit(main())
