"""The offline plan: BEFORE (applied) and AFTER (to apply) configurations in, one action per address out.

Order of decisions, as Terraform makes them: ``moved`` blocks map prior-state addresses to new
ones; ``removed`` blocks forget or destroy what left the configuration; ``import`` blocks adopt
objects; a regional object whose provider's region changes is looked up in the new region, not
found, dropped from state and created there; every other address is created, destroyed or
diffed by the provider's rules. An object being created or replaced makes references to its
not-literal attributes unknown, which can change (and replace) the resources that use them, so
actions are recomputed until they stop growing.

A table's state holds every replica of the table, also those ``aws_dynamodb_table_replica``
resources made; a table that stops ignoring ``replica`` therefore plans them away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import Config, Resource
from .diff import Difference, ResourceDiff, diff_resource, effective_tags
from .evaluate import Evaluator, Moves
from .expressions import all_references
from .index_forms import index_form_reasons, taken_over_reasons
from .model import ACTION_RANK, Action, Change
from .provider_rules import INDEX, TABLE, is_regional, rules_for
from .values import contains_unknown


@dataclass
class Planned:
    """One address's action, with the diff it came from (for the data-loss rules)."""

    change: Change
    before_address: str | None
    after_address: str | None
    before: dict[str, Any] = field(default_factory=dict)  # evaluated BEFORE arguments
    diff: ResourceDiff = field(default_factory=ResourceDiff)
    region_change: tuple[str, str] | None = None  # (old, new) region of the provider


@dataclass
class Plan:
    before: Config
    after: Config
    moves: Moves
    evaluator: Evaluator
    planned: list[Planned]

    def by_before(self) -> dict[str, Planned]:
        return {p.before_address: p for p in self.planned if p.before_address}


def _with_tags_all(body: dict[str, Any], resource: Resource, config: Config) -> dict[str, Any]:
    rules = rules_for(resource.type)
    if rules is None or not rules.taggable:
        return body
    return {**body, "tags_all": effective_tags(config.default_tags.get(resource.provider, {}), body.get("tags"))}


class _Planner:
    def __init__(self, before: Config, after: Config) -> None:
        self.before = before
        self.after = after
        self.moves = Moves.build(before, after)
        self.evaluator = Evaluator(before, after, self.moves)
        self.diffs: dict[str, ResourceDiff] = {}

    def plan(self) -> Plan:
        after_addresses = sorted(self.after.resources)
        for _ in range(len(after_addresses) + 2):
            grew = False
            for address in after_addresses:
                action, unknown = self._decide(address)
                current = self.evaluator.actions.get(address)
                if current is None or ACTION_RANK[action] > ACTION_RANK[current]:
                    self.evaluator.actions[address] = action
                    grew = True
                known_unknown = self.evaluator.unknown.setdefault(address, set())
                if not unknown <= known_unknown:
                    known_unknown.update(unknown)
                    grew = True
            if not grew:
                break
        planned = [self._planned_after(address) for address in after_addresses]
        planned += self._gone()
        return Plan(self.before, self.after, self.moves, self.evaluator, planned)

    # ----- per address ------------------------------------------------------------------

    def _predecessor(self, address: str) -> str | None:
        previous = self.moves.to_before(address)
        return previous if previous in self.before.resources else None

    def _region_change(self, previous: str, resource: Resource) -> tuple[str, str] | None:
        """(old, new) when a regional object's provider now points at another region."""
        old = self.before.resources[previous]
        regions = (self.before.region_of(old), self.after.region_of(resource))
        if not is_regional(resource.type) or None in regions or regions[0] == regions[1]:
            return None
        return regions[0] or "", regions[1] or ""

    def _replicas_made_elsewhere(self, table: str) -> dict[str, dict[str, Any]]:
        """Replica resources of BEFORE that replicate ``table``: address -> the entry they put in its state."""
        return {address: {"region_name": self.before.region_of(self.before.resources[address])
                          or f"(the region of provider {self.before.resources[address].provider})"}
                for address in self.before.replicas_of(table)}

    def _before_state(self, previous: str, resource: Resource) -> dict[str, Any]:
        """BEFORE's evaluated arguments as the provider holds them in state (see the module docstring)."""
        old = self.before.resources[previous]
        body: dict[str, Any] = self.evaluator.before_value(dict(old.body))
        if old.type == TABLE and not resource.lifecycle.ignores("replica"):
            made = self._replicas_made_elsewhere(previous)
            if made:
                inline = body.get("replica")
                listed = inline if isinstance(inline, list) else [inline] if isinstance(inline, dict) else []
                body["replica"] = [*listed, *made.values()]
        return body

    def _decide(self, address: str) -> tuple[Action, set[str]]:
        resource = self.after.resources[address]
        previous = self._predecessor(address)
        if previous is None:
            if address in self.after.imports:
                return Action.NO_OP, set()
            return Action.CREATE, set()
        if self._region_change(previous, resource):
            return Action.CREATE, set()
        old = self.before.resources[previous]
        before_body = _with_tags_all(self._before_state(previous, resource), old, self.before)
        after_body = _with_tags_all(self.evaluator.after_value(dict(resource.body)), resource, self.after)
        rules = rules_for(resource.type)
        diff = diff_resource(rules, resource.lifecycle, before_body, after_body)
        self.diffs[address] = diff
        triggered = self._replace_triggered(resource)
        if diff.replaces or triggered:
            return Action.REPLACE, set()
        if diff.differences:
            unknown: set[str] = set()
            for attribute, triggers in (rules.unknown_on_change.items() if rules else ()):
                if any(diff.changed(t) for t in triggers):
                    unknown.add(attribute)
            return Action.UPDATE, unknown
        return (Action.MOVE if previous != address else Action.NO_OP), set()

    def _replace_triggered(self, resource: Resource) -> list[str]:
        fired = []
        for trigger in resource.lifecycle.replace_triggered_by:
            parts = trigger.split(".")
            target = ".".join(parts[:2])
            action = self.evaluator.actions.get(target)
            attribute = parts[2] if len(parts) > 2 else None
            diff = self.diffs.get(target)
            if action in (Action.REPLACE, Action.CREATE) or (
                    action is Action.UPDATE and (attribute is None or (diff is not None and diff.changed(attribute)))):
                fired.append(trigger)
        return fired

    def _planned_after(self, address: str) -> Planned:
        resource = self.after.resources[address]
        action = self.evaluator.actions[address]
        previous = self._predecessor(address)
        change = Change(address=address, type=resource.type, action=action)
        rules = rules_for(resource.type)
        before_body: dict[str, Any] = {}
        region_change = self._region_change(previous, resource) if previous is not None else None
        if previous is not None:
            before_body = self._before_state(previous, resource)
        if previous is not None and previous != address:
            change.reasons.append(f"moved from {previous}")
        if region_change is not None:
            old_region, new_region = region_change
            change.reasons.append(
                f"the provider's region changes ({old_region} -> {new_region}): Terraform looks for the object in "
                f"{new_region}, does not find it and creates a new one there; the one in {old_region} leaves the "
                "state and stays, unmanaged")
            return Planned(change, previous, address, before_body, ResourceDiff(), region_change)
        if previous is not None and self.before.resources[previous].provider != resource.provider:
            change.reasons.append(f"provider configuration changes ({self.before.resources[previous].provider} -> "
                                  f"{resource.provider}): in another region Terraform looks for the object there")
        if previous is None and address in self.after.imports:
            change.reasons.append(
                f"imported (id {self.after.imports[address]!r}): Terraform adopts the existing object; how it "
                "differs from this configuration is only known to terraform plan")
        elif previous is None:
            note = self.moves.notes.get(address)
            change.reasons.append(note or "new in the configuration")
        diff = self.diffs.get(address, ResourceDiff())
        if previous is not None:
            change.reasons.extend(d.describe(self._unknown_because(resource, d)) for d in diff.differences)
            change.reasons.extend(diff.notes)
            if diff.changed("replica") and resource.type == TABLE:
                made = ", ".join(self._replicas_made_elsewhere(previous))
                if made:
                    change.reasons.append(
                        f"the table's state lists the replicas {made} made; without lifecycle.ignore_changes = "
                        "[replica] Terraform plans the table's replica set to match its configuration")
            for trigger in self._replace_triggered(resource):
                change.reasons.append(f"replace_triggered_by {trigger}")
            if action is Action.REPLACE and not diff.replaces and not self._replace_triggered(resource):
                change.reasons.append("replaced because a reference it uses is replaced")
            if rules is None and diff.differences:
                change.reasons.append(f"replacement rules unknown for {resource.type}: assumed an update in place")
        elif rules is None:
            change.reasons.append(f"replacement rules unknown for {resource.type}")
        if resource.repeated:
            change.reasons.append("count/for_each: instances are not expanded offline")
        if resource.type == INDEX and address not in self.after.imports:
            change.reasons.extend(index_form_reasons(action, resource.body, self.before, self.after))
        elif resource.type == TABLE:
            change.reasons.extend(taken_over_reasons(address, self.before, self.after))
        unknown = self.evaluator.unknown.get(address)
        if unknown:
            change.reasons.append(f"{', '.join(sorted(unknown))}: known after apply (the update changes it)")
        return Planned(change, previous, address, before_body, diff)

    def _unknown_because(self, resource: Resource, difference: Difference) -> str:
        """`` (aws_x.y is replaced)``: why a value is only known after apply."""
        if not contains_unknown(difference.after):
            return ""
        causes = []
        for ref in all_references(resource.body.get(difference.attribute)):
            action = self.evaluator.actions.get(ref.address)
            attribute = str(ref.path[0]) if ref.path else ""
            if action in (Action.CREATE, Action.REPLACE):
                causes.append(f"{ref.address} is {'created' if action is Action.CREATE else 'replaced'}")
            elif attribute in self.evaluator.unknown.get(ref.address, set()):
                causes.append(f"{ref.address}.{attribute} changes")
        return f" ({', '.join(dict.fromkeys(causes))})" if causes else ""

    def _gone(self) -> list[Planned]:
        """BEFORE addresses with no AFTER address: destroyed, or forgotten by a removed block."""
        taken = {self.moves.to_before(a) for a in self.after.resources if self._predecessor(a)}
        gone: list[Planned] = []
        for address in sorted(self.before.resources):
            if address in taken:
                continue
            resource = self.before.resources[address]
            target = self.moves.to_after(address)
            removed = self.after.removed.get(address) or self.after.removed.get(target)
            change = Change(address=target, type=resource.type, action=Action.DESTROY)
            if target != address:
                change.reasons.append(f"moved from {address}")
            if removed is not None and not removed.destroy:
                change.action = Action.FORGET
                change.reasons.append("removed block with lifecycle destroy = false: Terraform forgets the object "
                                      "and leaves it alive")
            elif removed is not None:
                change.reasons.append("removed block (destroy = true)")
            else:
                change.reasons.append("no longer in the configuration")
            if change.action is Action.DESTROY and resource.lifecycle.prevent_destroy:
                change.reasons.append("prevent_destroy does not stop this: the lifecycle rule left the configuration "
                                      "with the resource")
            if resource.type == INDEX:
                change.reasons.extend(index_form_reasons(change.action, resource.body, self.before, self.after))
            gone.append(Planned(change, address, None, self.evaluator.before_value(dict(resource.body))))
        return gone


def plan(before: Config, after: Config) -> Plan:
    """Decide every address's action (see the module docstring)."""
    return _Planner(before, after).plan()

