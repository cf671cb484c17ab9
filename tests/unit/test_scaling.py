"""Which capacities are autoscaled and what the table then ignores, without a stack."""

from __future__ import annotations

from dynamo_constructs import Billing, Capacity
from dynamo_constructs.scaling import ScaledDimension, ignored_capacity_fields, scaled_dimensions
from dynamo_constructs.schema import IndexCapacity

AUTO = Capacity.autoscaled(minimum=1, maximum=10)
FIXED = Capacity.fixed(2)


def test_on_demand_and_fixed_capacity_scale_nothing() -> None:
    assert scaled_dimensions(Billing.on_demand(), ()) == ()
    assert scaled_dimensions(Billing.provisioned(read_capacity=FIXED, write_capacity=FIXED),
                             [IndexCapacity("ByA", FIXED, FIXED)]) == ()
    assert ignored_capacity_fields(()) == []


def test_each_autoscaled_side_is_a_dimension_with_its_names() -> None:
    dims = scaled_dimensions(Billing.provisioned(read_capacity=AUTO, write_capacity=FIXED),
                             [IndexCapacity("ByA", FIXED, AUTO)])
    assert [(d.index_name, d.operation, d.id_suffix) for d in dims] == [(None, "Read", "table_read"),
                                                                       ("ByA", "Write", "index_ByA_write")]
    table, index = dims
    assert (table.scalable_dimension, table.resource_id("orders")) == ("dynamodb:table:ReadCapacityUnits", "table/orders")
    assert (index.scalable_dimension, index.resource_id("orders")) == ("dynamodb:index:WriteCapacityUnits",
                                                                       "table/orders/index/ByA")
    assert index.policy_name("orders") == "DynamoDBWriteCapacityUtilization:table/orders/index/ByA"
    assert ignored_capacity_fields(dims) == ["read_capacity", "global_secondary_index"]


def test_long_policy_names_are_shortened_stably() -> None:
    dim = ScaledDimension(index_name="I" * 255, operation="Read", capacity=AUTO)
    name = dim.policy_name("t" * 255)
    assert len(name) <= 256 and name == dim.policy_name("t" * 255)
