"""``dynamo-constructs migrate``: existing tables onto the library, without touching a byte.

Tables are read from another Terraform configuration's state (``terraform show -json`` or the raw
state file, no AWS call) or from a live account, each becomes the library's code — a faithful copy of every live
setting, with ``adopt_existing=True`` so the first plan imports it — and what cannot be expressed
is left out with the reason, never turned into code that would change or replace a table. The
output folder gets ``main.py`` (a runnable app), ``cdktf.json``, ``MIGRATION.md`` and, from a
state, ``old-config/removed.tf`` (the old configuration forgets, never destroys). Like the
review, it runs without the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codegen, from_state, report
from .model import LiveTable, MigrateError
from .translate import TableCode, default_tags_by_region, translate

__all__ = ["MigrateError", "Migration", "from_aws_tables", "from_state_file", "write"]

DEFAULT_STACK = "migrated"


@dataclass
class Migration:
    """What one run found and wrote."""

    codes: list[TableCode]
    source: str
    stack: str
    provider_tags: dict[str, dict[str, str]] = field(default_factory=dict)
    forgotten: list[str] = field(default_factory=list)
    referring: dict[str, list[str]] = field(default_factory=dict)
    from_state: bool = False
    written: list[Path] = field(default_factory=list)

    @property
    def left_out(self) -> list[LiveTable]:
        return [c.table for c in self.codes if c.table.problems]

    @property
    def moved(self) -> list[TableCode]:
        return [c for c in self.codes if not c.table.problems]


def _translate(tables: Sequence[LiveTable]) -> tuple[list[TableCode], dict[str, dict[str, str]]]:
    """Each table's code, written as the domain construct it matches (if any)."""
    taken: set[str] = set()
    provider_tags = default_tags_by_region(tables)
    codes = [translate(t, taken, provider_tags) for t in sorted(tables, key=lambda t: (t.region, t.name))]
    for code in codes:
        if not code.table.problems:
            codegen.use_domain_construct(code)
    return codes, provider_tags


def _top_module(resource: from_state.StateResource) -> str:
    """The root module's call that holds ``resource`` (``module.db``), or "" in the root module."""
    return ".".join(resource.module.split(".")[:2]) if resource.module else ""


def _share_addresses(codes: list[TableCode]) -> None:
    """Removed blocks forget whole resources (every count/for_each instance): a table that shares an
    address with a table left out is left out too, so no table is managed twice or by none."""
    changed = True
    while changed:
        changed = False
        left = {a: c.table.name for c in codes if c.table.problems for a in c.table.old_addresses}
        for code in codes:
            shared = sorted({left[a] for a in code.table.old_addresses if a in left} - {code.table.name})
            if shared and not code.table.problems:
                code.table.problems = [f"it shares resource addresses with {', '.join(shared)}, which could not be "
                                       "migrated (removed blocks forget every instance of a resource)"]
                changed = True


def _forgotten(codes: list[TableCode], state: from_state.StateTables) -> list[str]:
    """The removed blocks' addresses: whole module calls when everything in them moves, else resources;
    a KMS key (and its aliases) only when every table that uses it moves."""
    moved = [c for c in codes if not c.table.problems]
    staying_keys = {a for c in codes if c.table.problems for a in c.table.key_addresses}
    addresses = sorted({a for c in moved for a in (*c.table.old_addresses, *c.table.key_addresses)} - staying_keys)
    by_module: dict[str, set[str]] = {}
    for resource in state.resources:
        by_module.setdefault(_top_module(resource), set()).add(resource.config_address)
    result: list[str] = []
    for module, contents in sorted(by_module.items()):
        mine = [a for a in addresses if a in contents]
        if module and mine and contents <= set(addresses):
            result.append(module)
        else:
            result += mine
    return result


def _referring(moved: list[TableCode], state: from_state.StateTables, forgotten: Sequence[str]) -> dict[str, list[str]]:
    """Resources that stay in the old configuration but name a moved table (its name or ARN)."""
    gone = set(forgotten)
    found: dict[str, list[str]] = {}
    for resource in state.resources:
        if resource.config_address in gone or _top_module(resource) in gone:
            continue
        text = repr(resource.values)
        for code in moved:
            table = code.table
            if f"table/{table.name}" in text or repr(table.name) in text:
                found.setdefault(resource.address, []).append(f"{table.name} (ARN {table.arn})")
    return found


def from_state_file(path: Path, stack: str = DEFAULT_STACK) -> Migration:
    """Read a ``terraform show -json`` document (or a raw state file) and translate its tables (nothing written yet)."""
    state = from_state.read(from_state.load(path))
    codes, provider_tags = _translate(state.tables)
    _share_addresses(codes)
    migration = Migration(codes, f"the Terraform state {path.name}", stack, provider_tags, from_state=True)
    migration.forgotten = _forgotten(migration.codes, state)
    migration.referring = _referring(migration.moved, state, migration.forgotten)
    return migration


def from_aws_tables(session: Any, region: str, names: Sequence[str] = (), stack: str = DEFAULT_STACK) -> Migration:
    """Read live tables of ``region`` (every table when none is named) and translate them."""
    from . import from_aws

    codes, provider_tags = _translate(from_aws.read(session, region, names))
    return Migration(codes, f"AWS ({region})", stack, provider_tags)


def write(migration: Migration, out: Path, *, force: bool = False) -> Migration:
    """Write the app, its project file, MIGRATION.md and (from a state) old-config/removed.tf."""
    main = out / "main.py"
    if main.exists() and not force:
        raise MigrateError(f"{main} exists; choose another --out folder or pass --force")
    region = migration.codes[0].table.region if migration.codes else "us-east-1"
    files = {main: codegen.main_py(migration.moved, source=migration.source, stack=migration.stack, region=region,
                                   provider_tags=migration.provider_tags),
             out / "cdktf.json": codegen.cdktf_json(),
             out / "MIGRATION.md": report.migration_md(migration.codes, source=migration.source, stack=migration.stack,
                                                       forgotten=migration.forgotten, referring=migration.referring,
                                                       from_state=migration.from_state)}
    if migration.from_state:
        files[out / "old-config" / "removed.tf"] = report.removed_tf(migration.forgotten)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    migration.written = list(files)
    return migration
