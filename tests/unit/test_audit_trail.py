"""The append-only audit trail: ``grant_append`` on any table, AuditTrail's deny-by-default table
policy (asserted as parsed JSON), its break-glass principals, and — through the IAM evaluator in
tests/support — what the generated identity and resource policies allow together."""

from __future__ import annotations

import copy
import json
from typing import Any

from dynamo_constructs import (
    AccessLevel,
    Attribute,
    PolicyStatement,
    Principal,
    Replica,
    StreamViewType,
    Table,
    TableConfigError,
    TableEncryption,
    replica_provider,
)
from dynamo_constructs.access import TableResources, policy_statements
from dynamo_constructs.audit_rules import PROTECTED_ACTIONS
from dynamo_constructs.tables import AuditTrail

import pytest

from tests.support.helpers import new_stack, only, resources, synth
from tests.support.iam import ALLOW, DENY, IMPLICIT, Request, Unsupported, decide, document

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role"
APP, AUDITOR, BREAK_GLASS, OTHER = f"{ROLE}/app", f"{ROLE}/auditor", f"{ROLE}/ops/break-glass", f"{ROLE}/ci"
REPLICATION = f"{ROLE}/aws-service-role/replication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBReplication"
REPLICATION_ROLE = "arn:aws:iam::*:role/aws-service-role/replication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBReplication"
TABLE_ARN = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/audit-trail"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ITEM_WRITES = ("dynamodb:PutItem", "dynamodb:PartiQLInsert")
UNWANTED = {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete", "dynamodb:*"}
RES = TableResources(table_arns=("T",), has_indexes=True, stream_arn="S", kms_key_arns=("K",))


def _statement(statements: list[dict[str, Any]], sid: str) -> dict[str, Any]:
    return next(s for s in statements if s.get("Sid") == sid)


# ----- grant_append on any table ---------------------------------------------------------


def test_append_puts_and_inserts_and_encrypts_never_rewrites() -> None:
    statements = policy_statements(RES, AccessLevel.APPEND)
    data = _statement(statements, "TableData")
    assert data["Action"] == ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem"]
    assert data["Resource"] == ["T", "T/index/*"]
    assert _statement(statements, "TableKey")["Action"] == [
        "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    assert [s["Sid"] for s in statements] == ["TableData", "TableKey"]  # no stream access
    insert_only = _statement(policy_statements(RES, AccessLevel.INSERT_ONLY), "TableData")["Action"]
    assert insert_only == ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert"]
    assert not UNWANTED & set(data["Action"]) and not UNWANTED & set(insert_only)


def test_grant_append_works_on_any_table_and_attaches_to_the_role() -> None:
    stack = new_stack()
    orders = Table(stack, "orders", partition_key=Attribute.string("id"))
    orders.grant_append(role="writer")
    orders.grant_append(Principal.role(f"{ROLE}/loader"), insert_only=True)
    doc = synth(stack)
    policies = {p["name"]: json.loads(p["policy"]) for p in resources(doc, "aws_iam_policy").values()}
    assert sorted(policies) == ["orders-append", "orders-insert-only"]
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    assert policies["orders-append"]["Statement"] == [{
        "Sid": "TableData", "Effect": "Allow", "Resource": [f"${{aws_dynamodb_table.{table_id}.arn}}"],
        "Action": ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem"]}]
    assert policies["orders-insert-only"]["Statement"][0]["Action"] == ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert"]
    assert sorted(a["role"] for a in resources(doc, "aws_iam_role_policy_attachment").values()) == ["loader", "writer"]
    with pytest.raises(TableConfigError, match="insert_only"):
        orders.grant_append(role="other", insert_only="yes")  # type: ignore[arg-type]


def test_grant_append_to_an_account_is_a_resource_policy_statement() -> None:
    stack = new_stack()
    orders = Table(stack, "orders", partition_key=Attribute.string("id"), encryption=TableEncryption.customer_managed_key())
    orders.grant_append(Principal.account("111122223333"))
    doc = synth(stack)
    policy = json.loads(only(doc, "aws_dynamodb_resource_policy")["policy"])
    assert policy["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}
    assert policy["Statement"][0]["Action"] == ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem"]
    key_policy = json.loads(only(doc, "aws_kms_key")["policy"])
    shared = next(s for s in key_policy["Statement"] if s["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"})
    assert "kms:GenerateDataKey*" in shared["Action"]


def test_everyone_is_only_for_a_deny() -> None:
    table = Table(new_stack(), "orders", partition_key=Attribute.string("id"))
    with pytest.raises(TableConfigError, match="not everyone"):
        table.grant_read_data(Principal.everyone())
    with pytest.raises(TableConfigError, match="stands alone in a Deny"):
        PolicyStatement(principals=[Principal.everyone()], actions=["dynamodb:GetItem"])
    with pytest.raises(TableConfigError, match="stands alone in a Deny"):
        PolicyStatement(effect="Deny", principals=[Principal.everyone(), Principal.account(ACCOUNT)],
                        actions=["dynamodb:GetItem"])


# ----- AuditTrail's deny -----------------------------------------------------------------


def _audit(**kwargs: Any) -> tuple[dict[str, Any], str]:
    stack = new_stack()
    AuditTrail(stack, "audit", **kwargs)
    doc = synth(stack)
    return doc, next(iter(resources(doc, "aws_dynamodb_table")))


def test_the_deny_names_item_deletes_and_updates_for_everyone_but_break_glass() -> None:
    doc, table_id = _audit(admin_principals=[f"{ROLE}/ops/break-glass", Principal.user(f"arn:aws:iam::{ACCOUNT}:user/dpo"),
                                             Principal.account("111122223333")])
    policy = only(doc, "aws_dynamodb_resource_policy")
    assert policy["resource_arn"] == f"${{aws_dynamodb_table.{table_id}.arn}}"
    assert json.loads(policy["policy"]) == {"Version": "2012-10-17", "Statement": [{
        "Sid": "AuditAppendOnly", "Effect": "Deny", "Principal": {"AWS": "*"},
        "Action": ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLUpdate",
                   "dynamodb:UpdateItem"],
        "Resource": [f"${{aws_dynamodb_table.{table_id}.arn}}", f"${{aws_dynamodb_table.{table_id}.arn}}/index/*"],
        "Condition": {
            "ArnNotEquals": {"aws:PrincipalArn": [f"{ROLE}/ops/break-glass", f"arn:aws:iam::{ACCOUNT}:user/dpo",
                                                  "arn:aws:iam::111122223333:root"]},
            "ArnNotLike": {"aws:PrincipalArn": REPLICATION_ROLE}}}]}
    table = only(doc, "aws_dynamodb_table")
    assert table["tags"]["DataClass"] == "audit" and table["stream_view_type"] == "NEW_AND_OLD_IMAGES"


def test_without_break_glass_only_replication_is_excepted_and_control_plane_is_untouched() -> None:
    doc, _ = _audit()
    statement = json.loads(only(doc, "aws_dynamodb_resource_policy")["policy"])["Statement"][0]
    assert statement["Condition"] == {"ArnNotLike": {"aws:PrincipalArn": REPLICATION_ROLE}}
    # Only item actions: the deploying role keeps the table, TTL, backups, PITR and policies.
    assert set(statement["Action"]) == set(PROTECTED_ACTIONS)
    assert not {"dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTimeToLive", "dynamodb:CreateBackup",
                "dynamodb:RestoreTableToPointInTime", "dynamodb:PutResourcePolicy", "dynamodb:PutItem",
                "dynamodb:PartiQLInsert"} & set(statement["Action"])


def test_append_only_can_be_switched_off() -> None:
    doc, _ = _audit(append_only=False, stream=StreamViewType.NEW_IMAGE)
    assert "aws_dynamodb_resource_policy" not in doc["resource"]
    assert only(doc, "aws_dynamodb_table")["tags"]["DataClass"] == "audit"  # the review still guards it


def test_the_deny_composes_with_other_statements_and_grants() -> None:
    stack = new_stack()
    audit = AuditTrail(stack, "audit", admin_principals=[BREAK_GLASS])
    audit.grant_read_data(Principal.account("111122223333"))
    audit.add_to_resource_policy(PolicyStatement(sid="PartnerReads", principals=[Principal.account("444455556666")],
                                                 actions=["dynamodb:Query"]))
    doc = synth(stack)
    statements = json.loads(only(doc, "aws_dynamodb_resource_policy")["policy"])["Statement"]
    assert [(s["Sid"], s["Effect"]) for s in statements] == [
        ("AuditAppendOnly", "Deny"), ("GrantReadAccount111122223333", "Allow"), ("PartnerReads", "Allow")]
    assert audit.resource_policy is not None and len(audit.resource_policy.statements) == 3


def test_every_replica_carries_the_deny() -> None:
    stack = new_stack()
    AuditTrail(stack, "audit", replicas=[Replica(region="us-west-2", provider=replica_provider(stack, "us-west-2"))])
    doc = synth(stack)
    policies = resources(doc, "aws_dynamodb_resource_policy")
    assert len(policies) == 2
    for policy in policies.values():
        statement = json.loads(policy["policy"])["Statement"][0]
        assert (statement["Sid"], statement["Effect"], statement["Principal"]) == ("AuditAppendOnly", "Deny", {"AWS": "*"})
    replica_policy = next(p for p in policies.values() if p.get("provider") == "aws.us_west_2")
    assert replica_policy["resource_arn"].startswith("${aws_dynamodb_table_replica.")


@pytest.mark.parametrize(("principals", "message"), [
    (["break-glass"], "by its IAM ARN"),
    ([Principal.role("break-glass")], "by its IAM ARN"),
    (["123456789012"], "ambiguous"),
    ([Principal.service("lambda.amazonaws.com")], "by its IAM ARN"),
    ([Principal.everyone()], "by its IAM ARN"),
    ([f"arn:aws:sts::{ACCOUNT}:assumed-role/ops/session"], "by its IAM ARN"),
    ([BREAK_GLASS, BREAK_GLASS], "each principal once"),
    ("arn:aws:iam::123456789012:role/x", "expected a list"),
])
def test_break_glass_principals_are_checked_as_arns(principals: Any, message: str) -> None:
    with pytest.raises(TableConfigError, match=message) as error:
        AuditTrail(new_stack(), "audit", admin_principals=principals)
    assert "test/audit" in str(error.value) and "admin_principals" in str(error.value)


def test_what_an_append_only_trail_refuses() -> None:
    with pytest.raises(TableConfigError, match="old images"):
        AuditTrail(new_stack(), "audit", stream=StreamViewType.NEW_IMAGE)
    with pytest.raises(TableConfigError, match="old images"):
        AuditTrail(new_stack(), "audit", stream=None)
    with pytest.raises(TableConfigError, match="drop them or keep append_only=True"):
        AuditTrail(new_stack(), "audit", append_only=False, admin_principals=[BREAK_GLASS])
    with pytest.raises(TableConfigError, match="DataClass"):
        AuditTrail(new_stack(), "audit", tags={"DataClass": "public"})
    with pytest.raises(TableConfigError, match="append_only"):
        AuditTrail(new_stack(), "audit", append_only="no")  # type: ignore[arg-type]
    audit = AuditTrail(new_stack(), "audit")
    with pytest.raises(TableConfigError, match="DeleteItem") as error:
        audit.add_item("seed", {"audit_id": "a", "timestamp": "t"})
    assert "test/audit/seed" in str(error.value)


def test_an_old_image_stream_and_a_token_break_glass_arn_are_accepted() -> None:
    stack = new_stack()
    audit = AuditTrail(stack, "audit", stream=StreamViewType.OLD_IMAGE, admin_principals=["${aws_iam_role.ops.arn}"])
    assert audit.admin_arns == ("${aws_iam_role.ops.arn}",)
    statement = json.loads(only(synth(stack), "aws_dynamodb_resource_policy")["policy"])["Statement"][0]
    assert statement["Condition"]["ArnNotEquals"] == {"aws:PrincipalArn": ["${aws_iam_role.ops.arn}"]}


# ----- the evaluator, then the generated policies together -----------------------------


def test_the_evaluator_follows_aws_evaluation_logic() -> None:
    allow = {"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}
    deny_all = {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "dynamodb:DeleteItem", "Resource": "*"}]}
    named = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": APP}, "Action": "dynamodb:GetItem", "Resource": "*"}]}
    account = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                              "Action": "dynamodb:GetItem", "Resource": "*"}]}
    get, delete = Request(APP, "dynamodb:GetItem", TABLE_ARN), Request(APP, "dynamodb:DeleteItem", TABLE_ARN)
    assert decide(delete, [allow], deny_all, ACCOUNT) == DENY  # an explicit deny wins
    assert decide(get, [allow], None, ACCOUNT) == ALLOW  # same account: the identity policy suffices ...
    assert decide(get, [], named, ACCOUNT) == ALLOW  # ... or the resource policy naming the principal
    assert decide(get, [], account, ACCOUNT) == IMPLICIT  # naming the account delegates to its IAM policies
    assert decide(get, [], None, ACCOUNT) == IMPLICIT
    stranger = Request("arn:aws:iam::999999999999:role/x", "dynamodb:GetItem", TABLE_ARN)
    assert decide(stranger, [allow], None, ACCOUNT) == IMPLICIT  # another account needs both
    partner = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                              "Action": "dynamodb:GetItem", "Resource": "*"}]}
    assert decide(stranger, [allow], partner, ACCOUNT) == ALLOW
    assert decide(stranger, [], partner, ACCOUNT) == IMPLICIT
    with pytest.raises(Unsupported):
        decide(get, [{"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                                     "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}], None, ACCOUNT)


def _policies(doc: dict[str, Any], references: dict[str, str]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Identity policies per role ARN (from the attachments) and the table's resource policy."""
    policies = resources(doc, "aws_iam_policy")
    by_role: dict[str, list[dict[str, Any]]] = {}
    for attachment in resources(doc, "aws_iam_role_policy_attachment").values():
        policy_id = attachment["policy_arn"].split(".")[1]
        by_role.setdefault(f"{ROLE}/{attachment['role']}", []).append(document(policies[policy_id]["policy"], references))
    return by_role, document(only(doc, "aws_dynamodb_resource_policy")["policy"], references)


def _references(doc: dict[str, Any]) -> dict[str, str]:
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    key_id = next(iter(resources(doc, "aws_kms_key")))
    return {f"aws_dynamodb_table.{table_id}.arn": TABLE_ARN, f"aws_kms_key.{key_id}.arn": KEY_ARN}


FULL = {"Statement": [{"Effect": "Allow", "Action": ["dynamodb:*", "kms:*"], "Resource": "*"}]}
# DynamoDBReplicationServiceRolePolicy's steady-state replication statement, abridged.
REPLICATION_POLICY = {"Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"]}]}


def test_app_appends_and_reads_auditors_read_only_break_glass_rewrites() -> None:
    stack = new_stack()
    audit = AuditTrail(stack, "audit", table_name="audit-trail", admin_principals=[BREAK_GLASS])
    audit.grant_append(role="app")
    audit.grant_read_data(role="app")
    audit.grant_actions(["dynamodb:GetItem", "dynamodb:Query"], id_="auditors", role="auditor")
    doc = synth(stack)
    identity, table_policy = _policies(doc, _references(doc))
    identity |= {BREAK_GLASS: [FULL], OTHER: [FULL], REPLICATION: [REPLICATION_POLICY]}

    def verdict(principal: str, action: str, resource: str = TABLE_ARN) -> str:
        return decide(Request(principal, action, resource), identity.get(principal, []), table_policy, ACCOUNT)

    for action in (*ITEM_WRITES, "dynamodb:GetItem", "dynamodb:Query", "dynamodb:DescribeTable"):
        assert verdict(APP, action) == ALLOW, action
    assert verdict(APP, "dynamodb:Query", f"{TABLE_ARN}/index/UserAuditIndex") == ALLOW
    assert decide(Request(APP, "kms:GenerateDataKey", KEY_ARN), identity[APP], None, ACCOUNT) == ALLOW
    for action in PROTECTED_ACTIONS:
        assert verdict(APP, action) == DENY, action  # denied even if an identity policy allowed it
        assert verdict(OTHER, action) == DENY, action  # dynamodb:* in its identity policy does not help
        assert verdict(AUDITOR, action) == DENY, action
        assert verdict(BREAK_GLASS, action) == ALLOW, action
        assert verdict(REPLICATION, action) != DENY, action
    assert verdict(AUDITOR, "dynamodb:Query") == ALLOW and verdict(AUDITOR, "dynamodb:PutItem") == IMPLICIT
    assert verdict(REPLICATION, "dynamodb:DeleteItem") == ALLOW  # replicas keep replicating deletes (TTL's too)
    assert verdict(OTHER, "dynamodb:PutItem") == ALLOW  # the deny covers rewrites, not appends
    assert verdict(OTHER, "dynamodb:UpdateTable") == ALLOW  # nor the control plane


def test_a_cross_account_read_write_grant_cannot_delete_either() -> None:
    stack = new_stack()
    audit = AuditTrail(stack, "audit", table_name="audit-trail")
    audit.grant_read_write_data(Principal.account("111122223333"))
    doc = synth(stack)
    _, table_policy = _policies(doc, _references(doc))
    partner = "arn:aws:iam::111122223333:role/partner"
    for action, expected in (("dynamodb:GetItem", ALLOW), ("dynamodb:PutItem", ALLOW), ("dynamodb:DeleteItem", DENY),
                             ("dynamodb:UpdateItem", DENY), ("dynamodb:BatchWriteItem", DENY)):
        assert decide(Request(partner, action, TABLE_ARN), [FULL], table_policy, ACCOUNT) == expected, action


@pytest.mark.parametrize("env", ["staging", "prod"])
def test_environment_stacks_append_to_the_audit_trail_and_keep_the_other_grants(
        app_stacks: dict[str, dict], env: str) -> None:
    doc = app_stacks[env]
    tables = {t["name"]: i for i, t in resources(doc, "aws_dynamodb_table").items()}
    audit_id = tables[f"dynamo-{env}-audit-trail"]
    policies = {p["name"]: p for p in resources(doc, "aws_iam_policy").values()}
    for name in tables:
        if name.endswith("-audit-trail"):
            continue
        actions = json.loads(policies[f"{name}-read-write"]["policy"])["Statement"][0]["Action"]
        assert "dynamodb:DeleteItem" in actions and "dynamodb:UpdateItem" in actions, name
    audit_policy = next(p for p in resources(doc, "aws_dynamodb_resource_policy").values()
                        if p["resource_arn"] == f"${{aws_dynamodb_table.{audit_id}.arn}}")
    references = {f"aws_dynamodb_table.{audit_id}.arn": TABLE_ARN}
    key_ref = json.loads(policies[f"dynamo-{env}-audit-trail-append"]["policy"])["Statement"][1]["Resource"][0]
    references[key_ref[2:-1]] = KEY_ARN
    # The stacks' grants are unattached (no application_role in cdktf.json): attach them to the app here.
    app = [document(policies[f"dynamo-{env}-audit-trail-{level}"]["policy"], references) for level in ("append", "read")]
    table_policy = document(audit_policy["policy"], references)
    for action in (*ITEM_WRITES, "dynamodb:GetItem", "dynamodb:Query"):
        assert decide(Request(APP, action, TABLE_ARN), app, table_policy, ACCOUNT) == ALLOW, action
    for action in PROTECTED_ACTIONS:
        assert decide(Request(APP, action, TABLE_ARN), [*app, FULL], table_policy, ACCOUNT) == DENY, action
    other_table = TABLE_ARN.replace("audit-trail", "jobs")
    assert decide(Request(APP, "dynamodb:PutItem", other_table), app, None, ACCOUNT) == IMPLICIT  # scoped to the table


def test_the_review_guards_the_real_stacks_audit_trail(app_stacks: dict[str, dict]) -> None:
    """Undoing this append-only set-up on the staging stack (read-write grant, no deny, no tag) is
    three findings; doing it (the change from the read-write stacks) is none."""
    from dynamo_constructs.review import LossKind, review_documents

    after = app_stacks["staging"]
    before = copy.deepcopy(after)
    table_id, table = next((i, t) for i, t in resources(before, "aws_dynamodb_table").items()
                           if t["name"].endswith("-audit-trail"))
    del table["tags"]["DataClass"]
    policy_id = next(i for i, p in resources(before, "aws_dynamodb_resource_policy").items()
                             if p["resource_arn"] == f"${{aws_dynamodb_table.{table_id}.arn}}")
    del before["resource"]["aws_dynamodb_resource_policy"][policy_id]
    grant_id, grant = next((i, p) for i, p in resources(before, "aws_iam_policy").items() if p["name"].endswith("-append"))
    document_ = json.loads(grant["policy"])
    document_["Statement"][0]["Action"] = sorted({*document_["Statement"][0]["Action"], "dynamodb:DeleteItem",
                                                  "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"})
    grant["policy"] = json.dumps(document_)

    def audit_findings(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
        report = review_documents(old, new)
        return {c.address: loss.text for c in report.changes for loss in c.losses if loss.kind is LossKind.AUDIT_OPENED}

    assert audit_findings(before, after) == {}
    undone = audit_findings(after, before)
    assert sorted(undone) == sorted([f"aws_dynamodb_table.{table_id}", f"aws_dynamodb_resource_policy.{policy_id}",
                                     f"aws_iam_policy.{grant_id}"])
    assert "BatchWriteItem, DeleteItem, UpdateItem" in undone[f"aws_iam_policy.{grant_id}"]


def test_arns_follow_the_tables_partition() -> None:
    stack = new_stack(region="cn-north-1")
    AuditTrail(stack, "audit", admin_principals=[Principal.account("111122223333")])
    condition = json.loads(only(synth(stack), "aws_dynamodb_resource_policy")["policy"])["Statement"][0]["Condition"]
    assert condition == {"ArnNotEquals": {"aws:PrincipalArn": ["arn:aws-cn:iam::111122223333:root"]},
                         "ArnNotLike": {"aws:PrincipalArn": REPLICATION_ROLE.replace("arn:aws:", "arn:aws-cn:")}}
