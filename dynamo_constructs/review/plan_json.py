"""``plan``: the same report from ``terraform show -json <planfile>``.

Terraform has already decided every action; this module names them in the review's
vocabulary, explains them (``action_reason``, ``replace_paths``, moves, imports, the changed
attributes, JSON documents statement by statement) and applies the same data-loss and
apply-time refusal rules to the planned values. It also reads ``resource_drift``: a table or
replica that Terraform found deleted outside Terraform shows up as a planned *create*, which
would make an empty table where the data was — unless its provider's region changed (the
ARN in state names another region than ``configuration.provider_config``): then the table
lives on in the old region, unmanaged, and the create makes an empty one in the new region.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from . import fixes
from .config import single
from .display import show
from .documents import document_change
from .inputs import InputError
from .model import Action, Change, Loss, LossKind, Report, sorted_changes
from .provider_rules import REPLICA, TABLE
from .refusals import state_refusals
from .safety import BACKUP_PLAN, DATA_TYPES, GONE, KEY, SELECTION, VAULT, gone_fix, region_loss, state_losses
from .values import UNKNOWN, same, scalar

ACTION_REASONS = {
    "replace_because_tainted": "the object is tainted",
    "replace_because_cannot_update": "an argument that cannot be updated in place changed",
    "replace_by_request": "replacement requested (-replace)",
    "replace_by_triggers": "replace_triggered_by fired",
    "delete_because_no_resource_config": "no longer in the configuration",
    "delete_because_no_module": "its module is no longer in the configuration",
    "delete_because_wrong_repetition": "count/for_each changed",
    "delete_because_count_index": "count shrank",
    "delete_because_each_key": "for_each no longer has its key",
    "delete_because_no_move_target": "its moved block has no target",
}
RECOVERING = ("deleted outside Terraform — this create makes an EMPTY table; restore it from a backup or PITR "
              "instead (see README: Recovering)")


def action_of(entry: Mapping[str, Any]) -> Action:
    """The review's name for one ``resource_changes`` entry's actions."""
    actions = list(entry.get("change", {}).get("actions", []))
    if "forget" in actions:
        return Action.REPLACE if "create" in actions else Action.FORGET
    if "delete" in actions and "create" in actions:
        return Action.REPLACE
    if actions == ["create"]:
        return Action.CREATE
    if actions == ["delete"]:
        return Action.DESTROY
    if actions == ["update"]:
        return Action.UPDATE
    previous = entry.get("previous_address")
    if previous and previous != entry.get("address"):
        return Action.MOVE
    return Action.NO_OP


def with_unknowns(after: Any, unknown: Any) -> Any:
    """``after`` with every value ``after_unknown`` marks replaced by UNKNOWN."""
    if unknown is True:
        return UNKNOWN
    if isinstance(unknown, Mapping) and isinstance(after, Mapping):
        merged = dict(after)
        for key, mark in unknown.items():
            merged[key] = with_unknowns(after.get(key), mark)
        return merged
    if isinstance(unknown, list) and isinstance(after, list):
        return [with_unknowns(a, unknown[i] if i < len(unknown) else False) for i, a in enumerate(after)]
    if isinstance(unknown, list) and after is None and any(u is True for u in unknown):
        return UNKNOWN
    return after


def _at(value: Any, path: list[Any]) -> Any:
    for step in path:
        if isinstance(value, Mapping):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
    return value


def _path_text(path: list[Any]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _reasons(entry: Mapping[str, Any], action: Action, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    reasons: list[str] = []
    change = entry.get("change", {})
    previous = entry.get("previous_address")
    if previous and previous != entry.get("address"):
        reasons.append(f"moved from {previous}")
    importing = change.get("importing")
    if isinstance(importing, Mapping):
        reasons.append(f"imported (id {importing.get('id')!r})")
    for raw_path in change.get("replace_paths") or []:
        path = list(raw_path)
        reasons.append(f"{_path_text(path)}: {show(_at(before, path))} -> {show(_at(after, path))} forces replacement")
    reason = entry.get("action_reason")
    if reason and (reason != "replace_because_cannot_update" or not change.get("replace_paths")):
        reasons.append(ACTION_REASONS.get(reason, reason.replace("_", " ")))
    if action in (Action.UPDATE, Action.REPLACE):
        replaced = {str(p[0]) for p in change.get("replace_paths") or [] if p}
        for key in sorted(set(before) | set(after)):
            if key in replaced or (key in ("tags_all", "id") and action is Action.REPLACE):
                continue
            if not same(before.get(key), after.get(key), zero_is_null=False):
                detail = document_change(before.get(key), after.get(key)) \
                    if isinstance(before.get(key), str) or isinstance(after.get(key), str) else None
                reasons.append(f"{key}: {detail or show(before.get(key)) + ' -> ' + show(after.get(key))}")
    if action is Action.FORGET:
        reasons.append("removed block with lifecycle destroy = false: Terraform forgets the object and leaves it alive")
    return reasons


def _first(value: Any, key: str) -> Any:
    block = single(value)
    return block.get(key) if isinstance(block, Mapping) else None


def review_plan(doc: Any, stack: str | None = None) -> Report:
    """Review ``terraform show -json`` output (see the module docstring)."""
    if not isinstance(doc, Mapping) or ("resource_changes" not in doc and "format_version" not in doc):
        raise InputError("not terraform show -json output (no resource_changes / format_version)")
    entries = [e for e in doc.get("resource_changes") or [] if e.get("mode", "managed") == "managed"]
    changes: list[Change] = []
    states: dict[str, tuple[Change, dict[str, Any], dict[str, Any] | None]] = {}
    for entry in entries:
        address = entry.get("address")
        if not isinstance(address, str) or not isinstance(entry.get("change"), Mapping):
            raise InputError("a resource_changes entry without address or change")
        action = action_of(entry)
        raw = entry["change"]
        before = dict(raw.get("before") or {})
        after_raw = raw.get("after")
        after = with_unknowns(after_raw, raw.get("after_unknown")) if after_raw is not None else None
        after_map = dict(after) if isinstance(after, Mapping) else {}
        change = Change(address=address, type=str(entry.get("type", address.split(".")[0])), action=action,
                        reasons=_reasons(entry, action, before, after_map), stack=stack)
        if action not in (Action.CREATE, Action.FORGET):
            causes = {str(p[0]) for p in raw.get("replace_paths") or [] if p}
            fix = gone_fix(change.type, action, causes, before, recreated_at=_recreated(entries, change, before),
                           region=_arn_region(before.get("arn")))
            change.losses.extend(state_losses(change.type, action, before, after_map if after is not None else None,
                                              address, gone_fix=fix))
            state_refusals(change, before, after_map if after is not None else None)
        states[address] = (change, before, after_map if after is not None else None)
        changes.append(change)
    _drift(doc, states)
    _keys(states)
    _backups(states)
    return Report(sorted_changes(changes), [stack])


def _recreated(entries: list[Mapping[str, Any]], change: Change, before: Mapping[str, Any]) -> str | None:
    """The address that creates a table of the same name as this destroyed one (a move without moved blocks)."""
    if change.type != TABLE or change.action is not Action.DESTROY or not before.get("name"):
        return None
    for entry in entries:
        after = entry.get("change", {}).get("after")
        if entry.get("type") == TABLE and action_of(entry) is Action.CREATE and isinstance(after, Mapping) \
                and after.get("name") == before.get("name"):
            return str(entry.get("address"))
    return None


def _arn_region(arn: Any) -> str | None:
    parts = arn.split(":") if isinstance(arn, str) else []
    return parts[3] if len(parts) > 5 and parts[0] == "arn" and parts[3] else None


def _configured_regions(doc: Mapping[str, Any]) -> dict[str, str]:
    """Resource address -> the literal region of its provider configuration (``configuration``)."""
    configuration = doc.get("configuration") or {}
    regions: dict[str, str] = {}
    for key, provider in (configuration.get("provider_config") or {}).items():
        region = ((provider.get("expressions") or {}).get("region") or {}).get("constant_value")
        if isinstance(region, str) and region:
            regions[key] = region
    by_address: dict[str, str] = {}
    for resource in (configuration.get("root_module") or {}).get("resources") or []:
        key = resource.get("provider_config_key")
        if isinstance(key, str) and key in regions:
            by_address[str(resource.get("address"))] = regions[key]
    return by_address


def _region_changes(doc: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Address -> (old, new) region for each object found gone on refresh because its provider's region
    changed. The old region is the object's ARN's, or else the one other objects of the same new region
    show (not every resource has an ARN)."""
    configured = _configured_regions(doc)
    gone = [e for e in doc.get("resource_drift") or [] if e.get("change", {}).get("actions") == ["delete"]]
    seen: dict[str, set[str]] = {}
    for entry in gone:
        old = _arn_region((entry.get("change", {}).get("before") or {}).get("arn"))
        new = configured.get(str(entry.get("address")))
        if old and new:
            seen.setdefault(new, set()).add(old)
    changes: dict[str, tuple[str, str]] = {}
    for entry in gone:
        address = str(entry.get("address"))
        new = configured.get(address)
        old = _arn_region((entry.get("change", {}).get("before") or {}).get("arn"))
        if old is None and new is not None and len(seen.get(new, ())) == 1:
            old = next(iter(seen[new]))
        if old and new and old != new:
            changes[address] = (old, new)
    return changes


def _drift(doc: Mapping[str, Any], states: Mapping[str, tuple[Change, dict[str, Any], Any]]) -> None:
    moved_region = _region_changes(doc)
    for entry in doc.get("resource_drift") or []:
        address = entry.get("address")
        actions = entry.get("change", {}).get("actions", [])
        if address not in states or entry.get("mode", "managed") != "managed":
            continue
        change, before = states[address][0], dict(entry.get("change", {}).get("before") or {})
        if actions == ["delete"] and address in moved_region:
            old, new = moved_region[address]
            change.reasons.insert(0, f"the provider's region changes ({old} -> {new}): Terraform did not find the "
                                     f"object in {new} and creates a new one there; the one in {old} left the state "
                                     "and stays, unmanaged")
            if change.action in (Action.CREATE, Action.REPLACE):
                change.losses.extend(region_loss(change.type, address, before.get("name"), old, new))
        elif actions == ["delete"]:
            if change.type in DATA_TYPES and change.action in (Action.CREATE, Action.REPLACE):
                change.reasons.insert(0, RECOVERING)
                change.losses.append(Loss(LossKind.DELETED_OUTSIDE, f"{address} was deleted outside Terraform and this "
                                                                    "plan recreates it empty", fixes.RECOVER))
            else:
                change.reasons.insert(0, "deleted outside Terraform")
        elif actions == ["update"]:
            change.reasons.append("changed outside Terraform (resource_drift)")


def _keys(states: Mapping[str, tuple[Change, dict[str, Any], Any]]) -> None:
    users: dict[str, list[str]] = {}
    vault_covers = _vaults_with_backups(states)
    for address, (change, before, _) in states.items():
        if change.type == TABLE:
            arns = [_first(before.get("server_side_encryption"), "kms_key_arn")]
            arns += [r.get("kms_key_arn") for r in before.get("replica") or [] if isinstance(r, Mapping)]
        elif change.type == REPLICA or (change.type == VAULT and address in vault_covers):
            arns = [before.get("kms_key_arn")]
        else:
            continue
        for arn in arns:
            if isinstance(arn, str) and arn:
                users.setdefault(arn, []).append(address)
    for address, (change, before, after) in states.items():
        if change.type != KEY or before.get("arn") not in users:
            continue
        names = ", ".join(users[before["arn"]])
        if change.action in GONE:
            stay = any(states[user][0].action not in GONE for user in users[before["arn"]])
            change.losses.append(Loss(LossKind.KEY_DELETED,
                                      f"KMS key {address} encrypts {names}: deleting it loses what it encrypts — "
                                      "restoring PITR points or backups made under it needs it", fixes.key_deleted(stay)))
        elif after is not None and scalar(before.get("is_enabled", True)) is True and \
                after.get("is_enabled") is not UNKNOWN and scalar(after.get("is_enabled", True)) is False:
            change.losses.append(Loss(LossKind.KEY_DISABLED, f"KMS key {address} is disabled while {names} use it",
                                      fixes.KEY_ENABLED))


def _covered(selection: Mapping[str, Any], tables: Mapping[str, str]) -> set[str]:
    """Table addresses (by ARN) a selection's ``resources`` name, wildcards included."""
    covered: set[str] = set()
    for item in selection.get("resources") or []:
        if not isinstance(item, str):
            continue
        covered |= {address for address, arn in tables.items() if arn and fnmatch.fnmatchcase(arn, item)}
    return covered


def _vaults_with_backups(states: Mapping[str, tuple[Change, dict[str, Any], Any]]) -> dict[str, set[str]]:
    tables = {a: str(s[1].get("arn") or "") for a, s in states.items() if s[0].type == TABLE}
    plans = {str(s[1].get("id")): s[1] for s in states.values() if s[0].type == BACKUP_PLAN}
    vaults = {str(s[1].get("name")): a for a, s in states.items() if s[0].type == VAULT}
    covers: dict[str, set[str]] = {}
    for change, before, _ in states.values():
        if change.type != SELECTION:
            continue
        plan = plans.get(str(before.get("plan_id")), {})
        for rule in plan.get("rule") or []:
            vault = vaults.get(str(rule.get("target_vault_name"))) if isinstance(rule, Mapping) else None
            if vault:
                covers.setdefault(vault, set()).update(_covered(before, tables))
    return covers


def _backups(states: Mapping[str, tuple[Change, dict[str, Any], Any]]) -> None:
    tables_before = {a: str(s[1].get("arn") or "") for a, s in states.items() if s[0].type == TABLE}
    tables_after = {a: str(s[2].get("arn")) if s[2] and s[2].get("arn") is not UNKNOWN else tables_before.get(a, "")
                    for a, s in states.items() if s[0].type == TABLE}
    after_covered: set[str] = set()
    for change, before, after in states.values():
        if change.type != SELECTION or after is None:
            continue
        resources = after.get("resources")
        after_covered |= _covered(before if resources is UNKNOWN else after, tables_after)
    for address, (change, before, _) in states.items():
        if change.type != SELECTION:
            continue
        for table in sorted(_covered(before, tables_before)):
            table_change = states[table][0]
            if table_change.action in (*GONE, Action.FORGET) or table in after_covered:
                continue
            owner = change if change.action not in (Action.NO_OP, Action.MOVE) else table_change
            owner.losses.append(Loss(LossKind.BACKUP_REMOVED, f"{table} is no longer backed up (it was selected by "
                                                              f"{address})", fixes.BACKUPS_KEPT))
    for vault, tables in _vaults_with_backups(states).items():
        change = states[vault][0]
        if tables and change.action in GONE:
            change.losses.append(Loss(LossKind.BACKUP_REMOVED, f"backup vault {vault} holds the recovery points of "
                                                               f"{', '.join(sorted(tables))}", fixes.VAULT_KEPT))
