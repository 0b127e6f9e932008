"""The shape of the house, read from the source: which package may import which, only the window imports Qt, the
domain does no I/O, nothing below the window reads the wall clock, and no module imports itself round a circle.

Every import counts, also one inside a function or under TYPE_CHECKING: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("domain", "local_store", "sync", "reports", "demo", "cli", "ui")
# What each package may import of ours (itself included). main.py, the composition root, may import anything.
ALLOWED = {
    "domain": {"domain"},
    "local_store": {"domain", "local_store"},
    "sync": {"domain", "local_store", "sync"},
    "reports": {"domain", "reports"},
    "demo": {"domain", "local_store", "demo"},
    "cli": {"domain", "local_store", "sync", "reports", "demo", "cli"},
    "ui": {"domain", "local_store", "sync", "reports", "demo", "ui"},
}
QT = ("PySide6", "shiboken6")
# The domain is pure: no files, processes, network or databases (io for in-memory CSV text only).
IO_MODULES = ("os", "pathlib", "shutil", "tempfile", "subprocess", "socket", "sqlite3", "sqlcipher3", "requests",
              "urllib.request", "http", "keyring", "platformdirs", "multiprocessing", "threading", "logging")
# Reading the time: allowed only in ui/ and main.py; below them the clock is injected.
WALL_CLOCK = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
              ("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "gmtime"), ("time", "ctime")}


def modules() -> Iterator[tuple[str, Path]]:
    yield "main", ROOT / "main.py"
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


MODULES = dict(modules())


def test_the_checks_see_the_whole_program() -> None:
    assert len(MODULES) > 150 and {"main", "local_store.registry", "ui.shell.main_window", "cli.common"} <= set(MODULES)


def imported(path: Path) -> Iterator[tuple[str, int]]:
    """Every module name an import statement of this file names (`from a import b` gives a.b when that is one of
    ours, else a), with its line. A relative import is named as the absolute one it stands for."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = parts[:-1]  # a module's package (an __init__ is its own package's module)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])]) \
                if node.level else str(node.module)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (full if full in MODULES else base), node.lineno


def package_of(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "main"))
def test_each_package_imports_only_what_lies_below_it(module: str) -> None:
    package = package_of(module)
    wrong = [f"line {line}: {name}" for name, line in imported(MODULES[module])
             if package_of(name) in OURS and package_of(name) not in ALLOWED[package]]
    assert not wrong, f"{module} may import only {sorted(ALLOWED[package])}: {wrong}"


def test_only_the_window_imports_qt() -> None:
    wrong = [f"{module} line {line}: {name}" for module, path in MODULES.items() if package_of(module) != "ui"
             for name, line in imported(path) if package_of(name) in QT]
    assert not wrong


def test_the_domain_does_no_io() -> None:
    wrong = [f"{module} line {line}: {name}" for module, path in MODULES.items() if package_of(module) == "domain"
             for name, line in imported(path) if name in IO_MODULES or package_of(name) in IO_MODULES]
    calls = [f"{module} line {node.lineno}" for module, path in MODULES.items() if package_of(module) == "domain"
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("open", "print")]
    assert not wrong and not calls


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def test_nothing_below_the_window_reads_the_wall_clock() -> None:
    wrong = []
    for module, path in MODULES.items():
        if module == "main" or package_of(module) == "ui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = _dotted(node.func.value).split(".")[-1]
                if (owner, node.func.attr) in WALL_CLOCK:
                    wrong.append(f"{module} line {node.lineno}: {_dotted(node.func)}()")
    assert not wrong, "take the time from the injected clock: " + ", ".join(wrong)


def test_no_import_circles() -> None:
    graph = {module: {name for name, _ in imported(path) if name in MODULES and name != module}
             for module, path in MODULES.items()}
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for following in sorted(graph[module]):
            if state.get(following) == 1:
                circles.append(path[path.index(following):] + [following])
            elif following not in state:
                visit(following)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not circles, " ; ".join(" → ".join(c) for c in circles)


def test_nothing_imports_the_window_or_the_command_line_but_main() -> None:
    wrong = [f"{module} line {line}: {name}" for module, path in MODULES.items() if module != "main"
             for name, line in imported(path)
             if package_of(name) in ("ui", "cli") and package_of(name) != package_of(module)]
    assert not wrong


def test_no_service_imports_the_registry() -> None:
    """The registry builds the services and hands them what they use; none reaches back for it."""
    wrong = [f"{module} line {line}" for module, path in MODULES.items() if package_of(module) == "local_store"
             and module != "local_store.registry" for name, line in imported(path) if name == "local_store.registry"]
    assert not wrong
