"""The review knows both index forms: which index changes rebuild an index (inline blocks and index
resources), that a table is never replaced by them, and the moves between the forms — with their
import/removed blocks (no index rebuilt) and without them (a failed create, a deleted index)."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import Attribute, Capacity, GlobalSecondaryIndex, IndexForm, Projection, Table
from dynamo_constructs.review import Action, Report, review_documents

import pytest

from tests.support.helpers import Json, new_stack, synth

S, N = Attribute.string, Attribute.number


def document(form: IndexForm, *indexes: GlobalSecondaryIndex) -> Json:
    stack = new_stack()
    Table(stack, "orders", partition_key=S("id"), index_form=form,
          global_indexes=list(indexes) or [GlobalSecondaryIndex(name="ByX", partition_key=S("x"))])
    return synth(stack)


def by_type(report: Report, resource_type: str) -> Any:
    (change,) = [c for c in report.changes if c.type == resource_type]
    return change


def index(**kw: Any) -> GlobalSecondaryIndex:
    kw.setdefault("partition_key", S("x"))
    return GlobalSecondaryIndex(name="ByX", **kw)


REBUILDS = [
    ("projection", index(projection=Projection.keys_only())),
    ("partition key", index(partition_key=S("y"))),
    ("sort key", index(sort_key=N("ts"))),
    ("multi-attribute key", GlobalSecondaryIndex(name="ByX", partition_keys=[S("x"), S("y")])),
]


@pytest.mark.parametrize("changed", [r[1] for r in REBUILDS], ids=[r[0] for r in REBUILDS])
def test_an_inline_index_key_or_projection_change_rebuilds_that_index(changed: GlobalSecondaryIndex) -> None:
    report = review_documents(document(IndexForm.inline()), document(IndexForm.inline(), changed))
    table = by_type(report, "aws_dynamodb_table")
    assert table.action is Action.UPDATE and not report.data_loss
    assert 'global_secondary_index["ByX"]: the provider deletes and re-creates it (rebuilt: unavailable until it has ' \
           'backfilled)' in table.reasons


@pytest.mark.parametrize("changed", [r[1] for r in REBUILDS], ids=[r[0] for r in REBUILDS])
def test_an_index_resource_key_or_projection_change_replaces_the_index_only(changed: GlobalSecondaryIndex) -> None:
    report = review_documents(document(IndexForm.resources()), document(IndexForm.resources(), changed))
    change = by_type(report, "aws_dynamodb_global_secondary_index")
    assert change.action is Action.REPLACE and not report.data_loss
    assert any(r.startswith("index 'ByX' is deleted from aws_dynamodb_table.") and "built again" in r
               for r in change.reasons)
    assert by_type(report, "aws_dynamodb_table").action in (Action.NO_OP, Action.UPDATE)


def test_a_capacity_change_rebuilds_nothing() -> None:
    from dynamo_constructs import Billing

    def provisioned(form: IndexForm, units: int) -> Json:
        stack = new_stack()
        Table(stack, "orders", partition_key=S("id"), index_form=form,
              billing=Billing.provisioned(read_capacity=Capacity.fixed(5), write_capacity=Capacity.fixed(5)),
              global_indexes=[index(read_capacity=Capacity.fixed(units))])
        return synth(stack)

    inline = review_documents(provisioned(IndexForm.inline(), 5), provisioned(IndexForm.inline(), 9))
    assert by_type(inline, "aws_dynamodb_table").action is Action.UPDATE
    assert not any("re-creates" in r for r in by_type(inline, "aws_dynamodb_table").reasons)
    separate = review_documents(provisioned(IndexForm.resources(), 5), provisioned(IndexForm.resources(), 9))
    assert by_type(separate, "aws_dynamodb_global_secondary_index").action is Action.UPDATE


def test_inline_to_resources_with_imports_moves_every_index_without_a_change() -> None:
    report = review_documents(document(IndexForm.inline()), document(IndexForm.resources(from_inline=True)))
    change = by_type(report, "aws_dynamodb_global_secondary_index")
    assert change.action is Action.NO_OP and change.reasons[0].startswith("imported (id 'orders,ByX')")
    table = by_type(report, "aws_dynamodb_table")
    assert table.action is Action.NO_OP and any(r.startswith("global_secondary_index: change ignored (lifecycle.ignore_changes)")
                                                for r in table.reasons)
    assert not report.data_loss


def test_inline_to_resources_without_imports_is_a_create_that_fails() -> None:
    report = review_documents(document(IndexForm.inline()), document(IndexForm.resources()))
    change = by_type(report, "aws_dynamodb_global_secondary_index")
    assert change.action is Action.CREATE
    assert any("already has index 'ByX' as its own block: this create fails" in r for r in change.reasons)


def test_resources_to_inline_with_removed_blocks_forgets_every_index() -> None:
    report = review_documents(document(IndexForm.resources()), document(IndexForm.inline(from_resources=True)))
    assert by_type(report, "aws_dynamodb_global_secondary_index").action is Action.FORGET
    table = by_type(report, "aws_dynamodb_table")
    assert any(r.startswith("global_secondary_index['ByX']: taken over from aws_dynamodb_global_secondary_index.")
               for r in table.reasons)
    assert not report.data_loss


def test_resources_to_inline_without_removed_blocks_deletes_the_index() -> None:
    report = review_documents(document(IndexForm.resources()), document(IndexForm.inline()))
    change = by_type(report, "aws_dynamodb_global_secondary_index")
    assert change.action is Action.DESTROY
    assert any("this destroy deletes the index and the table builds it again" in r for r in change.reasons)


def test_a_removed_index_resource_says_what_it_deletes() -> None:
    two = document(IndexForm.resources(), index(), GlobalSecondaryIndex(name="ByY", partition_key=S("y")))
    report = review_documents(two, document(IndexForm.resources()))
    gone = [c for c in report.changes if c.action is Action.DESTROY]
    assert len(gone) == 1 and any(r.startswith("index 'ByY' is deleted from") for r in gone[0].reasons)
    assert not report.data_loss, "an index holds no data of its own"
