"""Point-in-time recovery and its window.

The window is always rendered (35 days unless given): the provider keeps the live window when
``recovery_period_in_days`` is omitted, so a table whose window was shortened would never get
the default back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .times import MAX_RECOVERY_PERIOD_DAYS
from .validation import check, check_bool, check_int_range

DEFAULT_RECOVERY_PERIOD_DAYS = MAX_RECOVERY_PERIOD_DAYS  # AWS's default window is its longest


@dataclass(frozen=True)
class PointInTimeRecovery:
    """PITR on or off, and its window in days (None: the default, 35)."""

    enabled: bool
    period_days: int | None

    @staticmethod
    def build(enabled: Any, period_days: Any) -> PointInTimeRecovery:
        check_bool("point_in_time_recovery", enabled)
        if period_days is not None:
            check(enabled, "recovery_period_days", period_days, "a recovery period needs point_in_time_recovery=True")
            check_int_range("recovery_period_days", period_days, 1, MAX_RECOVERY_PERIOD_DAYS)
        return PointInTimeRecovery(enabled=enabled, period_days=period_days)

    @property
    def window_days(self) -> int:
        """The window AWS keeps (the default when none was given)."""
        return self.period_days or DEFAULT_RECOVERY_PERIOD_DAYS

    def _render(self) -> dict[str, Any]:
        if not self.enabled:
            return {"enabled": False}
        return {"enabled": True, "recovery_period_in_days": self.window_days}
