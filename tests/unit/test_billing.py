"""Billing and Capacity: closed value objects, validated when made, rendering themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dynamo_constructs import Billing, Capacity, TableConfigError

import pytest


def error_of(make: Callable[[], Any]) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        make()
    assert isinstance(caught.value, ValueError)
    return caught.value


CASES: list[tuple[str, Callable[[], Any], str, str, Any, str]] = [
    # id, call, where, field, value, fragment of the accepted text
    ("fixed below 1", lambda: Capacity.fixed(0), "Capacity.fixed", "units", 0, "integer >= 1"),
    ("fixed not an int", lambda: Capacity.fixed("5"), "Capacity.fixed", "units", "5", "integer >= 1"),  # type: ignore[arg-type]
    ("fixed bool", lambda: Capacity.fixed(True), "Capacity.fixed", "units", True, "integer >= 1"),
    ("autoscaled without minimum", lambda: Capacity.autoscaled(maximum=5), "Capacity.autoscaled", "minimum", None,
     "lowest capacity"),
    ("autoscaled without maximum", lambda: Capacity.autoscaled(minimum=5), "Capacity.autoscaled", "maximum", None,
     "highest capacity"),
    ("min above max", lambda: Capacity.autoscaled(minimum=10, maximum=5), "Capacity.autoscaled", "minimum", 10,
     "<= maximum (5)"),
    ("target below 20", lambda: Capacity.autoscaled(minimum=1, maximum=5, target_utilization=10),
     "Capacity.autoscaled", "target_utilization", 10, "from 20 to 90"),
    ("target above 90", lambda: Capacity.autoscaled(minimum=1, maximum=5, target_utilization=95),
     "Capacity.autoscaled", "target_utilization", 95, "from 20 to 90"),
    ("seed outside", lambda: Capacity.autoscaled(minimum=2, maximum=5, seed=9), "Capacity.autoscaled", "seed", 9,
     "from 2 to 5"),
    ("negative cooldown", lambda: Capacity.autoscaled(minimum=1, maximum=5, scale_in_cooldown=-1),
     "Capacity.autoscaled", "scale_in_cooldown", -1, ">= 0"),
    ("float minimum", lambda: Capacity.autoscaled(minimum=1.5, maximum=5), "Capacity.autoscaled", "minimum", 1.5,  # type: ignore[arg-type]
     "integer >= 1"),
    ("provisioned without capacity", lambda: Billing.provisioned(), "Billing.provisioned", "read_capacity", None,
     "Capacity.fixed(units)"),
    ("provisioned with a number", lambda: Billing.provisioned(read_capacity=5, write_capacity=Capacity.fixed(1)),  # type: ignore[arg-type]
     "Billing.provisioned", "read_capacity", 5, "Capacity.autoscaled"),
    ("on-demand cap below 1", lambda: Billing.on_demand(max_write_request_units=0), "Billing.on_demand",
     "max_write_request_units", 0, ">= 1"),
    ("on-demand cap below -1", lambda: Billing.on_demand(max_read_request_units=-2), "Billing.on_demand",
     "max_read_request_units", -2, ">= 1"),
    ("Capacity() directly", lambda: Capacity(), "Capacity", "constructor", "Capacity(...)", "Capacity.fixed"),
    ("Billing() directly", lambda: Billing(mode="PROVISIONED"), "Billing", "constructor", "Billing(...)",
     "Billing.on_demand"),
]


@pytest.mark.parametrize(("make", "where", "field", "value", "accepted"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule(make: Callable[[], Any], where: str, field: str, value: Any, accepted: str) -> None:
    error = error_of(make)
    assert (error.path, error.field, error.value) == (where, field, value)
    assert accepted in error.accepted
    assert str(error).startswith(f"{where}: invalid {field}=")


def test_fixed_and_autoscaled_capacity() -> None:
    fixed = Capacity.fixed(7)
    auto = Capacity.autoscaled(minimum=5, maximum=100)
    seeded = Capacity.autoscaled(minimum=5, maximum=100, seed=40)
    assert (fixed.initial_units, fixed.is_autoscaled) == (7, False)
    assert (auto.initial_units, auto.is_autoscaled) == (5, True)
    assert seeded.initial_units == 40
    assert Capacity.fixed(7) == fixed and auto != seeded


def test_boundaries_are_accepted() -> None:
    Capacity.autoscaled(minimum=1, maximum=1, target_utilization=20, seed=1, scale_in_cooldown=0)
    Capacity.autoscaled(minimum=1, maximum=2, target_utilization=90)
    Billing.on_demand(max_read_request_units=1, max_write_request_units=1)
    Billing.on_demand(max_read_request_units=Billing.UNLIMITED)  # -1: removes a cap (one apply)


def test_billing_renders_its_table_arguments() -> None:
    assert Billing.on_demand()._render() == {"billing_mode": "PAY_PER_REQUEST"}
    assert Billing.on_demand(max_read_request_units=10)._render() == {
        "billing_mode": "PAY_PER_REQUEST", "on_demand_throughput": {"max_read_request_units": 10}}
    provisioned = Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=3, maximum=9, seed=4),
                                      write_capacity=Capacity.fixed(2))
    assert provisioned._render() == {"billing_mode": "PROVISIONED", "read_capacity": 4, "write_capacity": 2}
    assert (provisioned.mode, provisioned.is_provisioned, Billing.on_demand().is_provisioned) == (
        "PROVISIONED", True, False)
