"""Address mapping (``moved`` blocks) and reference evaluation for the two sides of a review.

BEFORE is what was applied, so its resources are the prior state. A reference evaluates to the
referenced argument's literal value when the configuration sets it (so ``${aws_x.t.name}``
keeps its value as long as the name does), to the reference itself when it names a value only
AWS knows (an ARN) and the object stays, and to "known after apply" when the referenced object
is being created or replaced, or an update makes that attribute unknown. BEFORE's references
are written with AFTER's addresses (through ``moved`` blocks), so an unchanged reference to a
moved resource compares equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .config import Config, single
from .expressions import Reference, substitute
from .model import Action
from .provider_rules import rules_for
from .values import MISSING, UNKNOWN


@dataclass
class Moves:
    """Where each BEFORE address ends up after AFTER's ``moved`` blocks (Terraform follows chains;
    a move whose target already exists in state is not applied)."""

    forward: dict[str, str] = field(default_factory=dict)
    backward: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # BEFORE address -> why a move was not applied

    @staticmethod
    def build(before: Config, after: Config) -> Moves:
        moves = Moves()
        edges: dict[str, str] = {}
        for source, target in after.moved:
            edges.setdefault(source, target)
        for address in before.resources:
            target, seen = address, {address}
            while target in edges and edges[target] not in seen:
                target = edges[target]
                seen.add(target)
            if target == address:
                continue
            if target in before.resources:
                moves.notes[address] = f"moved block to {target} not applied: {target} already exists"
                continue
            moves.forward[address] = target
            moves.backward[target] = address
        return moves

    def to_after(self, address: str) -> str:
        return self.forward.get(address, address)

    def to_before(self, address: str) -> str:
        return self.backward.get(address, address)


def lookup(body: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` in a resource body; single blocks may be an object or a 1-element list."""
    current = body
    for segment in path:
        if isinstance(segment, int):
            if isinstance(current, list) and segment < len(current):
                current = current[segment]
            elif isinstance(current, Mapping) and segment == 0:
                continue
            else:
                return MISSING
        else:
            current = single(current) if isinstance(current, list) else current
            if not isinstance(current, Mapping) or segment not in current:
                return MISSING
            current = current[segment]
    return current


class Evaluator:
    """Evaluates argument values of either side, given the actions decided so far."""

    def __init__(self, before: Config, after: Config, moves: Moves) -> None:
        self.before = before
        self.after = after
        self.moves = moves
        self.actions: dict[str, Action] = {}  # AFTER address -> action
        self.unknown: dict[str, set[str]] = {}  # AFTER address -> attributes an update makes unknown
        self._depth = 0

    # ----- public ----------------------------------------------------------------------

    def before_value(self, value: Any) -> Any:
        return self._walk(value, self._resolve_before)

    def after_value(self, value: Any) -> Any:
        return self._walk(value, self._resolve_after)

    # ----- internals -------------------------------------------------------------------

    def _walk(self, value: Any, resolve: Any) -> Any:
        if isinstance(value, str):
            return substitute(value, resolve) if "${" in value else value
        if isinstance(value, Mapping):
            return {k: self._walk(v, resolve) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, resolve) for v in value]
        return value

    def _guarded(self, value: Any, resolve: Any, fallback: Any) -> Any:
        if self._depth > 20:  # a reference cycle (invalid in Terraform): stop quietly
            return fallback
        self._depth += 1
        try:
            return self._walk(value, resolve)
        finally:
            self._depth -= 1

    def _resolve_before(self, ref: Reference) -> Any:
        if ref.address.startswith("local.") or ref.data:
            return ref
        resource = self.before.resources.get(ref.address)
        normalized = ref.with_address(self.moves.to_after(ref.address))
        if resource is None or not ref.path:
            return normalized
        value = lookup(resource.body, ref.path)
        if value is MISSING:
            return normalized
        return self._guarded(value, self._resolve_before, normalized)

    def _resolve_after(self, ref: Reference) -> Any:
        if ref.address.startswith("local.") or ref.data:
            return ref
        resource = self.after.resources.get(ref.address)
        if resource is None or not ref.path:
            return ref
        action = self.actions.get(ref.address, Action.NO_OP)
        value = lookup(resource.body, ref.path)
        if action in (Action.CREATE, Action.REPLACE):
            return UNKNOWN if value is MISSING else self._guarded(value, self._resolve_after, UNKNOWN)
        attribute = str(ref.path[0])
        if attribute in self.unknown.get(ref.address, set()):
            return UNKNOWN
        rules = rules_for(resource.type)
        kept = value is MISSING or resource.lifecycle.ignores(attribute)
        if kept:
            previous = self.moves.to_before(ref.address)
            if previous in self.before.resources and (rules is None or rules.is_optional_computed(attribute)
                                                      or rules.is_computed(attribute)
                                                      or resource.lifecycle.ignores(attribute)):
                return self._resolve_before(ref.with_address(previous))
            return ref
        return self._guarded(value, self._resolve_after, UNKNOWN)
