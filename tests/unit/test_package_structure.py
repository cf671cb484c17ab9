"""The package's shape, checked from its source: no import circle, value objects that import no
construct, no private name crossing modules, the public API listed once, a test module per module
with rules, and a thin ``Table``."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import dynamo_constructs

from tests.support.paths import ROOT

PACKAGE = ROOT / "dynamo_constructs"
# Modules whose classes are values (made through named constructors or dataclasses): they may
# import other values and the rule helpers, never the modules that make resources.
VALUE_MODULES = ("_values", "billing", "schema", "encryption", "restore", "principals", "replicas", "ttl", "recovery",
                 "streams", "warm", "timeouts", "settings")
CONSTRUCT_MODULES = ("table", "table_base", "kms", "replication", "autoscaling", "access", "index_maintenance",
                     "resource_policy", "monitoring", "backup", "tables")
# Where a module's rules are tested when the test module does not bear its name.
TESTED_ELSEWHERE = {"tables/audit": "test_domain_tables", "tables/global_table": "test_domain_tables",
                    "tables/jobs": "test_domain_tables", "tables/budget": "test_domain_tables",
                    **{f"migrate/{m}": "test_migrate" for m in ("translate", "from_state", "from_aws", "codegen", "report")}}
RULE_CALL = re.compile(r"\b(check|fail|check_[a-z_]+|coerce_enum)\(")


def modules() -> dict[str, Path]:
    """Module name (dotted, below the package) -> file, for every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(p for p in parts if p != "__init__") or "__init__"] = path
    return found


def imported_modules(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """Every package module ``name`` imports, wherever the import stands (functions and
    ``TYPE_CHECKING`` blocks included: a circle there is still a circle)."""
    package = name.rsplit(".", 1)[0] if path.name != "__init__.py" and "." in name else (
        name if path.name == "__init__.py" else "")
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package and package != "__init__" else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                candidate = f"{target}.{alias.name}" if target else alias.name
                if candidate in known:
                    yield candidate
                elif target in known:
                    yield target
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dynamo_constructs."):
            target = node.module.removeprefix("dynamo_constructs.")  # type: ignore[union-attr]
            if target in known:
                yield target


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(imported_modules(name, path, known)) - {name} for name, path in found.items() if name != "__init__"}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_import_graph_is_read_from_the_source() -> None:
    graph = import_graph()
    assert {"settings", "table_base", "replicas"} <= graph["table"]
    assert "restore" in graph["settings"]


def test_no_import_circle_in_the_package() -> None:
    assert find_cycle(import_graph()) is None


def test_the_circle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_value_objects_import_no_construct_module() -> None:
    graph = import_graph()
    for value_module in VALUE_MODULES:
        constructs = {m for m in reachable(graph, value_module) if m.split(".")[0] in CONSTRUCT_MODULES}
        assert not constructs, f"{value_module} imports {sorted(constructs)}"


def test_no_private_name_is_imported_from_another_module() -> None:
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                private = [a.name for a in node.names if a.name.startswith("_") and a.name != "__version__"]
                assert not private, f"{name} imports {private} from .{node.module or ''}"


def test_the_public_api_is_listed_once_and_every_name_resolves() -> None:
    source = (PACKAGE / "__init__.py").read_text()
    assert source.count('"Table"') == 0 and "__all__ = sorted(_EXPORTS)" in source
    for name in dynamo_constructs.__all__:
        value = getattr(dynamo_constructs, name)
        assert getattr(value, "__name__", name) == name  # classes and functions by their own name; profiles are values
    assert {"Table", "Billing", "TableConfigError", "ExistingTable", "StreamViewType"} <= set(dynamo_constructs.__all__)


def test_every_module_with_rules_has_its_unit_test_module() -> None:
    missing = []
    for name, path in modules().items():
        if not RULE_CALL.search(path.read_text()):
            continue
        key = name.replace(".", "/")
        test = TESTED_ELSEWHERE.get(key, f"test_{key.rsplit('/', 1)[-1].lstrip('_')}")
        if not (ROOT / "tests" / "unit" / f"{test}.py").is_file():
            missing.append(name)
    assert missing == []


def _docstring_lines(tree: ast.Module) -> set[int]:
    """The line numbers of the module's, classes' and functions' docstrings."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node) is not None:
            first = node.body[0]
            lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return lines


def test_table_is_thin() -> None:
    """At most 400 lines, docstrings documenting every argument included (they are help(Table) and the
    reference), and at most 300 of them code."""
    source = (PACKAGE / "table.py").read_text()
    tree = ast.parse(source)
    assert len(source.splitlines()) <= 400
    assert len(source.splitlines()) - len(_docstring_lines(tree)) <= 300
    init = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    assert init.end_lineno is not None and init.end_lineno - init.lineno + 1 <= 50
