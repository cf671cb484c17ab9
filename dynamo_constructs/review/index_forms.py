"""A table's global indexes moving between its own ``global_secondary_index`` blocks and
``aws_dynamodb_global_secondary_index`` resources (hashicorp/aws >= 6.28): the provider allows one
form per table, and a move without its ``import`` (one way) or ``removed`` (the other) blocks does
not move the index: a create of an index the table already has fails, and a destroy deletes an
index the table then builds again. The planner adds these reasons to the index resource's change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .config import Config
from .expressions import all_references
from .model import Action
from .provider_rules import INDEX, TABLE
from .values import as_list


def inline_index_names(config: Config, table_address: str) -> set[str]:
    """The names of the ``global_secondary_index`` blocks of a table in ``config``."""
    table = config.resources.get(table_address)
    blocks = table.body.get("global_secondary_index") if table is not None else None
    return {str(b["name"]) for b in as_list(blocks) if isinstance(b, Mapping) and "name" in b}


def _table_of(body: Mapping[str, Any]) -> str | None:
    return next((r.address for r in all_references(body.get("table_name")) if r.address.startswith(f"{TABLE}.")), None)


def index_form_reasons(action: Action, body: Mapping[str, Any], before: Config, after: Config) -> Sequence[str]:
    """Why a create or destroy of an index resource is no routine one (``body``: its arguments)."""
    table, name = _table_of(body), body.get("index_name")
    if table is None or not isinstance(name, str):
        return ()
    if action is Action.CREATE and name in inline_index_names(before, table):
        return (f"{table} already has index {name!r} as its own block: this create fails (the index exists); "
                "import it instead (IndexForm.resources(from_inline=True) writes the import block)",)
    if action is Action.DESTROY and name in inline_index_names(after, table):
        return (f"{table} takes index {name!r} as its own block: this destroy deletes the index and the table builds "
                "it again (unavailable until backfilled); forget it instead (IndexForm.inline(from_resources=True) "
                "writes the removed block)",)
    if action in (Action.DESTROY, Action.REPLACE):
        return (f"index {name!r} is deleted from {table}" + (" and built again" if action is Action.REPLACE else "")
                + ": queries on it fail until it has backfilled (the table's items stay)",)
    return ()


def taken_over_reasons(table_address: str, before: Config, after: Config) -> Sequence[str]:
    """Indexes a table takes back as its own blocks from index resources forgotten in AFTER: the live
    table has them, so the "added" blocks plan no change (the provider reads every index into state)."""
    reasons = []
    for address, resource in sorted(before.resources.items()):
        name = resource.body.get("index_name")
        removed = after.removed.get(address)
        if resource.type != INDEX or _table_of(resource.body) != table_address or removed is None or removed.destroy:
            continue
        if name in inline_index_names(after, table_address) - inline_index_names(before, table_address):
            reasons.append(f"global_secondary_index[{name!r}]: taken over from {address} (forgotten): the live table has "
                           "it, so terraform plan shows no change for it")
    return reasons
