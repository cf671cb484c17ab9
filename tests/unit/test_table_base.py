"""``TableBase`` facts for consumers, on a table another stack owns (grants: test_access,
resource policies: test_resource_policy, metrics: test_metrics)."""

from __future__ import annotations

from dynamo_constructs import Attribute, Table, TableConfigError
from dynamo_constructs.table_base import consumer_provider

import pytest

from tests.support.helpers import new_stack

ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/ledger"


def test_an_existing_table_gives_what_grants_need() -> None:
    ledger = Table.from_table_arn(new_stack(), "ledger", ARN, index_names=["ByDay"],
                                  kms_key_arns=["arn:aws:kms:eu-west-1:123456789012:key/k"], provisioned=True)
    resources = ledger.access_resources()
    assert (resources.table_arns, resources.has_indexes, resources.stream_arn, resources.kms_key_arns) == (
        (ARN,), True, None, ("arn:aws:kms:eu-west-1:123456789012:key/k",))
    assert (ledger.is_provisioned, ledger.schema, ledger.name_reference, ledger.arn_reference) == (True, None, "ledger", ARN)
    assert ledger.resource_policy is None and ledger.stream_resource_policy is None


def test_metrics_name_only_the_tables_indexes_and_replica_regions() -> None:
    ledger = Table.from_table_arn(new_stack(), "ledger", ARN, index_names=["ByDay"])
    assert dict(ledger.metric_read_throttle_events(index="ByDay").dimensions)["GlobalSecondaryIndexName"] == "ByDay"
    with pytest.raises(TableConfigError) as caught:
        ledger.metric_read_throttle_events(index="ByMonth")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/ledger", "index", "ByMonth")
    assert "ByDay" in caught.value.accepted


def test_consumers_take_a_table_and_its_provider() -> None:
    stack = new_stack()
    orders = Table(stack, "orders", partition_key=Attribute.string("pk"))
    assert consumer_provider(orders, None) is None
    with pytest.raises(TableConfigError) as caught:
        consumer_provider("orders", None)  # type: ignore[arg-type]
    assert caught.value.field == "table" and "Table.from_table_name" in caught.value.accepted
