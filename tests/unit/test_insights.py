"""Contributor insights: on/off or a mode, and one resource per table or index that has it."""

from __future__ import annotations

from dynamo_constructs import ContributorInsightsMode, TableConfigError
from dynamo_constructs.insights import add_contributor_insights, check_insights

import pytest

from tests.support.helpers import new_stack, resources, synth


@pytest.mark.parametrize(("value", "expected"), [
    (True, (True, None)), (False, (False, None)),
    ("THROTTLED_KEYS", (True, ContributorInsightsMode.THROTTLED_KEYS)),
    (ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS, (True, ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS)),
])
def test_values(value: object, expected: tuple[bool, ContributorInsightsMode | None]) -> None:
    assert check_insights("contributor_insights", value) == expected


@pytest.mark.parametrize("value", ["ON", 1, None, "throttled_keys"])
def test_anything_else_is_refused(value: object) -> None:
    with pytest.raises(TableConfigError) as caught:
        check_insights("contributor_insights", value, "GlobalSecondaryIndex 'ByX'")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("GlobalSecondaryIndex 'ByX'",
                                                                          "contributor_insights", value)
    assert "THROTTLED_KEYS" in caught.value.accepted


def test_one_resource_per_table_or_index_that_has_it_on() -> None:
    stack = new_stack()
    add_contributor_insights(stack, "orders", table_insights=(True, None),
                             index_insights=[("ByA", (True, ContributorInsightsMode.THROTTLED_KEYS)), ("ByB", (False, None))],
                             provider=None)
    found = [(r["table_name"], r.get("index_name"), r.get("mode"))
             for r in resources(synth(stack), "aws_dynamodb_contributor_insights").values()]
    assert found == [("orders", None, None), ("orders", "ByA", "THROTTLED_KEYS")]
