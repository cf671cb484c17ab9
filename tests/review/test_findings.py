"""Refusals, fixes and readable reasons on hand-written documents: what Terraform or AWS refuses, the
library's way around each finding, a provider whose region changes, replicas a table stops
ignoring, policies compared as documents, expressions described in words."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs.review import FailureKind, LossKind, Report, review_documents, review_plan
from dynamo_constructs.review.refusals import attribute_errors

from tests.review.docs import stack, table, with_table

T = "aws_dynamodb_table.t"
GSI = {"name": "ByStatus", "hash_key": "status", "projection_type": "ALL", "read_capacity": 5, "write_capacity": 5}
SCALED = {"billing_mode": "PROVISIONED", "read_capacity": 5, "write_capacity": 5,
          "lifecycle": {"ignore_changes": ["read_capacity", "write_capacity", "global_secondary_index"]}}
ATTRS = [{"name": "pk", "type": "S"}, {"name": "status", "type": "S"}]


def change(report: Report, address: str = T) -> Any:
    return report.by_address()[address]


# ----- the provider's attribute check under ignore_changes --------------------------------------


def test_the_attribute_check_prints_the_providers_message() -> None:
    table_args = {"hash_key": "pk", "attribute": [{"name": "pk"}, {"name": "b"}, {"name": "a"}],
                  "global_secondary_index": [{"name": "x", "hash_key": "c", "range_key": "d"}]}
    assert attribute_errors(table_args) == ['all attributes must be indexed. Unused attributes: ["a" "b"]',
                                            'all indexes must match a defined attribute. Unmatched indexes: ["c" "d"]']
    assert attribute_errors({"hash_key": "pk", "attribute": [{"name": "pk"}]}) == []


def test_an_index_removed_under_ignore_changes_fails_and_names_the_flag() -> None:
    two = [GSI, {**GSI, "name": "ByUser", "hash_key": "user"}]
    before = with_table(**SCALED, global_secondary_index=two, attribute=[*ATTRS, {"name": "user", "type": "S"}])
    after = with_table(**SCALED, global_secondary_index=two[1:], attribute=[ATTRS[0], {"name": "user", "type": "S"}])
    report = review_documents(before, after)
    (failure,) = change(report).failures
    assert failure.kind is FailureKind.PLAN
    assert failure.text.startswith('all indexes must match a defined attribute. Unmatched indexes: ["status"]')
    assert "leave index_maintenance on (the default)" in failure.fix and not report.data_loss


def test_a_new_table_is_checked_as_configured() -> None:
    """No state yet: ignore_changes has nothing to keep, so a consistent new table passes."""
    report = review_documents(stack(), with_table(**SCALED, global_secondary_index=[GSI], attribute=ATTRS))
    assert change(report).action.value == "create" and not report.fails
    broken = review_documents(stack(), with_table(attribute=ATTRS))
    assert [f.fix for f in change(broken).failures] == [
        "define an attribute for each key of the table and its indexes, and no other (Table derives them)"]


def test_an_ignored_index_change_says_it_does_not_reach_aws() -> None:
    before = with_table(**SCALED, global_secondary_index=[GSI], attribute=ATTRS)
    after = with_table(**SCALED, global_secondary_index=[{**GSI, "projection_type": "KEYS_ONLY"}], attribute=ATTRS)
    report = review_documents(before, after)
    assert change(report).action.value == "no-op" and not report.fails
    assert change(report).reasons == ["global_secondary_index: change ignored (lifecycle.ignore_changes): it does not "
                                      "reach AWS; leave index_maintenance on (the Table's default) to let index "
                                      "changes through"]


# ----- apply-time refusals ---------------------------------------------------------------------


def test_destroying_a_protected_table_fails_at_apply_in_both_reviews() -> None:
    report = review_documents(with_table(deletion_protection_enabled=True), stack())
    (failure,) = change(report).failures
    assert failure.kind is FailureKind.APPLY and "AWS refuses DeleteTable" in failure.text
    assert failure.fix.startswith("to delete the table on purpose, apply deletion_protection=False first")
    plan = {"format_version": "1.2", "resource_changes": [
        {"address": T, "mode": "managed", "type": "aws_dynamodb_table",
         "change": {"actions": ["delete"], "before": table(deletion_protection_enabled=True), "after": None}}]}
    planned = review_plan(plan)
    assert planned.fails and planned.data_loss
    assert [f.kind for f in change(planned).failures] == [FailureKind.APPLY]


# ----- fixes ------------------------------------------------------------------------------------


def test_a_table_moved_in_code_without_moved_from_is_told_to_use_it() -> None:
    before = stack(aws_dynamodb_table={"t": {**table(), "//": {"metadata": {"path": "shop/billing/orders/table"}}}})
    after = stack(aws_dynamodb_table={"u": table()})
    (loss,) = change(review_documents(before, after)).losses
    assert loss.kind is LossKind.TABLE_DESTROYED
    assert loss.fix.startswith('the table moved in the code (aws_dynamodb_table.u creates it again, empty): '
                               'Table(..., moved_from="billing/orders") keeps it')


def test_fixes_follow_the_cause_of_a_replacement() -> None:
    keys = [{"name": "pk", "type": "S"}, {"name": "sk", "type": "S"}]
    sorted_table = with_table(range_key="sk", attribute=keys)
    lsi = {"name": "l", "range_key": "lr", "projection_type": "ALL"}
    cases = {
        "a table's keys cannot change in place; do it in two steps": (with_table(), sorted_table),
        "local secondary indexes are made with the table only; do it in two steps": (
            sorted_table, with_table(range_key="sk", attribute=[*keys, {"name": "lr", "type": "S"}],
                                     local_secondary_index=[lsi])),
    }
    for start, (before, after) in cases.items():
        report = review_documents(before, after)
        assert not report.fails and change(report).fixes()[0].startswith(start), change(report).fixes()
    report = review_documents(with_table(), stack())
    assert change(report).fixes() == ["to stop managing the table but keep it: forget(table) for one apply, then "
                                      "delete the code; to delete it on purpose, apply deletion_protection=False and "
                                      "prevent_destroy=False first"]


def test_a_one_step_key_switch_is_told_to_retain_the_key() -> None:
    key = {"aws_kms_key": {"k": {"description": "table key"}}}
    before = stack(aws_dynamodb_table={"t": table(server_side_encryption={"enabled": True,
                                                                            "kms_key_arn": "${aws_kms_key.k.arn}"})},
                   **key)
    after = with_table(server_side_encryption={"enabled": False})
    report = review_documents(before, after)
    assert change(report, "aws_kms_key.k").fixes()[0].startswith("switch keys with retain_previous_key=True")


# ----- a provider whose region changes -----------------------------------------------------------


def test_a_region_change_creates_an_empty_table_and_leaves_global_resources_alone() -> None:
    role = {"name": "reader", "assume_role_policy": json.dumps({"Version": "2012-10-17", "Statement": []})}
    before = stack(aws_dynamodb_table={"t": table()}, aws_iam_role={"r": role})
    after = {**before, "provider": {"aws": [{"region": "eu-west-1"}]}}
    report = review_documents(before, after)
    table_change = change(report)
    assert table_change.action.value == "create" and report.data_loss
    (loss,) = table_change.losses
    assert loss.kind is LossKind.REGION_CHANGED
    assert "creates an EMPTY table orders in eu-west-1" in loss.text
    assert loss.fix.startswith('to move the table to eu-west-1: add Replica(region="eu-west-1") first')
    assert "forget(...)" in loss.fix and "dynamo-constructs migrate" in loss.fix
    assert change(report, "aws_iam_role.r").action.value == "no-op"


def test_a_provider_region_known_only_at_plan_time_is_no_region_change() -> None:
    before = with_table()
    after = {**before, "provider": {"aws": [{"region": "${var.region}"}]}}
    assert change(review_documents(before, after)).action.value == "no-op"


# ----- replicas the table's state holds ----------------------------------------------------------


def replicated(ignore: bool, replica: bool) -> dict[str, Any]:
    body = table(stream_enabled=True, stream_view_type="NEW_AND_OLD_IMAGES",
                 **({"lifecycle": {"ignore_changes": ["replica"]}} if ignore else {}))
    doc = stack(aws_dynamodb_table={"t": body})
    doc["provider"]["aws"].append({"region": "us-west-2", "alias": "us_west_2"})
    if replica:
        doc["resource"]["aws_dynamodb_table_replica"] = {"r": {
            "global_table_arn": "${aws_dynamodb_table.t.arn}", "provider": "aws.us_west_2"}}
    return doc


def test_removing_a_replica_updates_the_table_that_stops_ignoring_replicas() -> None:
    report = review_documents(replicated(ignore=True, replica=True), replicated(ignore=False, replica=False))
    table_change = change(report)
    assert table_change.action.value == "update"
    assert table_change.reasons[0] == 'replica["us-west-2"]: removed'
    assert {loss.kind for loss in table_change.losses} == {LossKind.REPLICA_REMOVED}
    assert change(report, "aws_dynamodb_table_replica.r").action.value == "destroy"
    # while the table keeps ignoring replicas, nothing is planned on it
    still = review_documents(replicated(ignore=True, replica=True), replicated(ignore=True, replica=True))
    assert change(still).action.value == "no-op" and change(still).reasons == []


# ----- readable reasons --------------------------------------------------------------------------


def test_policies_are_compared_as_documents() -> None:
    read = {"Sid": "Read", "Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "arn:aws:dynamodb:t"}
    write = {"Sid": "Write", "Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:t"}
    policy = {"name": "p", "policy": json.dumps({"Version": "2012-10-17", "Statement": [read]})}
    changed = {"name": "p", "policy": json.dumps({"Version": "2012-10-17", "Statement": [
        {**read, "Action": ["dynamodb:GetItem", "dynamodb:Query"]}, write]})}
    report = review_documents(stack(aws_iam_policy={"p": policy}), stack(aws_iam_policy={"p": changed}))
    assert change(report, "aws_iam_policy.p").reasons == [
        'policy: ~ statement Sid Read: Action: ["dynamodb:GetItem"] -> ["dynamodb:GetItem", "dynamodb:Query"]; '
        "+ statement Allow dynamodb:PutItem on arn:aws:dynamodb:t (Sid Write)"]


def test_expressions_read_at_plan_time_are_described() -> None:
    live = ('${max(coalesce(one([for i in try(data.aws_dynamodb_table.t_live[0].global_secondary_index, []) : '
            'i.read_capacity if i.name == "ByStatus"]), 0), 5)}')
    before = with_table(**SCALED, global_secondary_index=[GSI], attribute=ATTRS)
    after = with_table(**{**SCALED, "lifecycle": {"ignore_changes": ["read_capacity", "write_capacity"]}},
                       global_secondary_index=[{**GSI, "read_capacity": live}], attribute=ATTRS)
    reasons = change(review_documents(before, after)).reasons
    assert reasons[0] == ('global_secondary_index["ByStatus"].read_capacity: 5 -> the index\'s live read capacity, '
                          "read at plan time (at least 5)")
    assert not any("${" in reason for reason in reasons)
