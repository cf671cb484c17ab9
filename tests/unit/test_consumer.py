"""Stream consumers: an event source mapping on the table's stream and the role's read policy."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import Attribute, StreamConsumer, Table, TableConfigError, TableEncryption

import pytest

from tests.support.helpers import new_stack, only, resources, synth


def _table(stack: Any, **kw: Any) -> Table:
    kw.setdefault("stream", "NEW_AND_OLD_IMAGES")
    return Table(stack, "orders", partition_key=Attribute.string("pk"), **kw)


def test_mapping_and_grant() -> None:
    stack = new_stack()
    StreamConsumer(stack, "indexer", table=_table(stack, encryption=TableEncryption.customer_managed_key()),
                   function="arn:aws:lambda:us-east-1:123456789012:function:indexer", role="indexer-role",
                   batch_size=500, filter_patterns=[{"eventName": ["INSERT", "MODIFY"]}],
                   on_failure_destination_arn="arn:aws:sqs:us-east-1:123456789012:indexer-dlq")
    doc = synth(stack)
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    mapping = only(doc, "aws_lambda_event_source_mapping")
    attachment_id = next(iter(resources(doc, "aws_iam_role_policy_attachment")))
    assert {k: mapping[k] for k in ("event_source_arn", "function_name", "starting_position", "batch_size",
                                    "function_response_types", "bisect_batch_on_function_error",
                                    "maximum_retry_attempts", "depends_on", "destination_config")} == {
        "event_source_arn": f"${{aws_dynamodb_table.{table_id}.stream_arn}}",
        "function_name": "arn:aws:lambda:us-east-1:123456789012:function:indexer", "starting_position": "LATEST",
        "batch_size": 500, "function_response_types": ["ReportBatchItemFailures"],
        "bisect_batch_on_function_error": True, "maximum_retry_attempts": 10,
        "depends_on": [f"aws_iam_role_policy_attachment.{attachment_id}"],
        "destination_config": {"on_failure": {"destination_arn": "arn:aws:sqs:us-east-1:123456789012:indexer-dlq"}}}
    assert [json.loads(f["pattern"]) for f in mapping["filter_criteria"]["filter"]] == [{"eventName": ["INSERT", "MODIFY"]}]
    policy = json.loads(only(doc, "aws_iam_policy")["policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["TableStream", "ListStreams", "TableKey"]
    assert only(doc, "aws_iam_role_policy_attachment")["role"] == "indexer-role"


def test_two_consumers_get_their_own_policies() -> None:
    stack = new_stack()
    table = _table(stack)
    StreamConsumer(stack, "a", table=table, function="fn-a", role="role-a")
    StreamConsumer(stack, "b", table=table, function="fn-b", role="role-b")
    assert sorted(p["name"] for p in resources(synth(stack), "aws_iam_policy").values()) == [
        "orders-a-stream-read", "orders-b-stream-read"]


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"function": "has spaces"}, "function", "Lambda function name"),
    ({"starting_position": "AT_TIMESTAMP"}, "starting_position", "TRIM_HORIZON"),
    ({"batch_size": 20000}, "batch_size", "from 1 to 10000"),
    ({"maximum_batching_window_seconds": 301}, "maximum_batching_window_seconds", "from 0 to 300"),
    ({"parallelization_factor": 11}, "parallelization_factor", "from 1 to 10"),
    ({"maximum_record_age_seconds": 30}, "maximum_record_age_seconds", "-1 (no limit)"),
    ({"filter_patterns": [{"eventName": ["INSERT"]}] * 6}, "filter_patterns", "at most 5"),
    ({"filter_patterns": ["INSERT"]}, "filter_patterns[0]", "not valid JSON"),
    ({"on_failure_destination_arn": "arn:aws:lambda:us-east-1:123456789012:function:x"}, "on_failure_destination_arn",
     "SQS queue"),
    ({"role": "bad role!"}, "role", "IAM role name"),
])
def test_consumer_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    stack = new_stack()
    args: dict[str, Any] = {"table": _table(stack), "function": "fn", **kwargs}
    with pytest.raises(TableConfigError) as caught:
        StreamConsumer(stack, "consumer", **args)
    assert caught.value.path == "test/consumer" and caught.value.field == field and accepted in caught.value.accepted


def test_a_table_without_a_stream_has_no_consumers() -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        StreamConsumer(stack, "consumer", table=_table(stack, stream=None), function="fn")
    assert "no stream" in caught.value.accepted
