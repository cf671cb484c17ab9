"""table_outputs: the outputs a consumer of a table needs, and the rules on its arguments."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import Attribute, Table, TableConfigError, TableEncryption, table_outputs

import pytest

from tests.support.helpers import new_stack, synth


def test_outputs_for_what_the_table_has() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"), stream="NEW_IMAGE",
                  encryption=TableEncryption.customer_managed_key())
    table_outputs(stack, "orders", table)
    plain = Table(stack, "plain", partition_key=Attribute.string("pk"))
    table_outputs(stack, "plain", plain)
    outputs = synth(stack)["output"]
    assert {name for name in outputs if name.startswith("orders_")} == {
        "orders_table_name", "orders_table_arn", "orders_stream_arn", "orders_kms_key_arn"}
    assert {name for name in outputs if name.startswith("plain_")} == {"plain_table_name", "plain_table_arn"}


@pytest.mark.parametrize(("kwargs", "field", "value", "accepted"), [
    ({"prefix": "orders outputs"}, "prefix", "orders outputs", "a Terraform name"),
    ({"prefix": "1orders"}, "prefix", "1orders", "a Terraform name"),
    ({"prefix": "orders\n"}, "prefix", "orders\n", "a Terraform name"),
    ({"table": "orders"}, "table", "orders", "a Table this stack creates"),
])
def test_output_rules(kwargs: dict[str, Any], field: str, value: Any, accepted: str) -> None:
    stack = new_stack()
    args: dict[str, Any] = {"prefix": "orders", "table": Table(stack, "orders", partition_key=Attribute.string("pk")),
                            **kwargs}
    with pytest.raises(TableConfigError) as caught:
        table_outputs(stack, **args)
    assert (caught.value.path, caught.value.field, caught.value.value) == ("table_outputs", field, value)
    assert accepted in caught.value.accepted


def test_a_table_another_stack_owns_has_no_outputs_here() -> None:
    stack = new_stack()
    ledger = Table.from_table_name(stack, "ledger", "ledger")
    with pytest.raises(TableConfigError) as caught:
        table_outputs(stack, "ledger", ledger)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.accepted) == ("table", "expected a Table this stack creates")
