"""``PointInTimeRecovery``: on with its window (always explicit), or off."""

from __future__ import annotations

from dynamo_constructs import TableConfigError
from dynamo_constructs.recovery import DEFAULT_RECOVERY_PERIOD_DAYS, PointInTimeRecovery

import pytest


def test_the_window_is_always_rendered() -> None:
    assert PointInTimeRecovery.build(True, None)._render() == {"enabled": True,
                                                               "recovery_period_in_days": DEFAULT_RECOVERY_PERIOD_DAYS}
    assert PointInTimeRecovery.build(True, 1)._render() == {"enabled": True, "recovery_period_in_days": 1}
    assert PointInTimeRecovery.build(False, None)._render() == {"enabled": False}
    assert PointInTimeRecovery.build(True, 14).window_days == 14


@pytest.mark.parametrize(("enabled", "days", "field", "accepted"), [
    (False, 7, "recovery_period_days", "needs point_in_time_recovery=True"),
    (True, 0, "recovery_period_days", "from 1 to 35"),
    (True, 36, "recovery_period_days", "from 1 to 35"),
    (True, 7.5, "recovery_period_days", "integer"),
    ("on", None, "point_in_time_recovery", "True or False"),
])
def test_pitr_rules(enabled: object, days: object, field: str, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        PointInTimeRecovery.build(enabled, days)
    assert caught.value.field == field and accepted in caught.value.accepted
