"""The package's layout: each room imports only the rooms below it, and stays small."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# What each room may import at run time (type-only imports are not dependencies).
ALLOWED = {
    "errors": set(),
    "cache": set(),
    "config": {"errors"},
    "glossary": {"errors"},
    "language": {"cache", "errors"},
    "catalogue": {"cache", "errors"},
    "document": {"catalogue", "config", "errors"},
    "checks": {"language", "catalogue", "document", "glossary", "config", "errors"},
    "report": {"checks"},
    "cli": {
        "language",
        "catalogue",
        "document",
        "checks",
        "glossary",
        "config",
        "errors",
        "report",
    },
}
# Modules that do one format completely may be longer; their docstring says so.
ONE_FORMAT = {"catalogue/format.py"}
MAX_LINES = 550


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "pipeline" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    """The pipeline modules ``path`` imports at run time, module level or in functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_one_way(path: Path) -> None:
    room = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if room == "__init__":
        return
    rooms = {_room(m) for m in _imports(path)} - {None, room}
    assert rooms <= ALLOWED[room], f"{room} imports {sorted(rooms - ALLOWED[room])}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    name = path.relative_to(PACKAGE).as_posix()
    lines = path.read_text(encoding="utf-8").count("\n")
    if name in ONE_FORMAT:
        assert "completely" in (ast.get_docstring(ast.parse(path.read_text())) or "")
    else:
        assert lines <= MAX_LINES, f"{name}: {lines} lines"


@pytest.mark.parametrize("room", ["language", "catalogue", "document", "checks"])
def test_each_package_says_what_it_owns_and_exports_it(room: str) -> None:
    init = PACKAGE / room / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree)
    exported = next(
        (
            n
            for n in tree.body
            if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__"
        ),
        None,
    )
    assert exported is not None, f"{room}/__init__.py has no __all__"
    module = importlib.import_module(f"pipeline.{room}")
    for name in ast.literal_eval(exported.value):
        assert hasattr(module, name), f"pipeline.{room} exports {name!r} but has no such name"


def test_the_room_graph_has_no_circle() -> None:
    def visit(room: str, path: tuple[str, ...]) -> None:
        assert room not in path, " -> ".join([*path, room])
        for below in ALLOWED[room]:
            visit(below, (*path, room))

    for room in ALLOWED:
        visit(room, ())
