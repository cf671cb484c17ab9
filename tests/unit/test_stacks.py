"""EnvironmentStack and the app: profiles applied per environment, outputs, providers, backend."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import TableConfigError
from dynamo_constructs.profiles import DEV, PROD, STAGING

import pytest

from stacks import EnvironmentConfig, EnvironmentStack, load_environments
from tests.support.helpers import new_app, resources, synth

TABLES = ("jobs", "audit-trail", "budget-tracking", "media-metadata")


def _tables(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"].split("-", 2)[2]: t for t in resources(doc, "aws_dynamodb_table").values()}


def test_every_environment_has_the_four_domain_tables(app_stacks: dict[str, dict]) -> None:
    assert sorted(app_stacks) == ["dev", "prod", "staging"]
    for env, doc in app_stacks.items():
        assert sorted(_tables(doc)) == sorted(TABLES)
        assert all(t["name"].startswith(f"dynamo-{env}-") for t in _tables(doc).values())


def test_dev_is_cheap_and_prod_is_protected(app_stacks: dict[str, dict]) -> None:
    dev, prod = _tables(app_stacks["dev"]), _tables(app_stacks["prod"])
    for table in dev.values():
        assert table["billing_mode"] == "PAY_PER_REQUEST"
        assert table["deletion_protection_enabled"] is False
        assert table["point_in_time_recovery"] == {"enabled": False}
        assert "prevent_destroy" not in table.get("lifecycle", {})
    assert "aws_backup_plan" not in app_stacks["dev"]["resource"]
    for name, table in prod.items():
        assert table["deletion_protection_enabled"] is True
        assert table["point_in_time_recovery"] == {"enabled": True, "recovery_period_in_days": 35}
        assert table["lifecycle"]["prevent_destroy"] is True
        assert table["server_side_encryption"]["kms_key_arn"].startswith("${aws_kms_key."), name
    assert {n: t["billing_mode"] for n, t in prod.items()} == {
        "jobs": "PAY_PER_REQUEST", "media-metadata": "PAY_PER_REQUEST",
        "audit-trail": "PROVISIONED", "budget-tracking": "PROVISIONED",
    }


def test_staging_profile(app_stacks: dict[str, dict]) -> None:
    staging = _tables(app_stacks["staging"])
    assert all(t["point_in_time_recovery"] == {"enabled": True, "recovery_period_in_days": 14} for t in staging.values())
    assert all(t.get("stream_enabled") is True for t in staging.values())
    rule = next(iter(resources(app_stacks["staging"], "aws_backup_plan").values()))["rule"][0]
    assert rule["schedule"].startswith("cron(") and rule["lifecycle"]["delete_after"] == 14


def test_prod_operations(app_stacks: dict[str, dict]) -> None:
    """Issue 4's bar: autoscaling for every provisioned table and its GSIs, >= 3 alarms per table
    with SNS actions, a backup selection covering every table, an IAM policy per domain table."""
    doc = app_stacks["prod"]
    tables = resources(doc, "aws_dynamodb_table")
    targets = {(t["resource_id"], t["scalable_dimension"]) for t in resources(doc, "aws_appautoscaling_target").values()}
    for table_id, table in tables.items():
        if table["billing_mode"] != "PROVISIONED":
            continue
        name = f"${{aws_dynamodb_table.{table_id}.name}}"
        expected = {(f"table/{name}", f"dynamodb:table:{op}CapacityUnits") for op in ("Read", "Write")}
        expected |= {(f"table/{name}/index/{g['name']}", f"dynamodb:index:{op}CapacityUnits")
                     for g in table["global_secondary_index"] for op in ("Read", "Write")}
        assert expected <= targets
        assert table["lifecycle"]["ignore_changes"] == ["read_capacity", "write_capacity"]
        for index in table["global_secondary_index"]:  # autoscaled: the live capacity, read at plan time
            for side in ("read_capacity", "write_capacity"):
                assert index[side].startswith("${max(coalesce(one([for i in try(data.aws_dynamodb_table.")
                assert f'if i.name == \"{index["name"]}\"' in index[side]
    assert len(resources(doc, "aws_appautoscaling_policy")) == len(targets)
    topic_id = next(iter(resources(doc, "aws_sns_topic")))
    alarms = resources(doc, "aws_cloudwatch_metric_alarm").values()
    for table in tables.values():
        mine = [a for a in alarms if a["alarm_name"].startswith(table["name"] + "-")]
        assert len(mine) >= 3, table["name"]
        assert all(a["alarm_actions"] == [f"${{aws_sns_topic.{topic_id}.arn}}"] for a in mine)
    selection = next(iter(resources(doc, "aws_backup_selection").values()))
    assert sorted(selection["resources"]) == sorted(f"${{aws_dynamodb_table.{i}.arn}}" for i in tables)
    policies = [p["name"] for p in resources(doc, "aws_iam_policy").values()]
    audit = next(t["name"] for t in tables.values() if t["name"].endswith("-audit-trail"))
    assert sorted(policies) == sorted([*(f"{t['name']}-read-write" for t in tables.values() if t["name"] != audit),
                                       f"{audit}-append", f"{audit}-read"])


def test_prod_replicates_the_global_table(app_stacks: dict[str, dict]) -> None:
    doc = app_stacks["prod"]
    replica = next(iter(resources(doc, "aws_dynamodb_table_replica").values()))
    assert replica["provider"] == "aws.us_west_2"
    assert replica["deletion_protection_enabled"] is True
    aliases = [p.get("alias") for p in doc["provider"]["aws"]]
    assert aliases == [None, "us_west_2"]
    assert "resource" in app_stacks["dev"] and "aws_dynamodb_table_replica" not in app_stacks["dev"]["resource"]


def test_providers_tags_outputs_and_backend(app_stacks: dict[str, dict]) -> None:
    for env, doc in app_stacks.items():
        provider = doc["provider"]["aws"][0]
        assert provider["default_tags"] == [{"tags": {"Project": "dynamo", "Environment": env, "ManagedBy": "dynamo-constructs"}}]
        assert doc["terraform"]["required_providers"]["aws"] == {"source": "hashicorp/aws", "version": ">= 5.100.0, < 7.0.0"}
        assert doc["terraform"]["backend"] == {"local": {"path": f"terraform.{env}.tfstate"}}
        outputs = doc["output"]
        for key in ("jobs", "audit_trail", "budget_tracking", "media_metadata"):
            assert f"{key}_table_name" in outputs and f"{key}_table_arn" in outputs
        assert "audit_trail_stream_arn" in outputs and "media_metadata_stream_arn" in outputs
    assert "jobs_stream_arn" not in app_stacks["dev"]["output"]
    assert "jobs_stream_arn" in app_stacks["prod"]["output"]
    assert "media_metadata_replica_us_west_2_arn" in app_stacks["prod"]["output"]


def test_s3_backend_with_locking_when_a_state_bucket_is_configured() -> None:
    config = EnvironmentConfig(profile=DEV, state_bucket="my-state")
    doc = synth(EnvironmentStack(new_app(), "dev", config))
    assert doc["terraform"]["backend"] == {"s3": {"bucket": "my-state", "key": "dynamo/dev/terraform.tfstate",
                                                  "region": "us-east-1", "encrypt": True, "use_lockfile": True}}


def test_configuration_defaults_work_with_nothing_configured() -> None:
    configs = load_environments({})
    assert [c.environment for c in configs] == ["dev", "staging", "prod"]
    assert [c.profile for c in configs] == [DEV, STAGING, PROD]
    assert configs[2].replica_regions == ("us-west-2",) and configs[0].state_bucket is None


def test_configuration_overrides_per_environment() -> None:
    configs = load_environments({"project": "shop", "region": "eu-west-1", "replica_regions": ["eu-central-1"],
                                 "environments": {"prod": {"recovery_period_days": 30, "alarm_emails": ["a@b.io"]},
                                                  "dev": {"point_in_time_recovery": True}}})
    dev, _, prod = configs
    assert (prod.project, prod.region, prod.replica_regions) == ("shop", "eu-west-1", ("eu-central-1",))
    assert prod.profile.recovery_period_days == 30 and prod.alarm_emails == ("a@b.io",)
    assert dev.profile.point_in_time_recovery is True and dev.alarm_emails == ()


@pytest.mark.parametrize(("context", "key"), [
    ({"projekt": "x"}, "projekt"),
    ({"region": "Europe"}, "region"),
    ({"replica_regions": "us-west-2"}, "replica_regions"),
    ({"alarm_emails": ["nobody"]}, "alarm_emails[0]"),
    ({"state_bucket": "Bad_Bucket"}, "state_bucket"),
    ({"state_bucket": "my..state"}, "state_bucket"),
    ({"state_bucket": "10.0.0.1"}, "state_bucket"),
    ({"state_bucket": "xn--state"}, "state_bucket"),
    ({"state_bucket": "state-s3alias"}, "state_bucket"),
    ({"region": "us-east-9"}, "region"),
    ({"replica_regions": ["us-west-2", "us-west-2"]}, "replica_regions"),
    ({"replica_regions": ["cn-north-1"]}, "replica_regions"),
    ({"replica_regions": ["us-east-1"]}, "replica_regions"),
    ({"application_role": "not a role"}, "application_role"),
    ({"environments": {"qa": {}}}, "environments.qa"),
    ({"environments": {"prod": {"deletion_protection": "yes"}}}, "environments.prod.deletion_protection"),
    ({"environments": {"prod": {"backups": True}}}, "environments.prod.backups"),
    ({"environments": {"dev": {"recovery_period_days": 90}}}, "environments.dev.recovery_period_days"),
])
def test_bad_configuration_names_the_key(context: dict[str, Any], key: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        load_environments(context)
    assert caught.value.path == "cdktf.json context" and caught.value.field == key


def test_observability_per_environment(app_stacks: dict[str, dict]) -> None:
    """Every environment has its dashboard (a row per table); staging and prod alarm on conditional-check
    failures and index builds; prod also on the account's capacity quotas."""
    import json

    for env, doc in app_stacks.items():
        dashboard = next(iter(resources(doc, "aws_cloudwatch_dashboard").values()))
        assert dashboard["dashboard_name"] == f"dynamo-{env}-dynamodb"
        rows = [w for w in json.loads(dashboard["dashboard_body"])["widgets"] if w["type"] == "text"][1:]
        assert sorted(w["properties"]["markdown"] for w in rows) == sorted(f"### dynamo-{env}-{t}" for t in TABLES)
        assert doc["output"]["dashboard_name"]["value"] == f"dynamo-{env}-dynamodb"
    names = {env: {a["alarm_name"] for a in resources(doc, "aws_cloudwatch_metric_alarm").values()}
             for env, doc in app_stacks.items()}
    assert not any("conditional-check" in n or "online-index" in n for n in names["dev"])
    for env in ("staging", "prod"):
        assert {f"dynamo-{env}-{t}-conditional-check-failed" for t in TABLES} <= names[env]
        assert {f"dynamo-{env}-{t}-online-index-throttles" for t in TABLES} <= names[env]
    assert "dynamo-prod-dynamodb-account-read-capacity" in names["prod"]
    assert not any("account-read-capacity" in n for n in names["staging"] | names["dev"])


def test_the_dashboard_can_be_turned_off() -> None:
    (config, *_) = load_environments({"environments": {"dev": {"dashboard": False}}})
    assert config.profile.dashboard is False
    doc = synth(EnvironmentStack(new_app(), "dev", config))
    assert "aws_cloudwatch_dashboard" not in doc["resource"]
