"""``WarmThroughput``: what a table or index serves instantly (its rules: test_newer_features)."""

from __future__ import annotations

from dynamo_constructs import TableConfigError, WarmThroughput
from dynamo_constructs.warm import MIN_READ_UNITS, check_warm_throughput

import pytest


def test_only_the_given_sides_are_rendered() -> None:
    assert WarmThroughput(read_units_per_second=MIN_READ_UNITS + 1)._render() == {"read_units_per_second": 12_001}
    assert WarmThroughput(write_units_per_second=9_000)._render() == {"write_units_per_second": 9_000}


@pytest.mark.parametrize("value", [20_000, {"read_units_per_second": 20_000}, "fast"])
def test_anything_but_a_warm_throughput_is_refused(value: object) -> None:
    assert check_warm_throughput("warm_throughput", None) is None
    with pytest.raises(TableConfigError) as caught:
        check_warm_throughput("warm_throughput", value, "GlobalSecondaryIndex 'ByX'")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("GlobalSecondaryIndex 'ByX'", "warm_throughput", value)
    assert "WarmThroughput(" in caught.value.accepted
