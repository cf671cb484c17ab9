"""EnvironmentProfile: a profile checks itself when made (dataclasses.replace included)."""

from __future__ import annotations

import dataclasses
from typing import Any

from dynamo_constructs import DEV, PROD, PROFILES, STAGING, AlarmSettings, BackupSettings, Billing, TableConfigError

import pytest


def test_the_shipped_profiles_are_valid() -> None:
    assert PROFILES == {"dev": DEV, "staging": STAGING, "prod": PROD}
    assert dataclasses.replace(PROD, kms_deletion_window_days=7).kms_deletion_window_days == 7


# id, changes to PROD, field, value, fragment of "accepted"
REFUSED: list[tuple[str, dict[str, Any], str, Any, str]] = [
    ("key window below 7", {"kms_deletion_window_days": 6}, "kms_deletion_window_days", 6, "from 7 to 30"),
    ("key window None", {"kms_deletion_window_days": None}, "kms_deletion_window_days", None, "from 7 to 30"),
    ("recovery period above 35", {"recovery_period_days": 36}, "recovery_period_days", 36, "from 1 to 35"),
    ("recovery period without PITR", {"point_in_time_recovery": False}, "recovery_period_days", 35,
     "needs point_in_time_recovery=true"),
    ("retention zero", {"audit_retention_days": 0}, "audit_retention_days", 0, "integer >= 1"),
    ("a flag a string", {"streams": "yes"}, "streams", "yes", "True or False"),
    ("a flag None", {"dashboard": None}, "dashboard", None, "True or False"),
    ("billing a string", {"steady_billing": "PAY_PER_REQUEST"}, "steady_billing", "PAY_PER_REQUEST",
     "Billing.on_demand(...)"),
    ("backup settings invalid", {"backup": BackupSettings(delete_after_days=0)}, "backup delete_after_days", 0,
     "integer >= 1"),
    ("backup a dict", {"backup": {"schedule": "cron(0 3 * * ? *)"}}, "backup", {"schedule": "cron(0 3 * * ? *)"},
     "BackupSettings(...) or None"),
    ("alarm settings invalid", {"alarms": AlarmSettings(period_seconds=45)}, "alarms period_seconds", 45,
     "multiple of 60"),
    ("empty name", {"name": ""}, "name", "", "non-empty string"),
]


@pytest.mark.parametrize(("changes", "field", "value", "accepted"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_profile_rules(changes: dict[str, Any], field: str, value: Any, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        dataclasses.replace(PROD, **changes)
    error = caught.value
    assert (error.path, error.field, error.value) == (f"EnvironmentProfile {changes.get('name', 'prod')!r}", field, value)
    assert accepted in error.accepted


def test_billing_of_the_right_kind_is_kept() -> None:
    assert dataclasses.replace(DEV, spiky_billing=Billing.on_demand(max_read_request_units=100)).spiky_billing.mode == \
        "PAY_PER_REQUEST"
