"""The review works on JSON with the standard library only: it never loads the CDKTF engine, and its
provider knowledge lives in one module that names its source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from dynamo_constructs.review import provider_rules

from tests.support.paths import ROOT

REVIEW = ROOT / "dynamo_constructs" / "review"
ENGINE_ROOTS = {"cdktf", "cdktn", "jsii", "constructs", "cdktf_cdktf_provider_aws", "cdktn_provider_aws"}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_review_modules_import_only_the_standard_library() -> None:
    files = [*REVIEW.glob("*.py"), ROOT / "dynamo_constructs" / "cli.py"]
    assert len(files) > 5
    for path in files:
        outside = imported_roots(path) - set(sys.stdlib_module_names) - {"__future__"}
        assert not outside, f"{path.name} imports {outside}"


def test_review_runs_without_the_engine_loaded() -> None:
    """Loaded on its own (the package's __init__ bypassed), a review imports nothing of the engine."""
    probe = (
        "import sys, types\n"
        f"pkg = types.ModuleType('dynamo_constructs'); pkg.__path__ = [{str(ROOT / 'dynamo_constructs')!r}]\n"
        "sys.modules['dynamo_constructs'] = pkg\n"
        "from dynamo_constructs.review import review_documents\n"
        "doc = {'resource': {'aws_dynamodb_table': {'t': {'name': 'a', 'hash_key': 'pk'}}}}\n"
        "assert review_documents(doc, doc).changes[0].action.value == 'no-op'\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(ENGINE_ROOTS)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_provider_rules_name_their_source() -> None:
    assert provider_rules.PROVIDER_VERSION == "5.100.0"
    for resource_type, rules in provider_rules.RULES.items():
        version = provider_rules.NEWER_SOURCES.get(resource_type, provider_rules.PROVIDER_VERSION)
        root = provider_rules.SOURCE_ROOT.replace(f"v{provider_rules.PROVIDER_VERSION}", f"v{version}")
        assert rules.source.startswith(root) and rules.source.endswith(".go"), resource_type
    assert "aws_dynamodb_table" in provider_rules.RULES and "aws_dynamodb_table_replica" in provider_rules.RULES
