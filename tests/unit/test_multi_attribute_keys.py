"""Multi-attribute keys of global indexes (DynamoDB, November 2025): up to four attributes per key
part, derived attribute definitions, the provider's ``key_schema`` blocks (hashicorp/aws >= 6.37.0
here), and what grants, items, restores and the provider range make of them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Table,
    TableConfigError,
    TableSource,
)
from dynamo_constructs.schema import KEY_SCHEMA_VERSION, MAX_KEY_ATTRIBUTES, TableSchema

import pytest

from tests.support.helpers import new_stack, only, resources, synth

S, N, B = Attribute.string, Attribute.number, Attribute.binary
PK = S("id")


def tournament(**kw: Any) -> GlobalSecondaryIndex:
    return GlobalSecondaryIndex(name="ByTournament", partition_keys=[S("tournamentId"), S("region")],
                                sort_keys=[N("round"), S("bracket")], **kw)


def error_of(make: Callable[[], Any]) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        make()
    return caught.value


RULES: list[tuple[str, Callable[[], Any], str, Any, str]] = [
    ("five partition attributes", lambda: GlobalSecondaryIndex(name="ByX", partition_keys=[S(f"p{i}") for i in range(5)]),
     "partition_keys", "5 attributes", "1-4 attributes"),
    ("five sort attributes", lambda: GlobalSecondaryIndex(name="ByX", partition_key=S("p"),
                                                          sort_keys=[S(f"s{i}") for i in range(5)]),
     "sort_keys", "5 attributes", "1-4 attributes"),
    ("an empty partition key list", lambda: GlobalSecondaryIndex(name="ByX", partition_keys=[]), "partition_keys",
     "0 attributes", "1-4 attributes"),
    ("an empty sort key list", lambda: GlobalSecondaryIndex(name="ByX", partition_key=S("p"), sort_keys=[]), "sort_keys",
     "0 attributes", "1-4 attributes"),
    ("a list given to partition_key", lambda: GlobalSecondaryIndex(name="ByX", partition_key=[S("a"), S("b")]),  # type: ignore[arg-type]
     "partition_key", ["a", "b"], "partition_keys=[...]"),
    ("a list given to sort_key", lambda: GlobalSecondaryIndex(name="ByX", partition_key=S("p"), sort_key=[S("a")]),  # type: ignore[arg-type]
     "sort_key", ["a"], "sort_keys=[...]"),
    ("both partition_key and partition_keys", lambda: GlobalSecondaryIndex(
        name="ByX", partition_key=S("p"), partition_keys=[S("q")]), "partition_keys", [S("q")], "not both"),
    ("both sort_key and sort_keys", lambda: GlobalSecondaryIndex(
        name="ByX", partition_key=S("p"), sort_key=S("s"), sort_keys=[S("t")]), "sort_keys", [S("t")], "not both"),
    ("no partition key at all", lambda: GlobalSecondaryIndex(name="ByX"), "partition_key", None, "Attribute.string"),
    ("a string among the attributes", lambda: GlobalSecondaryIndex(name="ByX", partition_keys=[S("a"), "b"]),  # type: ignore[list-item]
     "partition_keys", "b", "Attribute.string"),
    ("partition_keys not a list", lambda: GlobalSecondaryIndex(name="ByX", partition_keys=S("a")),  # type: ignore[arg-type]
     "partition_keys", S("a"), "expected a list"),
    ("an attribute twice in the partition key", lambda: GlobalSecondaryIndex(name="ByX", partition_keys=[S("a"), S("a")]),
     "sort_key", "a", "appears once"),
    ("an attribute in both parts", lambda: GlobalSecondaryIndex(
        name="ByX", partition_keys=[S("a"), S("b")], sort_keys=[S("c"), S("a")]), "sort_keys", "a", "appears once"),
]


@pytest.mark.parametrize(("make", "field", "value", "accepted"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_multi_attribute_key_rules(make: Callable[[], Any], field: str, value: Any, accepted: str) -> None:
    error = error_of(make)
    assert (error.path, error.field, error.value) == ("GlobalSecondaryIndex 'ByX'", field, value)
    assert accepted in error.accepted


def test_four_attributes_per_part_is_the_limit_and_order_is_kept() -> None:
    index = GlobalSecondaryIndex(name="ByX", partition_keys=[S(f"p{i}") for i in range(MAX_KEY_ATTRIBUTES)],
                                 sort_keys=[N(f"s{i}") for i in range(MAX_KEY_ATTRIBUTES)])
    assert [a.name for a in index.partition_attributes] == ["p0", "p1", "p2", "p3"]
    assert [a.name for a in index.sort_attributes] == ["s0", "s1", "s2", "s3"]
    assert index.multi_attribute and len(index.keys) == 8
    assert index.partition_keys == index.partition_attributes  # kept as a tuple: the value is immutable


def test_one_attribute_in_a_list_is_the_classic_key() -> None:
    index = GlobalSecondaryIndex(name="ByX", partition_keys=[S("p")], sort_keys=[N("s")])
    assert not index.multi_attribute
    schema = TableSchema.build(PK, None, [index], [])
    assert schema._render_global_indexes(()) == [{"name": "ByX", "hash_key": "p", "range_key": "s",
                                                  "projection_type": "ALL"}]


def test_attribute_definitions_are_derived_from_every_key_attribute() -> None:
    schema = TableSchema.build(PK, None, [tournament(), GlobalSecondaryIndex(name="ByRound", partition_key=N("round"))], [])
    assert schema._render_attributes() == [{"name": "id", "type": "S"}, {"name": "tournamentId", "type": "S"},
                                           {"name": "region", "type": "S"}, {"name": "round", "type": "N"},
                                           {"name": "bracket", "type": "S"}]


def test_one_attribute_keeps_one_type_across_multi_attribute_keys() -> None:
    with pytest.raises(TableConfigError) as caught:
        TableSchema.build(PK, None, [tournament(), GlobalSecondaryIndex(name="ByRegion", partition_key=N("region"))], [])
    assert caught.value.field == "index 'ByRegion' attribute 'region' type"
    assert "already declared as S by index 'ByTournament'" in caught.value.accepted


def test_key_attributes_are_not_projected_again() -> None:
    from dynamo_constructs import Projection

    with pytest.raises(TableConfigError) as caught:
        TableSchema.build(PK, None, [tournament(projection=Projection.include(["bracket"]))], [])
    assert (caught.value.field, caught.value.value) == ("index 'ByTournament' non_key_attributes", "bracket")


def test_the_table_renders_key_schema_blocks_and_raises_the_provider_floor() -> None:
    stack = new_stack()
    Table(stack, "matches", partition_key=PK,
          global_indexes=[tournament(), GlobalSecondaryIndex(name="ByPlayer", partition_key=S("player"))])
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    by_name = {i["name"]: i for i in table["global_secondary_index"]}
    assert by_name["ByTournament"] == {
        "name": "ByTournament", "projection_type": "ALL",
        "key_schema": [{"attribute_name": "tournamentId", "key_type": "HASH"},
                       {"attribute_name": "region", "key_type": "HASH"},
                       {"attribute_name": "round", "key_type": "RANGE"},
                       {"attribute_name": "bracket", "key_type": "RANGE"}]}
    assert by_name["ByPlayer"] == {"name": "ByPlayer", "hash_key": "player", "projection_type": "ALL"}
    assert {a["name"] for a in table["attribute"]} == {"id", "tournamentId", "region", "round", "bracket", "player"}
    assert doc["terraform"]["required_providers"]["aws"]["version"] == f">= {KEY_SCHEMA_VERSION}, < 7.0.0"


def test_a_table_with_single_attribute_keys_keeps_5_100() -> None:
    stack = new_stack()
    Table(stack, "plain", partition_key=PK,
          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_keys=[S("x")], sort_keys=[N("y")])])
    doc = synth(stack)
    assert doc["terraform"]["required_providers"]["aws"]["version"] == ">= 5.100.0, < 7.0.0"
    assert "key_schema" not in only(doc, "aws_dynamodb_table")["global_secondary_index"][0]


def test_provisioned_capacity_and_autoscaling_apply_to_multi_attribute_indexes() -> None:
    stack = new_stack()
    auto = Capacity.autoscaled(minimum=2, maximum=20)
    table = Table(stack, "matches", partition_key=PK, billing=Billing.provisioned(read_capacity=auto, write_capacity=auto),
                  global_indexes=[tournament()], index_maintenance=True)
    doc = synth(stack)
    block = only(doc, "aws_dynamodb_table")["global_secondary_index"][0]
    assert block["key_schema"][0] == {"attribute_name": "tournamentId", "key_type": "HASH"}
    assert block["read_capacity"].startswith("${max(coalesce(one([for i in try(data.aws_dynamodb_table.")
    targets = {t["resource_id"] for t in resources(doc, "aws_appautoscaling_target").values()}
    assert f"table/{table.name_reference}/index/ByTournament" in targets


def test_grants_name_the_index_arns_unchanged() -> None:
    stack = new_stack()
    table = Table(stack, "matches", partition_key=PK, global_indexes=[tournament()])
    grant = table.grant_read_data(role="reader")
    doc = synth(stack)
    policy = json.loads(only(doc, "aws_iam_policy")["policy"])
    assert grant.policy_arn
    resources_ = {r for s in policy["Statement"] for r in s["Resource"]}
    assert any(r.endswith(".arn}/index/*") for r in resources_)
    assert table.index_arns["ByTournament"].endswith(".arn}/index/ByTournament")


def test_items_check_every_attribute_of_a_multi_attribute_key() -> None:
    stack = new_stack()
    table = Table(stack, "matches", partition_key=PK, global_indexes=[tournament()])
    table.add_item("ok", {"id": "m1", "tournamentId": "w24", "region": "eu", "round": 3, "bracket": "upper"})
    with pytest.raises(TableConfigError) as caught:
        table.add_item("bad", {"id": "m2", "tournamentId": "w24", "region": "eu", "round": "three"})
    assert (caught.value.path, caught.value.field) == ("test/matches/bad", "item['round']")
    assert "index key attribute 'round' is of type N" in caught.value.accepted
    with pytest.raises(TableConfigError) as caught:
        table.add_item("empty", {"id": "m3", "bracket": ""})
    assert caught.value.field == "item['bracket']" and "cannot be empty" in caught.value.accepted


def test_a_restore_keeps_a_multi_attribute_index_only_with_the_same_key() -> None:
    stack = new_stack()
    source = Table(stack, "source", partition_key=PK, global_indexes=[tournament()])
    Table(stack, "copy", partition_key=PK, global_indexes=[tournament()], source=TableSource.point_in_time(source))
    rekeyed = GlobalSecondaryIndex(name="ByTournament", partition_keys=[S("tournamentId")], sort_keys=[N("round")])
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "rekeyed", partition_key=PK, global_indexes=[rekeyed], source=TableSource.point_in_time(source))
    assert (caught.value.field, caught.value.value) == ("global_indexes", "ByTournament")


def test_the_key_schema_floor_follows_the_provider_fixes() -> None:
    """6.29.0 added key_schema; 6.32.1 and 6.36/6.37 fixed a diff on every plan and a removal that
    rebuilt every index: the floor is the release with both fixes."""
    assert KEY_SCHEMA_VERSION == "6.37.0"
    stack = new_stack()
    Table(stack, "matches", partition_key=PK, global_indexes=[tournament()])
    from dynamo_constructs.providers import required_features

    assert required_features(stack) == {"global_secondary_index.key_schema": "6.37.0"}
