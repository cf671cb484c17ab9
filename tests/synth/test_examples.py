"""The five seed examples: each synthesizes, matches its snapshot, and carries its seed's
distinctive facts (keys, index names, TTL attributes, replicas). terraform validate: tests/terraform."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

from tests.support.examples import EXAMPLE_STACKS, EXAMPLES, STACKS
from tests.support.paths import ROOT


def stack(examples_out: Path, example: str, name: str) -> dict[str, Any]:
    return json.loads((examples_out / example / "stacks" / name / "cdk.tf.json").read_text())


def tables(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in doc["resource"]["aws_dynamodb_table"].values()}


def schema(table: dict[str, Any]) -> tuple[Any, ...]:
    return (table["hash_key"], table.get("range_key"), table.get("ttl", {}).get("attribute_name"),
            sorted(g["name"] for g in table.get("global_secondary_index", [])))




def test_every_example_synthesizes_its_stacks(examples_out: Path) -> None:
    for example in EXAMPLES:
        assert sorted(p.name for p in (examples_out / example / "stacks").iterdir()) == sorted(STACKS[example])


@pytest.mark.parametrize(("example", "name"), EXAMPLE_STACKS, ids=[f"{e}-{s}" for e, s in EXAMPLE_STACKS])
def test_example_snapshot(examples_out: Path, example: str, name: str, snapshot) -> None:  # type: ignore[no-untyped-def]
    doc = stack(examples_out, example, name)
    assert str(ROOT) not in json.dumps(doc), "machine-dependent path in the output"
    assert doc == snapshot.use_extension(JSONSnapshotExtension)


def test_aperture_seed_facts(examples_out: Path) -> None:
    dev, prod = tables(stack(examples_out, "aperture", "dev")), tables(stack(examples_out, "aperture", "prod"))
    assert {n: schema(t) for n, t in dev.items()} == {
        "aperture-dev-users": ("user_id", "created_at", None, ["EmailIndex", "OrcidIndex"]),
        "aperture-dev-doi-registry": ("doi", "version", None, ["DatasetIndex", "StatusIndex"]),
        "aperture-dev-access-logs": ("dataset_id", "timestamp", "expiration_time", ["DateIndex", "UserAccessIndex"]),
        "aperture-dev-budget-tracking": ("resource_id", "month", None, ["AccountCostIndex", "CategoryIndex"]),
    }
    assert all(t["billing_mode"] == "PAY_PER_REQUEST" for t in dev.values())
    users = prod["aperture-prod-users"]
    assert (users["billing_mode"], users["read_capacity"], users["write_capacity"]) == ("PROVISIONED", 10, 10)
    assert prod["aperture-prod-access-logs"]["write_capacity"] == 20
    policies = stack(examples_out, "aperture", "prod")["resource"]["aws_appautoscaling_policy"].values()
    assert {p["target_tracking_scaling_policy_configuration"]["target_value"] for p in policies} == {70}
    assert len(stack(examples_out, "aperture", "prod")["resource"]["aws_kms_key"]) == 4


def test_streaming_logs_seed_facts(examples_out: Path) -> None:
    doc = stack(examples_out, "streaming_logs", "dev")
    found = {n.removeprefix("streaming-logs-dev-"): schema(t) for n, t in tables(doc).items()}
    assert found == {
        "log-metadata": ("log_id", "timestamp", "ttl", ["LogLevelIndex", "ServiceIndex", "UserIndex"]),
        "user-sessions": ("session_id", "user_id", "ttl", ["UserSessionIndex"]),
        "system-config": ("config_key", None, None, ["EnvironmentIndex"]),
        "audit-trail": ("audit_id", "timestamp", "ttl", ["ActionTypeIndex", "UserAuditIndex"]),
    }
    table_keys = [k for k, v in doc["resource"]["aws_kms_key"].items() if "DynamoDB" in v["description"]]
    assert len(table_keys) == 1, "one shared key for the four tables"
    key_id = table_keys[0]
    assert {t["server_side_encryption"]["kms_key_arn"] for t in tables(doc).values()} == {f"${{aws_kms_key.{key_id}.arn}}"}
    assert {t["point_in_time_recovery"]["recovery_period_in_days"] for t in tables(doc).values()} == {7}
    prod = stack(examples_out, "streaming_logs", "prod")
    assert {t["point_in_time_recovery"]["recovery_period_in_days"] for t in tables(prod).values()} == {35}
    assert tables(doc)["streaming-logs-dev-system-config"]["stream_view_type"] == "NEW_AND_OLD_IMAGES"
    assert tables(doc)["streaming-logs-dev-log-metadata"]["stream_enabled"] is False
    assert len(prod["resource"]["aws_cloudwatch_metric_alarm"]) > len(doc["resource"]["aws_cloudwatch_metric_alarm"])


def test_cloud_tools_seed_facts(examples_out: Path) -> None:
    dev, prod = stack(examples_out, "cloud_tools_jobs", "development"), stack(examples_out, "cloud_tools_jobs", "production")
    (name, table), = tables(prod).items()
    assert name == "cloud-tools-production-CloudToolsJobs-prod"
    assert schema(table) == ("jobId", None, "ttl", ["StatusIndex", "UserIndex"])
    assert "aws_dynamodb_contributor_insights" in prod["resource"] and "aws_dynamodb_table_item" in prod["resource"]
    assert "aws_backup_plan" in prod["resource"] and "aws_backup_plan" not in dev["resource"]
    assert next(iter(tables(dev).values()))["point_in_time_recovery"] == {"enabled": False}
    policy = json.loads(next(iter(prod["resource"]["aws_iam_policy"].values()))["policy"])
    actions = policy["Statement"][0]["Action"]
    for action in ("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan"):
        assert f"dynamodb:{action}" in actions
    roles = [a["role"] for a in prod["resource"]["aws_iam_role_policy_attachment"].values()]
    assert "cloud-tools-job-runner" in roles


def test_stackkit_seed_facts(examples_out: Path) -> None:
    prod = stack(examples_out, "stackkit_addon", "prod")
    users = tables(prod)["global-app-prod-users"]
    assert schema(users) == ("user_id", "created_at", "expires_at", ["email-index", "status-index"])
    status = next(g for g in users["global_secondary_index"] if g["name"] == "status-index")
    assert (status["projection_type"], status["non_key_attributes"]) == ("INCLUDE", ["email"])
    replicas = prod["resource"]["aws_dynamodb_table_replica"].values()
    assert sorted(r["provider"] for r in replicas) == ["aws.ap_southeast_1", "aws.eu_west_1", "aws.us_east_1"]
    assert prod["provider"]["aws"][0]["region"] == "ap-northeast-2"
    rule = next(iter(prod["resource"]["aws_backup_plan"].values()))["rule"][0]
    assert rule["lifecycle"] == {"cold_storage_after": 30, "delete_after": 2555}
    dev = stack(examples_out, "stackkit_addon", "dev")
    assert "aws_backup_plan" not in dev["resource"] and "aws_dynamodb_table_replica" not in dev["resource"]
    assert all(not t["deletion_protection_enabled"] for t in tables(dev).values())
    assert tables(stack(examples_out, "stackkit_addon", "staging"))["global-app-staging-users"]["billing_mode"] == "PAY_PER_REQUEST"


def test_quikapp_seed_facts(examples_out: Path) -> None:
    prod = stack(examples_out, "quikapp", "prod")
    found = {n.removeprefix("quikapp-prod-"): schema(t) for n, t in tables(prod).items()}
    assert found == {
        "media-metadata": ("mediaId", None, None, ["userId-createdAt-index"]),
        "user-sessions": ("sessionId", "userId", "expiresAt", []),
        "notifications": ("userId", "createdAt", "expiresAt", []),
        "conversations": ("conversationId", "messageId", None, ["participant-updatedAt-index"]),
        "rate-limits": ("key", None, "expiresAt", []),
    }
    replicas = list(prod["resource"]["aws_dynamodb_table_replica"].values())
    assert len(replicas) == 5
    assert {r["kms_key_arn"] for r in replicas} == {"arn:aws:kms:us-west-2:111122223333:key/quikapp-media-replica"}
    assert all(t["stream_view_type"] == "NEW_AND_OLD_IMAGES" for t in tables(prod).values())
    dev = stack(examples_out, "quikapp", "dev")
    assert "quikapp-dev-rate-limits" not in tables(dev), "create toggle off"
    assert "aws_dynamodb_table_replica" not in dev["resource"]


def test_tour_facts(examples_out: Path) -> None:
    """The tour: cross-account resource policy, Kinesis, restore, nightly export, a table another stack
    owns, a dashboard (5.100 stack); strong consistency with a witness, warm throughput and an insights
    mode in a stack whose provider range starts at 6.22.0."""
    analytics, strong = stack(examples_out, "tour", "analytics"), stack(examples_out, "tour", "strong")
    resource = analytics["resource"]
    assert analytics["terraform"]["required_providers"]["aws"]["version"] == ">= 5.100.0, < 7.0.0"
    assert strong["terraform"]["required_providers"]["aws"]["version"] == ">= 6.22.0, < 7.0.0"
    orders_id = next(k for k, t in resource["aws_dynamodb_table"].items() if t["name"] == "tour-orders")
    policies = {p["resource_arn"]: json.loads(p["policy"]) for p in resource["aws_dynamodb_resource_policy"].values()}
    table_policy = policies[f"${{aws_dynamodb_table.{orders_id}.arn}}"]
    assert [(s["Effect"], s["Principal"]) for s in table_policy["Statement"]] == [
        ("Allow", {"AWS": "arn:aws:iam::111122223333:root"}), ("Deny", {"AWS": "arn:aws:iam::111122223333:root"})]
    assert f"${{aws_dynamodb_table.{orders_id}.stream_arn}}" in policies
    destination = next(iter(resource["aws_dynamodb_kinesis_streaming_destination"].values()))
    assert destination["approximate_creation_date_time_precision"] == "MICROSECOND"
    reporting = tables(analytics)["tour-orders-reporting"]
    assert (reporting["restore_source_table_arn"], reporting["restore_to_latest_time"]) == (
        f"${{aws_dynamodb_table.{orders_id}.arn}}", True)
    assert next(iter(resource["aws_scheduler_schedule"].values()))["schedule_expression"] == "cron(0 2 * * ? *)"
    ledger_policy = next(json.loads(p["policy"]) for p in resource["aws_iam_policy"].values() if p["name"] == "tour-ledger-read")
    assert ledger_policy["Statement"][0]["Resource"][0].endswith(":table/tour-ledger")
    body = json.loads(next(iter(resource["aws_cloudwatch_dashboard"].values()))["dashboard_body"])
    rows = [w["properties"]["markdown"] for w in body["widgets"] if w["type"] == "text"][1:]
    assert rows == ["### tour-orders", "### tour-orders-reporting", "### tour-ledger"]
    carts = tables(strong)["tour-carts"]
    assert [(r["region_name"], r["consistency_mode"]) for r in carts["replica"]] == [("us-east-2", "STRONG")]
    assert carts["global_table_witness"] == {"region_name": "us-west-2"}
    assert carts["warm_throughput"] == {"read_units_per_second": 40000, "write_units_per_second": 12000}
    assert next(iter(strong["resource"]["aws_dynamodb_contributor_insights"].values()))["mode"] == "THROTTLED_KEYS"


def test_tour_newest_facts(examples_out: Path) -> None:
    """The tour's newest stack: multi-attribute index keys, an index resource with autoscaling, a backup
    restore, per-replica insights and Kinesis, in a stack whose provider range starts at 6.38.0."""
    newest = stack(examples_out, "tour", "newest")
    resource = newest["resource"]
    assert newest["terraform"]["required_providers"]["aws"]["version"] == ">= 6.38.0, < 7.0.0"
    by_name = tables(newest)
    matches = {i["name"]: i for i in by_name["tour-matches"]["global_secondary_index"]}
    assert [(k["attribute_name"], k["key_type"]) for k in matches["ByTournamentRegion"]["key_schema"]] == [
        ("tournamentId", "HASH"), ("region", "HASH"), ("round", "RANGE"), ("bracket", "RANGE")]
    assert matches["ByPlayer"]["hash_key"] == "playerId"
    (index,) = resource["aws_dynamodb_global_secondary_index"].values()
    assert (index["index_name"], index["lifecycle"]) == ("ByScore", {
        "ignore_changes": ["provisioned_throughput[0].read_capacity_units"]})
    assert "global_secondary_index" not in by_name["tour-leaderboard"]
    assert by_name["tour-matches-2025"]["restore_backup_arn"].endswith(":table/tour-matches/backup/01767225600000-5e450a2f")
    west = [c for c in resource["aws_dynamodb_contributor_insights"].values() if c.get("provider") == "aws.us_west_2"]
    assert sorted((c.get("index_name", ""), c.get("mode")) for c in west) == [("", None), ("ByPlayer", "THROTTLED_KEYS")]
    (destination,) = resource["aws_dynamodb_kinesis_streaming_destination"].values()
    assert destination["provider"] == "aws.us_west_2" and destination["stream_arn"].endswith(":stream/tour-matches-west")
