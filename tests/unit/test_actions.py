"""DynamoDB's IAM action names: what a grant or a policy may name (more cases: test_resource_policy)."""

from __future__ import annotations

from dynamo_constructs import TableConfigError
from dynamo_constructs.actions import ITEM_ACTIONS, STREAM_ACTIONS, TABLE_ACTIONS, check_actions, qualified

import pytest


def test_checked_actions_come_back_in_order() -> None:
    assert check_actions("actions", ["dynamodb:Query", "dynamodb:GetItem"], ITEM_ACTIONS, what="a grant",
                         accepted="item actions") == ("dynamodb:Query", "dynamodb:GetItem")
    assert qualified(["GetItem"]) == ["dynamodb:GetItem"]


def test_the_sets_do_not_overlap() -> None:
    assert not (ITEM_ACTIONS & TABLE_ACTIONS) and not (ITEM_ACTIONS & STREAM_ACTIONS) and not (TABLE_ACTIONS & STREAM_ACTIONS)


@pytest.mark.parametrize(("actions", "accepted"), [
    (["dynamodb:DescribeStream"], "a table policy accepts"),
    (["dynamodb:CreateTable"], "a table policy accepts"),
    ([7], "'dynamodb:' prefix"),
])
def test_a_known_action_outside_the_allowed_set_is_refused(actions: list[object], accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        check_actions("actions", actions, TABLE_ACTIONS | ITEM_ACTIONS, what="a table policy", accepted="table actions",
                      where="PolicyStatement")
    assert (caught.value.path, caught.value.field) == ("PolicyStatement", "actions[0]") and accepted in caught.value.accepted
