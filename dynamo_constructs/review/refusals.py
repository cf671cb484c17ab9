"""What Terraform refuses to plan, or AWS to apply: the review says so per resource, with the reason
and the fix, instead of predicting an action that never happens.

At plan time: ``lifecycle.prevent_destroy`` on a resource the change replaces (Terraform's
"Instance cannot be destroyed"); a ``removed`` block naming a resource still configured; the
provider's table check (``validateTableAttributes`` in ``dynamodb/table.go``, run in
CustomizeDiff), which compares the configured attribute definitions with the keys of the table
and its indexes as planned — under ``lifecycle.ignore_changes = [global_secondary_index]`` the
indexes are the ones in state, so adding, removing or re-keying an index fails there. The
messages are the provider's own, so a reviewer can match them with Terraform's output.

At apply time (the plan looks fine): TTL turned off without its attribute name (AWS's
``UpdateTimeToLive`` needs it), and a table with deletion protection on that the plan destroys
or replaces (AWS refuses ``DeleteTable``).

The state-shaped rules (TTL, deletion protection) serve the configuration review and the plan
review alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import fixes
from .config import single
from .display import show
from .model import Action, Change, FailureKind
from .planner import Plan
from .provider_rules import TABLE
from .safety import GONE
from .values import MISSING, UNKNOWN, contains_unknown, scalar


def _go_quoted(names: list[str]) -> str:
    """Go's ``%q`` of a ``[]string``, as the provider prints it: ``["a" "b"]``."""
    return "[" + " ".join('"' + n.replace("\\", "\\\\").replace('"', '\\"') + '"' for n in names) + "]"


def _blocks(value: Any) -> list[Mapping[str, Any]]:
    if value is MISSING or value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, Mapping)]


def attribute_errors(table: Mapping[str, Any]) -> list[str]:
    """The provider's attribute check on a table's planned arguments: every attribute definition is
    a key of the table or of an index, and every key has a definition (the provider's messages)."""
    keys = [table.get("hash_key"), table.get("range_key")]
    keys += [index.get("range_key") for index in _blocks(table.get("local_secondary_index"))]
    for index in _blocks(table.get("global_secondary_index")):
        keys += [index.get("hash_key"), index.get("range_key")]
    defined = [item.get("name") for item in _blocks(table.get("attribute"))]
    if contains_unknown([*keys, *defined]) or any(isinstance(v, str) and "${" in v for v in [*keys, *defined]):
        return []  # names only known at plan time: nothing to say offline
    indexed = {k for k in keys if isinstance(k, str) and k}
    names = [n for n in defined if isinstance(n, str)]
    errors = []
    unused = sorted(n for n in names if n not in indexed)
    if unused:
        errors.append(f"all attributes must be indexed. Unused attributes: {_go_quoted(unused)}")
    unmatched = sorted(indexed - set(names))
    if unmatched and table.get("attribute") is not MISSING:
        errors.append(f"all indexes must match a defined attribute. Unmatched indexes: {_go_quoted(unmatched)}")
    return errors


def ttl_refusal(before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """TTL on in BEFORE, off in AFTER without the attribute's name: AWS refuses the apply."""
    old, new = single(before.get("ttl")), single(after.get("ttl"))
    if not isinstance(old, Mapping) or not isinstance(new, Mapping) or new.get("enabled") is UNKNOWN:
        return None
    if scalar(old.get("enabled")) is True and scalar(new.get("enabled")) is not True and not new.get("attribute_name"):
        return (f"ttl: turned off without attribute_name; AWS's UpdateTimeToLive needs the name "
                f"({show(old.get('attribute_name'))}) to turn TTL off, so this apply fails")
    return None


def protected_delete(rtype: str, action: Action, before: Mapping[str, Any]) -> str | None:
    """A table with deletion protection on that the plan destroys or replaces: AWS refuses DeleteTable."""
    if rtype != TABLE or action not in GONE or scalar(before.get("deletion_protection_enabled")) is not True:
        return None
    verb = "destroys" if action is Action.DESTROY else "replaces (deleting it first)"
    return f"deletion protection is on and the plan {verb} the table: AWS refuses DeleteTable, so this apply fails"


def state_refusals(change: Change, before: Mapping[str, Any], after: Mapping[str, Any] | None) -> None:
    """The apply-time refusals one resource's own change meets (state-shaped values; ``after``
    None when the resource is gone)."""
    deleted = protected_delete(change.type, change.action, before)
    if deleted:
        change.add_failure(FailureKind.APPLY, deleted, fixes.PROTECTED_DELETE)
    if change.type == TABLE and after is not None and change.action is Action.UPDATE:
        ttl = ttl_refusal(before, after)
        if ttl:
            change.add_failure(FailureKind.APPLY, ttl, fixes.TTL_OFF)


def apply_refusal_rules(plan: Plan) -> None:
    """Add every refusal to the planned changes of a configuration review."""
    for planned in plan.planned:
        change = planned.change
        resource = plan.after.resources.get(planned.after_address or "")
        if resource is not None and ((planned.after_address in plan.after.removed)
                                     or (planned.before_address in plan.after.removed)):
            change.add_failure(FailureKind.PLAN, "a removed block names this resource while it is still configured: "
                                          "Terraform rejects the configuration", fixes.REMOVED_CONFIGURED)
        if resource is not None and change.action is Action.REPLACE and resource.lifecycle.prevent_destroy:
            cause = next((loss.fix for loss in change.losses if loss.fix), fixes.KEEP_AS_WAS)
            change.add_failure(FailureKind.PLAN, "Instance cannot be destroyed: lifecycle.prevent_destroy is set and this "
                                          "change replaces it", cause)
        if resource is not None and resource.type == TABLE:
            _attribute_check(plan, change, planned.after_address or "", planned.diff.effective_after)
        if change.action is not Action.CREATE:
            # TTL as configured: the provider suppresses the attribute's diff while TTL is off, yet sends
            # the configured (empty) name.
            state_refusals(change, planned.before,
                           plan.evaluator.after_value(dict(resource.body)) if resource is not None else None)


def _attribute_check(plan: Plan, change: Change, address: str, effective: Mapping[str, Any]) -> None:
    resource = plan.after.resources[address]
    # A new object is checked as configured; an existing one as planned (ignored arguments from state).
    planned = plan.evaluator.after_value(dict(resource.body)) if change.action is Action.CREATE or not effective \
        else effective
    errors = attribute_errors(planned)
    if not errors:
        return
    ignored = resource.lifecycle.ignores("global_secondary_index") and change.action is not Action.CREATE
    where = (" (Terraform checks the attributes against the indexes in state: lifecycle.ignore_changes covers "
             "global_secondary_index)") if ignored else ""
    change.add_failure(FailureKind.PLAN, "; ".join(errors) + where, fixes.INDEX_MAINTENANCE if ignored else fixes.ATTRIBUTES)
