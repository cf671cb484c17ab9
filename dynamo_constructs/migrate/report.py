"""``MIGRATION.md`` (per table: what was found, what keeps a live value the library would not choose,
what could not be expressed and why, and the steps to take) and ``old-config/removed.tf``."""

from __future__ import annotations

from collections.abc import Sequence

from ..recovery import DEFAULT_RECOVERY_PERIOD_DAYS
from ..wording import plural
from .model import LiveTable
from .translate import TableCode

STEPS = """\
## Steps

1. Read the code in `main.py` and this file. `python main.py` writes `cdktf.out/stacks/{stack}/cdk.tf.json`.
2. In that folder: `terraform init`, then `terraform plan -out plan.bin` and `terraform show -json plan.bin >
   plan.json`; `dynamo-constructs plan plan.json` must say every table is imported, with no create, replace,
   delete or update of a table. Anything else means the code does not match the live table: stop and fix that first.
3. `terraform apply plan.bin`. Then remove `adopt_existing=True` from `main.py` (its import blocks are no-ops once
   the tables are in state, but they would try to import any resource you add later).
"""
STEPS_STATE = """\
4. In the old configuration: delete the resource blocks (or module calls) listed under "Forgotten" — but keep
   every `provider` block, aliased ones included: Terraform needs each forgotten resource's provider to forget it —
   and add `old-config/removed.tf`; `terraform plan` there must show only "will no longer be managed" (no
   destroy). Apply it.
   Resources listed under "Still refer to moved tables" stay in the old configuration: replace their references
   to the moved resources with the literal names and ARNs given there.
"""
STEPS_HARDEN = """\
{n}. Harden as ordinary, reviewed changes (`dynamo-constructs review` before each apply): the arguments marked
   "live:" in `main.py` keep settings the library would not choose by default — deletion protection, point-in-time
   recovery and its window, a key the library creates (switch with `retain_previous_key=True`).
"""


def _table_section(code: TableCode) -> list[str]:
    table = code.table
    lines = [f"### {table.name} ({table.region})", ""]
    lines.append(f"- Found: {_summary(table)}.")
    if table.source.get("address"):
        lines.append(f"- Read from `{table.source['address']}`.")
    if table.problems:
        lines.append(f"- **Left out**: {'; '.join(table.problems)}. The table is not in `main.py`; it stays where it is.")
        return [*lines, ""]
    lines.append(f"- Written as `{code.variable} = {code.construct}(...)`.")
    differs = [a for a in code.arguments if a.differs]
    for argument in differs:
        lines.append(f"- Keeps a live value: `{argument.name}` — {argument.differs}.")
    lines.append(f"- Imported: {', '.join(imported(table))}.")
    if table.item_count:
        lines.append(f"- {plural(table.item_count, 'item')} written by the old configuration (`aws_dynamodb_table_item`): "
                     "items cannot be imported with hashicorp/aws 5.x and are data, so they stay in the table, unmanaged.")
    lines += [f"- Note: {note}." for note in table.notes]
    if table.resource_policy:
        lines.append("- Note: the plan shows its resource policy updated in place after the import: hashicorp/aws does "
                     "not read `confirm_remove_self_resource_access` back; the apply puts the same policy again.")
    return [*lines, ""]


def _summary(table: LiveTable) -> str:
    keys = table.partition_key.name + (f" / {table.sort_key.name}" if table.sort_key else "")
    parts = [f"keys {keys}", "provisioned" if table.billing_mode == "PROVISIONED" else "on demand"]
    if table.global_indexes:
        parts.append(plural(len(table.global_indexes), "global index"))
    if table.local_indexes:
        parts.append(plural(len(table.local_indexes), "local index"))
    if table.replicas:
        parts.append("replicas in " + ", ".join(r.region for r in table.replicas))
    parts.append({"AWS_OWNED": "AWS-owned key", "AWS_MANAGED": "AWS-managed key"}.get(
        table.encryption, f"customer-managed key {table.kms_key_arn}"))
    if table.ttl_attribute:
        parts.append(f"TTL on {table.ttl_attribute}" + ("" if table.ttl_enabled else " (disabled)"))
    if table.stream_view:
        parts.append(f"stream {table.stream_view}")
    parts.append(f"PITR {table.pitr_days or DEFAULT_RECOVERY_PERIOD_DAYS} days" if table.pitr else "no PITR")
    if table.resource_policy:
        parts.append("a resource policy")
    if table.kinesis:
        parts.append(plural(len(table.kinesis), "Kinesis destination"))
    return ", ".join(parts)


def imported(table: LiveTable) -> list[str]:
    """What the first plan imports for the table (the resources the generated code renders)."""
    dimensions = len(table.scalings)
    regions = 1 + (len(table.replicas) if dimensions else 0)
    insights = (table.insights is not None) + sum(i.insights is not None for i in table.global_indexes)
    parts = ["the table"]
    if table.replicas and not table.strong_consistency:
        parts.append(plural(len(table.replicas), "replica"))
    if dimensions:
        parts.append(f"{plural(dimensions * regions, 'scaling target')}, each with its policy")
    if insights:
        parts.append(plural(insights, "contributor-insights resource"))
    if table.resource_policy:
        parts.append(plural(1 + len(table.replicas), "resource policy"))
    if table.kinesis:
        parts.append(plural(len(table.kinesis), "Kinesis destination"))
    return parts


def migration_md(codes: Sequence[TableCode], *, source: str, stack: str, forgotten: Sequence[str],
                 referring: dict[str, list[str]], from_state: bool) -> str:
    moved = [c for c in codes if not c.table.problems]
    left = [c for c in codes if c.table.problems]
    lines = [f"# Migration of {len(codes)} tables from {source}", "",
             f"{len(moved)} tables are written to `main.py` (stack `{stack}`) with `adopt_existing=True`; "
             f"{len(left)} are left out (see below). The code is a faithful copy of every live setting: the first plan "
             "imports each table and what serves it, and changes nothing.", ""]
    lines.append(STEPS.format(stack=stack))
    if from_state:
        lines.append(STEPS_STATE)
    lines += [STEPS_HARDEN.format(n=5 if from_state else 4), "## Tables", ""]
    for code in codes:
        lines += _table_section(code)
    if from_state:
        lines += ["## Forgotten by the old configuration (`old-config/removed.tf`)", ""]
        lines += [f"- `{address}`" for address in forgotten] or ["- nothing"]
        lines.append("")
        if referring:
            lines += ["## Still refer to moved tables (they stay in the old configuration)", ""]
            for address, what in sorted(referring.items()):
                lines.append(f"- `{address}`: {', '.join(what)}")
            lines.append("")
    return "\n".join(lines)


def removed_tf(forgotten: Sequence[str]) -> str:
    """``removed`` blocks (Terraform >= 1.7) that make the old configuration forget, never destroy."""
    blocks = [f"removed {{\n  from = {address}\n\n  lifecycle {{\n    destroy = false\n  }}\n}}\n" for address in forgotten]
    header = ("# Written by `dynamo-constructs migrate`: the old configuration forgets these resources (they now belong\n"
              "# to the migrated stack, or served only tables that did) without destroying anything. Delete their\n"
              "# resource blocks or module calls and add this file; `terraform plan` must show no destroy.\n\n")
    return header + "\n".join(blocks)
