"""The provider's diff of one resource, from its evaluated BEFORE and AFTER arguments.

What Terraform shows is what the provider plans: an omitted Optional+Computed argument keeps
the live value (no change, and a note saying so), an omitted plain argument becomes its default
or null, sets compare without order (elements matched by their key for the reasons), single
blocks compare as one object, JSON documents by meaning, and any differing path under a
ForceNew argument forces replacement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .config import Lifecycle, single
from .display import show
from .documents import document_change
from .fixes import IGNORED, SWITCH_OFF
from .provider_rules import ResourceRules
from .values import MISSING, UNKNOWN, canonical, contains_unknown, is_empty, parse_json_document, same


@dataclass(frozen=True)
class Difference:
    path: str  # for display: global_secondary_index["ByStatus"].projection_type
    rule_path: str  # for rules: global_secondary_index.projection_type
    before: Any
    after: Any
    forces_replacement: bool
    detail: str | None = None  # replaces the "before -> after" text (set attributes: what left, what came)

    @property
    def attribute(self) -> str:
        return self.rule_path.split(".", 1)[0]

    def describe(self, because: str = "") -> str:
        """One reason line; ``because`` (e.g. " (aws_x.y is replaced)") goes before "forces replacement"."""
        if self.detail is not None:
            text = f"{self.path}: {self.detail}"
        elif self.after is MISSING and self.before is not MISSING:
            text = f"{self.path}: removed"
        elif self.before is MISSING:
            text = f"{self.path}: added" + ("" if isinstance(self.after, (Mapping, list)) else f" {show(self.after)}")
        else:
            text = f"{self.path}: {show(self.before)} -> {show(self.after)}"
        return text + because + (" forces replacement" if self.forces_replacement else "")


@dataclass
class ResourceDiff:
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    effective_after: dict[str, Any] = field(default_factory=dict)  # AFTER as the state will be (kept values)

    @property
    def replaces(self) -> bool:
        return any(d.forces_replacement for d in self.differences)

    def changed(self, attribute: str) -> bool:
        return any(d.attribute == attribute for d in self.differences)


_GENERIC = ResourceRules(source="(unknown resource type)")
KEPT_NOTE = "omitted; Optional+Computed so the live value is kept"


class _Differ:
    def __init__(self, rules: ResourceRules | None, lifecycle: Lifecycle) -> None:
        self.rules = rules or _GENERIC
        self.known = rules is not None
        self.lifecycle = lifecycle
        self.result = ResourceDiff()
        self._after_root: Mapping[str, Any] = {}

    # ----- entry ------------------------------------------------------------------------

    def run(self, before: Mapping[str, Any], after: Mapping[str, Any]) -> ResourceDiff:
        self._after_root = after
        for name in sorted(set(before) | set(after)):
            if self.rules.is_computed(name) and name != "tags_all":
                continue
            b, a = before.get(name, MISSING), after.get(name, MISSING)
            if self.lifecycle.ignores(name):
                self.result.effective_after[name] = b
                if not self._equal_loose(b, a):
                    hint = IGNORED.get(name) if self.known else None
                    self.result.notes.append(f"{name}: change ignored (lifecycle.ignore_changes): it does not reach AWS"
                                             + (f"; {hint}" if hint else ""))
                continue
            if name in self.rules.cleared_when_disabled and _disabled(b) and _disabled(a):
                self.result.effective_after[name] = b if a is MISSING else a
                continue
            self.result.effective_after[name] = self._compare(name, name, b, a)
        self._apply_cleared_unless_changed()
        for attribute in sorted({d.attribute for d in self.result.differences if d.attribute in self.rules.create_only}):
            if not any(d.forces_replacement for d in self.result.differences if d.attribute == attribute):
                self.result.notes.append(f"{attribute}: read only when the resource is created; this update calls no "
                                         "AWS API (the live resource keeps what it was created from)")
        return self.result

    # ----- comparison -------------------------------------------------------------------

    def _compare(self, path: str, rule_path: str, b: Any, a: Any) -> Any:
        """Record the differences under ``path``; return the effective AFTER value."""
        rules = self.rules
        if rule_path in rules.single_blocks or (not self.known and _one_object(b, a)):
            b, a = _single_or_missing(b), _single_or_missing(a)
        if a is MISSING or a is None:
            if b is not MISSING and b is not None and rules.is_optional_computed(rule_path):
                if not is_empty(b):
                    hint = SWITCH_OFF.get(rule_path)
                    self.result.notes.append(f"{path}: {KEPT_NOTE}" + (f"; {hint}" if hint else ""))
                return b
            a = rules.defaults.get(rule_path, MISSING)
        if b is MISSING or b is None:
            b = rules.defaults.get(rule_path, MISSING)
        if self._suppressed(rule_path):
            return b
        if rule_path in rules.set_blocks and (isinstance(a, list) or isinstance(b, list)):
            return self._compare_set_blocks(path, rule_path, b, a)
        if isinstance(_single_or_missing(a), Mapping) and isinstance(_single_or_missing(b), Mapping) \
                and (rule_path in rules.single_blocks or not self.known):
            return self._compare_block(path, rule_path, _single_or_missing(b), _single_or_missing(a))
        if rule_path in rules.single_blocks and isinstance(a, Mapping) and (b is MISSING or b is None):
            # A block added: it differs when any of its fields differs from the empty block.
            probe = _Differ(self.rules, Lifecycle())
            probe._after_root = self._after_root
            probe._compare_block(path, rule_path, {}, a)
            if probe.result.differences:
                self._record(path, rule_path, MISSING, a)
            return a
        if not self._equal(rule_path, b, a):
            detail = _set_detail(b, a) if rule_path in rules.set_attributes else \
                document_change(b, a) if rule_path in rules.json_attributes else None
            self._record(path, rule_path, b, a, detail)
        return a

    def _compare_block(self, path: str, rule_path: str, b: Mapping[str, Any], a: Mapping[str, Any]) -> dict[str, Any]:
        effective: dict[str, Any] = {}
        for key in sorted(set(b) | set(a)):
            sub_rule = f"{rule_path}.{key}"
            if self.rules.is_computed(sub_rule):
                continue
            effective[key] = self._compare(f"{path}.{key}", sub_rule, b.get(key, MISSING), a.get(key, MISSING))
        return effective

    def _compare_set_blocks(self, path: str, rule_path: str, b: Any, a: Any) -> list[Any]:
        key_field = self.rules.set_blocks[rule_path]
        before_items = _keyed(b, key_field)
        after_items = _keyed(a, key_field)
        effective: list[Any] = []
        for key in sorted(set(before_items) | set(after_items), key=str):
            label = f'{path}["{key}"]' if key_field else f"{path}[{key}]"
            old, new = before_items.get(key, MISSING), after_items.get(key, MISSING)
            if old is MISSING:
                self._record(label, rule_path, MISSING, new)
                effective.append(new)
            elif new is MISSING:
                self._record(label, rule_path, old, MISSING)
            elif isinstance(old, Mapping) and isinstance(new, Mapping):
                found = len(self.result.differences)
                effective.append(self._compare_block(label, rule_path, old, new))
                rebuilt = self.rules.rebuilt_by.get(rule_path, frozenset())
                if any(d.rule_path.rsplit(".", 1)[-1] in rebuilt for d in self.result.differences[found:]):
                    self.result.notes.append(f"{label}: the provider deletes and re-creates it (rebuilt: unavailable "
                                             "until it has backfilled)")
            else:
                if not self._equal(rule_path, old, new):
                    self._record(label, rule_path, old, new)
                effective.append(new)
        return effective

    def _equal(self, rule_path: str, b: Any, a: Any) -> bool:
        rules = self.rules
        zero = rules.sdk_v2
        if contains_unknown(a):
            return False
        if rule_path in rules.json_attributes:
            return same(parse_json_document(b), parse_json_document(a), zero_is_null=zero)
        if rule_path in rules.case_insensitive and isinstance(a, str) and isinstance(b, str):
            return a.upper() == b.upper()
        if rule_path in rules.set_attributes and isinstance(a, list) and isinstance(b, list):
            return sorted(map(repr, map(canonical, a))) == sorted(map(repr, map(canonical, b)))
        return same(b, a, zero_is_null=zero)

    def _equal_loose(self, b: Any, a: Any) -> bool:
        return same(_single_or_missing(b), _single_or_missing(a))

    def _record(self, path: str, rule_path: str, b: Any, a: Any, detail: str | None = None) -> None:
        rules = self.rules
        forces = rules.forces_new(rule_path) or (rule_path in rules.force_new_if_set and not is_empty(a)) \
            or (rule_path in rules.force_new_on_presence and ((b is MISSING) != (a is MISSING))) \
            or (rule_path in rules.force_new_if_lower and _lower(b, a))
        self.result.differences.append(Difference(path, rule_path, b, a, forces, detail))

    def _suppressed(self, rule_path: str) -> bool:
        flag = self.rules.suppressed_while_off.get(rule_path)
        if flag is None:
            return False
        block, _, name = flag.rpartition(".")
        value = single(self._after_root.get(block)) if block else self._after_root
        enabled = value.get(name) if isinstance(value, Mapping) else None
        return enabled is not UNKNOWN and is_empty(enabled)

    def _apply_cleared_unless_changed(self) -> None:
        for attribute, other in self.rules.cleared_unless_changed.items():
            if self.result.changed(attribute) and not self.result.changed(other):
                dropped = [d for d in self.result.differences if d.attribute == attribute]
                self.result.differences = [d for d in self.result.differences if d.attribute != attribute]
                for difference in dropped:
                    self.result.notes.append(
                        f"{difference.describe()} is not planned: the provider changes {attribute} only together with "
                        f"{other}, so the live value stays")


def _lower(b: Any, a: Any) -> bool:
    """Whether a number went down (both sides numbers, or numeric strings)."""
    try:
        return float(a) < float(b)
    except (TypeError, ValueError):
        return False


def _set_detail(b: Any, a: Any) -> str | None:
    """``- x; + y``: the elements a set attribute loses and gains."""
    if not isinstance(b, list) or not isinstance(a, list):
        return None
    before = {repr(canonical(v)): v for v in b}
    after = {repr(canonical(v)): v for v in a}
    gone = [show(before[k], 60) for k in before if k not in after]
    new = [show(after[k], 60) for k in after if k not in before]
    return "; ".join([*(f"- {v}" for v in gone), *(f"+ {v}" for v in new)]) or None


def _one_object(b: Any, a: Any) -> bool:
    """Without rules: an object on one side and a one-object list on the other are one block."""
    return any(isinstance(v, Mapping) for v in (b, a)) and any(
        isinstance(v, list) and len(v) == 1 and isinstance(v[0], Mapping) for v in (b, a))


def _single_or_missing(value: Any) -> Any:
    if isinstance(value, list):
        normalized = single(value)
        return MISSING if normalized is None else normalized
    return value


def _disabled(block: Any) -> bool:
    value = _single_or_missing(block)
    if value is MISSING or value is None:
        return True
    return isinstance(value, Mapping) and value.get("enabled") is not UNKNOWN and is_empty(value.get("enabled"))


def _keyed(items: Any, key_field: str | None) -> dict[Any, Any]:
    if items is MISSING or items is None:
        return {}
    if isinstance(items, Mapping):
        items = [items]
    keyed: dict[Any, Any] = {}
    for index, item in enumerate(items if isinstance(items, list) else [items]):
        if key_field and isinstance(item, Mapping) and key_field in item and item[key_field] is not UNKNOWN:
            key: Any = item[key_field]
        elif key_field and isinstance(item, Mapping):
            key = f"#{index}"
        else:
            key = show(item, 60)
        keyed[key] = item
    return keyed


def diff_resource(rules: ResourceRules | None, lifecycle: Lifecycle, before: Mapping[str, Any],
                  after: Mapping[str, Any]) -> ResourceDiff:
    """The provider's diff of one resource (evaluated arguments on both sides)."""
    return _Differ(rules, lifecycle).run(before, after)


def effective_tags(default_tags: Mapping[str, Any], tags: Any) -> dict[str, Any]:
    """``tags_all``: the provider's default tags overlaid by the resource's own."""
    merged = dict(default_tags)
    if isinstance(tags, Mapping):
        merged.update(tags)
    return merged


__all__ = ["KEPT_NOTE", "UNKNOWN", "Difference", "ResourceDiff", "diff_resource", "effective_tags"]
