"""Generate the five client packages from specs/, or check that generated/ matches them.

Generator input for a provider = specs/<p>/openapi.yaml (or openapi.json) + specs/<p>/patch.yaml
(RFC 6902, optional), cut to the operations tagged with one of specs/<p>/config.yaml's
`include_tags` (optional; components nothing kept refers to are dropped), with config.yaml and
the templates in scripts/generator_templates/.

Each client's version is `<info.version>.post<build>` (PEP 440): the document's version, then the build
number kept in specs/<p>/build.json with a fingerprint of the generated code (every file, LICENSE included,
with the version itself masked). Generating raises the build whenever that fingerprint changes (and starts
again at 1 for a new info.version); the check fails when the committed code, its fingerprint, the version
or taskwait's exact pins on the clients (overlay/pyproject.toml) disagree.

    python scripts/generate.py            # rebuild generated/<p>_client/ from emptied dirs
    python scripts/generate.py --check    # regenerate into a temp dir and compare
    python scripts/generate.py openmart   # only some providers
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonpatch
import yaml
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
LICENSE = ROOT / "LICENSE"
OVERLAY_PYPROJECT = ROOT / "overlay" / "pyproject.toml"
TEMPLATES = Path(__file__).resolve().parent / "generator_templates"
# A provider is a folder of specs/ with a config.yaml; taskwait.PROVIDERS names the same (tests/generated/test_seam.py).
PROVIDERS = tuple(sorted(p.parent.name for p in SPECS.glob("*/config.yaml")))
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
FIX = "run `make generate` and commit specs/, generated/, overlay/pyproject.toml and uv.lock together"


def spec_file(provider: str) -> Path:
    """The provider's spec as published or hand-written: openapi.yaml, or openapi.json when vendored as JSON."""
    folder = SPECS / provider
    json_file = folder / "openapi.json"
    return json_file if json_file.exists() else folder / "openapi.yaml"


def include_tags(provider: str) -> list[str] | None:
    """config.yaml's `include_tags`: the tags whose operations are generated (None: all of them).

    openapi-python-client ignores keys it does not know, so the selection lives beside its settings.
    """
    config = yaml.safe_load((SPECS / provider / "config.yaml").read_text(encoding="utf-8")) or {}
    tags = config.get("include_tags")
    return None if tags is None else [str(tag) for tag in tags]


def _refs(node: Any) -> Iterator[str]:
    """Every local $ref below node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def select(spec: dict[str, Any], tags: list[str]) -> dict[str, Any]:
    """The spec cut to the operations tagged with one of `tags` and the components they reach (via $ref)."""
    wanted, paths = set(tags), {}
    for path, item in (spec.get("paths") or {}).items():
        kept = {k: v for k, v in item.items() if k not in METHODS or wanted & set(v.get("tags") or ())}
        if METHODS & set(kept):
            paths[path] = kept
    components: dict[str, dict[str, Any]] = spec.get("components") or {}
    reached: set[tuple[str, str]] = set()
    todo = list(_refs(paths))
    while todo:
        kind, name = (part.replace("~1", "/").replace("~0", "~") for part in todo.pop().split("/")[2:4])
        if (kind, name) not in reached and name in components.get(kind, {}):
            reached.add((kind, name))
            todo += _refs(components[kind][name])
    cut = {kind: {n: v for n, v in items.items() if (kind, n) in reached} for kind, items in components.items()}
    cut["securitySchemes"] = components.get("securitySchemes", {})  # kept whole: referenced by name, not $ref
    result = {**spec, "paths": paths, "components": {k: v for k, v in cut.items() if v}}
    if "tags" in spec:
        result["tags"] = [t for t in spec["tags"] if t.get("name") in wanted]
    return result


def load_spec(provider: str, *, whole: bool = False) -> dict[str, Any]:
    """The generator's input for one provider: the spec with its patch applied, cut to `include_tags`.

    With whole=True the cut is skipped (the whole patched document, e.g. to prove the patch at scale).
    """
    folder = SPECS / provider
    source = spec_file(provider)
    text = source.read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text) if source.suffix == ".json" else yaml.safe_load(text)
    patch_file = folder / "patch.yaml"
    if patch_file.exists():
        operations = yaml.safe_load(patch_file.read_text(encoding="utf-8"))
        spec = jsonpatch.JsonPatch(operations).apply(spec)
    tags = None if whole else include_tags(provider)
    return spec if tags is None else select(spec, tags)


def _tool_env() -> dict[str, str]:
    """PATH with this interpreter's scripts first, so the pinned ruff runs the post hooks."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def generate(provider: str, out_dir: Path, *, version: str | None = None, whole: bool = False) -> None:
    """Write the generated project for one provider to out_dir (which must not exist), with the LICENSE.

    version: the distribution's version (default: the one specs/<p>/build.json gives).
    """
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp) / "openapi.json"
        spec_path.write_text(json.dumps(load_spec(provider, whole=whole), indent=2), encoding="utf-8")
        config = yaml.safe_load((SPECS / provider / "config.yaml").read_text(encoding="utf-8")) or {}
        config["package_version_override"] = version or client_version(provider)
        config_path = Path(tmp) / "config.json"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        command = [
            str(Path(sys.executable).parent / "openapi-python-client"),
            "generate",
            "--path", str(spec_path),
            "--config", str(config_path),
            "--custom-template-path", str(TEMPLATES),
            "--meta", "uv",
            "--fail-on-warning",
            "--output-path", str(out_dir),
        ]  # fmt: skip
        result = subprocess.run(command, env=_tool_env(), capture_output=True, text=True, cwd=tmp)
        if result.returncode != 0:
            raise SystemExit(f"generation failed for {provider}:\n{result.stdout}\n{result.stderr}")
    shutil.copyfile(LICENSE, out_dir / "LICENSE")


def info_version(provider: str) -> str:
    """The document's `info.version`, which must be a PEP 440 version (it starts the client's version)."""
    raw = str(load_spec(provider)["info"]["version"])
    try:
        Version(raw)
    except InvalidVersion:
        raise SystemExit(
            f"specs/{provider}: info.version {raw!r} is not a PEP 440 version; set one in specs/{provider}/patch.yaml"
        ) from None
    return raw


def read_build(provider: str) -> dict[str, Any]:
    """specs/<p>/build.json: info_version, build, generated_sha256 ({} before the first generation)."""
    path = SPECS / provider / "build.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def version_of(info: str, build: int) -> str:
    return str(Version(f"{info}.post{build}"))


def client_version(provider: str) -> str:
    """The version the committed build.json gives the client (build 0 before any generation)."""
    state = read_build(provider)
    info = info_version(provider)
    return version_of(info, int(state["build"]) if state.get("info_version") == info else 0)


def fingerprint(tree: Path, version: str) -> str:
    """sha256 over a generated project's files (paths and contents), its version masked as `{version}`."""
    digest = hashlib.sha256()
    for name in sorted(_files(tree)):
        digest.update(name.encode() + b"\0")
        digest.update((tree / name).read_bytes().replace(version.encode(), b"{version}") + b"\0")
    return digest.hexdigest()


def write_build(provider: str, info: str, build: int, digest: str) -> None:
    state = {
        "about": "Owned by `make generate`: the client's version is <info_version>.post<build>; build rises whenever"
        " the generated code's fingerprint (generated_sha256, version masked) changes.",
        "info_version": info,
        "build": build,
        "generated_sha256": digest,
    }
    (SPECS / provider / "build.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")


def project_name(provider: str) -> str:
    config = yaml.safe_load((SPECS / provider / "config.yaml").read_text(encoding="utf-8")) or {}
    return str(config.get("project_name_override") or f"{provider}-client")


def _pin_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf'"{re.escape(name)}(?:==[^"]*)?"')


def pin_problems(providers: list[str]) -> list[str]:
    """taskwait must pin each client exactly at the version build.json gives it."""
    text = OVERLAY_PYPROJECT.read_text(encoding="utf-8")
    problems = []
    for provider in providers:
        name, version = project_name(provider), client_version(provider)
        if f'"{name}=={version}"' not in text:
            found = _pin_pattern(name).search(text)
            problems.append(
                f"overlay/pyproject.toml pins {found.group(0) if found else 'nothing'} for {name}, not =={version}"
            )
    return problems


def write_pins(providers: list[str]) -> bool:
    """Pin taskwait on each client's version in overlay/pyproject.toml; True if the file changed."""
    text = old = OVERLAY_PYPROJECT.read_text(encoding="utf-8")
    for provider in providers:
        name = project_name(provider)
        text, count = _pin_pattern(name).subn(f'"{name}=={client_version(provider)}"', text)
        if count != 1:
            raise SystemExit(f"overlay/pyproject.toml: expected one dependency on {name}, found {count}")
    OVERLAY_PYPROJECT.write_text(text, encoding="utf-8")
    return text != old


def build_problems(provider: str, fresh: Path) -> list[str]:
    """The committed build.json must describe the code generated now (else the version did not move)."""
    state = read_build(provider)
    info = info_version(provider)
    if state.get("info_version") != info or state.get("generated_sha256") != fingerprint(
        fresh, client_version(provider)
    ):
        return [f"specs/{provider}/build.json: the generated code changed but its version did not (stale build.json)"]
    return []


def regenerate(provider: str, target: Path) -> str:
    """Generate into target (replaced), raising the build if the code changed; the client's version."""
    state, info = read_build(provider), info_version(provider)
    build = int(state.get("build", 0)) if state.get("info_version") == info else 0
    shutil.rmtree(target, ignore_errors=True)
    generate(provider, target, version=version_of(info, build))
    digest = fingerprint(target, version_of(info, build))
    if build == 0 or digest != state.get("generated_sha256"):
        build += 1
        shutil.rmtree(target)
        generate(provider, target, version=version_of(info, build))
    write_build(provider, info, build, digest)
    return version_of(info, build)


def refresh_provenance(provider: str) -> bool:
    """Record a hand-written spec's new sha256 in its provenance.json; True if it changed.

    Vendored specs are left alone: their provenance changes only through scripts/vendor_spec.py.
    """
    provenance_file = SPECS / provider / "provenance.json"
    provenance = json.loads(provenance_file.read_text(encoding="utf-8"))
    digest = hashlib.sha256(spec_file(provider).read_bytes()).hexdigest()
    if provenance.get("form") != "hand-written" or provenance.get("sha256") == digest:
        return False
    provenance["sha256"] = digest
    provenance_file.write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    return True


def _files(tree: Path) -> set[str]:
    return {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def compare(provider: str, fresh: Path) -> list[str]:
    """Differences between a fresh generation and the committed package, one line each."""
    committed = GENERATED / f"{provider}_client"
    if not committed.exists():
        return [f"generated/{provider}_client/ is missing"]
    new, old = _files(fresh), _files(committed)
    problems = [f"missing: generated/{provider}_client/{f}" for f in sorted(new - old)]
    problems += [f"not generated: generated/{provider}_client/{f}" for f in sorted(old - new)]
    for f in sorted(new & old):
        if not filecmp.cmp(fresh / f, committed / f, shallow=False):
            problems.append(f"differs: generated/{provider}_client/{f}")
    return problems


def untracked() -> list[str]:
    """Files under generated/ that git does not track (a diff alone would miss them)."""
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "generated/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:  # not a git checkout: nothing to say
        return []
    return [f"untracked: {line[3:]}" for line in result.stdout.splitlines() if line.startswith("??")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "providers", nargs="*", metavar="PROVIDER", help=f"some of {', '.join(PROVIDERS)} (default: all)"
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    providers = args.providers or list(PROVIDERS)
    if unknown := sorted(set(providers) - set(PROVIDERS)):
        parser.error(f"unknown provider(s): {', '.join(unknown)}; known: {', '.join(PROVIDERS)}")
    if args.check:
        problems: list[str] = []
        with tempfile.TemporaryDirectory() as tmp:
            for provider in providers:
                fresh = Path(tmp) / f"{provider}_client"
                generate(provider, fresh)
                problems += compare(provider, fresh)
                problems += build_problems(provider, fresh)
        problems += pin_problems(providers)
        problems += untracked()
        if problems:
            print("generated/ does not match specs/:", *problems, sep="\n  ", file=sys.stderr)
            print(f"fix: {FIX}", file=sys.stderr)
            return 1
        print(f"generated/ matches specs/ ({', '.join(providers)})")
        return 0
    for provider in providers:
        if refresh_provenance(provider):
            print(f"updated specs/{provider}/provenance.json (sha256 of the edited spec)")
        version = regenerate(provider, GENERATED / f"{provider}_client")
        print(f"generated generated/{provider}_client/ ({project_name(provider)} {version})")
    if write_pins(providers):
        print("updated overlay/pyproject.toml (taskwait's exact pins on the clients)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
