"""The review's audit-trail rule on hand-written documents: a change that widens who may delete or
update the items of a table tagged ``DataClass = audit`` is a finding with its fix; narrowing,
equivalent rewrites and other tables are not. (tests/unit/test_audit_trail.py runs the rule on the
app's real stacks.)"""

from __future__ import annotations

import copy
import json
from typing import Any

from dynamo_constructs.review import LossKind, Report, render, review_documents

import pytest

from tests.review.docs import Doc, edit, stack, table

TABLE_ARN = "${aws_dynamodb_table.audit.arn}"
BREAK_GLASS = "arn:aws:iam::123456789012:role/ops/break-glass"
REPLICATION = "arn:aws:iam::*:role/aws-service-role/replication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBReplication"
PROTECTED = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLUpdate",
             "dynamodb:UpdateItem"]
POLICY = "aws_dynamodb_resource_policy.audit_policy"
GRANT = "aws_iam_policy.append"


def deny(actions: list[str] = PROTECTED, admins: list[str] = [BREAK_GLASS], **extra: Any) -> dict[str, Any]:  # noqa: B006
    conditions: dict[str, Any] = {"ArnNotEquals": {"aws:PrincipalArn": admins}} if admins else {}
    conditions["ArnNotLike"] = {"aws:PrincipalArn": REPLICATION}
    return {"Sid": "AuditAppendOnly", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": actions,
            "Resource": [TABLE_ARN, f"{TABLE_ARN}/index/*"], "Condition": conditions, **extra}


def allow(actions: list[str], resources: list[str] | None = None) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": actions, "Resource": resources or [TABLE_ARN, f"{TABLE_ARN}/index/*"]}


def document(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def audit_stack(statements: list[dict[str, Any]] | None = None, grant: list[str] | None = None,
                tags: dict[str, str] | None = None) -> Doc:
    """An audit table (and a jobs table), the deny, and an append grant attached to role ``app``."""
    return stack(
        aws_dynamodb_table={"audit": table("audit-trail", tags={"DataClass": "audit"} if tags is None else tags),
                            "jobs": table("jobs")},
        aws_dynamodb_resource_policy={"audit_policy": {"resource_arn": TABLE_ARN,
                                                       "policy": document(*(statements or [deny()]))}},
        aws_iam_policy={"append": {"name": "audit-append", "policy": document(
            allow(grant or ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem"]))}},
        aws_iam_role_policy_attachment={"append_app": {"role": "app", "policy_arn": "${aws_iam_policy.append.arn}"}},
    )


BASE = audit_stack()


def findings(report: Report) -> dict[str, list[str]]:
    """Address -> the texts of its audit findings, each followed by its fix line (``Fix: ...``)."""
    return {c.address: [f"{loss.text} Fix: {loss.fix}" for loss in c.losses if loss.kind is LossKind.AUDIT_OPENED]
            for c in report.changes if any(loss.kind is LossKind.AUDIT_OPENED for loss in c.losses)}


def review(after: Doc, before: Doc = BASE) -> dict[str, list[str]]:
    return findings(review_documents(before, after))


# ----- what is a finding ------------------------------------------------------------------


def test_a_broader_grant_on_the_audit_table_is_a_finding_with_its_fix() -> None:
    report = review_documents(BASE, audit_stack(grant=["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"]))
    found = findings(report)
    assert list(found) == [GRANT]
    [text] = found[GRANT]
    assert text.startswith(f"{GRANT} now lets role app DeleteItem, UpdateItem on audit table aws_dynamodb_table.audit "
                           "(the table's deny still blocks it today).")
    assert "Fix: grant writers grant_append(...)" in text
    assert report.data_loss and "audit trail opened to deletes or updates (1)" in render(report)


@pytest.mark.parametrize("grant", [["dynamodb:*"], ["dynamodb:*Item"], ["*"], ["dynamodb:batchwrite*"]])
def test_wildcards_are_read_as_iam_reads_them(grant: list[str]) -> None:
    assert GRANT in review(audit_stack(grant=grant))


def test_not_action_and_every_kind_of_grant_count() -> None:
    after = edit(BASE, "aws_iam_role_policy.ops", {"role": "ops", "policy": document(
        {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"})})
    after = edit(after, "aws_iam_role_policy_attachment.admin",
                 {"role": "ci", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"})
    after = edit(after, "aws_iam_role.worker", {"name": "worker", "inline_policy": [
        {"name": "audit", "policy": document(allow(["dynamodb:PartiQLDelete"]))}]})
    after = edit(after, "aws_iam_policy.loose", {"policy": document(allow(
        ["dynamodb:UpdateItem"], ["arn:aws:dynamodb:*:*:table/audit-*"]))})
    found = review(after)
    assert "role ops BatchWriteItem, DeleteItem, PartiQLDelete, PartiQLUpdate, UpdateItem" in found[
        "aws_iam_role_policy.ops"][0]
    assert "role ci (through arn:aws:iam::aws:policy/AdministratorAccess)" in found[
        "aws_iam_role_policy_attachment.admin"][0]
    assert "role worker PartiQLDelete" in found["aws_iam_role.worker"][0]
    assert "unattached aws_iam_policy.loose UpdateItem" in found["aws_iam_policy.loose"][0]


def test_a_resource_policy_allow_counts_and_says_when_no_deny_stops_it() -> None:
    statements = [{"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                   "Action": ["dynamodb:DeleteItem"], "Resource": TABLE_ARN}]
    found = review(audit_stack([deny(), *statements]))
    assert "principal arn:aws:iam::111122223333:root DeleteItem" in found[POLICY][0]
    assert "(the table's deny still blocks it today)" in found[POLICY][0]
    exempted = review(audit_stack([deny(admins=[BREAK_GLASS, "arn:aws:iam::111122223333:root"]), *statements]))
    assert any("(no deny on the table stops it)" in text for text in exempted[POLICY])


def test_removing_the_deny_is_a_finding_on_the_destroyed_policy() -> None:
    after = edit(BASE, "aws_dynamodb_resource_policy", None)
    report = review_documents(BASE, after)
    [text] = findings(report)[POLICY]
    assert text.startswith("the deny of BatchWriteItem, DeleteItem, PartiQLDelete, PartiQLUpdate, UpdateItem on audit "
                           f"table aws_dynamodb_table.audit ({POLICY}) is removed")
    assert "Fix: keep AuditTrail's append_only=True" in text
    assert report.by_address()[POLICY].action.value == "destroy"


def test_a_deny_narrowed_or_made_conditional_is_weakened() -> None:
    narrowed = review(audit_stack([deny(actions=["dynamodb:UpdateItem", "dynamodb:PartiQLUpdate"])]))
    assert narrowed[POLICY][0].startswith("the deny of BatchWriteItem, DeleteItem, PartiQLDelete on audit table")
    conditional = deny()
    conditional["Condition"]["StringEquals"] = {"aws:SourceVpc": "vpc-1"}
    assert "now applies only under a condition" in review(audit_stack([conditional]))[POLICY][0]
    index_only = deny()
    index_only["Resource"] = [f"{TABLE_ARN}/index/*"]
    assert "is removed" in review(audit_stack([index_only]))[POLICY][0]
    to_one_role = deny()
    to_one_role["Principal"] = {"AWS": "arn:aws:iam::123456789012:role/app"}
    assert "is removed" in review(audit_stack([to_one_role]))[POLICY][0]


def test_a_new_break_glass_principal_is_a_finding() -> None:
    new = "arn:aws:iam::123456789012:role/contractor"
    [text] = review(audit_stack([deny(admins=[BREAK_GLASS, new])]))[POLICY]
    assert text.startswith(f"{POLICY} adds {new} to the principals its deny lets BatchWriteItem, DeleteItem, "
                           "PartiQLDelete, PartiQLUpdate, UpdateItem on audit table aws_dynamodb_table.audit")
    assert "Fix: name a break-glass principal only with the compliance owner's approval" in text
    widened = review(audit_stack([deny(admins=["arn:aws:iam::123456789012:role/*"])]))[POLICY][0]
    assert "adds arn:aws:iam::123456789012:role/*" in widened


def test_removing_the_audit_tag_does_not_hide_the_change() -> None:
    found = review(edit(audit_stack(tags={}), "aws_dynamodb_resource_policy", None))
    assert "the DataClass = audit tag is removed from aws_dynamodb_table.audit" in found["aws_dynamodb_table.audit"][0]
    assert "is removed" in found[POLICY][0]


def test_provider_default_tags_mark_an_audit_table() -> None:
    before = audit_stack(tags={})
    before["provider"]["aws"][0]["default_tags"] = [{"tags": {"DataClass": "audit"}}]
    after = copy.deepcopy(before)
    after["resource"]["aws_iam_policy"]["append"]["policy"] = document(allow(["dynamodb:DeleteItem"]))
    assert GRANT in review(after, before)


# ----- what is not ------------------------------------------------------------------------


def test_narrowing_equivalent_rewrites_and_other_tables_are_not_findings() -> None:
    read_write = audit_stack(grant=["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"])
    assert review(BASE, before=read_write) == {}  # narrowing the grant
    assert review(audit_stack([deny(admins=[])])) == {}  # fewer break-glass principals
    not_principal = {"Effect": "Deny", "NotPrincipal": {"AWS": [BREAK_GLASS, REPLICATION]}, "Action": "dynamodb:*Item",
                     "Resource": [TABLE_ARN]}
    assert review(audit_stack([not_principal, deny(actions=["dynamodb:Partiql*"])])) == {}  # same guard, other words
    jobs = edit(BASE, "aws_iam_policy.jobs", {"policy": document(allow(["dynamodb:*"], ["${aws_dynamodb_table.jobs.arn}"]))})
    assert review(jobs) == {}
    index_only = edit(BASE, "aws_iam_policy.index", {"policy": document(allow(["dynamodb:*"], [f"{TABLE_ARN}/index/*"]))})
    assert review(index_only) == {}
    stream = edit(BASE, "aws_iam_policy.stream", {"policy": document(allow(
        ["dynamodb:*"], ["${aws_dynamodb_table.audit.stream_arn}"]))})
    assert review(stream) == {}
    assert review(audit_stack(tags={}), before=audit_stack(tags={})) == {}


def test_a_new_audit_table_and_moved_addresses_are_not_findings() -> None:
    assert review(BASE, before=stack(aws_dynamodb_table={"jobs": table("jobs")})) == {}
    moved = json.loads(json.dumps(BASE).replace("aws_dynamodb_table.audit", "aws_dynamodb_table.trail")
                       .replace("aws_iam_policy.append", "aws_iam_policy.writer"))
    moved["resource"]["aws_dynamodb_table"]["trail"] = moved["resource"]["aws_dynamodb_table"].pop("audit")
    moved["resource"]["aws_iam_policy"]["writer"] = moved["resource"]["aws_iam_policy"].pop("append")
    moved["moved"] = [{"from": "aws_dynamodb_table.audit", "to": "aws_dynamodb_table.trail"},
                      {"from": "aws_iam_policy.append", "to": "aws_iam_policy.writer"}]
    report = review_documents(BASE, moved)
    assert report.by_address()["aws_dynamodb_table.trail"].action.value == "move"
    assert findings(report) == {}


def test_a_replicas_deny_and_grants_on_a_replica_count() -> None:
    replica_arn = "${aws_dynamodb_table_replica.west.arn}"
    replica_deny = deny()
    replica_deny["Resource"] = [replica_arn, f"{replica_arn}/index/*"]
    before = edit(BASE, "aws_dynamodb_table_replica.west", {"global_table_arn": TABLE_ARN, "provider": "aws.west"})
    before = edit(before, "aws_dynamodb_resource_policy.west_policy",
                  {"resource_arn": replica_arn, "policy": document(replica_deny), "provider": "aws.west"})
    gone = review(edit(before, "aws_dynamodb_resource_policy.west_policy", None), before)
    assert list(gone) == ["aws_dynamodb_resource_policy.west_policy"] and "is removed" in gone[
        "aws_dynamodb_resource_policy.west_policy"][0]
    granted = review(edit(before, "aws_iam_policy.west", {"policy": document(allow(["dynamodb:DeleteItem"], [replica_arn]))}),
                     before)
    assert "unattached aws_iam_policy.west DeleteItem on audit table aws_dynamodb_table.audit" in granted[
        "aws_iam_policy.west"][0]
