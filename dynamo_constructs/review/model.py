"""The review's vocabulary: actions, findings (data loss, or a plan or apply that fails), one change
per resource address, the report.

Kept free of any parsing so the config reviewer, the plan reviewer, the Markdown renderer and the
CLI share one shape, and ``--json`` is a direct dump of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    """What ``terraform plan`` does to one resource address (``forget``: a ``removed`` block with
    ``destroy = false`` drops the object from state and leaves it alive)."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DESTROY = "destroy"
    MOVE = "move"
    FORGET = "forget"
    NO_OP = "no-op"


# Escalation order: a resource's action only ever grows while references are propagated.
ACTION_RANK = {Action.NO_OP: 0, Action.MOVE: 0, Action.UPDATE: 1, Action.REPLACE: 2, Action.CREATE: 2,
               Action.DESTROY: 2, Action.FORGET: 0}


class LossKind(StrEnum):
    """Why a change loses data (or the means to get it back); the summary counts these."""

    TABLE_REPLACED = "table replaced"
    TABLE_DESTROYED = "table destroyed"
    REPLICA_REMOVED = "replica removed"
    KEY_DELETED = "KMS key in use deleted"
    KEY_DISABLED = "KMS key in use disabled"
    PITR_OFF = "PITR turned off"
    PITR_SHORTENED = "PITR window shortened"
    AUDIT_OPENED = "audit trail opened to deletes or updates"
    DELETION_PROTECTION_OFF = "deletion protection removed"
    PREVENT_DESTROY_OFF = "prevent_destroy removed"
    BACKUP_REMOVED = "backups removed"
    DELETED_OUTSIDE = "table deleted outside Terraform"
    REGION_CHANGED = "table left behind in its old region"


@dataclass(frozen=True)
class Loss:
    """A data-loss finding: what is lost, and the library's way to avoid it (``fix``)."""

    kind: LossKind
    text: str
    fix: str = ""


class FailureKind(StrEnum):
    """Where Terraform (or AWS, during the apply) refuses the change."""

    PLAN = "terraform plan fails"
    APPLY = "the apply fails"


@dataclass(frozen=True)
class Failure:
    """A change Terraform or AWS refuses: the reason (Terraform's or AWS's words) and the fix."""

    kind: FailureKind
    text: str
    fix: str = ""


@dataclass
class Change:
    """One resource address: the action, why, and what it costs in data."""

    address: str
    type: str
    action: Action
    reasons: list[str] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    stack: str | None = None
    failures: list[Failure] = field(default_factory=list)

    @property
    def data_loss(self) -> bool:
        return bool(self.losses)

    @property
    def fails(self) -> bool:
        return bool(self.failures)

    def add_failure(self, kind: FailureKind, text: str, fix: str = "") -> None:
        """Record a refusal once (several rules may find the same one)."""
        failure = Failure(kind, text, fix)
        if failure not in self.failures:
            self.failures.append(failure)

    def fixes(self) -> list[str]:
        """The fix of each finding, once each, failures first (they block the change)."""
        found = [f.fix for f in self.failures] + [loss.fix for loss in self.losses]
        return list(dict.fromkeys(fix for fix in found if fix))

    @property
    def qualified_address(self) -> str:
        """``<stack>/<address>`` when reviewing a cdktf.out directory, else the bare address."""
        return f"{self.stack}/{self.address}" if self.stack else self.address

    def all_reasons(self) -> list[str]:
        """The reasons, then each refusal and each data-loss finding (without repeating one already given)."""
        extra = [f"FAILS ({failure.kind.value}): {failure.text}" for failure in self.failures]
        extra += [f"DATA LOSS: {loss.text}" for loss in self.losses]
        return [*self.reasons, *(r for r in dict.fromkeys(extra) if r not in self.reasons)]

    def to_json(self) -> dict[str, Any]:
        return {"address": self.qualified_address, "type": self.type, "action": self.action.value,
                "data_loss": self.data_loss, "fails": self.fails, "reasons": self.all_reasons(), "fix": self.fixes()}


@dataclass
class Report:
    """Every change of every reviewed stack (no-ops included), in address order per stack."""

    changes: list[Change]
    stacks: list[str | None] = field(default_factory=list)

    @property
    def data_loss(self) -> bool:
        return any(c.data_loss for c in self.changes)

    @property
    def fails(self) -> bool:
        """Terraform would refuse the plan, or AWS the apply, for some resource."""
        return any(c.fails for c in self.changes)

    def by_address(self) -> dict[str, Change]:
        return {c.qualified_address: c for c in self.changes}

    def for_stack(self, stack: str | None) -> list[Change]:
        return [c for c in self.changes if c.stack == stack]

    def to_json(self) -> dict[str, Any]:
        """Exactly ``{"changes": [...], "data_loss": bool, "fails": bool}``; no-op entries are
        included, so the list covers every resource address, as ``terraform show -json``'s
        resource_changes does. Each change: address, type, action, data_loss, fails, reasons and
        ``fix`` (the library's way to avoid each finding, one line each)."""
        return {"changes": [c.to_json() for c in self.changes], "data_loss": self.data_loss, "fails": self.fails}

    @staticmethod
    def merge(parts: Iterable[Report]) -> Report:
        changes: list[Change] = []
        stacks: list[str | None] = []
        for part in parts:
            changes.extend(part.changes)
            stacks.extend(part.stacks)
        return Report(changes, stacks)


def sorted_changes(changes: Sequence[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.stack or "", c.address))
