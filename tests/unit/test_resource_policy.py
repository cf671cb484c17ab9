"""Principals, resource policies on a table and its stream, and grants to any principal."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import (
    AccessLevel,
    Attribute,
    GlobalSecondaryIndex,
    PolicyStatement,
    Principal,
    Replica,
    Table,
    TableConfigError,
    TableEncryption,
    replica_provider,
)
from dynamo_constructs.access import FULL_ACTIONS, READ_ACTIONS, TableResources, policy_statements
from dynamo_constructs.actions import check_actions
from dynamo_constructs.resource_policy import MAX_POLICY_BYTES

import pytest

from tests.support.helpers import new_stack, only, resources, synth

PK = Attribute.string("pk")
READER = Principal.account("111122223333")


def _table(stack: Any, **kw: Any) -> Table:
    kw.setdefault("partition_key", PK)
    return Table(stack, "orders", **kw)


def _policies(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """resource_arn -> parsed policy document."""
    return {p["resource_arn"]: json.loads(p["policy"]) for p in resources(doc, "aws_dynamodb_resource_policy").values()}


def _table_ref(doc: dict[str, Any], attribute: str = "arn") -> str:
    return f"${{aws_dynamodb_table.{next(iter(resources(doc, 'aws_dynamodb_table')))}.{attribute}}}"


# ----- principals -------------------------------------------------------------------------


def test_principals_render_as_iam_expects() -> None:
    assert READER._render("aws") == {"AWS": "arn:aws:iam::111122223333:root"}
    assert Principal.service("lambda.amazonaws.com")._render("aws") == {"Service": "lambda.amazonaws.com"}
    arn = "arn:aws:iam::111122223333:role/team/reader"
    assert Principal.role(arn)._render("aws") == {"AWS": arn}
    assert Principal.role(arn).is_identity and not READER.is_identity and READER.is_account


@pytest.mark.parametrize(("make", "field", "accepted"), [
    (lambda: Principal.account("12345"), "account_id", "12-digit"),
    (lambda: Principal.account("*"), "account_id", "12-digit"),
    (lambda: Principal.service("lambda"), "service", "lambda.amazonaws.com"),
    (lambda: Principal.role("not a role!"), "role", "IAM role name"),
    (lambda: Principal.user("arn:aws:iam::123:user/x"), "user", "IAM user name"),
    (lambda: Principal(), "constructor", "Principal.role"),
])
def test_principal_rules(make, field: str, accepted: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableConfigError) as caught:
        make()
    assert caught.value.field == field and accepted in caught.value.accepted


def test_a_role_name_cannot_be_a_resource_policy_principal() -> None:
    table = _table(new_stack())
    with pytest.raises(TableConfigError) as caught:
        table.add_to_resource_policy(PolicyStatement(principals=[Principal.role("reader")], actions=["dynamodb:GetItem"]))
    assert caught.value.field == "principal" and "by its ARN" in caught.value.accepted


# ----- actions ----------------------------------------------------------------------------


@pytest.mark.parametrize(("actions", "accepted"), [
    (["dynamodb:GetItems"], "not a DynamoDB action"),
    (["GetItem"], "'dynamodb:' prefix"),
    (["dynamodb:getitem"], "not a DynamoDB action"),
    (["dynamodb:*"], "never uses 'dynamodb:*'"),
    (["dynamodb:GetItem", "dynamodb:GetItem"], "each action once"),
    ([], "at least one action"),
    ("dynamodb:GetItem", "expected a list"),
])
def test_action_names_are_checked(actions: Any, accepted: str) -> None:
    from dynamo_constructs.actions import ITEM_ACTIONS

    with pytest.raises(TableConfigError) as caught:
        check_actions("actions", actions, ITEM_ACTIONS, what="a grant", accepted="item actions")
    assert accepted in caught.value.accepted


# ----- resource policies ----------------------------------------------------------------------


def test_cross_account_read_is_a_table_resource_policy() -> None:
    stack = new_stack()
    table = _table(stack, global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))])
    grant = table.grant_read_data(READER)
    doc = synth(stack)
    arn = _table_ref(doc)
    (statement,) = _policies(doc)[arn]["Statement"]
    assert statement == {"Sid": "GrantReadAccount111122223333", "Effect": "Allow",
                         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": sorted(READ_ACTIONS),
                         "Resource": [arn, f"{arn}/index/*"]}
    assert "aws_iam_policy" not in doc["resource"], "no identity policy for an account principal"
    assert not grant.has_policy and [s.sid for s in grant.statements] == ["GrantReadAccount111122223333"]
    with pytest.raises(TableConfigError, match="resource policy"):
        _ = grant.policy_arn


def test_stream_reads_go_to_the_stream_policy_and_statements_accumulate() -> None:
    stack = new_stack()
    table = _table(stack, stream="NEW_IMAGE")
    table.grant_stream_read(Principal.service("pipes.amazonaws.com"))
    table.add_to_stream_resource_policy(PolicyStatement(principals=[READER], actions=["dynamodb:GetRecords"], sid="More"))
    table.add_to_resource_policy(PolicyStatement(principals=[READER], actions=["dynamodb:Query"], effect="Deny",
                                                 conditions={"Bool": {"aws:SecureTransport": "false"}}))
    doc = synth(stack)
    policies = _policies(doc)
    stream = policies[_table_ref(doc, "stream_arn")]["Statement"]
    assert [s["Sid"] for s in stream] == ["GrantStreamReadPipes", "More"]
    assert stream[0]["Action"] == ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
    assert stream[0]["Resource"] == _table_ref(doc, "stream_arn")
    (deny,) = policies[_table_ref(doc)]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert deny["Resource"] == _table_ref(doc), "no /index/* without indexes"
    assert len(resources(doc, "aws_dynamodb_resource_policy")) == 2


def test_replicas_get_the_table_statements_through_their_provider() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    table = _table(stack, replicas=[Replica(region="us-west-2", provider=west)])
    table.grant_read_data(READER)
    policies = resources(synth(stack), "aws_dynamodb_resource_policy")
    assert sorted(p.get("provider", "aws") for p in policies.values()) == ["aws", "aws.us_west_2"]
    replica = next(p for p in policies.values() if p.get("provider") == "aws.us_west_2")
    assert replica["resource_arn"].startswith("${aws_dynamodb_table_replica.")
    assert json.loads(replica["policy"])["Statement"][0]["Resource"] == replica["resource_arn"]


@pytest.mark.parametrize(("call", "field", "accepted"), [
    (lambda t: t.add_to_resource_policy(PolicyStatement(principals=[READER], actions=["dynamodb:GetRecords"])),
     "resource policy statement actions[0]", "not stream actions"),
    (lambda t: t.add_to_stream_resource_policy(PolicyStatement(principals=[READER], actions=["dynamodb:GetRecords"])),
     "stream resource policy", "no stream"),
    (lambda t: t.add_to_resource_policy("allow all"), "resource policy statement", "PolicyStatement("),
    (lambda t: [t.add_to_resource_policy(PolicyStatement(principals=[READER], actions=["dynamodb:GetItem"], sid="A"))
                for _ in range(2)], "sid", "its own Sid"),
])
def test_resource_policy_rules(call, field: str, accepted: str) -> None:  # type: ignore[no-untyped-def]
    table = _table(new_stack())
    with pytest.raises(TableConfigError) as caught:
        call(table)
    assert caught.value.path is not None and caught.value.path.startswith("test/orders")
    assert caught.value.field == field and accepted in caught.value.accepted


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"principals": [], "actions": ["dynamodb:GetItem"]}, "principals"),
    ({"principals": ["111122223333"], "actions": ["dynamodb:GetItem"]}, "principals[0]"),
    ({"principals": [READER], "actions": ["dynamodb:ListTables"]}, "actions[0]"),
    ({"principals": [READER], "actions": ["dynamodb:GetItem"], "effect": "allow"}, "effect"),
    ({"principals": [READER], "actions": ["dynamodb:GetItem"], "sid": "no spaces"}, "sid"),
    ({"principals": [READER], "actions": ["dynamodb:GetItem"], "conditions": {"StringEquals": {"x": "y"}}},
     "conditions['StringEquals'] key"),
])
def test_policy_statement_rules(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        PolicyStatement(**kwargs)
    assert caught.value.field == field and caught.value.path == "PolicyStatement"


def test_policy_size_limit() -> None:
    table = _table(new_stack())
    many = [Principal.account(f"{n:012d}") for n in range(700)]
    with pytest.raises(TableConfigError) as caught:
        table.add_to_resource_policy(PolicyStatement(principals=many, actions=["dynamodb:GetItem"]))
    assert caught.value.field == "resource policy" and str(MAX_POLICY_BYTES) in caught.value.accepted


def test_cross_account_access_is_refused_on_the_aws_managed_key() -> None:
    table = _table(new_stack(), encryption=TableEncryption.aws_managed())
    with pytest.raises(TableConfigError) as caught:
        table.grant_read_data(READER)
    assert "AWS managed key" in caught.value.accepted
    table.grant_read_data(Principal.service("lambda.amazonaws.com"))  # a service principal is not cross-account


def test_cross_account_grants_share_the_created_key() -> None:
    stack = new_stack()
    table = _table(stack, encryption=TableEncryption.customer_managed_key())
    table.grant_read_write_data(READER)
    policy = json.loads(only(synth(stack), "aws_kms_key")["policy"])
    shared = next(s for s in policy["Statement"] if s["Sid"] == "GrantAccount111122223333")
    assert shared["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}
    assert "kms:GenerateDataKey*" in shared["Action"] and "kms:*" not in shared["Action"]


# ----- identity grants: users, full access, custom actions ----------------------------------------


def test_user_grants_attach_to_the_user() -> None:
    stack = new_stack()
    _table(stack).grant_read_data(Principal.user("arn:aws:iam::123456789012:user/ops/alice"))
    assert only(synth(stack), "aws_iam_user_policy_attachment")["user"] == "alice"


def test_full_access_lists_actions_and_the_stream() -> None:
    stack = new_stack()
    _table(stack, stream="KEYS_ONLY").grant_full_access(role="admin")
    policy = json.loads(only(synth(stack), "aws_iam_policy")["policy"])
    data = next(s for s in policy["Statement"] if s["Sid"] == "TableData")
    assert data["Action"] == list(FULL_ACTIONS) and "dynamodb:*" not in data["Action"]
    assert "dynamodb:UpdateTable" not in data["Action"] and "dynamodb:PartiQLSelect" in data["Action"]
    assert next(s for s in policy["Statement"] if s["Sid"] == "TableStream")["Action"][1] == "dynamodb:GetRecords"


def test_full_access_without_a_stream_has_no_stream_statement() -> None:
    res = TableResources(table_arns=("T",), has_indexes=False, stream_arn=None, kms_key_arns=())
    assert [s["Sid"] for s in policy_statements(res, AccessLevel.FULL)] == ["TableData"]


def test_custom_actions_and_the_wildcard_by_name() -> None:
    stack = new_stack()
    table = _table(stack, stream="NEW_IMAGE")
    table.grant_actions(["dynamodb:GetItem", "dynamodb:DescribeStream"], id_="lookup", role="svc")
    table.grant_actions(["dynamodb:*"], id_="admin", role="break-glass")
    policies = {p["name"]: json.loads(p["policy"]) for p in resources(synth(stack), "aws_iam_policy").values()}
    lookup = {s["Sid"]: s["Action"] for s in policies["orders-lookup"]["Statement"]}
    assert lookup == {"TableData": ["dynamodb:GetItem"], "TableStream": ["dynamodb:DescribeStream"],
                      "ListStreams": ["dynamodb:ListStreams"]}
    assert policies["orders-admin"]["Statement"][0]["Action"] == ["dynamodb:*"]


@pytest.mark.parametrize(("call", "field", "accepted"), [
    (lambda t: t.grant_actions(["dynamodb:GetItem"], id_="x", role="a", principal=READER), "grant role", "not both"),
    (lambda t: t.grant_actions(["dynamodb:GetRecords"], id_="x"), "grant actions", "stream"),
    (lambda t: t.grant_actions(["dynamodb:CreateTable"], id_="x"), "grant actions[0]", "actions on items"),
    (lambda t: t.grant_read_data(principal=42), "grant principal", "Principal.role"),
    (lambda t: t.grant_read_data(role="a", principal=READER), "grant role", "not both"),
    (lambda t: t.grant_read_data("111122223333"), "grant principal", "Principal.account"),
])
def test_grant_rules(call, field: str, accepted: str) -> None:  # type: ignore[no-untyped-def]
    table = _table(new_stack())
    with pytest.raises(TableConfigError) as caught:
        call(table)
    assert caught.value.path == "test/orders" and caught.value.field == field and accepted in caught.value.accepted


# ----- tables another stack owns --------------------------------------------------------------


def test_existing_table_by_name_takes_grants_and_policies() -> None:
    stack = new_stack()
    other = Table.from_table_name(stack, "orders", "orders-prod", index_names=["ByCustomer"],
                                  stream_arn="arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod/stream/2026",
                                  kms_key_arns=["arn:aws:kms:us-east-1:123456789012:key/abc"])
    other.grant_read_data(role="reporting")
    other.grant_stream_read(READER)
    doc = synth(stack)
    assert "aws_dynamodb_table" not in doc["resource"]
    arn = "arn:aws:dynamodb:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:table/orders-prod"
    policy = json.loads(only(doc, "aws_iam_policy")["policy"])
    assert policy["Statement"][0]["Resource"] == [arn, f"{arn}/index/*"]
    assert policy["Statement"][1] == {"Sid": "TableKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"],
                                      "Resource": ["arn:aws:kms:us-east-1:123456789012:key/abc"]}
    stream_policy = only(doc, "aws_dynamodb_resource_policy")
    assert stream_policy["resource_arn"].endswith("/stream/2026")
    assert other.region == "us-east-1" and other.global_index_names == ("ByCustomer",)


def test_existing_table_by_arn_reads_name_and_region() -> None:
    other = Table.from_table_arn(new_stack(), "x", "arn:aws:dynamodb:eu-west-1:123456789012:table/ledger")
    assert (other.table_name, other.region, other.table_arn) == (
        "ledger", "eu-west-1", "arn:aws:dynamodb:eu-west-1:123456789012:table/ledger")
    assert other.table_stream_arn is None and other.point_in_time_recovery is None


@pytest.mark.parametrize(("make", "field"), [
    (lambda s: Table.from_table_arn(s, "x", "arn:aws:dynamodb:eu-west-1:1234:table/ledger"), "table_arn"),
    (lambda s: Table.from_table_name(s, "x", "ab"), "table_name"),
    (lambda s: Table.from_table_name(s, "x", "ledger", region="mars-1"), "region"),
    (lambda s: Table.from_table_name(s, "x", "ledger", account="1"), "account"),
    (lambda s: Table.from_table_name(s, "x", "ledger", index_names="ByX"), "index_names"),
    (lambda s: Table.from_table_name(s, "x", "ledger", stream_arn="arn:aws:dynamodb:x"), "stream_arn"),
    (lambda s: Table.from_table_name(s, "x", "ledger", kms_key_arns=["alias/x"]), "kms_key_arns"),
])
def test_existing_table_rules(make, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableConfigError) as caught:
        make(new_stack())
    assert caught.value.path == "test/x" and caught.value.field == field


def test_existing_table_needs_a_region() -> None:
    from dynamo_constructs._core import TerraformStack

    from tests.support.helpers import new_app

    with pytest.raises(TableConfigError) as caught:
        Table.from_table_name(TerraformStack(new_app(), "bare"), "x", "ledger")
    assert caught.value.field == "region"


def test_a_statement_can_cover_the_table_alone() -> None:
    stack = new_stack()
    table = _table(stack, global_indexes=[GlobalSecondaryIndex(name="ByG", partition_key=Attribute.string("g"))])
    table.add_to_resource_policy(PolicyStatement(sid="TableOnly", principals=[READER], actions=["dynamodb:GetItem"],
                                                 include_indexes=False))
    table.add_to_resource_policy(PolicyStatement(sid="Both", principals=[READER], actions=["dynamodb:Query"]))
    document = next(iter(_policies(synth(stack)).values()))
    resources = {s["Sid"]: s["Resource"] for s in document["Statement"]}
    table_arn = _table_ref(synth(stack))
    assert resources == {"TableOnly": table_arn, "Both": [table_arn, f"{table_arn}/index/*"]}
