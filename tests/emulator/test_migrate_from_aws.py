"""``migrate --from-aws`` reads live tables through the AWS API (here the emulator): every setting it
models, and the errors a user can make — a table that does not exist, an endpoint that does not answer."""

from __future__ import annotations

import json
import socket
import time
from typing import Any

from dynamo_constructs.migrate import from_aws_tables
from dynamo_constructs.migrate.model import MigrateError

import boto3
import pytest

from tests.emulator.conftest import Clients


def _session(endpoint: str) -> Any:
    return boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")


@pytest.fixture(scope="module")
def live(aws: Clients, endpoint: str, monkeypatch_module: pytest.MonkeyPatch) -> dict[str, Any]:
    """Two tables made through the API with many settings at once, read back by migrate."""
    monkeypatch_module.setenv("AWS_ENDPOINT_URL", endpoint)
    ddb, kms, scaling = aws("dynamodb"), aws("kms"), aws("application-autoscaling")
    key = kms.create_key(Description="api-made table key")["KeyMetadata"]["Arn"]
    ddb.create_table(
        TableName="api-orders", BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 2},
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in (("pk", "S"), ("sk", "N"), ("g", "S"))],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]},
                                 "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 2}}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key},
        TableClass="STANDARD_INFREQUENT_ACCESS", DeletionProtectionEnabled=True, Tags=[{"Key": "Team", "Value": "api"}])
    ddb.update_time_to_live(TableName="api-orders", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    ddb.update_continuous_backups(TableName="api-orders", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 10})
    scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/api-orders",
                                     ScalableDimension="dynamodb:table:ReadCapacityUnits", MinCapacity=4, MaxCapacity=40)
    scaling.put_scaling_policy(PolicyName="api-orders-read", ServiceNamespace="dynamodb", ResourceId="table/api-orders",
                               ScalableDimension="dynamodb:table:ReadCapacityUnits", PolicyType="TargetTrackingScaling",
                               TargetTrackingScalingPolicyConfiguration={
                                   "TargetValue": 55.0, "ScaleInCooldown": 120, "ScaleOutCooldown": 30,
                                   "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBReadCapacityUtilization"}})
    ddb.create_table(TableName="api-events", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "B"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     OnDemandThroughput={"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50},
                     SSESpecification={"Enabled": True})
    ddb.update_contributor_insights(TableName="api-events", ContributorInsightsAction="ENABLE")
    events_arn = ddb.describe_table(TableName="api-events")["Table"]["TableArn"]
    ddb.put_resource_policy(ResourceArn=events_arn, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "dynamodb:GetItem",
        "Resource": events_arn}]}))
    migration = from_aws_tables(_session(endpoint), "us-east-1", ["api-orders", "api-events"])
    return {"key": key, "tables": {c.table.name: c for c in migration.codes}}


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_modelled_setting_is_read_from_the_api(live: dict[str, Any]) -> None:
    orders = live["tables"]["api-orders"].table
    assert (orders.partition_key.name, orders.sort_key.type if orders.sort_key else None) == ("pk", "N")
    assert (orders.billing_mode, orders.throughput.read, orders.throughput.write) == ("PROVISIONED", 4, 2)
    scaling = orders.throughput.read_scaling
    assert scaling is not None and (scaling.minimum, scaling.maximum, scaling.policy_name, scaling.target_value,
                                    scaling.scale_in_cooldown, scaling.scale_out_cooldown) == (4, 40, "api-orders-read", 55.0,
                                                                                               120, 30)
    index = orders.global_indexes[0]
    assert (index.name, index.projection, index.non_key_attributes, index.throughput.read) == ("ByG", "INCLUDE", ("x",), 3)
    assert (orders.stream_view, orders.ttl_attribute, orders.ttl_enabled) == ("KEYS_ONLY", "expires", True)
    assert (orders.pitr, orders.pitr_days, orders.table_class, orders.deletion_protection) == (
        True, 10, "STANDARD_INFREQUENT_ACCESS", True)
    assert (orders.encryption, orders.kms_key_arn, orders.tags) == ("CUSTOMER_MANAGED", live["key"], {"Team": "api"})
    events = live["tables"]["api-events"].table
    assert (events.throughput.max_read, events.throughput.max_write, events.encryption) == (100, 50, "AWS_MANAGED")
    assert events.insights == "ACCESSED_AND_THROTTLED_KEYS" and '"111122223333' not in str(events.resource_policy)
    assert json.loads(str(events.resource_policy))["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}


def test_what_was_read_becomes_the_librarys_code(live: dict[str, Any]) -> None:
    orders, events = live["tables"]["api-orders"], live["tables"]["api-events"]
    assert orders.table.problems == [] and events.table.problems == []
    found = {a.name: a.code.text for a in orders.arguments}
    assert found["billing"].startswith('Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=4, maximum=40, '
                                       'target_utilization=55, scale_in_cooldown=120, scale_out_cooldown=30, '
                                       'policy_name="api-orders-read"), write_capacity=Capacity.fixed(2))')
    assert found["recovery_period_days"] == "10" and found["stream"] == '"KEYS_ONLY"'
    assert {a.name: a.code.text for a in events.arguments}["encryption"] == "TableEncryption.aws_managed()"
    assert [s.text.split("(")[0] for s in events.statements] == ["api_events.add_to_resource_policy"]


def test_a_table_that_does_not_exist_is_one_clear_error(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    with pytest.raises(MigrateError, match="no table 'nope' in us-east-1"):
        from_aws_tables(_session(endpoint), "us-east-1", ["nope"])


def test_an_endpoint_that_does_not_answer_fails_in_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    with pytest.raises(MigrateError, match="reading us-east-1 failed: Could not connect"):
        from_aws_tables(_session("unused"), "us-east-1")
    assert time.monotonic() - started < 60, "retries are bounded"
