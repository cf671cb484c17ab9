"""Terraform's operation ``timeouts`` for a table or a replica, as a small value object.

Creating a table from an S3 import or a restore, adding an index to a large table, or adding a
replica can take far longer than the provider's defaults (table: create 30m, update 60m,
delete 10m; replica: create 30m, update 30m, delete 20m); Terraform then fails the apply while
AWS carries on. ``Timeouts(create="4h")`` raises the limit for one operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .names import check_duration
from .validation import check, checked_arguments, fail


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class Timeouts:
    """How long Terraform waits per operation ("30m", "2h", "1h30m"); None keeps the provider's
    default (table: create 30m, update 60m, delete 10m; replica: create 30m, update 30m, delete 20m).
    At least one is given.

    Args:
        create: The limit for creating (an S3 import or a restore takes long). Default: the provider's.
        update: The limit for updating (adding an index to a large table takes long). Default: the provider's.
        delete: The limit for deleting. Default: the provider's.
    """

    create: str | None = None
    update: str | None = None
    delete: str | None = None

    def __post_init__(self) -> None:
        for name in ("create", "update", "delete"):
            value = getattr(self, name)
            if value is not None:
                check_duration(name, value, "Timeouts")
        check(any(getattr(self, n) is not None for n in ("create", "update", "delete")), "Timeouts", "Timeouts()",
              "give at least one of create, update, delete (or leave timeouts out)", "Timeouts")

    def _render(self) -> dict[str, str]:
        return {name: value for name in ("create", "update", "delete") if (value := getattr(self, name)) is not None}


def check_timeouts(field: str, timeouts: Any, where: str | None = None) -> Timeouts | None:
    if timeouts is not None and not isinstance(timeouts, Timeouts):
        fail(field, timeouts, "expected Timeouts(create=..., update=..., delete=...) or None", where)
    return timeouts
