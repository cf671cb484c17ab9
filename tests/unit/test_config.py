"""The app's configuration (cdktf.json context): every bad value names its key, null and wrong types included."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import TableConfigError

import pytest

from stacks.config import load_environments

CONTEXT = "cdktf.json context"

# id, context, key, value, fragment of "accepted"
REFUSED: list[tuple[str, dict[str, Any], str, Any, str]] = [
    ("project null", {"project": None}, "project", None, "2-21 characters"),
    ("project a number", {"project": 5}, "project", 5, "2-21 characters"),
    ("region null", {"region": None}, "region", None, "AWS region name"),
    ("region a list", {"region": ["us-east-1"]}, "region", ["us-east-1"], "AWS region name"),
    ("replica regions null", {"replica_regions": None}, "replica_regions", None, "expected a list of region names"),
    ("replica regions a string", {"replica_regions": "us-west-2"}, "replica_regions", "us-west-2",
     "not a single string: write ['us-west-2']"),
    ("replica region a number", {"replica_regions": ["us-west-2", 3]}, "replica_regions[1]", 3, "AWS region name"),
    ("emails a string", {"alarm_emails": "oncall@example.com"}, "alarm_emails", "oncall@example.com",
     "not a single string: write ['oncall@example.com']"),
    ("email a number", {"alarm_emails": ["a@b.co", 3]}, "alarm_emails[1]", 3, "e-mail address"),
    ("emails null", {"alarm_emails": None}, "alarm_emails", None, "expected a list of e-mail addresses"),
    ("state bucket a number", {"state_bucket": 5}, "state_bucket", 5, "3-63 characters"),
    ("application role a number", {"application_role": 5}, "application_role", 5, "IAM role name or ARN"),
    ("unknown key with a near one", {"projekt": "shop"}, "projekt", "shop", "did you mean 'project'?"),
    ("environments null", {"environments": None}, "environments", None, "keyed by dev, staging, prod"),
    ("environments a list", {"environments": ["prod"]}, "environments", ["prod"], "keyed by dev, staging, prod"),
    ("unknown environment", {"environments": {"prd": {}}}, "environments.prd", {},
     "did you mean 'prod'?"),
    ("an environment null", {"environments": {"prod": None}}, "environments.prod", None, "expected an object"),
    ("key window null", {"environments": {"prod": {"kms_deletion_window_days": None}}},
     "environments.prod.kms_deletion_window_days", None, "expected an integer (null is not allowed here)"),
    ("key window a string", {"environments": {"prod": {"kms_deletion_window_days": "7"}}},
     "environments.prod.kms_deletion_window_days", "7", "expected an integer"),
    ("key window out of range", {"environments": {"staging": {"kms_deletion_window_days": 3}}},
     "environments.staging.kms_deletion_window_days", 3, "from 7 to 30"),
    ("a flag null", {"environments": {"prod": {"deletion_protection": None}}},
     "environments.prod.deletion_protection", None, "true or false"),
    ("a flag a string", {"environments": {"dev": {"streams": "yes"}}}, "environments.dev.streams", "yes", "true or false"),
    ("a flag a number", {"environments": {"dev": {"dashboard": 1}}}, "environments.dev.dashboard", 1, "true or false"),
    ("retention zero", {"environments": {"prod": {"audit_retention_days": 0}}},
     "environments.prod.audit_retention_days", 0, "integer >= 1"),
    ("recovery period out of range", {"environments": {"prod": {"recovery_period_days": 36}}},
     "environments.prod.recovery_period_days", 36, "from 1 to 35"),
    ("recovery period without PITR", {"environments": {"dev": {"recovery_period_days": 7}}},
     "environments.dev.recovery_period_days", 7, "needs point_in_time_recovery=true"),
    ("PITR off with a period kept", {"environments": {"prod": {"point_in_time_recovery": False}}},
     "environments.prod.recovery_period_days", 35, "needs point_in_time_recovery=true"),
    ("unknown profile key with a near one", {"environments": {"prod": {"kms_deletion_window": 7}}},
     "environments.prod.kms_deletion_window", 7, "did you mean 'kms_deletion_window_days'?"),
    ("a profile value object", {"environments": {"prod": {"alarms": {}}}}, "environments.prod.alarms", {},
     "expected one of"),
]


@pytest.mark.parametrize(("context", "key", "value", "accepted"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_bad_value_names_its_key(context: dict[str, Any], key: str, value: Any, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        load_environments(context)
    assert (caught.value.path, caught.value.field, caught.value.value) == (CONTEXT, key, value)
    assert accepted in caught.value.accepted


def test_null_unsets_what_is_optional() -> None:
    configs = {c.environment: c for c in load_environments({
        "state_bucket": None, "application_role": None,
        "environments": {"prod": {"recovery_period_days": None}}})}
    assert configs["prod"].state_bucket is None and configs["prod"].application_role is None
    assert configs["prod"].profile.recovery_period_days is None and configs["prod"].profile.point_in_time_recovery


def test_valid_overrides_are_applied() -> None:
    configs = {c.environment: c for c in load_environments({"environments": {
        "dev": {"point_in_time_recovery": True, "recovery_period_days": 3},
        "prod": {"point_in_time_recovery": False, "recovery_period_days": None, "kms_deletion_window_days": 7}}})}
    assert (configs["dev"].profile.point_in_time_recovery, configs["dev"].profile.recovery_period_days) == (True, 3)
    prod = configs["prod"].profile
    assert (prod.point_in_time_recovery, prod.recovery_period_days, prod.kms_deletion_window_days) == (False, None, 7)
