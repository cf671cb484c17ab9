"""Every synth-time rule of ``Table``: the error type, the construct path, the field, the value."""

from __future__ import annotations

from typing import Any

import pytest

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    Table,
    TableConfigError,
    TableEncryption,
)
from tests.helpers import new_stack

PK = Attribute.string("pk")
SK = Attribute.string("sk")


def gsi(name: str, key: str = "g", **kw: Any) -> GlobalSecondaryIndex:
    return GlobalSecondaryIndex(name=name, partition_key=Attribute.string(key), **kw)


def table_error(**kwargs: Any) -> TableConfigError:
    kwargs.setdefault("partition_key", PK)
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", **kwargs)
    assert isinstance(caught.value, ValueError)
    assert caught.value.path == "test/orders"
    return caught.value


CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # id, kwargs, field, fragment of the "accepted" text
    ("sort key equals partition key", {"sort_key": Attribute.string("pk")}, "sort_key", "must differ"),
    ("attribute with two types", {"sort_key": SK, "global_indexes": [
        GlobalSecondaryIndex(name="ByPk", partition_key=Attribute.number("sk"))]},
     "index 'ByPk' attribute 'sk' type", "already declared as S"),
    ("empty attribute name", {"sort_key": Attribute.string("")}, "sort_key attribute name", "non-empty"),
    ("bad attribute type", {"sort_key": Attribute(name="sk", type="X")}, "sort_key attribute 'sk' type",
     "AttributeType"),
    ("too many GSIs", {"global_indexes": [gsi(f"idx{i:02d}", f"k{i}") for i in range(21)]},
     "global_indexes", "at most 20"),
    ("too many LSIs", {"sort_key": SK, "local_indexes": [
        LocalSecondaryIndex(name=f"lsi{i}", sort_key=Attribute.string(f"s{i}")) for i in range(6)]},
     "local_indexes", "at most 5"),
    ("LSI without table sort key", {"local_indexes": [LocalSecondaryIndex(name="lsi", sort_key=SK)]},
     "local_indexes", "need a table sort key"),
    ("duplicate index names", {"global_indexes": [gsi("Idx", "a"), gsi("Idx", "b")]}, "index name", "unique"),
    ("index name too short", {"global_indexes": [gsi("ix")]}, "index name", "3-255"),
    ("index name bad chars", {"global_indexes": [gsi("by status")]}, "index name", "3-255"),
    ("INCLUDE without attributes", {"global_indexes": [gsi("Idx", projection=Projection(type=Projection.include(["a"]).type))]},
     "index 'Idx' non_key_attributes", "at least one"),
    ("attributes without INCLUDE", {"global_indexes": [gsi("Idx", projection=Projection(non_key_attributes=("a",)))]},
     "index 'Idx' non_key_attributes", "only allowed with INCLUDE"),
    ("key attribute projected", {"global_indexes": [gsi("Idx", projection=Projection.include(["pk"]))]},
     "index 'Idx' non_key_attributes", "always projected"),
    ("more than 100 projected attributes", {"global_indexes": [
        gsi("IdxA", "a", projection=Projection.include([f"x{i}" for i in range(60)])),
        gsi("IdxB", "b", projection=Projection.include([f"x{i}" for i in range(41)]))]},
     "non_key_attributes", "at most 100"),
    ("capacity in on-demand mode", {"billing": Billing(mode=Billing.on_demand().mode, read_capacity=Capacity.fixed(5))},
     "billing read_capacity", "on-demand"),
    ("index capacity in on-demand mode", {"global_indexes": [gsi("Idx", read_capacity=Capacity.fixed(5))]},
     "index 'Idx' read_capacity", "on-demand"),
    ("index autoscaling in on-demand mode", {"global_indexes": [
        gsi("Idx", write_capacity=Capacity.autoscaled(minimum=1, maximum=5))]},
     "index 'Idx' write_capacity", "autoscaling"),
    ("provisioned without capacity", {"billing": Billing(mode=Billing.provisioned(
        read_capacity=Capacity.fixed(1), write_capacity=Capacity.fixed(1)).mode)},
     "billing read_capacity", "needs read_capacity"),
    ("capacity below 1", {"billing": Billing.provisioned(read_capacity=Capacity.fixed(0), write_capacity=Capacity.fixed(1))},
     "billing read_capacity units", ">= 1"),
    ("request caps in provisioned mode", {"billing": Billing(mode=Billing.provisioned(
        read_capacity=Capacity.fixed(1), write_capacity=Capacity.fixed(1)).mode, read_capacity=Capacity.fixed(1),
        write_capacity=Capacity.fixed(1), max_read_request_units=10)},
     "billing max_read_request_units", "only to on-demand"),
    ("request cap below 1", {"billing": Billing.on_demand(max_write_request_units=0)},
     "billing max_write_request_units", ">= 1"),
    ("PITR period above 35", {"recovery_period_days": 36}, "recovery_period_days", "1 to 35"),
    ("PITR period below 1", {"recovery_period_days": 0}, "recovery_period_days", "1 to 35"),
    ("PITR period with PITR off", {"point_in_time_recovery": False, "recovery_period_days": 7},
     "recovery_period_days", "needs point_in_time_recovery=True"),
    ("stream view type unknown", {"stream": "NEW_IMAGES"}, "stream", "NEW_AND_OLD_IMAGES"),
    ("empty TTL attribute", {"time_to_live_attribute": ""}, "time_to_live_attribute", "non-empty"),
    ("TTL on a string key", {"sort_key": SK, "time_to_live_attribute": "sk"}, "time_to_live_attribute",
     "needs a Number"),
    ("table name too short", {"table_name": "ab"}, "table_name", "3-255"),
    ("table name too long", {"table_name": "a" * 256}, "table_name", "3-255"),
    ("table name bad chars", {"table_name": "orders/prod"}, "table_name", "3-255"),
    ("table class unknown", {"table_class": "INFREQUENT"}, "table_class", "STANDARD_INFREQUENT_ACCESS"),
    ("too many tags", {"tags": {f"k{i}": "v" for i in range(51)}}, "tags", "at most 50"),
    ("tag key too long", {"tags": {"k" * 129: "v"}}, "tags key", "1-128"),
    ("tag key reserved", {"tags": {"aws:owner": "me"}}, "tags key", "reserved"),
    ("tag value too long", {"tags": {"team": "v" * 257}}, "tags['team']", "0-256"),
    ("key ARN malformed", {"encryption": TableEncryption.customer_managed_key("my-key")}, "encryption key_arn",
     "KMS key ARN"),
    ("key deletion window", {"encryption": TableEncryption.customer_managed_key(deletion_window_in_days=3)},
     "encryption deletion_window_in_days", "7 to 30"),
    ("key alias reserved", {"encryption": TableEncryption.customer_managed_key(alias="alias/aws/dynamodb")},
     "encryption alias", "not under 'alias/aws/'"),
    ("key ARN with AWS-owned", {"encryption": TableEncryption(key_arn="arn:aws:kms:us-east-1:123456789012:key/x")},
     "encryption key_arn", "customer_managed_key"),
    ("autoscaling min above max", {"billing": Billing.provisioned(
        read_capacity=Capacity.autoscaled(minimum=10, maximum=5), write_capacity=Capacity.fixed(1))},
     "billing read_capacity minimum", "<= maximum"),
    ("autoscaling target below 20", {"billing": Billing.provisioned(
        read_capacity=Capacity.autoscaled(minimum=1, maximum=5, target_utilization=10), write_capacity=Capacity.fixed(1))},
     "billing read_capacity target_utilization", "20 to 90"),
    ("autoscaling target above 90", {"billing": Billing.provisioned(
        read_capacity=Capacity.fixed(1), write_capacity=Capacity.autoscaled(minimum=1, maximum=5, target_utilization=95))},
     "billing write_capacity target_utilization", "20 to 90"),
    ("autoscaling seed outside range", {"billing": Billing.provisioned(
        read_capacity=Capacity.autoscaled(minimum=2, maximum=5, seed=9), write_capacity=Capacity.fixed(1))},
     "billing read_capacity seed", "2 to 5"),
    ("fixed and autoscaled at once", {"billing": Billing.provisioned(
        read_capacity=Capacity(units=5, minimum=1, maximum=9), write_capacity=Capacity.fixed(1))},
     "billing read_capacity", "not both"),
    ("index capacity invalid", {"billing": Billing.provisioned(read_capacity=Capacity.fixed(1), write_capacity=Capacity.fixed(1)),
                                "global_indexes": [gsi("Idx", read_capacity=Capacity.fixed(0))]},
     "index 'Idx' read_capacity units", ">= 1"),
    ("index request caps on provisioned", {"billing": Billing.provisioned(read_capacity=Capacity.fixed(1),
                                                                          write_capacity=Capacity.fixed(1)),
                                           "global_indexes": [gsi("Idx", max_read_request_units=5)]},
     "index 'Idx' max_read_request_units", "on-demand"),
]


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    error = table_error(**kwargs)
    assert error.field == field
    assert accepted in error.accepted
    message = str(error)
    assert message.startswith("test/orders: invalid ")
    assert field in message and accepted in message


def test_message_names_the_value() -> None:
    error = table_error(recovery_period_days=36)
    assert error.value == 36
    assert str(error) == ("test/orders: invalid recovery_period_days=36; expected an integer from 1 to 35")


def test_exactly_limits_are_accepted() -> None:
    """The boundaries themselves are valid: 20 GSIs, 5 LSIs, 100 projected attributes, PITR 1 and 35."""
    stack = new_stack()
    Table(stack, "gsis", partition_key=PK, sort_key=SK,
          global_indexes=[gsi(f"idx{i:02d}", f"k{i}", projection=Projection.include([f"a{i}_{j}" for j in range(5)]))
                          for i in range(20)],
          local_indexes=[LocalSecondaryIndex(name=f"lsi{i}", sort_key=Attribute.string(f"s{i}")) for i in range(5)],
          recovery_period_days=35, tags={f"k{i}": "v" * 256 for i in range(50)})
    Table(stack, "pitr", partition_key=PK, recovery_period_days=1, table_name="a" * 255)
