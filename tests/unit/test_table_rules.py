"""Every rule a ``Table`` applies to its arguments: error type, construct path, field, value, accepted.

Value objects check themselves when made (test_billing, test_encryption, test_schema); these are
the rules that need the table, and wrong types for every argument.
"""

from __future__ import annotations

from typing import Any

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

import pytest

from tests.support.helpers import new_stack

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


PROVISIONED = Billing.provisioned(read_capacity=Capacity.fixed(1), write_capacity=Capacity.fixed(1))

CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # id, kwargs, field, fragment of the "accepted" text
    ("partition key a string", {"partition_key": "pk"}, "partition_key", "Attribute.string"),
    ("sort key equals partition key", {"sort_key": Attribute.string("pk")}, "sort_key", "must differ"),
    ("attribute with two types", {"sort_key": SK, "global_indexes": [
        GlobalSecondaryIndex(name="ByPk", partition_key=Attribute.number("sk"))]},
     "index 'ByPk' attribute 'sk' type", "already declared as S"),
    ("LSI without table sort key", {"local_indexes": [LocalSecondaryIndex(name="lsi", sort_key=SK)]},
     "local_indexes", "need a table sort key"),
    ("global indexes not a list", {"global_indexes": gsi("ByG")}, "global_indexes", "expected a list"),
    ("billing a string", {"billing": "PAY_PER_REQUEST"}, "billing", "Billing.on_demand(...)"),
    ("index capacity in on-demand mode", {"global_indexes": [gsi("Idx", read_capacity=Capacity.fixed(5))]},
     "index 'Idx' read_capacity", "on-demand"),
    ("index autoscaling in on-demand mode", {"global_indexes": [
        gsi("Idx", write_capacity=Capacity.autoscaled(minimum=1, maximum=5))]}, "index 'Idx' write_capacity", "autoscaling"),
    ("index request caps on provisioned", {"billing": PROVISIONED, "global_indexes": [gsi("Idx", max_read_request_units=5)]},
     "index 'Idx' max_read_request_units", "on-demand"),
    ("encryption a string", {"encryption": "KMS"}, "encryption", "TableEncryption.aws_owned()"),
    ("PITR period above 35", {"recovery_period_days": 36}, "recovery_period_days", "1 to 35"),
    ("PITR period below 1", {"recovery_period_days": 0}, "recovery_period_days", "1 to 35"),
    ("PITR period a string", {"recovery_period_days": "7"}, "recovery_period_days", "1 to 35"),
    ("PITR period with PITR off", {"point_in_time_recovery": False, "recovery_period_days": 7},
     "recovery_period_days", "needs point_in_time_recovery=True"),
    ("PITR a string", {"point_in_time_recovery": "yes"}, "point_in_time_recovery", "True or False"),
    ("deletion protection a number", {"deletion_protection": 1}, "deletion_protection", "True or False"),
    ("prevent_destroy None", {"prevent_destroy": None}, "prevent_destroy", "True or False"),
    ("contributor insights an unknown mode", {"contributor_insights": "ENABLED"}, "contributor_insights",
     "True, False or a mode"),
    ("stream view type unknown", {"stream": "NEW_IMAGES"}, "stream", "NEW_AND_OLD_IMAGES"),
    ("stream a bool", {"stream": True}, "stream", "NEW_AND_OLD_IMAGES"),
    ("empty TTL attribute", {"time_to_live_attribute": ""}, "time_to_live_attribute", "non-empty"),
    ("TTL on a string key", {"sort_key": SK, "time_to_live_attribute": "sk"}, "time_to_live_attribute",
     "needs a Number"),
    ("table name too short", {"table_name": "ab"}, "table_name", "3-255"),
    ("table name too long", {"table_name": "a" * 256}, "table_name", "3-255"),
    ("table name bad chars", {"table_name": "orders/prod"}, "table_name", "3-255"),
    ("table name a number", {"table_name": 12345}, "table_name", "3-255"),
    ("table class unknown", {"table_class": "INFREQUENT"}, "table_class", "STANDARD_INFREQUENT_ACCESS"),
    ("tags a list", {"tags": ["a"]}, "tags", "mapping"),
    ("too many tags", {"tags": {f"k{i}": "v" for i in range(51)}}, "tags", "at most 50"),
    ("tag key too long", {"tags": {"k" * 129: "v"}}, "tags key", "1-128"),
    ("tag key reserved", {"tags": {"aws:owner": "me"}}, "tags key", "reserved"),
    ("tag value too long", {"tags": {"team": "v" * 257}}, "tags['team']", "0-256"),
    ("tag value a number", {"tags": {"team": 5}}, "tags['team']", "0-256"),
    ("replicas not a list", {"replicas": "us-west-2"}, "replicas", "expected a list"),
    ("replica a string", {"replicas": ["us-west-2"]}, "replicas[0]", "Replica(region=..., provider=...)"),
]


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    error = table_error(**kwargs)
    assert error.field == field
    assert accepted in error.accepted
    message = str(error)
    assert message.startswith("test/orders: invalid ") and field in message and accepted in message


def test_message_names_the_value() -> None:
    error = table_error(recovery_period_days=36)
    assert error.value == 36
    assert str(error) == "test/orders: invalid recovery_period_days=36; expected an integer from 1 to 35"


def test_a_value_object_error_names_its_constructor() -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", partition_key=PK, billing=Billing.provisioned(read_capacity=Capacity.fixed(0),
                                                                                   write_capacity=Capacity.fixed(1)))
    assert str(caught.value) == "Capacity.fixed: invalid units=0; expected an integer >= 1"


def test_exactly_the_limits_are_accepted() -> None:
    """The boundaries themselves are valid: 20 GSIs, 5 LSIs, 100 projected attributes, PITR 1 and 35, 50 tags."""
    stack = new_stack()
    Table(stack, "gsis", partition_key=PK, sort_key=SK,
          global_indexes=[gsi(f"idx{i:02d}", f"k{i}", projection=Projection.include([f"a{i}_{j}" for j in range(5)]))
                          for i in range(20)],
          local_indexes=[LocalSecondaryIndex(name=f"lsi{i}", sort_key=Attribute.string(f"s{i}")) for i in range(5)],
          recovery_period_days=35, tags={f"k{i}": "v" * 256 for i in range(50)})
    Table(stack, "pitr", partition_key=PK, recovery_period_days=1, table_name="a" * 255)
    Table(stack, "cmk", partition_key=PK, encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7))
