"""Kinesis streaming destinations: a created or given stream, the precision, and the read grant."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import Attribute, KinesisStreamingDestination, Principal, Table, TableConfigError

import pytest

from tests.support.helpers import new_stack, only, resources, synth

STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/orders-changes"


def _table(stack: Any) -> Table:
    return Table(stack, "orders", partition_key=Attribute.string("pk"))


def test_a_created_stream_is_on_demand_and_encrypted() -> None:
    stack = new_stack()
    table = _table(stack)
    destination = KinesisStreamingDestination(stack, "changes", table=table, precision="MILLISECOND")
    doc = synth(stack)
    stream = only(doc, "aws_kinesis_stream")
    assert {k: stream[k] for k in ("name", "retention_period", "stream_mode_details", "encryption_type", "kms_key_id")} == {
        "name": "orders-changes", "retention_period": 24, "stream_mode_details": {"stream_mode": "ON_DEMAND"},
        "encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"}
    stream_id = next(iter(resources(doc, "aws_kinesis_stream")))
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    dest = only(doc, "aws_dynamodb_kinesis_streaming_destination")
    assert dest == {**{k: dest[k] for k in ("//",) if k in dest},
                    "table_name": f"${{aws_dynamodb_table.{table_id}.name}}",
                    "stream_arn": f"${{aws_kinesis_stream.{stream_id}.arn}}",
                    "approximate_creation_date_time_precision": "MILLISECOND"}
    assert destination.stream_arn == f"${{aws_kinesis_stream.{stream_id}.arn}}"


def test_a_given_stream_and_a_provisioned_one() -> None:
    stack = new_stack()
    table = _table(stack)
    KinesisStreamingDestination(stack, "given", table=table, stream_arn=STREAM)
    KinesisStreamingDestination(stack, "own", table=table, stream_name="orders-firehose", shard_count=2,
                                retention_hours=168, kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/k")
    doc = synth(stack)
    assert len(resources(doc, "aws_kinesis_stream")) == 1
    own = only(doc, "aws_kinesis_stream")
    assert (own["shard_count"], own["stream_mode_details"], own["retention_period"]) == (
        2, {"stream_mode": "PROVISIONED"}, 168)
    given = next(d for d in resources(doc, "aws_dynamodb_kinesis_streaming_destination").values()
                 if d["stream_arn"] == STREAM)
    assert given["approximate_creation_date_time_precision"] == "MICROSECOND"


def test_read_grant_names_the_stream_and_its_key() -> None:
    stack = new_stack()
    destination = KinesisStreamingDestination(stack, "changes", table=_table(stack),
                                              kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/k")
    arn = destination.grant_read(Principal.role("arn:aws:iam::123456789012:role/analytics"))
    doc = synth(stack)
    policy = only(doc, "aws_iam_policy")
    statements = {s["Sid"]: s for s in json.loads(policy["policy"])["Statement"]}
    assert statements["ReadStream"]["Resource"] == [destination.stream_arn]
    assert "kinesis:GetRecords" in statements["ReadStream"]["Action"]
    assert statements["StreamKey"] == {"Sid": "StreamKey", "Effect": "Allow", "Action": ["kms:Decrypt"],
                                       "Resource": ["arn:aws:kms:us-east-1:123456789012:key/k"]}
    assert only(doc, "aws_iam_role_policy_attachment")["role"] == "analytics"
    assert arn.startswith("${aws_iam_policy.") and policy["name"] == "orders-kinesis-read"


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"precision": "SECOND"}, "precision", "MICROSECOND"),
    ({"stream_arn": "arn:aws:kinesis:us-east-1:123:stream/x"}, "stream_arn", "Kinesis data stream ARN"),
    ({"stream_arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/x"}, "stream_arn", "table's Region"),
    ({"stream_arn": STREAM, "shard_count": 2}, "shard_count", "created here"),
    ({"stream_name": "bad name"}, "stream_name", "1-128"),
    ({"shard_count": 0}, "shard_count", "from 1 to 10000"),
    ({"retention_hours": 12}, "retention_hours", "24 to 8760"),
    ({"table": "orders"}, "table", "expected a Table"),
])
def test_destination_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    stack = new_stack()
    kwargs = {"table": _table(stack), **kwargs}
    with pytest.raises(TableConfigError) as caught:
        KinesisStreamingDestination(stack, "changes", **kwargs)
    assert caught.value.path == "test/changes" and caught.value.field == field and accepted in caught.value.accepted


def test_read_grant_rules() -> None:
    stack = new_stack()
    destination = KinesisStreamingDestination(stack, "changes", table=_table(stack))
    with pytest.raises(TableConfigError, match="roles or users"):
        destination.grant_read(Principal.account("111122223333"))
    destination.grant_read()
    with pytest.raises(TableConfigError) as caught:
        destination.grant_read()
    assert caught.value.field == "grant id"
