"""Autoscaling: a target and a policy per autoscaled dimension, and an ignore list to match."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import Attribute, Billing, Capacity, GlobalSecondaryIndex, Table
from dynamo_constructs.scaling import ignored_capacity_fields, scaled_dimensions
from dynamo_constructs.schema import IndexCapacity

import pytest

from tests.support.helpers import new_stack, only, resources, synth

AUTO = Capacity.autoscaled(minimum=5, maximum=100, target_utilization=60, scale_in_cooldown=120, scale_out_cooldown=30)
FIXED = Capacity.fixed(5)


def _table(read: Capacity, write: Capacity, indexes: list[GlobalSecondaryIndex] | None = None,
           **options: Any) -> dict[str, Any]:
    stack = new_stack()
    Table(stack, "t", table_name="orders", partition_key=Attribute.string("pk"),
          billing=Billing.provisioned(read_capacity=read, write_capacity=write), global_indexes=indexes or [], **options)
    return synth(stack)


CASES = [
    ("nothing autoscaled", FIXED, FIXED, [], [], None),
    ("table reads", AUTO, FIXED, [], [("table/orders", "dynamodb:table:ReadCapacityUnits")], ["read_capacity"]),
    ("table writes", FIXED, AUTO, [], [("table/orders", "dynamodb:table:WriteCapacityUnits")], ["write_capacity"]),
    ("index only", FIXED, FIXED,
     [GlobalSecondaryIndex(name="ByA", partition_key=Attribute.string("a"), write_capacity=AUTO)],
     [("table/orders/index/ByA", "dynamodb:index:WriteCapacityUnits")], ["global_secondary_index"]),
    ("everything, indexes inherit", AUTO, AUTO,
     [GlobalSecondaryIndex(name="ByA", partition_key=Attribute.string("a"))],
     [("table/orders", "dynamodb:table:ReadCapacityUnits"), ("table/orders", "dynamodb:table:WriteCapacityUnits"),
      ("table/orders/index/ByA", "dynamodb:index:ReadCapacityUnits"),
      ("table/orders/index/ByA", "dynamodb:index:WriteCapacityUnits")],
     ["read_capacity", "write_capacity", "global_secondary_index"]),
]


@pytest.mark.parametrize(("read", "write", "indexes", "targets", "ignored"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ignore_list_matches_the_autoscaled_dimensions(read, write, indexes, targets, ignored) -> None:  # type: ignore[no-untyped-def]
    """``ignored``: what autoscaling changes; the table ignores it all only with index_maintenance=False
    (by default an autoscaled index's capacity is read from the live table instead)."""
    kept = [f for f in ignored or [] if f != "global_secondary_index"] or None
    assert only(_table(read, write, indexes), "aws_dynamodb_table").get("lifecycle", {}).get("ignore_changes") == kept
    doc = _table(read, write, indexes, index_maintenance=False)
    table = only(doc, "aws_dynamodb_table")
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    found = sorted((t["resource_id"].replace(f"${{aws_dynamodb_table.{table_id}.name}}", "orders"), t["scalable_dimension"])
                   for t in resources(doc, "aws_appautoscaling_target").values())
    assert found == sorted(targets)
    assert len(resources(doc, "aws_appautoscaling_policy")) == len(targets)
    assert table.get("lifecycle", {}).get("ignore_changes") == ignored
    # The ignore list is derived from the same dimensions the targets come from.
    dims = scaled_dimensions(Billing.provisioned(read_capacity=read, write_capacity=write),
                             [IndexCapacity(i.name, i.read_capacity or read, i.write_capacity or write) for i in indexes])
    assert (ignored_capacity_fields(dims) or None) == ignored


def test_policy_tracks_the_target_with_cooldowns_and_starts_at_minimum() -> None:
    doc = _table(AUTO, FIXED)
    policy = only(doc, "aws_appautoscaling_policy")
    assert policy["policy_type"] == "TargetTrackingScaling"
    config = policy["target_tracking_scaling_policy_configuration"]
    assert config == {
        "target_value": 60, "scale_in_cooldown": 120, "scale_out_cooldown": 30,
        "predefined_metric_specification": {"predefined_metric_type": "DynamoDBReadCapacityUtilization"},
    }
    target = only(doc, "aws_appautoscaling_target")
    assert (target["min_capacity"], target["max_capacity"], target["service_namespace"]) == (5, 100, "dynamodb")
    assert policy["resource_id"].startswith("${aws_appautoscaling_target.")
    assert only(doc, "aws_dynamodb_table")["read_capacity"] == 5


def test_seed_sets_the_starting_capacity() -> None:
    doc = _table(Capacity.autoscaled(minimum=5, maximum=100, seed=40), FIXED)
    assert only(doc, "aws_dynamodb_table")["read_capacity"] == 40
