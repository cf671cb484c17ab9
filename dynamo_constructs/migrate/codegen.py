"""The generated app: ``main.py`` (one ``Table`` per table, or the domain construct a table matches)
and ``cdktf.json``, written as a person would write them."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence

from ..wording import plural
from .translate import Argument, Code, TableCode, call, listing, literal, provider_variable

DOMAIN_FIXED: dict[str, dict[str, Code]] = {
    # What each domain construct decides itself (keys, indexes, TTL): a table whose code says exactly
    # this is written as that construct, with every other argument as it is.
    "JobsTable": {
        "partition_key": call("Attribute.string", "jobId"),
        "global_indexes": listing([
            call("GlobalSecondaryIndex", name=name, partition_key=call("Attribute.string", key),
                 sort_key=call("Attribute.string", "createdAt"))
            for name, key in (("StatusIndex", "status"), ("UserIndex", "userId"))]),
        "time_to_live_attribute": literal("ttl"),
    },
    "BudgetTracking": {
        "partition_key": call("Attribute.string", "resource_id"),
        "sort_key": call("Attribute.string", "month"),
        "global_indexes": listing([
            call("GlobalSecondaryIndex", name=name, partition_key=call("Attribute.string", key),
                 sort_key=call("Attribute.string", "month"))
            for name, key in (("AccountCostIndex", "account_id"), ("CategoryIndex", "cost_category"))]),
    },
}
# The domain construct's own defaults that differ from Table's, and the value that keeps a live table as it is.
DOMAIN_DEFAULTS: dict[str, dict[str, Code]] = {
    "JobsTable": {"contributor_insights": literal(True), "system_status_item": literal(False)},
}


def use_domain_construct(code: TableCode) -> None:
    """Write the table as the domain construct it matches, if any (a replicated table is a GlobalTable)."""
    given = {a.name: a for a in code.arguments}
    for construct, fixed in DOMAIN_FIXED.items():
        if set(fixed) <= set(given) and all(given[k].code.text == v.text for k, v in fixed.items()) and \
                not ({"sort_key", "local_indexes", "replicas"} - set(fixed)) & set(given):
            code.construct = construct
            code.arguments = [a for a in code.arguments if a.name not in fixed]
            for name, value in DOMAIN_DEFAULTS.get(construct, {}).items():
                if name == "system_status_item":
                    code.arguments.append(Argument(name, value))  # the live item, if any, is data to leave alone
                elif name in given and given[name].code.text == value.text:
                    code.arguments = [a for a in code.arguments if a.name != name]
                elif name not in given:
                    code.arguments.append(Argument(name, literal(False)))
            return
    if "replicas" in given:
        code.construct = "GlobalTable"


def _tags(provider_tags: Mapping[str, Mapping[str, str]], region: str, stack_region: str) -> str:
    """``, tags={...}``: the default tags the old provider in ``region`` gave every resource."""
    tags = provider_tags.get(region, provider_tags.get(stack_region, {}))
    return f", tags={literal(dict(tags)).text}" if tags else ""


def default_region(codes: Sequence[TableCode], fallback: str) -> str:
    """The stack's provider Region: the one most tables are in."""
    counted = Counter(c.table.region for c in codes).most_common(1)
    return counted[0][0] if counted else fallback


def _header(source: str, codes: Sequence[TableCode], stack: str) -> list[str]:
    first = f"Tables taken over from {source} by `dynamo-constructs migrate` (stack {stack!r}, {plural(len(codes), 'table')})."
    return [
        *textwrap.wrap(first, width=110, initial_indent='"""'),
        "",
        "Each table is a faithful copy of what lives in AWS, and `adopt_existing=True` makes the first plan import",
        "it instead of creating it. Read MIGRATION.md first: review the plan, apply, then remove `adopt_existing`;",
        "hardening (deletion protection, a longer PITR window, a created key) comes after, as reviewed changes.",
        '"""',
        "",
    ]


def main_py(codes: Sequence[TableCode], *, source: str, stack: str, region: str,
            provider_tags: Mapping[str, Mapping[str, str]]) -> str:
    """The app's source: a stack with the providers it needs and every table that can be expressed
    (``region``: the stack's provider Region when no table is)."""
    region = default_region(codes, region)
    regions = sorted(({c.table.region for c in codes} | {r for c in codes for r in c.needs_providers}) - {region})
    names = {"aws_provider", "local_state"} | ({"replica_provider"} if regions else set())
    body: list[str] = []
    for code in codes:
        names |= {code.construct}
        for argument in code.arguments:
            names |= argument.code.names
        for statement in code.statements:
            names |= statement.names
    # dynamo_constructs is imported before any provider binding (the library imports those itself), so
    # its fast provider import is on; cdktf first is fine, and is where an import sorter puts it.
    lines = [*_header(source, codes, stack), "from cdktf import App, TerraformStack", "from dynamo_constructs import ("]
    lines += [f"    {name}," for name in sorted(names)]
    lines += [")", "", "app = App()", f"stack = TerraformStack(app, {literal(stack).text})",
              f"aws_provider(stack, {literal(region).text}{_tags(provider_tags, region, region)})"]
    lines += [f"{provider_variable(r)} = replica_provider(stack, {literal(r).text}{_tags(provider_tags, r, region)})"
              for r in regions]
    lines += ["local_state(stack)  # terraform.<stack>.tfstate beside the stack; use your own backend for a team", ""]
    for code in codes:
        body += _table(code, region)
    lines += body
    lines += ["app.synth()", ""]
    return "\n".join(lines)


def _table(code: TableCode, stack_region: str) -> list[str]:
    table = code.table
    found = f"{table.name} ({table.region})" + (f": {plural(table.item_count, 'item')} written by the old configuration, "
                                                "left alone as data" if table.item_count else "")
    lines = [f"# {found}", f"{code.variable} = {code.construct}("]
    lines += ["    stack,", f"    {literal(code.variable).text},"]
    arguments = list(code.arguments)
    if table.region != stack_region:
        arguments.append(Argument("provider", Code(provider_variable(table.region))))
    arguments.append(Argument("adopt_existing", literal(True)))
    for argument in arguments:
        if argument.differs:
            lines.append(f"    # live: {argument.differs}")
        lines.append(f"    {argument.name}={argument.code.layout(4, 4 + len(argument.name) + 1)},")
    lines.append(")")
    lines += [statement.layout(0) for statement in code.statements]
    lines.append("")
    return lines


def cdktf_json() -> str:
    """The CDKTF (and CDK Terrain) project file: ``cdktf synth`` runs ``python main.py``."""
    return json.dumps({"language": "python", "app": "python main.py", "projectId": "dynamo-constructs-migrated",
                       "sendCrashReports": "false", "terraformProviders": [], "terraformModules": [],
                       "codeMakerOutput": "imports", "context": {}}, indent=2) + "\n"
