"""The review's vocabulary: actions, data-loss findings, one change per resource address, the report.

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


@dataclass(frozen=True)
class Loss:
    kind: LossKind
    text: str


@dataclass
class Change:
    """One resource address: the action, why, and what it costs in data."""

    address: str
    type: str
    action: Action
    reasons: list[str] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    stack: str | None = None

    @property
    def data_loss(self) -> bool:
        return bool(self.losses)

    @property
    def qualified_address(self) -> str:
        """``<stack>/<address>`` when reviewing a cdktf.out directory, else the bare address."""
        return f"{self.stack}/{self.address}" if self.stack else self.address

    def all_reasons(self) -> list[str]:
        """The reasons, then each data-loss finding (without repeating one already given)."""
        extra = [f"DATA LOSS: {loss.text}" for loss in self.losses]
        return [*self.reasons, *(r for r in extra if r not in self.reasons)]

    def to_json(self) -> dict[str, Any]:
        return {"address": self.qualified_address, "type": self.type, "action": self.action.value,
                "data_loss": self.data_loss, "reasons": self.all_reasons()}


@dataclass
class Report:
    """Every change of every reviewed stack (no-ops included), in address order per stack."""

    changes: list[Change]
    stacks: list[str | None] = field(default_factory=list)

    @property
    def data_loss(self) -> bool:
        return any(c.data_loss for c in self.changes)

    def by_address(self) -> dict[str, Change]:
        return {c.qualified_address: c for c in self.changes}

    def for_stack(self, stack: str | None) -> list[Change]:
        return [c for c in self.changes if c.stack == stack]

    def to_json(self) -> dict[str, Any]:
        """Exactly ``{"changes": [...], "data_loss": bool}``; no-op entries are included, so the
        list covers every resource address, as ``terraform show -json``'s resource_changes does."""
        return {"changes": [c.to_json() for c in self.changes], "data_loss": self.data_loss}

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
