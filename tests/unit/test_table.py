"""What ``Table`` derives and synthesizes: attributes, indexes, billing, encryption, items."""

from __future__ import annotations

import json

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    StreamViewType,
    Table,
    TableClass,
    TableConfigError,
    TableEncryption,
)

import pytest

from tests.support.helpers import build, new_stack, only, resolve, resources, synth

PK = Attribute.string("pk")


def test_minimal_table_is_protected_on_demand_with_pitr_and_every_setting_explicit() -> None:
    """Defaults protect the data; every setting is rendered in both directions so "off" reaches AWS."""
    doc = build(lambda s: Table(s, "minimal", partition_key=PK))
    table = only(doc, "aws_dynamodb_table")
    assert table["name"] == "minimal"
    assert table["billing_mode"] == "PAY_PER_REQUEST"
    assert table["attribute"] == [{"name": "pk", "type": "S"}]
    assert table["point_in_time_recovery"] == {"enabled": True, "recovery_period_in_days": 35}
    assert table["deletion_protection_enabled"] is True
    assert table["lifecycle"] == {"prevent_destroy": True}
    assert table["server_side_encryption"] == {"enabled": False}, "AWS-owned key, said explicitly"
    assert table["ttl"] == {"enabled": False}
    assert table["stream_enabled"] is False and "stream_view_type" not in table
    assert table["table_class"] == "STANDARD"
    for absent in ("read_capacity", "write_capacity", "on_demand_throughput", "global_secondary_index"):
        assert absent not in table
    assert set(doc["resource"]) == {"aws_dynamodb_table"}


def test_ttl_is_turned_off_with_its_attribute() -> None:
    """AWS's UpdateTimeToLive needs the attribute's name to disable TTL, so "off" keeps it."""
    doc = build(lambda s: Table(s, "ttl", partition_key=PK, time_to_live_attribute="expires", time_to_live_enabled=False))
    assert only(doc, "aws_dynamodb_table")["ttl"] == {"attribute_name": "expires", "enabled": False}


def test_protections_can_be_turned_off() -> None:
    doc = build(lambda s: Table(s, "scratch", partition_key=PK, deletion_protection=False, prevent_destroy=False,
                                point_in_time_recovery=False))
    table = only(doc, "aws_dynamodb_table")
    assert table["deletion_protection_enabled"] is False and "lifecycle" not in table
    assert table["point_in_time_recovery"] == {"enabled": False}


def test_removing_an_on_demand_cap_takes_unlimited_once() -> None:
    doc = build(lambda s: Table(s, "caps", partition_key=PK, billing=Billing.on_demand(max_read_request_units=Billing.UNLIMITED),
                                global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"),
                                                                     max_write_request_units=Billing.UNLIMITED)]))
    table = only(doc, "aws_dynamodb_table")
    assert table["on_demand_throughput"] == {"max_read_request_units": -1}
    assert table["global_secondary_index"][0]["on_demand_throughput"] == {"max_write_request_units": -1}


def test_attributes_are_derived_once_from_keys_and_indexes() -> None:
    doc = build(lambda s: Table(
        s, "t", partition_key=PK, sort_key=Attribute.number("ts"),
        global_indexes=[
            GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"), sort_key=Attribute.number("ts")),
            GlobalSecondaryIndex(name="ByBlob", partition_key=Attribute.binary("blob"), projection=Projection.keys_only()),
        ],
        local_indexes=[LocalSecondaryIndex(name="ByOwner", sort_key=Attribute.string("owner"),
                                           projection=Projection.include(["title", "size"]))],
    ))
    table = only(doc, "aws_dynamodb_table")
    assert table["attribute"] == [
        {"name": "pk", "type": "S"}, {"name": "ts", "type": "N"}, {"name": "status", "type": "S"},
        {"name": "blob", "type": "B"}, {"name": "owner", "type": "S"},
    ]
    gsis = {g["name"]: g for g in table["global_secondary_index"]}
    assert gsis["ByStatus"] == {"name": "ByStatus", "hash_key": "status", "range_key": "ts", "projection_type": "ALL"}
    assert gsis["ByBlob"]["projection_type"] == "KEYS_ONLY" and "range_key" not in gsis["ByBlob"]
    assert table["local_secondary_index"] == [{"name": "ByOwner", "range_key": "owner", "projection_type": "INCLUDE",
                                               "non_key_attributes": ["title", "size"]}]


def test_every_feature_on() -> None:
    stack = new_stack()
    t = Table(stack, "full", partition_key=PK, table_name="full-table", time_to_live_attribute="expires",
              stream="NEW_IMAGE", recovery_period_days=10, table_class=TableClass.STANDARD_INFREQUENT_ACCESS,
              deletion_protection=True, prevent_destroy=True, contributor_insights=True,
              encryption=TableEncryption.aws_managed(), tags={"Team": "data"},
              billing=Billing.on_demand(max_read_request_units=100, max_write_request_units=50),
              global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"),
                                                   max_read_request_units=10, contributor_insights=True)])
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    assert table["ttl"] == {"attribute_name": "expires", "enabled": True}
    assert (table["stream_enabled"], table["stream_view_type"]) == (True, "NEW_IMAGE")
    assert table["point_in_time_recovery"] == {"enabled": True, "recovery_period_in_days": 10}
    assert table["table_class"] == "STANDARD_INFREQUENT_ACCESS"
    assert table["deletion_protection_enabled"] is True
    assert table["lifecycle"] == {"prevent_destroy": True}
    assert table["server_side_encryption"] == {"enabled": True}
    assert table["on_demand_throughput"] == {"max_read_request_units": 100, "max_write_request_units": 50}
    assert table["global_secondary_index"][0]["on_demand_throughput"] == {"max_read_request_units": 10}
    assert table["tags"] == {"Team": "data"}
    insights = resources(doc, "aws_dynamodb_contributor_insights")
    assert sorted(i.get("index_name", "<table>") for i in insights.values()) == ["<table>", "ByX"]
    assert t.stream_view_type is StreamViewType.NEW_IMAGE


def test_provisioned_indexes_inherit_table_capacity_unless_given() -> None:
    doc = build(lambda s: Table(
        s, "prov", partition_key=PK,
        billing=Billing.provisioned(read_capacity=Capacity.fixed(7), write_capacity=Capacity.fixed(3)),
        global_indexes=[GlobalSecondaryIndex(name="Inherit", partition_key=Attribute.string("a")),
                        GlobalSecondaryIndex(name="Own", partition_key=Attribute.string("b"),
                                             read_capacity=Capacity.fixed(2), write_capacity=Capacity.fixed(1))],
    ))
    table = only(doc, "aws_dynamodb_table")
    assert (table["billing_mode"], table["read_capacity"], table["write_capacity"]) == ("PROVISIONED", 7, 3)
    gsis = {g["name"]: (g["read_capacity"], g["write_capacity"]) for g in table["global_secondary_index"]}
    assert gsis == {"Inherit": (7, 3), "Own": (2, 1)}
    assert "ignore_changes" not in table["lifecycle"], "fixed capacity must not ignore changes"
    assert "aws_appautoscaling_target" not in doc["resource"]


def test_existing_customer_managed_key_is_used_as_is() -> None:
    arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    stack = new_stack()
    t = Table(stack, "cmk", partition_key=PK, encryption=TableEncryption.customer_managed_key(arn))
    doc = synth(stack)
    assert only(doc, "aws_dynamodb_table")["server_side_encryption"] == {"enabled": True, "kms_key_arn": arn}
    assert "aws_kms_key" not in doc["resource"]
    assert t.encryption_key_arn == arn and t.encryption_key is None


def test_created_key_has_rotation_policy_window_and_alias() -> None:
    stack = new_stack()
    t = Table(stack, "cmk", partition_key=PK, table_name="orders",
              encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7))
    doc = synth(stack)
    key = only(doc, "aws_kms_key")
    assert key["enable_key_rotation"] is True
    assert key["deletion_window_in_days"] == 7
    statement = json.loads(key["policy"])["Statement"][0]
    assert statement["Sid"] == "AccountAdministration" and statement["Action"] == "kms:*"
    assert statement["Principal"]["AWS"] == ("arn:${data.aws_partition.partition.partition}:iam::"
                                             "${data.aws_caller_identity.caller_identity.account_id}:root")
    alias = only(doc, "aws_kms_alias")
    assert alias["name"] == "alias/dynamodb/orders"
    assert alias["target_key_id"].startswith("${aws_kms_key.")
    sse = only(doc, "aws_dynamodb_table")["server_side_encryption"]
    assert sse["kms_key_arn"].startswith("${aws_kms_key.") and sse["kms_key_arn"].endswith(".arn}")
    assert t.encryption_key is not None and t.encryption_key.alias_name == "alias/dynamodb/orders"


def test_consumer_attributes() -> None:
    stack = new_stack()
    t = Table(stack, "attrs", partition_key=PK, sort_key=Attribute.string("sk"), stream="KEYS_ONLY",
              global_indexes=[GlobalSecondaryIndex(name="Gsi1", partition_key=Attribute.string("g"))],
              local_indexes=[LocalSecondaryIndex(name="Lsi1", sort_key=Attribute.string("l"))])
    got = resolve(stack, gsi=t.index_arns["Gsi1"], lsi=t.index_arns["Lsi1"], arn=t.table_arn,
                  stream=t.table_stream_arn, name=t.table_name_ref)
    table_id = next(iter(synth(stack)["resource"]["aws_dynamodb_table"]))
    assert got == {
        "gsi": f"${{aws_dynamodb_table.{table_id}.arn}}/index/Gsi1",
        "lsi": f"${{aws_dynamodb_table.{table_id}.arn}}/index/Lsi1",
        "arn": f"${{aws_dynamodb_table.{table_id}.arn}}",
        "stream": f"${{aws_dynamodb_table.{table_id}.stream_arn}}",
        "name": f"${{aws_dynamodb_table.{table_id}.name}}",
    }
    assert sorted(t.index_arns) == ["Gsi1", "Lsi1"]
    assert t.encryption_key_arn is None


def test_default_name_comes_from_the_construct_tree() -> None:
    stack = new_stack()
    t = Table(stack, "orders", partition_key=PK)
    assert t.table_name == "orders"


def test_items_are_written_in_dynamodb_json() -> None:
    stack = new_stack()
    t = Table(stack, "items", partition_key=PK, sort_key=Attribute.number("n"))
    t.add_item("first", {"pk": "a", "n": 1, "flag": True, "nothing": None, "nested": {"l": [1.5, "x"]}})
    item = only(synth(stack), "aws_dynamodb_table_item")
    assert json.loads(item["item"]) == {
        "pk": {"S": "a"}, "n": {"N": "1"}, "flag": {"BOOL": True}, "nothing": {"NULL": True},
        "nested": {"M": {"l": {"L": [{"N": "1.5"}, {"S": "x"}]}}},
    }
    assert item["range_key"].endswith(".range_key}")



@pytest.mark.parametrize(("item", "field"), [({"n": 1}, "item"), ({"pk": "a", "n": "1"}, "item['n']")])
def test_items_must_carry_typed_keys(item: dict, field: str) -> None:
    t = Table(new_stack(), "items", partition_key=PK, sort_key=Attribute.number("n"))
    with pytest.raises(TableConfigError) as caught:
        t.add_item("bad", item)
    assert caught.value.field == field and caught.value.path == "test/items/bad"
