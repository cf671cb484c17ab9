"""Index forms: the table's own index blocks (default) or one ``aws_dynamodb_global_secondary_index``
each (hashicorp/aws >= 6.28, experimental), and the one-apply moves between them (import blocks
one way, removed blocks the other) that never rebuild an index."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    IndexForm,
    LocalSecondaryIndex,
    Projection,
    Replica,
    Table,
    TableConfigError,
    TableSource,
    WarmThroughput,
    aws_provider,
    replica_provider,
)
from dynamo_constructs.index_form import INDEX_RESOURCE_VERSION

import pytest

from tests.support.helpers import Json, new_stack, only, resources, synth

S, N = Attribute.string, Attribute.number
PK = S("id")
BY_STATUS = GlobalSecondaryIndex(name="ByStatus", partition_key=S("status"), sort_key=N("ts"),
                                 projection=Projection.include(["title"]), max_read_request_units=50,
                                 warm_throughput=WarmThroughput(read_units_per_second=15_000), contributor_insights=True)


def index_resources(doc: Json) -> dict[str, Json]:
    return {r["index_name"]: r for r in resources(doc, "aws_dynamodb_global_secondary_index").values()}


def test_the_form_is_a_closed_value() -> None:
    assert repr(IndexForm.inline()) == "IndexForm.inline()"
    assert repr(IndexForm.resources(from_inline=True)) == "IndexForm.resources(from_inline=True)"
    assert IndexForm.resources().is_resources and not IndexForm.inline().is_resources
    assert IndexForm.inline(from_resources=True).needs_index_resources and not IndexForm.inline().needs_index_resources
    with pytest.raises(TableConfigError) as caught:
        IndexForm()
    assert caught.value.accepted == "use IndexForm.inline() or IndexForm.resources()"
    with pytest.raises(TableConfigError) as caught:
        IndexForm.resources(from_inline="yes")  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.field) == ("IndexForm.resources", "from_inline")


def test_index_resources_on_demand() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.resources(),
                  local_indexes=[LocalSecondaryIndex(name="ByOwner", sort_key=S("owner"))], sort_key=S("sk"))
    doc = synth(stack)
    table_block = only(doc, "aws_dynamodb_table")
    assert "global_secondary_index" not in table_block
    assert [a["name"] for a in table_block["attribute"]] == ["id", "sk", "owner"], "only the table's and LSIs' keys"
    assert table_block["lifecycle"]["ignore_changes"] == ["global_secondary_index"]
    index = index_resources(doc)["ByStatus"]
    assert index == {
        "table_name": table.name_reference, "index_name": "ByStatus",
        "key_schema": [{"attribute_name": "status", "attribute_type": "S", "key_type": "HASH"},
                       {"attribute_name": "ts", "attribute_type": "N", "key_type": "RANGE"}],
        "projection": [{"projection_type": "INCLUDE", "non_key_attributes": ["title"]}],
        "on_demand_throughput": [{"max_read_request_units": 50}],
        "warm_throughput": {"read_units_per_second": 15_000},
    }
    insights = only(doc, "aws_dynamodb_contributor_insights")
    assert insights["index_name"] == "ByStatus"
    (index_id,) = resources(doc, "aws_dynamodb_global_secondary_index")
    assert insights["depends_on"] == [f"aws_dynamodb_global_secondary_index.{index_id}"], "made once the index exists"
    assert doc["terraform"]["required_providers"]["aws"]["version"] == f">= {INDEX_RESOURCE_VERSION}, < 7.0.0"
    assert "import" not in doc and "removed" not in doc


def test_autoscaled_index_resources_ignore_only_their_autoscaled_capacity() -> None:
    stack = new_stack()
    billing = Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=50), write_capacity=Capacity.fixed(5))
    Table(stack, "orders", partition_key=PK, billing=billing, index_form=IndexForm.resources(), global_indexes=[
        GlobalSecondaryIndex(name="ByA", partition_key=S("a")),
        GlobalSecondaryIndex(name="ByB", partition_key=S("b"), read_capacity=Capacity.fixed(3),
                             write_capacity=Capacity.autoscaled(minimum=1, maximum=9))])
    doc = synth(stack)
    indexes = index_resources(doc)
    assert indexes["ByA"]["provisioned_throughput"] == [{"read_capacity_units": 5, "write_capacity_units": 5}]
    assert indexes["ByA"]["lifecycle"] == {"ignore_changes": ["provisioned_throughput[0].read_capacity_units"]}
    assert indexes["ByB"]["provisioned_throughput"] == [{"read_capacity_units": 3, "write_capacity_units": 1}]
    assert indexes["ByB"]["lifecycle"] == {"ignore_changes": ["provisioned_throughput[0].write_capacity_units"]}
    table = only(doc, "aws_dynamodb_table")
    assert table["lifecycle"]["ignore_changes"] == ["read_capacity", "global_secondary_index"]
    index_addresses = {f"aws_dynamodb_global_secondary_index.{k}" for k in resources(doc, "aws_dynamodb_global_secondary_index")}
    for target in resources(doc, "aws_appautoscaling_target").values():
        assert set(target["depends_on"]) == index_addresses, "a scaling target waits for the indexes"


def test_replicas_wait_for_the_index_resources() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    Table(stack, "orders", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.resources(),
          replicas=[Replica(region="us-west-2", provider=west)])
    doc = synth(stack)
    replica = only(doc, "aws_dynamodb_table_replica")
    assert replica["depends_on"] == [f"aws_dynamodb_global_secondary_index.{k}"
                                     for k in resources(doc, "aws_dynamodb_global_secondary_index")]


def test_multi_attribute_keys_as_index_resources() -> None:
    stack = new_stack()
    Table(stack, "matches", partition_key=PK, index_form=IndexForm.resources(), global_indexes=[
        GlobalSecondaryIndex(name="ByTournament", partition_keys=[S("t"), S("r")], sort_keys=[N("round")])])
    doc = synth(stack)
    assert index_resources(doc)["ByTournament"]["key_schema"] == [
        {"attribute_name": "t", "attribute_type": "S", "key_type": "HASH"},
        {"attribute_name": "r", "attribute_type": "S", "key_type": "HASH"},
        {"attribute_name": "round", "attribute_type": "N", "key_type": "RANGE"}]
    assert doc["terraform"]["required_providers"]["aws"]["version"] == ">= 6.37.0, < 7.0.0"


def test_moving_inline_indexes_into_resources_imports_them() -> None:
    stack = new_stack()
    Table(stack, "orders", partition_key=PK, global_indexes=[BY_STATUS, GlobalSecondaryIndex(name="ByX", partition_key=S("x"))],
          index_form=IndexForm.resources(from_inline=True))
    doc = synth(stack)
    addresses = {r["index_name"]: f"aws_dynamodb_global_secondary_index.{k}"
                 for k, r in resources(doc, "aws_dynamodb_global_secondary_index").items()}
    assert sorted(doc["import"], key=lambda b: b["id"]) == [
        {"to": addresses["ByStatus"], "id": "orders,ByStatus"}, {"to": addresses["ByX"], "id": "orders,ByX"}]
    assert "global_secondary_index" not in only(doc, "aws_dynamodb_table")


def test_index_imports_read_through_the_tables_provider() -> None:
    """A table in another Region: its index's import block names that Region's provider, or
    Terraform would look for the index in the default Region."""
    stack = new_stack()
    west = aws_provider(stack, "eu-west-1", alias="west")
    Table(stack, "orders", partition_key=PK, global_indexes=[BY_STATUS], provider=west,
          index_form=IndexForm.resources(from_inline=True))
    doc = synth(stack)
    (key,) = resources(doc, "aws_dynamodb_global_secondary_index")
    assert doc["import"] == [{"to": f"aws_dynamodb_global_secondary_index.{key}", "id": "orders,ByStatus",
                              "provider": "aws.west"}]
    assert doc["terraform"]["required_version"] == ">= 1.7.0"


def test_moving_index_resources_back_inline_forgets_them() -> None:
    before, after = new_stack(), new_stack()
    Table(before, "orders", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.resources())
    Table(after, "orders", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.inline(from_resources=True))
    old, new = synth(before), synth(after)
    (address,) = [f"aws_dynamodb_global_secondary_index.{k}" for k in resources(old, "aws_dynamodb_global_secondary_index")]
    assert new["removed"] == [{"from": address, "lifecycle": {"destroy": False}}]
    assert new["terraform"]["required_version"] == ">= 1.7.0"
    assert "aws_dynamodb_global_secondary_index" not in new["resource"]
    table = only(new, "aws_dynamodb_table")
    assert [i["name"] for i in table["global_secondary_index"]] == ["ByStatus"]
    assert "global_secondary_index" not in table["lifecycle"].get("ignore_changes", [])
    assert new["terraform"]["required_providers"]["aws"]["version"] == ">= 6.28.0, < 7.0.0", "the state holds index resources"


def test_a_renamed_table_moves_its_index_resources_too() -> None:
    stack = new_stack()
    Table(stack, "orders2", moved_from="orders", partition_key=PK, global_indexes=[BY_STATUS],
          index_form=IndexForm.resources())
    doc = synth(stack)
    moved = [m for m in doc["moved"] if m["to"].startswith("aws_dynamodb_global_secondary_index.")]
    assert len(moved) == 1 and moved[0]["from"].startswith("aws_dynamodb_global_secondary_index.orders_index_ByStatus_")


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"index_form": "resources"}, "index_form", "IndexForm.inline() or IndexForm.resources()"),
    ({"index_form": IndexForm.resources(), "source": TableSource.point_in_time("legacy")}, "index_form",
     "keep the restored table's indexes inline"),
    ({"index_form": IndexForm.resources(), "source": TableSource.backup(
        "arn:aws:dynamodb:us-east-1:123456789012:table/legacy/backup/01576616366715-b4e58d3a")}, "index_form",
     "keep the restored table's indexes inline"),
    ({"index_form": IndexForm.resources(from_inline=True), "global_indexes": []}, "index_form", "needs indexes"),
])
def test_index_form_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    kwargs.setdefault("global_indexes", [BY_STATUS])
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", partition_key=PK, **kwargs)
    assert (caught.value.path, caught.value.field) == ("test/orders", field)
    assert accepted in caught.value.accepted


def test_an_s3_import_may_use_index_resources() -> None:
    stack = new_stack()
    Table(stack, "seeded", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.resources(),
          source=TableSource.s3_import("seed-bucket"))
    assert set(index_resources(synth(stack))) == {"ByStatus"}


def test_index_resources_need_no_index_maintenance() -> None:
    """Index maintenance (on by default) reads inline indexes' live capacities; index resources each
    ignore only their own capacity, so with them it has nothing to do (and renders nothing)."""
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, global_indexes=[BY_STATUS], index_form=IndexForm.resources())
    assert not table.settings.index_maintenance
    assert "aws_dynamodb_tables" not in synth(stack).get("data", {})
