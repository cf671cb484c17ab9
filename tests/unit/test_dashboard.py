"""The per-stack dashboard: a header row for the account, a row of the table's own metrics per table."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Replica,
    Table,
    TableConfigError,
    TableDashboard,
    replica_provider,
)

import pytest

from tests.support.helpers import new_stack, only, synth


def _widgets(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return json.loads(only(doc, "aws_cloudwatch_dashboard")["dashboard_body"])["widgets"]  # type: ignore[no-any-return]


def _names(widget: dict[str, Any]) -> list[tuple[str, ...]]:
    return [tuple(m[1:-1]) for m in widget["properties"]["metrics"]]


def test_a_row_per_table() -> None:
    stack = new_stack()
    auto = Capacity.autoscaled(minimum=1, maximum=10)
    west = replica_provider(stack, "us-west-2")
    orders = Table(stack, "orders", partition_key=Attribute.string("pk"),
                   billing=Billing.provisioned(read_capacity=auto, write_capacity=auto),
                   global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
                   replicas=[Replica(region="us-west-2", provider=west)])
    other = Table.from_table_name(stack, "ledger", "ledger", region="eu-west-1")
    TableDashboard(stack, "dashboard", name="shop-tables", tables=[orders, other], period=60)
    doc = synth(stack)
    assert only(doc, "aws_cloudwatch_dashboard")["dashboard_name"] == "shop-tables"
    widgets = _widgets(doc)
    titles = [w["properties"].get("title") or w["properties"]["markdown"].splitlines()[0] for w in widgets]
    assert titles[:3] == ["## DynamoDB", "User errors (account, HTTP 400)", "Provisioned capacity vs quotas (%)"]
    orders_row = [w for w in widgets if w["properties"].get("title", "").startswith("orders:")]
    assert [w["properties"]["title"] for w in orders_row] == [
        "orders: capacity units", "orders: throttle events", "orders: system errors", "orders: latency (ms)",
        "orders: conditional checks failed, transaction conflicts", "orders: replication, index builds"]
    assert ("ProvisionedReadCapacityUnits", "TableName", "orders") in _names(orders_row[0])
    assert ("ReadThrottleEvents", "TableName", "orders", "GlobalSecondaryIndexName", "ByX") in _names(orders_row[1])
    assert _names(orders_row[5]) == [("ReplicationLatency", "TableName", "orders", "ReceivingRegion", "us-west-2"),
                                     ("OnlineIndexPercentageProgress", "TableName", "orders", "GlobalSecondaryIndexName",
                                      "ByX")]
    assert all(w["properties"]["region"] == "us-east-1" for w in orders_row)
    ledger_row = [w for w in widgets if w["properties"].get("title", "").startswith("ledger:")]
    assert len(ledger_row) == 5 and {w["properties"]["region"] for w in ledger_row} == {"eu-west-1"}
    assert all(w["properties"]["period"] == 60 for w in orders_row)
    # Rows do not overlap: each table's row starts below the previous one.
    tops = sorted({w["y"] for w in widgets if w["type"] == "text"})
    assert tops == [0, 6, 13]


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"name": "bad name"}, "dashboard name", "1-255"),
    ({"tables": []}, "tables", "at least one"),
    ({"tables": ["orders"]}, "tables[0]", "expected a Table"),
    ({"period": 45}, "period", "multiple of 60"),
])
def test_dashboard_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"))
    args: dict[str, Any] = {"name": "tables", "tables": [table], **kwargs}
    with pytest.raises(TableConfigError) as caught:
        TableDashboard(stack, "dashboard", **args)
    assert caught.value.path == "test/dashboard" and caught.value.field == field and accepted in caught.value.accepted


def test_a_table_listed_twice_and_a_name_used_twice() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"))
    with pytest.raises(TableConfigError, match="each table once"):
        TableDashboard(stack, "a", name="tables", tables=[table, table])
    TableDashboard(stack, "b", name="tables", tables=[table])
    with pytest.raises(TableConfigError) as caught:
        TableDashboard(stack, "c", name="tables", tables=[table])
    assert "dashboard names are unique in the account" in caught.value.accepted
