"""The package's layers, read from its source: every import (at the top of a module or inside a
function) is an edge. No module imports itself back through others, no layer imports a layer above
it, ``model/engine/rules/reconcile/report`` import no CLI, terminal or file-format library, and
``render`` never reaches into ``engine``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "debtcli"
CORE = ("model", "terms", "engine", "rules", "reconcile", "report")
FORBIDDEN_IN_CORE = {"cli", "render", "batch", "importers"}  # debtcli packages
FORMAT_LIBS = {"typer", "click", "rich", "openpyxl", "xlsxwriter", "reportlab", "docx", "csv"}
# who may import whom (a package always imports itself, and any module debtcli._version, which holds
# only __version__); anything else is a violation
ALLOWED = {
    "model": set(),
    "messages": {"model"},
    "terms": {"model"},
    "engine": {"model", "terms"},
    "rules": {"model", "terms", "engine"},
    "reconcile": {"model", "terms", "engine"},
    "report": {"model", "messages", "terms", "engine", "rules", "reconcile"},
    "importers": {"model", "terms"},
    "render": {"model", "messages", "terms", "report"},
    "batch": {"model", "messages", "terms", "importers", "report", "render", "engine", "rules", "reconcile", "api"},
}
# rules reads its shipped tables (LPR, PBOC benchmark) with csv from package data: a data file, not an
# input format; the core's other packages do not touch csv
CSV_ALLOWED = {"rules.lpr", "rules.pboc"}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """Every module ``path`` imports: top-level, in functions, under TYPE_CHECKING. A name imported
    from a package that is itself a module (``from debtcli.render import pdf``) counts as that module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_pkg else 0)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules}
    return out


def graph(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module -> imported modules of the package, module -> imported top-level external names)."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    modules = set(files)
    top = root.name
    internal: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for name, path in files.items():
        internal[name], external[name] = set(), set()
        for mod in imports_of(path, name, modules):
            if mod == top or mod.startswith(top + "."):
                target = mod
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target != name and target in modules:
                    internal[name].add(target)
            else:
                external[name].add(mod.split(".")[0])
    return internal, external


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def package_edges(internal: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, targets in internal.items():
        for b in targets:
            if layer(a) and layer(b) and layer(a) != layer(b):
                out.setdefault(layer(a), set()).add(layer(b))
    return out


INTERNAL, EXTERNAL = graph(PACKAGE)


def test_the_reader_sees_the_package():
    assert "debtcli.report.model" in INTERNAL and "debtcli.render.pdf" in INTERNAL
    assert "debtcli.engine.account" in INTERNAL["debtcli.rules.lpr"]
    assert "reportlab" in EXTERNAL["debtcli.render.pdf"]


def test_no_module_imports_itself_back():
    found = cycles(INTERNAL)
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_layer_imports_itself_back():
    found = cycles(package_edges(INTERNAL))
    assert found == [], found


@pytest.mark.parametrize("pkg", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(pkg):
    bad = sorted((m, t) for m, targets in INTERNAL.items() if layer(m) == pkg
                 for t in targets if t != "debtcli._version" and layer(t) != pkg and layer(t) not in ALLOWED[pkg])
    assert bad == []


@pytest.mark.parametrize("pkg", CORE)
def test_the_core_imports_no_cli_terminal_or_file_format(pkg):
    bad = []
    for m, targets in INTERNAL.items():
        if layer(m) == pkg:
            bad += [(m, t) for t in targets if layer(t) in FORBIDDEN_IN_CORE]
    for m, libs in EXTERNAL.items():
        if layer(m) == pkg:
            allowed = {"csv"} if m.removeprefix("debtcli.") in CSV_ALLOWED else set()
            bad += [(m, lib) for lib in libs if lib in FORMAT_LIBS - allowed]
    assert bad == []


def test_render_never_reaches_into_the_engine():
    bad = [(m, t) for m, targets in INTERNAL.items() if layer(m) == "render" for t in targets
           if layer(t) == "engine"]
    assert bad == []


def test_the_checks_catch_a_cycle_and_a_wrong_direction(tmp_path):
    """The reader on a made-up package: a function-local import that closes a cycle is found, and
    a core module importing rich is reported."""
    root = tmp_path / "pkg"
    for sub in ("model", "render"):
        (root / sub).mkdir(parents=True)
        (root / sub / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "model" / "a.py").write_text("from pkg.model import b\n")
    (root / "model" / "b.py").write_text("def f():\n    from pkg.model.a import x\n    import rich\n")
    (root / "render" / "c.py").write_text("from . import d\n")
    (root / "render" / "d.py").write_text("from pkg.model import a\n")
    internal, external = graph(root)
    assert cycles(internal) == [["pkg.model.a", "pkg.model.b"]]
    assert "rich" in external["pkg.model.b"]
    assert internal["pkg.render.c"] == {"pkg.render", "pkg.render.d"}
    assert package_edges(internal) == {"render": {"model"}}
