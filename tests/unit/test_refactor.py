"""Refactors without loss: logical ids as the engine makes them, moved blocks, removed blocks."""

from __future__ import annotations

from dynamo_constructs import Attribute, GlobalSecondaryIndex, Table, TableConfigError, TableEncryption, forget, keep_on_move
from dynamo_constructs._core import TerraformResource
from dynamo_constructs.ids import logical_id

import pytest
from constructs import Construct

from tests.support.helpers import new_stack, resources, synth

PK = Attribute.string("pk")


@pytest.mark.parametrize("ids", [("orders",), ("orders", "table"), ("team.a", "Resource", "table"), ("x" * 300,),
                                 ("Default", "orders"), ("a-b", "b", "kms", "key"), ("audit_trail", "kms_us_west_2", "key")])
def test_logical_ids_match_the_engine(ids: tuple[str, ...]) -> None:
    stack = new_stack()
    scope: Construct = stack
    for part in ids[:-1]:
        scope = Construct(scope, part)
    table = Table(scope, ids[-1], partition_key=PK, table_name="orders")
    for found in table.node.find_all():
        if isinstance(found, TerraformResource):
            assert logical_id(found.node.path.split("/")[1:]) == found.friendly_unique_id


def test_moved_from_keeps_every_resource_and_the_default_name() -> None:
    stack = new_stack()
    team = Construct(stack, "team")
    table = Table(team, "orders_v2", partition_key=PK, moved_from="orders", encryption=TableEncryption.customer_managed_key(),
                  global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))])
    table.grant_read_data()
    doc = synth(stack)
    (table_config,) = resources(doc, "aws_dynamodb_table").values()
    assert table_config["name"] == "orders", "the default name comes from the original path"
    moves = {(m["from"], m["to"]) for m in doc["moved"]}
    for kind, relative in (("aws_dynamodb_table", ("table",)), ("aws_kms_key", ("kms", "key")),
                           ("aws_kms_alias", ("kms", "alias")), ("aws_iam_policy", ("grant_read", "policy"))):
        assert (f"{kind}.{logical_id(('orders', *relative))}", f"{kind}.{logical_id(('team', 'orders_v2', *relative))}") in moves
    assert len(moves) == 4
    for kind in ("aws_dynamodb_table", "aws_kms_key", "aws_kms_alias", "aws_iam_policy"):
        assert {m["to"] for m in doc["moved"] if m["to"].startswith(kind + ".")} <= {f"{kind}.{k}" for k in resources(doc, kind)}


def test_a_chain_of_moves_is_written_oldest_first() -> None:
    stack = new_stack()
    Table(stack, "c", partition_key=PK, moved_from=["a", "b"])
    doc = synth(stack)
    assert doc["moved"] == [{"from": f"aws_dynamodb_table.{logical_id(('a', 'table'))}",
                             "to": f"aws_dynamodb_table.{logical_id(('b', 'table'))}"},
                            {"from": f"aws_dynamodb_table.{logical_id(('b', 'table'))}",
                             "to": f"aws_dynamodb_table.{logical_id(('c', 'table'))}"}]
    assert next(iter(resources(doc, "aws_dynamodb_table").values()))["name"] == "a-table"


def test_keep_on_move_works_for_any_construct() -> None:
    stack = new_stack()
    group = Construct(stack, "tables")
    Table(group, "orders", partition_key=PK, table_name="orders")
    keep_on_move(group, "old_tables")
    moves = synth(stack)["moved"]
    assert moves == [{"from": f"aws_dynamodb_table.{logical_id(('old_tables', 'orders', 'table'))}",
                      "to": f"aws_dynamodb_table.{logical_id(('tables', 'orders', 'table'))}"}]


@pytest.mark.parametrize("value", ["", "/", ["a", "a"], 5])
def test_bad_moved_from(value: object) -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", partition_key=PK, moved_from=value)  # type: ignore[arg-type]
    assert caught.value.path == "test/orders" and caught.value.field == "moved_from"


def test_forget_removes_resources_and_keeps_them_alive() -> None:
    stack = new_stack()
    Table(stack, "keep", partition_key=PK)
    gone = Table(stack, "legacy", partition_key=PK, encryption=TableEncryption.customer_managed_key())
    addresses = forget(gone)
    doc = synth(stack)
    assert sorted(addresses) == sorted([f"aws_dynamodb_table.{logical_id(('legacy', 'table'))}",
                                        f"aws_kms_key.{logical_id(('legacy', 'kms', 'key'))}",
                                        f"aws_kms_alias.{logical_id(('legacy', 'kms', 'alias'))}"])
    assert sorted(r["from"] for r in doc["removed"]) == sorted(addresses)
    assert all(r["lifecycle"] == {"destroy": False} for r in doc["removed"])
    assert list(resources(doc, "aws_dynamodb_table")) == [logical_id(("keep", "table"))]
    assert "aws_kms_key" not in doc["resource"]
    assert doc["terraform"]["required_version"] == ">= 1.7.0"


def test_the_package_exports_every_public_name_lazily() -> None:
    import dynamo_constructs

    assert sorted(dynamo_constructs.__all__) == sorted(dynamo_constructs._EXPORTS)
    for name in dynamo_constructs.__all__:
        assert getattr(dynamo_constructs, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'Tabel'"):
        dynamo_constructs.Tabel  # noqa: B018
