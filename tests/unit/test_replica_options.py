"""What AWS CDK's TableV2 replicas have beyond a replica itself: contributor insights (table and
index) and a Kinesis streaming destination in the replica's Region, through its provider, once the
replica exists."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import (
    Attribute,
    GlobalSecondaryIndex,
    GlobalTable,
    Replica,
    Table,
    TableConfigError,
    replica_provider,
)
from dynamo_constructs._core import TerraformStack

import pytest

from tests.support.helpers import Json, new_stack, resources, synth

PK = Attribute.string("id")
BY_X = GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))
STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/orders-west"


def west(stack: TerraformStack, **kw: Any) -> Replica:
    return Replica(region="us-west-2", provider=replica_provider(stack, "us-west-2"), **kw)


def by_index(doc: Json) -> dict[str | None, Json]:
    return {c.get("index_name"): c for c in resources(doc, "aws_dynamodb_contributor_insights").values()}


def test_insights_and_kinesis_per_replica() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, global_indexes=[BY_X], contributor_insights=True,
                  replicas=[west(stack, contributor_insights=True, index_contributor_insights={"ByX": True},
                                 kinesis_stream_arn=STREAM, kinesis_precision="MILLISECOND")])
    doc = synth(stack)
    (replica_id,) = resources(doc, "aws_dynamodb_table_replica")
    after = [f"aws_dynamodb_table_replica.{replica_id}"]
    insights = [c for c in resources(doc, "aws_dynamodb_contributor_insights").values() if c.get("provider")]
    assert sorted((c.get("index_name", ""), c["provider"]) for c in insights) == [("", "aws.us_west_2"),
                                                                                 ("ByX", "aws.us_west_2")]
    assert all(c["depends_on"] == after for c in insights), "made once the replica exists"
    assert all(c["table_name"] == table.name_reference for c in insights)
    assert not any("mode" in c for c in insights)
    primary = [c for c in resources(doc, "aws_dynamodb_contributor_insights").values() if "provider" not in c]
    assert [c.get("index_name") for c in primary] == [None], "the primary's own insights are unchanged"
    (destination,) = resources(doc, "aws_dynamodb_kinesis_streaming_destination").values()
    assert destination == {"table_name": table.name_reference, "stream_arn": STREAM,
                           "approximate_creation_date_time_precision": "MILLISECOND", "provider": "aws.us_west_2",
                           "depends_on": after}
    assert doc["terraform"]["required_providers"]["aws"]["version"] == ">= 5.100.0, < 7.0.0"


def test_replica_insights_modes_raise_the_floor() -> None:
    stack = new_stack()
    Table(stack, "orders", partition_key=PK, global_indexes=[BY_X],
          replicas=[west(stack, index_contributor_insights={"ByX": "THROTTLED_KEYS"})])
    doc = synth(stack)
    assert by_index(doc)["ByX"]["mode"] == "THROTTLED_KEYS"
    assert None not in by_index(doc), "the replica table's own insights were not asked for"
    assert doc["terraform"]["required_providers"]["aws"]["version"] == ">= 6.11.0, < 7.0.0"


def test_a_replica_without_options_gets_no_resources() -> None:
    stack = new_stack()
    Table(stack, "orders", partition_key=PK, contributor_insights=True, replicas=[west(stack)])
    doc = synth(stack)
    assert list(by_index(doc)) == [None] and "provider" not in by_index(doc)[None]
    assert "aws_dynamodb_kinesis_streaming_destination" not in doc["resource"]


def test_strongly_consistent_replicas_wait_for_the_table() -> None:
    stack = new_stack()
    GlobalTable(stack, "carts", partition_key=PK, consistency="STRONG", witness_region="us-west-2",
                replicas=[Replica(region="us-east-2", provider=replica_provider(stack, "us-east-2"),
                                  contributor_insights="ACCESSED_AND_THROTTLED_KEYS",
                                  kinesis_stream_arn="arn:aws:kinesis:us-east-2:123456789012:stream/carts")])
    doc = synth(stack)
    (table_id,) = resources(doc, "aws_dynamodb_table")
    (destination,) = resources(doc, "aws_dynamodb_kinesis_streaming_destination").values()
    assert destination["depends_on"] == [f"aws_dynamodb_table.{table_id}"] and destination["provider"] == "aws.us_east_2"
    assert by_index(doc)[None]["mode"] == "ACCESSED_AND_THROTTLED_KEYS"


@pytest.mark.parametrize(("kwargs", "field", "value", "accepted"), [
    ({"contributor_insights": "SOMETIMES"}, "contributor_insights", "SOMETIMES", "'THROTTLED_KEYS'"),
    ({"index_contributor_insights": ["ByX"]}, "index_contributor_insights", ["ByX"], "{index name: True"),
    ({"index_contributor_insights": {"ByX": "ALWAYS"}}, "index_contributor_insights['ByX']", "ALWAYS", "a mode"),
    ({"kinesis_stream_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/orders"}, "kinesis_stream_arn",
     "arn:aws:kinesis:us-east-1:123456789012:stream/orders", "expected an ARN in us-west-2, not in us-east-1"),
    ({"kinesis_stream_arn": "orders-stream"}, "kinesis_stream_arn", "orders-stream", "arn:"),
    ({"kinesis_precision": "NANOSECOND"}, "kinesis_precision", "NANOSECOND", "'MILLISECOND' or 'MICROSECOND'"),
])
def test_replica_option_rules(kwargs: dict[str, Any], field: str, value: Any, accepted: str) -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        west(stack, **kwargs)
    assert (caught.value.path, caught.value.field, caught.value.value) == ("Replica 'us-west-2'", field, value)
    assert accepted in caught.value.accepted


def test_replica_index_insights_name_an_index_of_the_table() -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "orders", partition_key=PK, global_indexes=[BY_X],
              replicas=[west(stack, index_contributor_insights={"ByY": True})])
    assert (caught.value.path, caught.value.field, caught.value.value) == (
        "test/orders", "replica us-west-2 index_contributor_insights", "ByY")
    assert "an index of the table (ByX)" in caught.value.accepted
