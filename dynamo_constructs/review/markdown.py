"""The report as Markdown for a pull-request comment: the verdict first, then one table per stack.

Data loss and refusals lead (the summary, then their rows), each finding followed by its fix;
unchanged resources are collapsed into a ``<details>`` list so the tables show what happens.
"""

from __future__ import annotations

from collections import Counter

from ..wording import plural
from .diff import KEPT_NOTE
from .model import Action, Change, FailureKind, LossKind, Report

ORDER = (Action.REPLACE, Action.DESTROY, Action.CREATE, Action.UPDATE, Action.MOVE, Action.FORGET, Action.NO_OP)
TABLE_TYPES = {"aws_dynamodb_table": "table", "aws_dynamodb_table_replica": "replica"}
IMPORTED = "imported (id "  # the reason an import carries (plan_json, planner)


def summary_lines(report: Report) -> list[str]:
    """The verdict: data-loss findings counted by kind, then the action counts."""
    lines: list[str] = []
    gone = Counter(TABLE_TYPES[c.type] for c in report.changes
                   if c.type in TABLE_TYPES and c.action in (Action.REPLACE, Action.DESTROY))
    for kind in ("table", "replica"):
        if gone[kind]:
            lines.append(f"**{plural(gone[kind], kind)} replaced/destroyed — DATA LOSS**")
    kinds: Counter[LossKind] = Counter()
    for change in report.changes:
        for kind in {loss.kind for loss in change.losses}:
            kinds[kind] += 1
    for kind in LossKind:
        if kind in (LossKind.TABLE_REPLACED, LossKind.TABLE_DESTROYED) or not kinds[kind]:
            continue
        lines.append(f"**{kind.value} ({kinds[kind]}) — DATA LOSS**")
    if not lines:
        lines.append("**No data loss.**")
    for kind, consequence in ((FailureKind.PLAN, "this change cannot be applied as it is"),
                              (FailureKind.APPLY, "AWS refuses it half-way through the apply")):
        refused = sum(1 for c in report.changes if any(f.kind is kind for f in c.failures))
        if refused:
            lines.append(f"**{kind.value} ({plural(refused, 'resource')}) — {consequence}**")
    kept = sum(1 for c in report.changes for r in c.reasons if KEPT_NOTE in r)
    if kept:
        lines.append(f"{plural(kept, 'omitted argument')} keep{'s' if kept == 1 else ''} the live value "
                     "(Optional+Computed): if an omission was meant to switch something off, it will not reach AWS.")
    imported = sum(1 for c in report.changes if any(r.startswith(IMPORTED) for r in c.reasons))
    if imported:
        lines.append(f"{plural(imported, 'resource')} imported: Terraform adopts {'it' if imported == 1 else 'them'} "
                     "as {} in AWS, and an import creates nothing.".format("it is" if imported == 1 else "they are"))
    counts = Counter(c.action for c in report.changes)
    parts = [f"{counts[a]} {a.value}" for a in ORDER if counts[a] and a is not Action.NO_OP]
    lines.append(("Changes: " + ", ".join(parts) if parts else "No changes")
                 + (f" ({counts[Action.NO_OP]} unchanged)." if counts[Action.NO_OP] else "."))
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(change: Change) -> str:
    action = f"**{change.action.value}**" if change.action in (Action.REPLACE, Action.DESTROY) else change.action.value
    if change.fails:
        action += "<br>**fails**"
    loss = "**yes**" if change.data_loss else "no"
    lines = [*change.all_reasons(), *(f"**Fix:** {fix}" for fix in change.fixes())]
    reasons = "<br>".join(_cell(r) for r in lines) or "—"
    return f"| `{change.address}` | {action} | {loss} | {reasons} |"


def _rank(change: Change) -> tuple[bool, bool, int]:
    """Data loss first, then refusals, then by action."""
    return not change.data_loss, not change.fails, ORDER.index(change.action)


TITLE = "dynamo-constructs review"


def render(report: Report, title: str = TITLE) -> str:
    """The whole comment."""
    out = [f"### {title}", "", *(f"{line}  " for line in summary_lines(report)), ""]
    stacks = list(dict.fromkeys(report.stacks)) or [None]
    for stack in stacks:
        changes = report.for_stack(stack)
        if stack is not None:
            out += [f"#### Stack `{stack}`", ""]
        # A no-op with reasons is worth reading (a kept live value, an ignored change).
        shown = [c for c in changes if c.action is not Action.NO_OP or c.data_loss or c.fails or c.reasons]
        shown.sort(key=lambda c: (*_rank(c), c.address))
        quiet = [c for c in changes if c not in shown]
        if shown:
            out += ["| address | action | data loss | reasons |", "| --- | --- | --- | --- |", *map(_row, shown), ""]
        else:
            out += ["No changes.", ""]
        if quiet:
            out += [f"<details><summary>{plural(len(quiet), 'resource')} unchanged</summary>", ""]
            out += [f"- `{c.address}`" for c in quiet]
            out += ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def plain_summary(report: Report, limit: int = 25) -> str:
    """A few plain-text lines (for a test failure or a terminal): the verdict, then each change, with
    the fix under each data-loss or failure finding."""
    lines = [line.replace("**", "") for line in summary_lines(report)]
    changed = [c for c in report.changes if c.action is not Action.NO_OP or c.data_loss or c.fails or c.reasons]
    changed.sort(key=lambda c: (*_rank(c), c.qualified_address))
    for change in changed[:limit]:
        marks = (" [DATA LOSS]" if change.data_loss else "") + (" [FAILS]" if change.fails else "")
        found = [f"{f.kind.value}: {f.text}" for f in change.failures] + [f"DATA LOSS: {x.text}" for x in change.losses]
        why = "; ".join([*change.reasons[:3 - min(len(found), 2)], *found])
        lines.append(f"  {change.action.value} {change.qualified_address}{marks}" + (f": {why}" if why else ""))
        lines += [f"    fix: {fix}" for fix in change.fixes()]
    if len(changed) > limit:
        lines.append(f"  ... and {len(changed) - limit} more")
    return "\n".join(lines)
