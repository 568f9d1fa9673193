"""The map in docs/architecture.md cannot drift: its arrows are exactly the overlay's imports, with no circle.

The fenced block under "The overlay: modules and who imports whom" is read as data (its format is said
above it): one line a module, `module ─→ a, b (a note), c` and, after two spaces or more, what the module
holds; a list ending in a comma goes on over the next line, another indented line is more description;
`cycle: a ↔ b  why` documents an allowed circle. A subpackage (providers/, celery/, emulator/)
is one unit; `generated` stands for the generated client packages. The real imports are read with `ast`:
module level, under `if TYPE_CHECKING:`, inside functions (lazy), absolute and relative alike.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "overlay" / "taskwait"
DOC = ROOT / "docs" / "architecture.md"
HEADING = "## The overlay: modules and who imports whom"
ARROW = "─→"
GENERATED = "generated"


@attrs.frozen
class Import:
    source: str  # the importing unit
    target: str  # the imported unit, or GENERATED
    where: str  # file:line
    how: str  # "module level", "type checking only" or "lazy, inside a function"


@attrs.frozen
class Map:
    arrows: dict[str, set[str]]  # unit -> the units the map lets it import
    cycles: list[set[str]]  # documented exceptions: units that may import each other in a circle


def units(package: Path) -> set[str]:
    """The map's units: each module of the package, each subpackage as one."""
    found = {p.stem for p in package.glob("*.py")}
    return found | {p.parent.name for p in package.glob("*/__init__.py")}


def generated_packages(root: Path) -> set[str]:
    return {p.name for p in (root / "generated").glob("*_client") if p.is_dir()}


def block(text: str) -> str:
    """The fenced block that follows the map's heading."""
    after = text.split(HEADING, 1)[1]
    match = re.search(r"^```\n(.*?)^```", after, re.MULTILINE | re.DOTALL)
    assert match is not None, f"no fenced block under {HEADING!r}"
    return match.group(1)


def _names(listed: str) -> list[str]:
    """The names in an arrow list: notes in parentheses dropped, then comma-separated."""
    while re.search(r"\([^()]*\)", listed):
        listed = re.sub(r"\([^()]*\)", "", listed)
    return [name.strip() for name in listed.split(",") if name.strip()]


def parse_map(text: str, known: set[str]) -> Map:
    """The arrows and documented circles of the map's block; AssertionError naming a line it cannot read."""
    arrows: dict[str, set[str]] = {}
    cycles: list[set[str]] = []
    current: str | None = None  # the module whose list goes on over the next line
    for line in block(text).splitlines():
        if not line.strip():
            continue
        if line[0].isspace() and current is None:
            continue  # more of the description above
        if current is not None and line[0].isspace():
            listed = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
            names = _names(listed)
        elif line.startswith("cycle:"):
            members = {m.strip() for m in re.split(r"\s{2,}", line[len("cycle:") :].strip())[0].split("↔")}
            assert members <= known and len(members) > 1, f"the map's line {line!r} names no circle of modules"
            cycles.append(members)
            current = None
            continue
        else:
            head, arrow, rest = line.partition(ARROW)
            module = head.split()[0].rstrip("/") if head.split() else ""
            assert module in known, f"the map names {module!r}, which is not a module of the overlay: {line!r}"
            assert module not in arrows, f"the map has two lines for {module!r}"
            listed = re.split(r"\s{2,}", rest.strip(), maxsplit=1)[0] if arrow else ""
            names, current = _names(listed), module
            arrows[module] = set()
        assert current is not None
        unknown = [n for n in names if n not in known | {GENERATED}]
        assert not unknown, f"the map's line for {current!r} names {unknown}, not modules of the overlay"
        arrows[current] |= set(names)
        current = current if listed.rstrip().endswith(",") else None
    return Map(arrows, cycles)


class _Imports(ast.NodeVisitor):
    """Every import statement of one module, with how it is made."""

    def __init__(self) -> None:
        self.found: list[tuple[ast.Import | ast.ImportFrom, str]] = []
        self.how = ["module level"]

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if not checking:
            self.generic_visit(node)
            return
        self.how.append("type checking only")
        for child in node.body:
            self.visit(child)
        self.how.pop()
        for child in node.orelse:
            self.visit(child)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.how.append("lazy, inside a function")
        self.generic_visit(node)
        self.how.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Import(self, node: ast.Import) -> None:
        self.found.append((node, self.how[-1]))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.found.append((node, self.how[-1]))


def _bound(init: Path) -> set[str]:
    """The names a package's __init__ binds at its top level (what `from package import name` can take)."""
    names: set[str] = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def real_imports(package: Path, generated: set[str]) -> Iterator[Import]:
    """The imports between the units of `package` (named as its directory is), and into generated packages."""
    name = package.name
    known = units(package)
    bound = _bound(package / "__init__.py")

    def unit_of(dotted: str) -> str | None:
        parts = dotted.split(".")
        if parts[0] in generated:
            return GENERATED
        if parts[0] != name:
            return None
        if len(parts) == 1 or (len(parts) == 2 and parts[1] in bound):
            return "__init__"  # `import taskwait`, `from taskwait import wait_for`: the package
        # a module that does not exist (an optional one, imported under `try: ... except ImportError`) is no arrow
        return parts[1] if parts[1] in known else None

    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        module = parts[:-1] if parts[-1] == "__init__" else parts  # the dotted name
        home = parts[:-1]  # the package a relative import starts from
        source = unit_of(".".join(module))
        assert source is not None
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for node, how in visitor.found:
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = ".".join(home[: len(home) - node.level + 1]) if node.level else ""
                dotted = ".".join(p for p in (base, node.module or "") if p)
                # `from . import x` / `from taskwait import x`: x may be a unit, so each name is looked at
                targets = [f"{dotted}.{alias.name}" for alias in node.names] if dotted == name else [dotted]
            for target in targets:
                unit = unit_of(target)
                if unit is not None and unit != source:
                    yield Import(source, unit, f"{path.relative_to(package.parent)}:{node.lineno}", how)


def circles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one unit (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def problems(the_map: Map, imports: list[Import], known: set[str]) -> list[str]:
    """What to change in the map (or the code) so that the map is true, one line each."""
    real: dict[str, dict[str, list[Import]]] = {}
    for imp in imports:
        real.setdefault(imp.source, {}).setdefault(imp.target, []).append(imp)
    found = [f"the map has no line for {unit!r}: add `{unit} ─→ …`" for unit in sorted(known - the_map.arrows.keys())]
    for source, targets in sorted(real.items()):
        for target, where in sorted(targets.items()):
            if target not in the_map.arrows.get(source, set()):
                sites = ", ".join(f"{i.where} ({i.how})" for i in where)
                found.append(f"add the arrow `{source} ─→ {target}` to the map, or remove the import: {sites}")
    for source, targets in sorted(the_map.arrows.items()):
        for target in sorted(targets - real.get(source, {}).keys()):
            found.append(f"remove the arrow `{source} ─→ {target}` from the map: {source} does not import {target}")
    edges = {source: set(targets) - {GENERATED} for source, targets in real.items()}
    for circle in circles(edges):
        if circle not in the_map.cycles:
            steps = [imps[0] for unit in sorted(circle) for to, imps in sorted(real[unit].items()) if to in circle]
            path = ", ".join(f"{i.source} ─→ {i.target} ({i.where})" for i in steps)
            found.append(f"import circle {' ↔ '.join(sorted(circle))}: break it (or document it in the map as "
                         f"`cycle: {' ↔ '.join(sorted(circle))}  why`): {path}")  # fmt: skip
    for circle in the_map.cycles:
        if circle not in circles(edges):
            found.append(f"remove `cycle: {' ↔ '.join(sorted(circle))}` from the map: there is no such circle")
    return found


def test_the_map_is_the_overlays_real_import_graph() -> None:
    known = units(PACKAGE)
    the_map = parse_map(DOC.read_text(encoding="utf-8"), known)
    imports = list(real_imports(PACKAGE, generated_packages(ROOT)))
    found = problems(the_map, imports, known)
    assert not found, "docs/architecture.md's module map disagrees with the code:\n" + "\n".join(found)


# The check itself, on a small package of its own: each kind of import is seen, each disagreement named.
FILES = {
    "__init__.py": "from .a import f as f\n",
    "a.py": "from typing import TYPE_CHECKING\nfrom . import b\nif TYPE_CHECKING:\n    from .sub import T\n",
    "b.py": "import x_client\ndef later():\n    from pkg.a import f\n"
    "    try:\n        from . import gone\n    except ImportError:\n        pass\n",  # an optional module: no arrow
    "c.py": "C = 1\n",
    "sub/__init__.py": "from .inner import T as T\nfrom .. import c\n",
    "sub/inner.py": "from ..c import C\nT = int\n",
}
DOC_TEMPLATE = "{heading}\n\n```\n__init__ ─→ a\na ─→ {a}  holds f\nb ─→ {b}\nsub/ ─→ c{extra}\nc  plain\n```\n"
TRUE = {"a": "b, sub (types only)", "b": "generated,\n   a (lazily)", "extra": "\ncycle: a ↔ b  b calls back into a"}


def _check(tmp_path: Path, **changed: str) -> list[str]:
    package = tmp_path / "pkg"
    for name, text in FILES.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    known = units(package)
    the_map = parse_map(DOC_TEMPLATE.format(heading=HEADING, **(TRUE | changed)), known)
    return problems(the_map, list(real_imports(package, {"x_client"})), known)


def test_a_true_map_passes_with_every_kind_of_import_read(tmp_path: Path) -> None:
    assert _check(tmp_path) == []


def test_a_missing_arrow_is_named_with_where_the_import_is(tmp_path: Path) -> None:
    assert _check(tmp_path, a="b") == [
        "add the arrow `a ─→ sub` to the map, or remove the import: pkg/a.py:4 (type checking only)"
    ]
    assert _check(tmp_path, b="a") == [
        "add the arrow `b ─→ generated` to the map, or remove the import: pkg/b.py:1 (module level)"
    ]
    missing = _check(tmp_path, b="generated")
    assert missing[0] == "add the arrow `b ─→ a` to the map, or remove the import: pkg/b.py:3 (lazy, inside a function)"


def test_a_stale_arrow_is_named(tmp_path: Path) -> None:
    assert _check(tmp_path, a="b, sub, __init__") == [
        "remove the arrow `a ─→ __init__` from the map: a does not import __init__"
    ]


def test_a_circle_is_named_unless_the_map_documents_it(tmp_path: Path) -> None:
    found = _check(tmp_path, extra="")
    assert len(found) == 1 and found[0].startswith("import circle a ↔ b: break it (or document it in the map as")
    assert "a ─→ b (pkg/a.py:2)" in found[0] and "b ─→ a (pkg/b.py:3)" in found[0]
    assert _check(tmp_path, extra="\ncycle: a ↔ sub  none") == [
        "import circle a ↔ b: break it (or document it in the map as `cycle: a ↔ b  why`): "
        "a ─→ b (pkg/a.py:2), b ─→ a (pkg/b.py:3)",
        "remove `cycle: a ↔ sub` from the map: there is no such circle",
    ]
