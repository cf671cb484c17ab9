"""Keys, projections and indexes: value-object rules when made, table-wide rules when built."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dynamo_constructs import (
    Attribute,
    AttributeType,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    TableConfigError,
)
from dynamo_constructs.schema import TableSchema

import pytest

PK, SK = Attribute.string("pk"), Attribute.string("sk")


def gsi(name: str, key: str = "g", **kw: Any) -> GlobalSecondaryIndex:
    return GlobalSecondaryIndex(name=name, partition_key=Attribute.string(key), **kw)


def error_of(make: Callable[[], Any]) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        make()
    return caught.value


VALUE_RULES: list[tuple[str, Callable[[], Any], str, str, Any, str]] = [
    ("empty attribute name", lambda: Attribute.string(""), "Attribute ''", "name", "", "non-empty"),
    ("attribute name over 255 bytes", lambda: Attribute.string("é" * 128), f"Attribute {'é' * 128!r}", "name",
     "é" * 128, "255 bytes"),
    ("unknown attribute type", lambda: Attribute(name="a", type="X"), "Attribute 'a'", "type", "X",  # type: ignore[arg-type]
     "expected one of S, N, B"),
    ("INCLUDE without attributes", lambda: Projection.include([]), "Projection.include", "non_key_attributes", [],
     "at least one"),
    ("INCLUDE with a string", lambda: Projection.include("title"), "Projection.include", "non_key_attributes", "title",
     "expected a list"),
    ("INCLUDE over 20 attributes", lambda: Projection.include([f"a{i}" for i in range(21)]), "Projection.include",
     "non_key_attributes", "21 attributes", "at most 20"),
    ("INCLUDE duplicates", lambda: Projection.include(["a", "a"]), "Projection.include", "non_key_attributes",
     ["a", "a"], "once"),
    ("INCLUDE empty name", lambda: Projection.include([""]), "Projection.include", "non_key_attributes[0]", "",
     "non-empty"),
    ("index name too short", lambda: gsi("ix"), "GlobalSecondaryIndex 'ix'", "name", "ix", "3-255"),
    ("index name with spaces", lambda: gsi("by status"), "GlobalSecondaryIndex 'by status'", "name", "by status",
     "3-255"),
    ("index key not an Attribute", lambda: GlobalSecondaryIndex(name="ByX", partition_key="x"),  # type: ignore[arg-type]
     "GlobalSecondaryIndex 'ByX'", "partition_key", "x", "Attribute.string"),
    ("index sort key equals partition key", lambda: gsi("ByG", sort_key=Attribute.string("g")),
     "GlobalSecondaryIndex 'ByG'", "sort_key", "g", "must differ"),
    ("projection not a Projection", lambda: gsi("ByG", projection="ALL"), "GlobalSecondaryIndex 'ByG'", "projection",
     "ALL", "Projection.all()"),
    ("index capacity a number", lambda: gsi("ByG", read_capacity=5), "GlobalSecondaryIndex 'ByG' read_capacity",
     "GlobalSecondaryIndex 'ByG' read_capacity", 5, "Capacity.fixed"),
    ("index cap below 1", lambda: gsi("ByG", max_read_request_units=0), "GlobalSecondaryIndex 'ByG'",
     "max_read_request_units", 0, ">= 1"),
    ("contributor insights an unknown mode", lambda: gsi("ByG", contributor_insights="THROTTLED"),
     "GlobalSecondaryIndex 'ByG'", "contributor_insights", "THROTTLED", "'THROTTLED_KEYS'"),
    ("LSI sort key not an Attribute", lambda: LocalSecondaryIndex(name="Lsi", sort_key=None),  # type: ignore[arg-type]
     "LocalSecondaryIndex 'Lsi'", "sort_key", None, "Attribute.string"),
    ("Projection() directly", lambda: Projection(), "Projection", "constructor", "Projection(...)", "Projection.all()"),
]


@pytest.mark.parametrize(("make", "where", "field", "value", "accepted"), [c[1:] for c in VALUE_RULES],
                         ids=[c[0] for c in VALUE_RULES])
def test_value_rule(make: Callable[[], Any], where: str | None, field: str, value: Any, accepted: str) -> None:
    error = error_of(make)
    assert (error.field, error.value) == (field, value)
    assert error.path in (where, None) and accepted in error.accepted


def build(global_indexes: Any = (), local_indexes: Any = (), partition_key: Any = PK, sort_key: Any = None) -> TableSchema:
    return TableSchema.build(partition_key, sort_key, list(global_indexes), list(local_indexes))


TABLE_RULES: list[tuple[str, Callable[[], Any], str, str]] = [
    ("sort key equals partition key", lambda: build(sort_key=Attribute.string("pk")), "sort_key", "must differ"),
    ("partition key missing", lambda: build(partition_key=None), "partition_key", "Attribute.string"),
    ("attribute with two types", lambda: build([GlobalSecondaryIndex(name="ByPk", partition_key=Attribute.number("sk"))],
                                               sort_key=SK), "index 'ByPk' attribute 'sk' type", "already declared as S"),
    ("too many GSIs", lambda: build([gsi(f"idx{i:02d}", f"k{i}") for i in range(21)]), "global_indexes", "at most 20"),
    ("too many LSIs", lambda: build(local_indexes=[LocalSecondaryIndex(name=f"lsi{i}", sort_key=Attribute.string(f"s{i}"))
                                                   for i in range(6)], sort_key=SK), "local_indexes", "at most 5"),
    ("LSI without table sort key", lambda: build(local_indexes=[LocalSecondaryIndex(name="lsi", sort_key=SK)]),
     "local_indexes", "need a table sort key"),
    ("LSI sort key is the partition key", lambda: build(local_indexes=[LocalSecondaryIndex(name="lsi", sort_key=PK)],
                                                        sort_key=SK), "index 'lsi' sort_key", "must differ"),
    ("duplicate index names", lambda: build([gsi("Idx", "a"), gsi("Idx", "b")]), "index name", "unique"),
    ("GSI and LSI share a name", lambda: build([gsi("Idx", "a")], [LocalSecondaryIndex(name="Idx", sort_key=Attribute.string("b"))],
                                              sort_key=SK), "index name", "unique"),
    ("the index's key attribute projected", lambda: build([gsi("Idx", "g", projection=Projection.include(["g"]))]),
     "index 'Idx' non_key_attributes", "always projected"),
    ("more than 100 projected attributes", lambda: build(
        [gsi(f"Idx{i}", f"k{i}", projection=Projection.include([f"x{i}_{j}" for j in range(20)])) for i in range(5)]
        + [gsi("Idx9", "k9", projection=Projection.include(["last"]))]), "non_key_attributes", "at most 100"),
    ("indexes not a list", lambda: TableSchema.build(PK, None, gsi("Idx"), ()), "global_indexes", "expected a list"),
    ("an LSI among the GSIs", lambda: build([LocalSecondaryIndex(name="Lsi", sort_key=SK)]), "global_indexes[0]",
     "GlobalSecondaryIndex"),
]


@pytest.mark.parametrize(("make", "field", "accepted"), [c[1:] for c in TABLE_RULES], ids=[c[0] for c in TABLE_RULES])
def test_table_rule(make: Callable[[], Any], field: str, accepted: str) -> None:
    error = error_of(make)
    assert error.path is None, "the Table adds its construct path"
    assert error.field == field and accepted in error.accepted


def test_attributes_are_derived_once_in_declaration_order() -> None:
    schema = build([GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"),
                                         sort_key=Attribute.number("ts")),
                    GlobalSecondaryIndex(name="ByBlob", partition_key=Attribute.binary("blob"))],
                   [LocalSecondaryIndex(name="ByOwner", sort_key=Attribute.string("owner"))],
                   sort_key=Attribute.number("ts"))
    assert [(a.name, a.type) for a in schema.attributes] == [
        ("pk", AttributeType.STRING), ("ts", AttributeType.NUMBER), ("status", AttributeType.STRING),
        ("blob", AttributeType.BINARY), ("owner", AttributeType.STRING)]
    assert schema._render_attributes()[3] == {"name": "blob", "type": "B"}


def test_the_limits_themselves_are_accepted() -> None:
    schema = build([gsi(f"idx{i:02d}", f"k{i}", projection=Projection.include([f"a{i}_{j}" for j in range(5)]))
                    for i in range(20)],
                   [LocalSecondaryIndex(name=f"lsi{i}", sort_key=Attribute.string(f"s{i}")) for i in range(5)], sort_key=SK)
    assert len(schema.global_indexes) == 20 and sum(len(i.projection.non_key_attributes) for i in schema.indexes) == 100


def test_index_capacity_follows_the_billing_mode() -> None:
    schema = build([gsi("Inherit", "a"), gsi("Own", "b", read_capacity=Capacity.fixed(2), write_capacity=Capacity.fixed(1))])
    provisioned = Billing.provisioned(read_capacity=Capacity.fixed(7), write_capacity=Capacity.fixed(3))
    caps = {c.index_name: (c.read.initial_units, c.write.initial_units) for c in schema.index_capacities(provisioned)}
    assert caps == {"Inherit": (7, 3), "Own": (2, 1)}
    assert build([gsi("Plain", "a")]).index_capacities(Billing.on_demand()) == ()
    error = error_of(lambda: schema.index_capacities(Billing.on_demand()))
    assert error.field == "index 'Own' read_capacity" and "on-demand" in error.accepted
    assert repr(error.value) == "Capacity.fixed(2)"
    capped = build([gsi("Capped", max_read_request_units=5)])
    error = error_of(lambda: capped.index_capacities(provisioned))
    assert error.field == "index 'Capped' max_read_request_units" and "only to on-demand" in error.accepted


def test_projections_render() -> None:
    assert Projection.all()._render() == {"projection_type": "ALL"}
    assert Projection.keys_only()._render() == {"projection_type": "KEYS_ONLY"}
    assert Projection.include(["a", "b"])._render() == {"projection_type": "INCLUDE", "non_key_attributes": ["a", "b"]}


def test_a_table_key_may_be_listed_in_an_include_projection() -> None:
    """DynamoDB accepts it (redundant: the table's keys are always projected), and existing tables have
    it, e.g. terraform-aws-modules' dynamodb-table examples; refusing it would make them unmigratable."""
    schema = build([gsi("Idx", "g", projection=Projection.include(["pk"]))])
    assert schema.global_indexes[0].projection.non_key_attributes == ("pk",)
