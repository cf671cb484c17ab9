"""Domain constructs: the seeds' keys, indexes and TTL attributes, and their options."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    Replica,
    StreamViewType,
    TableConfigError,
    TableEncryption,
    replica_provider,
)
from dynamo_constructs.tables import AuditTrail, BudgetTracking, GlobalTable, JobsTable
from dynamo_constructs.tables.jobs import SYSTEM_STATUS_JOB_ID

import pytest

from tests.support.helpers import new_stack, only, resources, synth


def _schema(table: dict[str, Any]) -> dict[str, Any]:
    return {
        "hash": table["hash_key"],
        "range": table.get("range_key"),
        "indexes": {g["name"]: (g["hash_key"], g.get("range_key"), g["projection_type"])
                    for g in table.get("global_secondary_index", [])},
        "ttl": table.get("ttl", {}).get("attribute_name"),
    }


def test_jobs_table_matches_seed_002() -> None:
    stack = new_stack()
    JobsTable(stack, "jobs")
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    assert table["name"] == "CloudToolsJobs"
    assert _schema(table) == {
        "hash": "jobId", "range": None, "ttl": "ttl",
        "indexes": {"StatusIndex": ("status", "createdAt", "ALL"), "UserIndex": ("userId", "createdAt", "ALL")},
    }
    assert only(doc, "aws_dynamodb_contributor_insights")["table_name"].endswith(".name}")
    item = json.loads(only(doc, "aws_dynamodb_table_item")["item"])
    assert item["jobId"] == {"S": SYSTEM_STATUS_JOB_ID}
    assert "ttl" not in item, "a synth-time timestamp would make every synth differ"
    assert "createdAt" not in item, "the status item must stay out of the job indexes"


def test_jobs_table_status_item_is_stable_and_optional() -> None:
    first, second = new_stack(), new_stack()
    JobsTable(first, "jobs", system_status_expires_at=1_900_000_000)
    JobsTable(second, "jobs", system_status_expires_at=1_900_000_000)
    assert synth(first) == synth(second)
    item = json.loads(only(synth(first), "aws_dynamodb_table_item")["item"])
    assert item["ttl"] == {"N": "1900000000"}
    stack = new_stack()
    JobsTable(stack, "jobs", system_status_item=False, table_name="jobs-v2", contributor_insights=False)
    doc = synth(stack)
    assert "aws_dynamodb_table_item" not in doc["resource"]
    assert "aws_dynamodb_contributor_insights" not in doc["resource"]
    assert only(doc, "aws_dynamodb_table")["name"] == "jobs-v2"


def test_audit_trail_matches_seed_001_and_defaults_to_cmk_and_streams() -> None:
    stack = new_stack()
    audit = AuditTrail(stack, "audit", retention_days=365)
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    assert _schema(table) == {
        "hash": "audit_id", "range": "timestamp", "ttl": "expires_at",
        "indexes": {"ActionTypeIndex": ("action_type", "timestamp", "ALL"),
                    "UserAuditIndex": ("user_id", "timestamp", "ALL")},
    }
    assert table["stream_view_type"] == "NEW_AND_OLD_IMAGES"
    assert table["server_side_encryption"]["kms_key_arn"].startswith("${aws_kms_key.")
    assert table["tags"] == {"DataClass": "audit", "RetentionDays": "365"}
    assert audit.retention_days == 365


def test_audit_trail_options_override() -> None:
    stack = new_stack()
    AuditTrail(stack, "audit", encryption=TableEncryption.aws_managed(), stream=StreamViewType.KEYS_ONLY,
               tags={"Team": "sec"}, append_only=False)
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    assert table["server_side_encryption"] == {"enabled": True}
    assert table["stream_view_type"] == "KEYS_ONLY"
    assert table["tags"] == {"Team": "sec", "DataClass": "audit", "RetentionDays": "2555"}
    assert "aws_kms_key" not in doc["resource"]
    assert "aws_dynamodb_resource_policy" not in doc["resource"]
    with pytest.raises(TableConfigError, match="retention_days"):
        AuditTrail(new_stack(), "audit", retention_days=0)


def test_budget_tracking_matches_seed_000() -> None:
    stack = new_stack()
    BudgetTracking(stack, "budget", billing=Billing.provisioned(read_capacity=Capacity.fixed(2),
                                                                write_capacity=Capacity.fixed(2)))
    table = only(synth(stack), "aws_dynamodb_table")
    assert _schema(table) == {
        "hash": "resource_id", "range": "month", "ttl": None,
        "indexes": {"AccountCostIndex": ("account_id", "month", "ALL"), "CategoryIndex": ("cost_category", "month", "ALL")},
    }
    assert (table["read_capacity"], table["write_capacity"]) == (2, 2)


def _global(stack, **kwargs: Any) -> GlobalTable:  # type: ignore[no-untyped-def]
    kwargs.setdefault("partition_key", Attribute.string("mediaId"))
    return GlobalTable(stack, "media", table_name="media", **kwargs)


def test_global_table_replicas_keys_and_streams() -> None:
    stack = new_stack("us-east-1")
    west = replica_provider(stack, "us-west-2")
    eu = replica_provider(stack, "eu-west-1")
    given = "arn:aws:kms:eu-west-1:123456789012:key/given"
    table = _global(stack, encryption=TableEncryption.customer_managed_key(), deletion_protection=True, tags={"A": "b"},
                    replicas=[Replica(region="us-west-2", provider=west, point_in_time_recovery=False),
                              Replica(region="eu-west-1", provider=eu, kms_key_arn=given, propagate_tags=False)])
    doc = synth(stack)
    main = only(doc, "aws_dynamodb_table")
    assert main["stream_view_type"] == "NEW_AND_OLD_IMAGES" and main["stream_enabled"] is True
    assert main["lifecycle"]["ignore_changes"] == ["replica"]
    replicas = {r["provider"]: r for r in resources(doc, "aws_dynamodb_table_replica").values()}
    west_r, eu_r = replicas["aws.us_west_2"], replicas["aws.eu_west_1"]
    assert west_r["point_in_time_recovery"] is False and west_r["deletion_protection_enabled"] is True
    assert west_r["tags"] == {"A": "b"} and "tags" not in eu_r
    assert eu_r["kms_key_arn"] == given and eu_r["point_in_time_recovery"] is True
    keys = resources(doc, "aws_kms_key")
    assert sorted(k.get("provider", "default") for k in keys.values()) == ["aws.us_west_2", "default"]
    assert west_r["kms_key_arn"].startswith("${aws_kms_key.") and table.replica_regions == ("us-west-2", "eu-west-1")


def test_global_table_without_replicas_is_single_region_with_streams() -> None:
    stack = new_stack()
    _global(stack)
    table = only(synth(stack), "aws_dynamodb_table")
    assert table["stream_view_type"] == "NEW_AND_OLD_IMAGES" and "ignore_changes" not in table["lifecycle"]


def test_global_table_provisioned_replicas_are_autoscaled_in_their_region() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    _global(stack, billing=Billing.provisioned(read_capacity=Capacity.fixed(5),
                                               write_capacity=Capacity.autoscaled(minimum=5, maximum=50)),
            replicas=[Replica(region="us-west-2", provider=west)])
    doc = synth(stack)
    targets = resources(doc, "aws_appautoscaling_target").values()
    assert sorted((t.get("provider", "primary"), t["scalable_dimension"]) for t in targets) == [
        ("aws.us_west_2", "dynamodb:table:WriteCapacityUnits"), ("primary", "dynamodb:table:WriteCapacityUnits")]
    west_target = next(t for t in targets if t.get("provider"))
    assert west_target["depends_on"][0].startswith("aws_dynamodb_table_replica.")


def _replica_error(**kwargs: Any) -> TableConfigError:
    stack = new_stack("us-east-1")
    providers = {r: replica_provider(stack, r) for r in ("us-east-1", "us-west-2", "eu-west-1", "cn-north-1")}
    regions = kwargs.pop("regions")
    replicas = [Replica(region=r, provider=providers[p]) for r, p in regions]
    with pytest.raises(TableConfigError) as caught:
        _global(stack, replicas=replicas, **kwargs)
    assert caught.value.path == "test/media"
    return caught.value


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"regions": [("us-east-1", "us-east-1")]}, "replica region", "another region than the table (us-east-1)"),
    ({"regions": [("us-west-2", "us-west-2"), ("us-west-2", "us-west-2")]}, "replica region", "once"),
    ({"regions": [("eu-west-1", "us-west-2")]}, "replica eu-west-1 provider region", "configured for eu-west-1"),
    ({"regions": [("cn-north-1", "cn-north-1")]}, "replica region", "the table's partition (aws), not aws-cn"),
    ({"regions": [("us-west-2", "us-west-2")],
      "billing": Billing.provisioned(read_capacity=Capacity.fixed(5), write_capacity=Capacity.fixed(5))},
     "billing write_capacity", "autoscaled write capacity"),
    ({"regions": [("us-west-2", "us-west-2")], "stream": StreamViewType.KEYS_ONLY}, "stream", "NEW_AND_OLD_IMAGES"),
], ids=["primary region", "duplicate", "provider mismatch", "other partition", "provisioned without autoscaled writes",
        "wrong stream"])
def test_global_table_validation(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    error = _replica_error(**kwargs)
    assert error.field == field and accepted in error.accepted


def test_replica_value_rules() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    with pytest.raises(TableConfigError) as caught:
        Replica(region="us-west-2", provider=west, kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/x")
    assert (caught.value.path, caught.value.field) == ("Replica 'us-west-2'", "kms_key_arn")
    assert "in the replica's region (us-west-2)" in caught.value.accepted
    with pytest.raises(TableConfigError) as caught:
        Replica(region="mars-north-1", provider=west)
    assert caught.value.field == "region" and "us-west-2" in caught.value.accepted
    with pytest.raises(TableConfigError) as caught:
        Replica(region="us-west-2", provider="aws.us_west_2")  # type: ignore[arg-type]
    assert caught.value.field == "provider"
    with pytest.raises(TableConfigError) as caught:
        Replica(region="us-west-2", provider=west, table_class="COLD")
    assert caught.value.field == "table_class"


def test_replica_key_rules_need_the_table() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    with pytest.raises(TableConfigError, match="give each replica its key"):
        _global(stack, encryption=TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/x"),
                replicas=[Replica(region="us-west-2", provider=west)])
    with pytest.raises(TableConfigError, match="need TableEncryption.customer_managed_key"):
        _global(new_stack(), replicas=[Replica(region="us-west-2", provider=west,
                                               kms_key_arn="arn:aws:kms:us-west-2:123456789012:key/x")])
