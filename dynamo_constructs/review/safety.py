"""When a change loses data, or the means to get it back.

Data loss is: a table or replica destroyed or replaced (the new one starts empty), or left
behind in its old region while an empty one is made in the provider's new region; a KMS key
deleted (destroyed or replaced) or disabled while a table or replica used it in BEFORE —
also the key a table used before a key switch, since restoring its PITR points and backups
needs it; PITR turned off or its window shortened (restore points older than the new window
vanish; an absent window is AWS's 35 days); deletion protection, ``prevent_destroy`` or backups
(a selection covering the table, or the vault holding its recovery points) taken away from a
table that had them.

The per-resource rules read state-shaped values (the provider's view: BEFORE, and AFTER with
kept Optional+Computed values), so ``review`` (configurations) and ``plan`` (plan JSON) share
them; the cross-resource rules (which key or backup belongs to which table) differ by input.
Every finding carries its fix (``fixes``): the library's way to avoid it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from typing import Any

from . import fixes
from .config import Config, single
from .diff import KEPT_NOTE
from .expressions import Reference, all_references
from .model import Action, Loss, LossKind
from .planner import Plan, Planned
from .provider_rules import REPLICA, TABLE
from .values import MISSING, UNKNOWN, scalar

KEY = "aws_kms_key"
ALIAS = "aws_kms_alias"
VAULT = "aws_backup_vault"
BACKUP_PLAN = "aws_backup_plan"
SELECTION = "aws_backup_selection"
DATA_TYPES = (TABLE, REPLICA)
DEFAULT_RECOVERY_DAYS = 35
GONE = (Action.DESTROY, Action.REPLACE)


def _block(state: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = single(state.get(name))
    return value if isinstance(value, Mapping) else {}


def _on(value: Any) -> bool:
    return value is not UNKNOWN and value is not MISSING and scalar(value) is True


def pitr(before: Mapping[str, Any], after: Mapping[str, Any] | None = None) -> tuple[bool, int | None]:
    """(enabled, recovery window in days) of a table; with ``after``, AFTER's effective values
    (an absent window keeps BEFORE's when PITR stays on, else it is AWS's default, 35)."""
    if after is None:
        block = _block(before, "point_in_time_recovery")
        enabled = _on(block.get("enabled"))
        period = _days(block.get("recovery_period_in_days"))
        return enabled, (period or DEFAULT_RECOVERY_DAYS) if enabled else None
    was_on, was_period = pitr(before)
    block = _block(after, "point_in_time_recovery")
    if not block:
        return was_on, was_period
    enabled = _on(block.get("enabled"))
    period = _days(block.get("recovery_period_in_days"))
    if not enabled:
        return False, None
    return True, period or (was_period if was_on else DEFAULT_RECOVERY_DAYS)


def _days(value: Any) -> int | None:
    number = scalar(value) if value is not UNKNOWN and value is not MISSING and value is not None else None
    return int(number) if isinstance(number, float) and number > 0 else None


def state_losses(rtype: str, action: Action, before: Mapping[str, Any], after: Mapping[str, Any] | None,
                 label: str, *, gone_fix: str = "") -> list[Loss]:
    """The losses one resource's own change causes (``after``: effective AFTER, None if gone);
    ``gone_fix``: how to avoid the replacement or destruction, which only the caller knows."""
    if rtype not in DATA_TYPES:
        return []
    what = "table" if rtype == TABLE else "replica"
    if action is Action.REPLACE:
        return [Loss(LossKind.TABLE_REPLACED, f"{what} {label} is replaced: the new {what} starts empty", gone_fix)]
    if action is Action.DESTROY:
        return [Loss(LossKind.TABLE_DESTROYED, f"{what} {label} is destroyed with its items", gone_fix)]
    if after is None or action in (Action.CREATE, Action.FORGET):
        return []
    losses: list[Loss] = []
    if rtype == TABLE:
        was_on, was_days = pitr(before)
        now_on, now_days = pitr(before, after)
        if was_on and not now_on:
            losses.append(Loss(LossKind.PITR_OFF, f"PITR turned off on {label}: its restore points are deleted",
                               fixes.PITR_KEPT))
        elif was_on and now_on and was_days and now_days and now_days < was_days:
            losses.append(Loss(LossKind.PITR_SHORTENED,
                               f"PITR window of {label} shortened {was_days} -> {now_days} days: restore points "
                               f"older than {now_days} days vanish", fixes.pitr_shortened(was_days)))
        gone_regions = _regions(before) - _regions(after)
        for region in sorted(gone_regions):
            losses.append(Loss(LossKind.REPLICA_REMOVED, f"replica of {label} in {region} is deleted",
                               fixes.replica_removed(region)))
    elif _on(before.get("point_in_time_recovery")) and not _on(after.get("point_in_time_recovery")):
        losses.append(Loss(LossKind.PITR_OFF, f"PITR turned off on replica {label}: its restore points are deleted",
                           fixes.PITR_KEPT))
    if _on(before.get("deletion_protection_enabled")) and not _on(after.get("deletion_protection_enabled")) \
            and after.get("deletion_protection_enabled") is not UNKNOWN:
        losses.append(Loss(LossKind.DELETION_PROTECTION_OFF, f"deletion protection removed from {what} {label}",
                           fixes.PROTECTION_KEPT))
    return losses


def region_loss(rtype: str, label: str, name: Any, old: str, new: str) -> list[Loss]:
    """A table or replica whose provider now points at another region: an empty one is made there."""
    if rtype not in DATA_TYPES:
        return []
    what = "table" if rtype == TABLE else "replica"
    called = f" {name}" if isinstance(name, str) and "${" not in name else ""
    return [Loss(LossKind.REGION_CHANGED,
                 f"{what} {label}: the provider's region changes {old} -> {new}, so Terraform creates an EMPTY "
                 f"{what}{called} in {new} and drops the one in {old}, with its items, from state (it stays, "
                 "unmanaged); the app moves to the empty one", fixes.region_changed(old, new))]


def gone_fix(rtype: str, action: Action, causes: Iterable[str], before: Mapping[str, Any], *,
             recreated_at: str | None = None, old_path: str | None = None, removed_block: bool = False,
             region: str | None = None) -> str:
    """How to avoid a table's or replica's replacement (``causes``: the attributes forcing it) or
    destruction (``recreated_at``: where the same table is created again; ``removed_block``: a
    removed block with destroy = true asked for it)."""
    if rtype == REPLICA and action is Action.DESTROY:
        return fixes.replica_removed(region or "its region")
    if action is Action.REPLACE:
        return fixes.replaced(causes, before.get("name"))
    if recreated_at is not None:
        return fixes.moved(old_path, recreated_at)
    return fixes.FORGET_NOT_DESTROY if removed_block else fixes.FORGET


def construct_path(metadata_path: str | None) -> str | None:
    """``shop/billing/orders/table`` (a Table's resource) -> ``billing/orders`` (its ``moved_from``)."""
    if not metadata_path:
        return None
    parts = metadata_path.split("/")
    return "/".join(parts[1:-1]) if len(parts) > 2 and parts[-1] == "table" else None


def _regions(state: Mapping[str, Any]) -> set[str]:
    replicas = state.get("replica")
    items = replicas if isinstance(replicas, list) else [replicas] if isinstance(replicas, Mapping) else []
    return {str(r.get("region_name")) for r in items if isinstance(r, Mapping) and r.get("region_name")}


# ----- configuration mode: which key and which backups belong to which table ----------------


def _keys_of(refs: Iterable[Reference], config: Config, depth: int = 0) -> set[str]:
    """KMS key addresses behind references (an alias leads to its target key)."""
    keys: set[str] = set()
    for ref in refs:
        resource = config.resources.get(ref.address)
        if resource is None:
            continue
        if resource.type == KEY:
            keys.add(ref.address)
        elif resource.type == ALIAS and depth < 3:
            keys |= _keys_of(all_references(resource.body.get("target_key_id")), config, depth + 1)
    return keys


def key_users(config: Config) -> dict[str, list[str]]:
    """KMS key address -> the tables and replicas (and backup vaults) encrypted with it."""
    users: dict[str, list[str]] = {}
    for address, resource in config.resources.items():
        if resource.type == TABLE:
            value: Any = [resource.body.get("server_side_encryption"), resource.body.get("replica")]
        elif resource.type in (REPLICA, VAULT):
            value = resource.body.get("kms_key_arn")
        else:
            continue
        for key in _keys_of(all_references(value), config):
            users.setdefault(key, []).append(address)
    return users


def _literal_name(resource_body: Mapping[str, Any]) -> str | None:
    name = resource_body.get("name")
    return name if isinstance(name, str) and "${" not in name else None


def backup_coverage(config: Config) -> dict[str, set[str]]:
    """Backup selection address -> the table addresses it selects (by reference, ARN or wildcard)."""
    tables = {a: r for a, r in config.resources.items() if r.type == TABLE}
    coverage: dict[str, set[str]] = {}
    for address, resource in config.resources.items():
        if resource.type != SELECTION:
            continue
        covered: set[str] = set()
        items = resource.body.get("resources") or []
        for item in items if isinstance(items, list) else [items]:
            refs = all_references(item)
            covered |= {r.address for r in refs if r.address in tables}
            if isinstance(item, str) and not refs:
                for table_address, table in tables.items():
                    name = _literal_name(table.body)
                    if name and fnmatch.fnmatchcase(f"arn:aws:dynamodb:region:account:table/{name}",
                                                    _arn_pattern(item)):
                        covered.add(table_address)
        coverage[address] = covered
    return coverage


def _arn_pattern(item: str) -> str:
    if item == "*":
        return "*"
    parts = item.split(":")
    if len(parts) >= 6 and parts[2] == "dynamodb":
        parts[1], parts[3], parts[4] = "aws", "region", "account"
        return ":".join(parts)
    return item


def vault_of_selection(config: Config, selection: str) -> set[str]:
    """The vaults a selection's plan writes to (by reference or literal vault name)."""
    body = config.resources[selection].body
    vaults: set[str] = set()
    by_name = {_literal_name(r.body): a for a, r in config.resources.items() if r.type == VAULT}
    for ref in all_references(body.get("plan_id")):
        plan = config.resources.get(ref.address)
        if plan is None or plan.type != BACKUP_PLAN:
            continue
        rules = plan.body.get("rule") or []
        for rule in rules if isinstance(rules, list) else [rules]:
            target = rule.get("target_vault_name") if isinstance(rule, Mapping) else None
            refs = all_references(target)
            vaults |= {r.address for r in refs if r.address in config.resources}
            if isinstance(target, str) and target in by_name:
                vaults.add(by_name[target])
    return vaults


def apply_config_rules(plan: Plan) -> None:
    """Add every data-loss finding to the planned changes of a configuration review."""
    by_before = plan.by_before()
    created = _created_tables(plan)
    for planned in plan.planned:
        change = planned.change
        after = planned.diff.effective_after if planned.after_address else None
        if planned.region_change is not None:
            change.losses.extend(region_loss(change.type, change.address, planned.before.get("name"),
                                             *planned.region_change))
        if change.action in (Action.CREATE, Action.FORGET):
            continue
        old = plan.before.resources.get(planned.before_address or "")
        removed = plan.after.removed.get(planned.before_address or "")
        fix = gone_fix(change.type, change.action,
                       {d.attribute for d in planned.diff.differences if d.forces_replacement}, planned.before,
                       recreated_at=created.get(str(planned.before.get("name"))) if change.action is Action.DESTROY
                       else None,
                       old_path=construct_path(old.path) if old else None,
                       removed_block=removed is not None and removed.destroy,
                       region=plan.before.region_of(old) if old else None)
        change.losses.extend(state_losses(change.type, change.action, planned.before, after, change.address,
                                          gone_fix=fix))
    _prevent_destroy(plan, by_before)
    _keys(plan, by_before)
    _backups(plan, by_before)


def _created_tables(plan: Plan) -> dict[str, str]:
    """Literal table name -> the address that creates a table of that name (a move without moved blocks)."""
    created: dict[str, str] = {}
    for planned in plan.planned:
        if planned.after_address and planned.change.type == TABLE and planned.change.action is Action.CREATE \
                and planned.region_change is None:
            name = _literal_name(plan.after.resources[planned.after_address].body)
            if name:
                created.setdefault(name, planned.change.address)
    return created


def _prevent_destroy(plan: Plan, by_before: Mapping[str, Planned]) -> None:
    for address, resource in plan.before.resources.items():
        if resource.type not in DATA_TYPES or not resource.lifecycle.prevent_destroy:
            continue
        planned = by_before.get(address)
        if planned is None or planned.after_address is None:
            continue
        now = plan.after.resources[planned.after_address]
        if not now.lifecycle.prevent_destroy:
            planned.change.losses.append(Loss(
                LossKind.PREVENT_DESTROY_OFF,
                f"lifecycle.prevent_destroy removed from {planned.change.address}: Terraform will no longer refuse "
                "to destroy or replace it", fixes.PREVENT_DESTROY_KEPT))


def _keys(plan: Plan, by_before: Mapping[str, Planned]) -> None:
    users = key_users(plan.before)
    coverage = backup_coverage(plan.before)
    backed_up_vaults = {v for s, tables in coverage.items() if tables for v in vault_of_selection(plan.before, s)}
    for key, using in users.items():
        planned = by_before.get(key)
        if planned is None:
            continue
        data_users = [u for u in using if plan.before.resources[u].type in DATA_TYPES or u in backed_up_vaults]
        if not data_users:
            continue
        names = ", ".join(data_users)
        if planned.change.action in GONE:
            stay = any(by_before[u].change.action not in GONE for u in data_users if u in by_before)
            planned.change.losses.append(Loss(
                LossKind.KEY_DELETED,
                f"KMS key {planned.change.address} encrypts {names} (BEFORE): deleting it loses what it encrypts — "
                "restoring PITR points or backups made under it needs it", fixes.key_deleted(stay)))
            for user in data_users:
                user_planned = by_before.get(user)
                if user_planned is None or user_planned.after_address is None:
                    continue
                still = key_users(plan.after).get(planned.after_address or "", [])
                keeps = user_planned.after_address in still or any(
                    note.startswith("server_side_encryption") and KEPT_NOTE in note
                    for note in user_planned.diff.notes)
                if keeps and user_planned.change.action not in GONE:
                    user_planned.change.reasons.append(
                        f"stays encrypted with {planned.change.address}, which this change deletes")
        elif planned.change.action is Action.UPDATE and _on(planned.before.get("is_enabled", True)) \
                and planned.diff.effective_after.get("is_enabled", True) is not UNKNOWN \
                and not _on(planned.diff.effective_after.get("is_enabled", True)):
            planned.change.losses.append(Loss(
                LossKind.KEY_DISABLED,
                f"KMS key {planned.change.address} is disabled while {names} use it: DynamoDB makes the table "
                "inaccessible and archives it after 7 days", fixes.KEY_ENABLED))


def _backups(plan: Plan, by_before: Mapping[str, Planned]) -> None:
    before_coverage = backup_coverage(plan.before)
    after_covered = {t for tables in backup_coverage(plan.after).values() for t in tables}
    for selection, tables in before_coverage.items():
        for table in sorted(tables):
            table_planned = by_before.get(table)
            if table_planned is None or table_planned.change.action in (*GONE, Action.FORGET):
                continue
            if table_planned.after_address in after_covered:
                continue
            selection_planned = by_before.get(selection)
            owner = selection_planned if selection_planned is not None and selection_planned.change.action \
                not in (Action.NO_OP, Action.MOVE) else table_planned
            owner.change.losses.append(Loss(
                LossKind.BACKUP_REMOVED,
                f"{table_planned.change.address} is no longer backed up (it was selected by {selection})",
                fixes.BACKUPS_KEPT))
        for vault in vault_of_selection(plan.before, selection):
            vault_planned = by_before.get(vault)
            if tables and vault_planned is not None and vault_planned.change.action in GONE:
                loss = Loss(LossKind.BACKUP_REMOVED,
                            f"backup vault {vault_planned.change.address} holds the recovery points of "
                            f"{', '.join(sorted(tables))}", fixes.VAULT_KEPT)
                if loss not in vault_planned.change.losses:
                    vault_planned.change.losses.append(loss)
