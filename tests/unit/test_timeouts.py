"""Resource timeouts on the table and per replica."""

from __future__ import annotations

from dynamo_constructs import Attribute, Replica, Table, TableConfigError, Timeouts, replica_provider

import pytest

from tests.support.helpers import new_stack, only, synth


def test_table_and_replica_timeouts_render() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    Table(stack, "orders", partition_key=Attribute.string("pk"), timeouts=Timeouts(create="4h", update="2h30m"),
          replicas=[Replica(region="us-west-2", provider=west, timeouts=Timeouts(create="2h"),
                            table_class="STANDARD_INFREQUENT_ACCESS")])
    doc = synth(stack)
    assert only(doc, "aws_dynamodb_table")["timeouts"] == {"create": "4h", "update": "2h30m"}
    replica = only(doc, "aws_dynamodb_table_replica")
    assert (replica["timeouts"], replica["table_class_override"]) == ({"create": "2h"}, "STANDARD_INFREQUENT_ACCESS")


@pytest.mark.parametrize(("make", "field"), [
    (lambda: Timeouts(create="30 minutes"), "create"),
    (lambda: Timeouts(delete="0s"), "delete"),
    (lambda: Timeouts(update=30), "update"),
    (lambda: Timeouts(), "Timeouts"),
])
def test_timeout_rules(make, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableConfigError) as caught:
        make()
    assert caught.value.field == field and caught.value.path == "Timeouts"


def test_timeouts_of_the_wrong_type() -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", partition_key=Attribute.string("pk"), timeouts={"create": "1h"})  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.field) == ("test/orders", "timeouts")
