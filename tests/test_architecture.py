"""The package's structure: no import cycle, and no import that runs back up the layers
(docs/architecture.md). Read from the source with `ast`, so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bridge"

#: The layers, bottom first; a module may import from its own layer or any below it.
LAYERS: dict[str, int] = {
    "_spec": 0, "_resources": 0, "_protocol": 0, "_exceptions": 0, "_options": 0, "_registry": 0, "_server": 0,
    "_project_files": 0, "_bulk": 0,
    "_engine": 1,
    "_network": 2, "_files": 2, "_app": 2, "_view": 2,
    "_runtime": 3,
    "__init__": 4, "__main__": 4, "_cli": 4, "_catalog": 4, "pytest_plugin": 4, "testing": 4,
}
#: Imports across packages of one layer: transfers and sockets write into the file sandbox.
SIDEWAYS = {("_network", "_files")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package -> the package's modules it imports (at any depth, including
    imports inside functions and under TYPE_CHECKING: they are dependencies all the same)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        base = name.split(".") if is_package else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = base[: len(base) - node.level + 1]
                    target = ".".join([*anchor, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            for candidate in candidates:
                if candidate in modules and candidate != name:
                    graph[name].add(candidate)
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_top_level_module_and_package_has_a_layer() -> None:
    tops = {_top(m) for m in _imports()}
    assert sorted(tops - set(LAYERS)) == [], "add the new module or package to LAYERS (and docs/architecture.md)"


def test_no_import_cycle() -> None:
    graph = _imports()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_no_import_runs_back_up_the_layers() -> None:
    wrong = []
    for module, targets in _imports().items():
        own = _top(module)
        for target in targets:
            other = _top(target)
            if other == own or target == "bridge":
                continue
            if LAYERS[other] > LAYERS[own] or (LAYERS[other] == LAYERS[own] == 2 and (own, other) not in SIDEWAYS):
                wrong.append(f"{module} -> {target}")
    assert sorted(wrong) == []


@pytest.mark.parametrize("package", ["_engine", "_runtime", "_network", "_files", "_app", "_view"])
def test_a_package_never_imports_its_parent_package(package: str) -> None:
    graph = _imports()
    inside = [m for m in graph if m.startswith(f"bridge.{package}.")]
    assert inside
    assert sorted(m for m in inside if "bridge" in graph[m]) == []


def test_each_member_of_the_shims_shared_objects_has_one_owner_file() -> None:
    """The shim's files share `shim` and its namespaces `shim.framework` (fw) and `shim.view` (V):
    each member is assigned in exactly one file, its owner (docs/architecture.md)."""
    import re

    from bridge._engine._bundle import SHIM_FILES
    from bridge._resources import shim_dir

    owners: dict[str, set[str]] = {}
    for name in SHIM_FILES:
        text = (shim_dir() / name).read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", re.sub(r"//[^\n]*", "", text), flags=re.S)
        for obj, member in re.findall(r"\b(shim|fw|V)\.(\w+)\s*=(?!=)", text):
            owners.setdefault(f"{obj}.{member}", set()).add(name)
    assert len(owners) > 50
    assert {member: files for member, files in owners.items() if len(files) > 1} == {}
