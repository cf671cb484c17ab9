"""Alarms: what they create from the table itself, and the rules they enforce."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Replica,
    Table,
    TableAlarms,
    TableConfigError,
    account_limit_alarms,
    replica_provider,
    user_errors_alarm,
)

import pytest

from tests.support.helpers import new_stack, only, resources, synth

FULL = AlarmSettings(full=True, period_seconds=60, evaluation_periods=3, datapoints_to_alarm=2)
TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms"


def _alarms(settings: AlarmSettings = FULL, *, index_names: tuple[str, ...] = (), provisioned: bool = False,
            replica_regions: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """The alarms of a table named "orders" with the given indexes, billing and replicas."""
    stack = new_stack()
    capacity = Capacity.autoscaled(minimum=1, maximum=10)
    table = Table(stack, "orders", partition_key=Attribute.string("pk"),
                  global_indexes=[GlobalSecondaryIndex(name=n, partition_key=Attribute.string(f"k{n}")) for n in index_names],
                  billing=Billing.provisioned(read_capacity=capacity, write_capacity=capacity) if provisioned else None,
                  replicas=[Replica(region=r, provider=replica_provider(stack, r)) for r in replica_regions])
    TableAlarms(stack, "alarms", table=table, settings=settings, topic_arn="arn:aws:sns:us-east-1:123456789012:alarms")
    return {a["alarm_name"]: a for a in resources(synth(stack), "aws_cloudwatch_metric_alarm").values()}


def test_basic_alarms_are_throttles_and_system_errors() -> None:
    alarms = _alarms(AlarmSettings(full=False), index_names=("ByA",), provisioned=True, replica_regions=("eu-west-1",))
    assert sorted(alarms) == ["orders-read-throttles", "orders-system-errors", "orders-write-throttles"]


def test_full_alarms_per_table_kind() -> None:
    alarms = _alarms(index_names=("ByA", "ByB"), provisioned=True, replica_regions=("eu-west-1",))
    assert sorted(alarms) == [
        "orders-latency", "orders-read-capacity", "orders-read-throttles", "orders-replication-latency-eu-west-1",
        "orders-system-errors", "orders-write-capacity", "orders-write-throttles",
    ]
    assert "orders-read-capacity" not in _alarms(provisioned=False)
    for alarm in alarms.values():
        assert alarm["alarm_actions"] == alarm["ok_actions"] == ["arn:aws:sns:us-east-1:123456789012:alarms"]
        assert (alarm["evaluation_periods"], alarm["datapoints_to_alarm"]) == (3, 2)
        returned = [q for q in alarm["metric_query"] if q.get("return_data")]
        assert len(returned) == 1, "an alarm evaluates exactly one time series"


def test_throttle_alarm_sums_table_and_every_index() -> None:
    alarm = _alarms(index_names=("ByA", "ByB"))["orders-read-throttles"]
    metrics = [q["metric"] for q in alarm["metric_query"] if "metric" in q]
    assert [m.get("dimensions", {}).get("GlobalSecondaryIndexName") for m in metrics] == [None, "ByA", "ByB"]
    assert all(m["metric_name"] == "ReadThrottleEvents" and m["stat"] == "Sum" and m["period"] == 60 for m in metrics)
    assert alarm["treat_missing_data"] == "notBreaching"


def test_system_errors_cover_every_data_operation_and_latency_ignores_missing_data() -> None:
    alarms = _alarms()
    ops = {q["metric"]["dimensions"]["Operation"] for q in alarms["orders-system-errors"]["metric_query"] if "metric" in q}
    assert {"GetItem", "PutItem", "Query", "Scan", "TransactWriteItems"} <= ops
    assert alarms["orders-latency"]["treat_missing_data"] == "ignore"
    assert next(q for q in alarms["orders-latency"]["metric_query"] if q.get("return_data"))["expression"] == "MAX(METRICS())"


def test_capacity_alarm_compares_consumed_with_provisioned() -> None:
    alarm = _alarms(provisioned=True)["orders-write-capacity"]
    names = sorted(q["metric"]["metric_name"] for q in alarm["metric_query"] if "metric" in q)
    assert names == ["ConsumedWriteCapacityUnits", "ProvisionedWriteCapacityUnits"]
    assert alarm["threshold"] == 80


@pytest.mark.parametrize(("change", "field"), [
    ({"period_seconds": 45}, "alarms period_seconds"),
    ({"evaluation_periods": 0}, "alarms evaluation_periods"),
    ({"period_seconds": 3600, "evaluation_periods": 25}, "alarms evaluation_periods"),
    ({"datapoints_to_alarm": 4}, "alarms datapoints_to_alarm"),
    ({"capacity_utilization_percent": 120}, "alarms capacity_utilization_percent"),
    ({"latency_operations": ("Frobnicate",)}, "alarms latency_operations[0]"),
    ({"latency_operations": "GetItem"}, "alarms latency_operations"),
    ({"throttle_threshold": 0}, "alarms throttle_threshold"),
    ({"conditional_check_failed_threshold": 0}, "alarms conditional_check_failed_threshold"),
    ({"online_index_alarms": "yes"}, "alarms online_index_alarms"),
    ({"account_capacity_utilization_percent": 101}, "alarms account_capacity_utilization_percent"),
])
def test_alarm_settings_rules(change: dict[str, Any], field: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        _alarms(dataclasses.replace(FULL, **change))
    assert caught.value.field == field


def test_topic_is_encrypted_and_cloudwatch_may_use_its_key() -> None:
    stack = new_stack()
    AlarmTopic(stack, "topic", name="alarms", emails=["ops@example.com"])
    doc = synth(stack)
    topic = only(doc, "aws_sns_topic")
    assert topic["kms_master_key_id"].startswith("${aws_kms_key.")
    statements = json.loads(only(doc, "aws_kms_key")["policy"])["Statement"]
    assert statements[1] == {"Sid": "UseCloudwatch", "Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
                             "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"}
    subscription = only(doc, "aws_sns_topic_subscription")
    assert (subscription["protocol"], subscription["endpoint"]) == ("email", "ops@example.com")
    with pytest.raises(TableConfigError) as caught:
        AlarmTopic(new_stack(), "topic", name="alarms", emails=["ops@example.com", "not-an-address"])
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/topic", "emails[1]", "not-an-address")


def test_user_errors_alarm_is_account_level_and_optional() -> None:
    stack = new_stack()
    assert user_errors_alarm(stack, "ue", name="x", settings=FULL, topic_arn=TOPIC) is None
    user_errors_alarm(stack, "ue", name="x", settings=dataclasses.replace(FULL, user_errors_threshold=10), topic_arn=TOPIC)
    alarm = only(synth(stack), "aws_cloudwatch_metric_alarm")
    assert alarm["metric_name"] == "UserErrors" and "dimensions" not in alarm


def test_optional_conditional_check_and_online_index_alarms() -> None:
    settings = dataclasses.replace(FULL, full=False, conditional_check_failed_threshold=25, online_index_alarms=True)
    alarms = _alarms(settings, index_names=tuple(f"I{n:02d}" for n in range(11)))
    check = alarms["orders-conditional-check-failed"]
    (metric,) = [q["metric"] for q in check["metric_query"] if "metric" in q]
    assert (metric["metric_name"], metric["dimensions"], check["threshold"]) == (
        "ConditionalCheckFailedRequests", {"TableName": "orders"}, 25)
    first, second = alarms["orders-online-index-throttles"], alarms["orders-online-index-throttles-2"]
    names = [q["metric"]["dimensions"]["GlobalSecondaryIndexName"] for q in first["metric_query"] if "metric" in q]
    assert names == [f"I{n:02d}" for n in range(10)]
    assert all(q["metric"]["metric_name"] == "OnlineIndexThrottleEvents" for q in second["metric_query"] if "metric" in q)
    assert "orders-online-index-throttles" not in _alarms(settings), "no indexes, no index-build alarm"
    assert "orders-conditional-check-failed" not in _alarms(dataclasses.replace(FULL, full=False))


def test_account_limit_alarms() -> None:
    stack = new_stack()
    assert account_limit_alarms(stack, "limits", name_prefix="shop", settings=FULL, topic_arn=TOPIC) == []
    account_limit_alarms(stack, "limits", name_prefix="shop", topic_arn=TOPIC,
                         settings=dataclasses.replace(FULL, account_capacity_utilization_percent=75))
    alarms = {a["alarm_name"]: a for a in resources(synth(stack), "aws_cloudwatch_metric_alarm").values()}
    assert {n: a["metric_name"] for n, a in alarms.items()} == {
        "shop-account-read-capacity": "AccountProvisionedReadCapacityUtilization",
        "shop-max-table-read-capacity": "MaxProvisionedTableReadCapacityUtilization",
        "shop-account-write-capacity": "AccountProvisionedWriteCapacityUtilization",
        "shop-max-table-write-capacity": "MaxProvisionedTableWriteCapacityUtilization",
    }
    assert all(a["threshold"] == 75 and a["statistic"] == "Maximum" and "dimensions" not in a for a in alarms.values())


def test_alarms_take_a_table_another_stack_owns() -> None:
    stack = new_stack()
    ledger = Table.from_table_name(stack, "ledger", "ledger", index_names=["ByDay"], provisioned=True)
    TableAlarms(stack, "alarms", table=ledger, settings=FULL, topic_arn=TOPIC)
    alarms = {a["alarm_name"] for a in resources(synth(stack), "aws_cloudwatch_metric_alarm").values()}
    assert {"ledger-read-throttles", "ledger-read-capacity", "ledger-latency"} <= alarms
