"""Metric helpers on the table: the series DynamoDB publishes, with their dimensions."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import Attribute, GlobalSecondaryIndex, Metric, Replica, Table, TableConfigError, replica_provider

import pytest

from tests.support.helpers import new_stack


def _table() -> Table:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    return Table(stack, "orders", partition_key=Attribute.string("pk"),
                 global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
                 replicas=[Replica(region="us-west-2", provider=west)])


@pytest.mark.parametrize(("call", "name", "dims", "stat"), [
    (lambda t: t.metric_consumed_read_capacity_units(), "ConsumedReadCapacityUnits", {"TableName": "orders"}, "Sum"),
    (lambda t: t.metric_consumed_write_capacity_units(index="ByX"), "ConsumedWriteCapacityUnits",
     {"TableName": "orders", "GlobalSecondaryIndexName": "ByX"}, "Sum"),
    (lambda t: t.metric_read_throttle_events(index="ByX"), "ReadThrottleEvents",
     {"TableName": "orders", "GlobalSecondaryIndexName": "ByX"}, "Sum"),
    (lambda t: t.metric_throttled_requests("Query"), "ThrottledRequests", {"TableName": "orders", "Operation": "Query"},
     "Sum"),
    (lambda t: t.metric_system_errors("PutItem"), "SystemErrors", {"TableName": "orders", "Operation": "PutItem"}, "Sum"),
    (lambda t: t.metric_user_errors(), "UserErrors", {}, "Sum"),
    (lambda t: t.metric_successful_request_latency("GetItem", statistic="p99"), "SuccessfulRequestLatency",
     {"TableName": "orders", "Operation": "GetItem"}, "p99"),
    (lambda t: t.metric_conditional_check_failed_requests(), "ConditionalCheckFailedRequests", {"TableName": "orders"},
     "Sum"),
    (lambda t: t.metric_replication_latency("us-west-2"), "ReplicationLatency",
     {"TableName": "orders", "ReceivingRegion": "us-west-2"}, "Average"),
    (lambda t: t.metric_online_index_percentage_progress("ByX"), "OnlineIndexPercentageProgress",
     {"TableName": "orders", "GlobalSecondaryIndexName": "ByX"}, "Maximum"),
    (lambda t: t.metric_online_index_throttle_events("ByX"), "OnlineIndexThrottleEvents",
     {"TableName": "orders", "GlobalSecondaryIndexName": "ByX"}, "Sum"),
    (lambda t: t.metric("TransactionConflict"), "TransactionConflict", {"TableName": "orders"}, "Sum"),
])
def test_metric_helpers(call, name: str, dims: dict[str, str], stat: str) -> None:  # type: ignore[no-untyped-def]
    metric = call(_table())
    assert (metric.namespace, metric.metric_name, metric.dimension_map, metric.statistic, metric.period) == (
        "AWS/DynamoDB", name, dims, stat, 300)


def test_metric_renderings() -> None:
    metric = _table().metric_read_throttle_events(index="ByX", period=60).with_(label="ByX reads")
    assert metric._render_alarm_metric() == {"metric_name": "ReadThrottleEvents", "namespace": "AWS/DynamoDB",
                                             "dimensions": {"TableName": "orders", "GlobalSecondaryIndexName": "ByX"},
                                             "stat": "Sum", "period": 60}
    assert metric._render_widget() == ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", "orders",
                                       "GlobalSecondaryIndexName", "ByX", {"stat": "Sum", "period": 60, "label": "ByX reads"}]


@pytest.mark.parametrize(("call", "field"), [
    (lambda t: t.metric_read_throttle_events(index="Nope"), "index"),
    (lambda t: t.metric_throttled_requests("Get"), "operation"),
    (lambda t: t.metric_replication_latency("eu-west-1"), "receiving_region"),
    (lambda t: t.metric_consumed_read_capacity_units(period=45), "period"),
    (lambda t: t.metric_successful_request_latency("GetItem", statistic="Median"), "statistic"),
    (lambda t: t.metric_provisioned_capacity_units("Scan"), "operation"),
])
def test_metric_rules(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableConfigError) as caught:
        call(_table())
    assert caught.value.field == field and caught.value.path is not None


def test_metric_is_a_plain_value() -> None:
    args: dict[str, Any] = {"metric_name": "X", "dimensions": (("TableName", "t"),), "statistic": "Sum", "period": 60}
    assert Metric(**args) == Metric(**args)
