"""``Table(..., adopt_existing=True)``: an import block, with the provider's import ID, for every
resource the table renders; what no import could find is refused at synth."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    PolicyStatement,
    Principal,
    Replica,
    Table,
    TableConfigError,
    TableEncryption,
    replica_provider,
)

import pytest

from tests.support.helpers import new_stack, resources, synth

PK = Attribute.string("pk")
ACCOUNT = "${data.aws_caller_identity.caller_identity.account_id}"
WEST_KEY = "arn:aws:kms:us-west-2:123456789012:key/west"
WEST_STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/orders-west"


def _imports(doc: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """address -> (import ID, provider)."""
    return {block["to"]: (block["id"], block.get("provider")) for block in doc.get("import", [])}


def _address(doc: dict[str, Any], kind: str, suffix: str) -> str:
    found = [name for name in resources(doc, kind) if name.startswith(suffix)]
    assert len(found) == 1, (kind, suffix, sorted(resources(doc, kind)))
    return f"{kind}.{found[0]}"


def test_every_resource_of_an_adopted_table_is_imported_by_its_provider_id() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    auto = Capacity.autoscaled(minimum=5, maximum=50, policy_name="legacy-read-policy")
    orders = Table(stack, "orders", table_name="orders", partition_key=PK, contributor_insights=True,
                   billing=Billing.provisioned(read_capacity=auto, write_capacity=Capacity.autoscaled(minimum=1, maximum=9)),
                   global_indexes=[GlobalSecondaryIndex(name="ByG", partition_key=Attribute.string("g"),
                                                        read_capacity=Capacity.fixed(3),
                                                        contributor_insights=True)],
                   replicas=[Replica(region="us-west-2", provider=west, contributor_insights=True,
                                     index_contributor_insights={"ByG": True}, kinesis_stream_arn=WEST_STREAM)],
                   adopt_existing=True)
    orders.add_to_resource_policy(PolicyStatement(principals=[Principal.account("111122223333")],
                                                  actions=["dynamodb:GetItem"]))
    doc = synth(stack)
    imports = _imports(doc)
    expected = {
        _address(doc, "aws_dynamodb_table", "orders_table"): ("orders", None),
        _address(doc, "aws_dynamodb_table_replica", "orders_replica_us_west_2"): ("orders:us-east-1", "aws.us_west_2"),
        _address(doc, "aws_appautoscaling_target", "orders_autoscaling_table_read_target"): (
            "dynamodb/table/orders/dynamodb:table:ReadCapacityUnits", None),
        _address(doc, "aws_appautoscaling_policy", "orders_autoscaling_table_read_policy"): (
            "dynamodb/table/orders/dynamodb:table:ReadCapacityUnits/legacy-read-policy", None),
        _address(doc, "aws_appautoscaling_target", "orders_autoscaling_us_west_2_table_write_target"): (
            "dynamodb/table/orders/dynamodb:table:WriteCapacityUnits", "aws.us_west_2"),
        _address(doc, "aws_dynamodb_contributor_insights", "orders_insights_ByG"): (f"name:orders/index:ByG/{ACCOUNT}", None),
        # The replica's own insights and Kinesis destination, read through its Region's provider.
        _address(doc, "aws_dynamodb_contributor_insights", "orders_replica_us_west_2_insights_ByG"): (
            f"name:orders/index:ByG/{ACCOUNT}", "aws.us_west_2"),
        _address(doc, "aws_dynamodb_kinesis_streaming_destination", "orders_replica_us_west_2_kinesis"): (
            f"orders,{WEST_STREAM}", "aws.us_west_2"),
    }
    for address, value in expected.items():
        assert imports[address] == value
    table_insights = [imports[a] for a in imports if a.startswith("aws_dynamodb_contributor_insights.") and "ByG" not in a]
    assert len(table_insights) == 2 and set(table_insights) == {(f"name:orders/index:/{ACCOUNT}", None),
                                                                (f"name:orders/index:/{ACCOUNT}", "aws.us_west_2")}
    policies = {imports[a] for a in imports if a.startswith("aws_dynamodb_resource_policy.")}
    assert policies == {(f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders", None),
                        (f"arn:aws:dynamodb:us-west-2:{ACCOUNT}:table/orders", "aws.us_west_2")}
    every_resource = {f"{kind}.{name}" for kind, named in doc["resource"].items() for name in named}
    assert set(imports) == every_resource, "everything the table renders is imported, nothing else"
    assert doc["terraform"]["required_version"] == ">= 1.7.0"


def test_a_table_that_is_not_adopted_has_no_import_block() -> None:
    stack = new_stack()
    Table(stack, "orders", partition_key=PK)
    assert "import" not in synth(stack)


@pytest.mark.parametrize(("kwargs", "accepted"), [
    ({"encryption": TableEncryption.customer_managed_key()}, "key_arn=..."),
    ({"retain_previous_key": True}, "retained key"),
])
def test_what_no_import_could_find_is_refused(kwargs: dict[str, Any], accepted: str) -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "orders", partition_key=PK, adopt_existing=True, **kwargs)
    assert (caught.value.path, caught.value.field) == ("test/orders", "adopt_existing")
    assert accepted in caught.value.accepted


def test_items_and_stream_policies_cannot_be_adopted() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, stream="NEW_IMAGE", adopt_existing=True)
    with pytest.raises(TableConfigError) as caught:
        table.add_item("status", {"pk": "x"})
    assert (caught.value.path, caught.value.field) == ("test/orders/status", "item")
    with pytest.raises(TableConfigError) as refused:
        table.add_to_stream_resource_policy(PolicyStatement(principals=[Principal.account("111122223333")],
                                                            actions=["dynamodb:GetRecords"]))
    assert refused.value.field == "adopt_existing" and "after the first apply" in refused.value.accepted


def test_replica_keys_given_make_a_customer_managed_table_adoptable() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    Table(stack, "orders", partition_key=PK, adopt_existing=True,
          encryption=TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/k"),
          replicas=[Replica(region="us-west-2", provider=west, kms_key_arn=WEST_KEY)])
    assert "aws_kms_key" not in synth(stack)["resource"]
