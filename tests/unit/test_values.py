"""Closed values: made only through their named constructors, printed as the call that made them."""

from __future__ import annotations

from dynamo_constructs import Billing, Capacity, Projection, TableConfigError, TableEncryption, TableSource

import pytest


@pytest.mark.parametrize(("cls", "constructors"), [
    (Billing, "Billing.on_demand(...)"), (Capacity, "Capacity.fixed(units)"), (Projection, "Projection.all()"),
    (TableEncryption, "TableEncryption.aws_owned()"), (TableSource, "TableSource.point_in_time(...)")])
def test_a_closed_value_cannot_be_made_directly(cls: type, constructors: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        cls()
    assert (caught.value.path, caught.value.field) == (cls.__name__, "constructor")
    assert constructors in caught.value.accepted


def test_values_print_as_the_call_that_made_them_and_answer_questions() -> None:
    auto = Capacity.autoscaled(minimum=1, maximum=9)
    assert repr(Billing.on_demand(max_read_request_units=5)) == "Billing.on_demand(max_read_request_units=5)"
    assert repr(Capacity.fixed(3)) == "Capacity.fixed(3)"
    assert (auto.autoscaling, Capacity.fixed(3).autoscaling) == (auto, None)
    assert Billing.provisioned(read_capacity=auto, write_capacity=Capacity.fixed(3)).capacities == (auto, Capacity.fixed(3))
    assert Billing.on_demand().capacities is None
    created = TableEncryption.customer_managed_key(deletion_window_in_days=7, alias="alias/k")
    assert (created.creates_key, created.key_deletion_window, created.key_alias) == (True, 7, "alias/k")
    assert (TableEncryption.aws_owned().key_deletion_window, TableEncryption.aws_owned().key_alias) == (30, None)
