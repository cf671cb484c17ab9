"""Grants: least-privilege policy documents, KMS when needed, attachment by role name or ARN."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import (
    AccessLevel,
    Attribute,
    GlobalSecondaryIndex,
    Table,
    TableConfigError,
    TableEncryption,
)
from dynamo_constructs.access import READ_ACTIONS, WRITE_ACTIONS, TableResources, policy_statements

import pytest

from tests.support.helpers import new_stack, only, resources, synth

RES = TableResources(table_arns=("T",), has_indexes=True, stream_arn="S", kms_key_arns=("K",))


def _actions(statements: list[dict[str, Any]], sid: str) -> list[str]:
    return next(s["Action"] for s in statements if s["Sid"] == sid)


def test_read_write_and_read_write_levels() -> None:
    read = policy_statements(RES, AccessLevel.READ)
    assert set(_actions(read, "TableData")) == set(READ_ACTIONS)
    assert next(s for s in read if s["Sid"] == "TableData")["Resource"] == ["T", "T/index/*"]
    assert _actions(read, "TableKey") == ["kms:Decrypt", "kms:DescribeKey"]
    write = policy_statements(RES, AccessLevel.WRITE)
    assert set(_actions(write, "TableData")) == set(WRITE_ACTIONS)
    assert "kms:GenerateDataKey*" in _actions(write, "TableKey")
    both = policy_statements(RES, AccessLevel.READ_WRITE)
    assert set(_actions(both, "TableData")) == set(READ_ACTIONS) | set(WRITE_ACTIONS)
    for statements in (read, write, both):
        for statement in statements:
            assert not any(a in ("*", "dynamodb:*", "kms:*") for a in statement["Action"])


def test_stream_read_names_the_stream_only() -> None:
    statements = policy_statements(RES, AccessLevel.STREAM_READ)
    stream = next(s for s in statements if s["Sid"] == "TableStream")
    assert stream["Resource"] == ["S"]
    assert set(stream["Action"]) == {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}
    assert "TableData" not in {s["Sid"] for s in statements}


def test_no_index_resource_or_kms_without_need() -> None:
    plain = TableResources(table_arns=("T",), has_indexes=False, stream_arn=None, kms_key_arns=())
    statements = policy_statements(plain, AccessLevel.READ_WRITE)
    assert [s["Sid"] for s in statements] == ["TableData"]
    assert statements[0]["Resource"] == ["T"]


def test_grant_on_a_cmk_table_attaches_by_arn_and_name() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"), stream="NEW_IMAGE",
                  global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
                  encryption=TableEncryption.customer_managed_key())
    table.grant_read_write_data(role="arn:aws:iam::123456789012:role/service/worker")
    table.grant_stream_read(role="consumer")
    table.grant_read_data()
    doc = synth(stack)
    policies = resources(doc, "aws_iam_policy")
    assert sorted(p["name"] for p in policies.values()) == ["orders-read", "orders-read-write", "orders-stream-read"]
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    key_id = next(iter(resources(doc, "aws_kms_key")))
    rw = json.loads(next(p for p in policies.values() if p["name"] == "orders-read-write")["policy"])
    data, key = rw["Statement"]
    assert data["Resource"] == [f"${{aws_dynamodb_table.{table_id}.arn}}", f"${{aws_dynamodb_table.{table_id}.arn}}/index/*"]
    assert "dynamodb:PutItem" in data["Action"] and "dynamodb:Query" in data["Action"]
    assert key == {"Sid": "TableKey", "Effect": "Allow", "Resource": [f"${{aws_kms_key.{key_id}.arn}}"],
                   "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]}
    stream = json.loads(next(p for p in policies.values() if p["name"] == "orders-stream-read")["policy"])
    assert stream["Statement"][0]["Resource"] == [f"${{aws_dynamodb_table.{table_id}.stream_arn}}"]
    attachments = sorted(a["role"] for a in resources(doc, "aws_iam_role_policy_attachment").values())
    assert attachments == ["consumer", "worker"]


def test_policy_document_is_returned_for_composition() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"))
    document = json.loads(table.policy_document("read"))
    assert document["Version"] == "2012-10-17" and [s["Sid"] for s in document["Statement"]] == ["TableData"]
    assert "aws_iam_policy" not in synth(stack).get("resource", {})


@pytest.mark.parametrize(("call", "field"), [
    (lambda t: t.grant_stream_read(), "access level"),
    (lambda t: t.grant("admin"), "access level"),
    (lambda t: t.grant_read_data(role="not a role!"), "grant role"),
    (lambda t: (t.grant_read_data(), t.grant_read_data()), "grant id"),
])
def test_grant_errors(call, field: str) -> None:  # type: ignore[no-untyped-def]
    table = Table(new_stack(), "orders", partition_key=Attribute.string("pk"))
    with pytest.raises(TableConfigError) as caught:
        call(table)
    assert caught.value.field == field


def test_a_token_role_is_split_in_terraform() -> None:
    stack = new_stack()
    role_arn = Table(stack, "other", partition_key=Attribute.string("pk")).table_arn  # any token stands in for a role ARN
    Table(stack, "orders", partition_key=Attribute.string("pk")).grant_read_data(role=role_arn)
    attachment = only(synth(stack), "aws_iam_role_policy_attachment")
    assert attachment["role"].startswith("${element(reverse(split(\"/\", aws_dynamodb_table.other_table_")
