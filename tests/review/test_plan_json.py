"""``plan``: terraform's plan JSON in the review's vocabulary, with the same data-loss rules."""

from __future__ import annotations

from typing import Any

from dynamo_constructs.review import Action, InputError, LossKind, review_plan
from dynamo_constructs.review.plan_json import action_of, with_unknowns
from dynamo_constructs.review.values import UNKNOWN

import pytest


def entry(address: str, actions: list[str], before: dict[str, Any] | None = None,
          after: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    change = {"actions": actions, "before": before, "after": after, "after_unknown": extra.pop("after_unknown", {})}
    change.update(extra.pop("change", {}))
    return {"address": address, "mode": "managed", "type": address.split(".", maxsplit=1)[0], "name": address.split(".")[1],
            "change": change, **extra}


def plan(*changes: dict[str, Any], drift: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"format_version": "1.2", "resource_changes": list(changes), "resource_drift": drift or []}


@pytest.mark.parametrize(("actions", "extra", "expected"), [
    (["no-op"], {}, Action.NO_OP),
    (["no-op"], {"previous_address": "aws_x.old"}, Action.MOVE),
    (["update"], {"previous_address": "aws_x.old"}, Action.UPDATE),
    (["create"], {}, Action.CREATE),
    (["update"], {}, Action.UPDATE),
    (["delete", "create"], {}, Action.REPLACE),
    (["create", "delete"], {}, Action.REPLACE),
    (["delete"], {}, Action.DESTROY),
    (["forget"], {}, Action.FORGET),
])
def test_actions_map_to_the_review_vocabulary(actions: list[str], extra: dict[str, Any], expected: Action) -> None:
    assert action_of(entry("aws_x.a", actions, **extra)) is expected


def test_unknown_values_are_marked() -> None:
    after = {"arn": None, "name": "t", "sse": [{"kms_key_arn": None}]}
    merged = with_unknowns(after, {"arn": True, "sse": [{"kms_key_arn": True}]})
    assert merged == {"arn": UNKNOWN, "name": "t", "sse": [{"kms_key_arn": UNKNOWN}]}


def test_reasons_name_replace_paths_moves_and_imports() -> None:
    report = review_plan(plan(
        entry("aws_dynamodb_table.t", ["delete", "create"], {"name": "a", "arn": "x"}, {"name": "b"},
              action_reason="replace_because_cannot_update", change={"replace_paths": [["name"]]},
              after_unknown={"arn": True}),
        entry("aws_dynamodb_table.u", ["no-op"], {"name": "u"}, {"name": "u"}, previous_address="aws_dynamodb_table.o"),
        entry("aws_dynamodb_table.v", ["no-op"], {"name": "v"}, {"name": "v"}, change={"importing": {"id": "v"}}),
    ))
    changes = report.by_address()
    assert changes["aws_dynamodb_table.t"].reasons[0] == 'name: "a" -> "b" forces replacement'
    assert changes["aws_dynamodb_table.t"].losses[0].kind is LossKind.TABLE_REPLACED
    assert changes["aws_dynamodb_table.u"].action is Action.MOVE
    assert changes["aws_dynamodb_table.u"].reasons == ["moved from aws_dynamodb_table.o"]
    assert changes["aws_dynamodb_table.v"].reasons == ["imported (id 'v')"]
    assert not changes["aws_dynamodb_table.v"].data_loss and not changes["aws_dynamodb_table.u"].data_loss


def test_a_replica_deleted_outside_terraform_is_not_a_routine_create() -> None:
    address = "aws_dynamodb_table_replica.r"
    report = review_plan(plan(entry(address, ["create"], None, {"global_table_arn": "arn"}),
                              drift=[entry(address, ["delete"], {"global_table_arn": "arn"}, None)]))
    (change,) = report.changes
    assert change.action is Action.CREATE and change.data_loss
    assert change.losses[0].kind is LossKind.DELETED_OUTSIDE
    assert "restore it from a backup or PITR instead" in change.reasons[0]


def test_drift_on_other_resources_is_reported_without_data_loss() -> None:
    report = review_plan(plan(entry("aws_sns_topic.t", ["create"], None, {"name": "t"}),
                              drift=[entry("aws_sns_topic.t", ["delete"], {"name": "t"}, None)]))
    assert report.changes[0].reasons[0] == "deleted outside Terraform" and not report.data_loss


def test_a_deleted_key_is_matched_to_its_table_by_arn() -> None:
    arn = "arn:aws:kms:us-east-1:1:key/k"
    table = {"name": "t", "arn": "arn:aws:dynamodb:us-east-1:1:table/t",
             "server_side_encryption": [{"enabled": True, "kms_key_arn": arn}]}
    report = review_plan(plan(entry("aws_dynamodb_table.t", ["no-op"], table, table),
                              entry("aws_kms_key.k", ["delete"], {"arn": arn}, None)))
    assert {loss.kind for loss in report.by_address()["aws_kms_key.k"].losses} == {LossKind.KEY_DELETED}
    other = review_plan(plan(entry("aws_kms_key.k", ["delete"], {"arn": arn}, None)))
    assert not other.data_loss


def test_pitr_shortened_in_a_plan() -> None:
    before = {"point_in_time_recovery": [{"enabled": True, "recovery_period_in_days": 35}]}
    after = {"point_in_time_recovery": [{"enabled": True, "recovery_period_in_days": 7}]}
    report = review_plan(plan(entry("aws_dynamodb_table.t", ["update"], before, after)))
    assert report.changes[0].losses[0].kind is LossKind.PITR_SHORTENED
    assert "point_in_time_recovery: " in report.changes[0].reasons[0]


def test_data_sources_are_left_out_and_bad_input_is_refused() -> None:
    data = {**entry("data.aws_partition.p", ["read"]), "mode": "data"}
    assert review_plan(plan(data)).changes == []
    with pytest.raises(InputError):
        review_plan({"resources": []})
