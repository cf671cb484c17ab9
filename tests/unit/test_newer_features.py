"""Features newer than hashicorp/aws 5.100: warm throughput, contributor-insights modes, multi-Region
strong consistency with a witness. Each raises the stack's provider floor to the version that has it
(and a stack without them keeps admitting 5.100); their JSON is checked against the arguments the
prebuilt bindings (hashicorp/aws 6.25) encode, since no newer provider binary exists here."""

from __future__ import annotations

import inspect
from typing import Any

from dynamo_constructs import (
    Attribute,
    GlobalSecondaryIndex,
    GlobalTable,
    Replica,
    Table,
    TableConfigError,
    TableEncryption,
    TableSource,
    WarmThroughput,
    replica_provider,
)
from dynamo_constructs._aws import (
    DynamodbContributorInsights,
    DynamodbTable,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTableGlobalTableWitness,
    DynamodbTableReplicaBlock,
    DynamodbTableWarmThroughput,
)
from dynamo_constructs._core import TerraformStack

import pytest

from tests.support.helpers import new_stack, only, resources, synth

PK = Attribute.string("pk")


def _version(doc: dict[str, Any]) -> str:
    return doc["terraform"]["required_providers"]["aws"]["version"]  # type: ignore[no-any-return]


def _arguments(cls: type) -> set[str]:
    """The argument names a generated binding class accepts (its keyword parameters)."""
    return {name for name, p in inspect.signature(cls.__init__).parameters.items() if p.kind is p.KEYWORD_ONLY}


def _strong(stack: TerraformStack, **kw: Any) -> GlobalTable:
    if "replicas" not in kw:
        kw["replicas"] = [Replica(region="us-east-2", provider=replica_provider(stack, "us-east-2"))]
    kw.setdefault("witness_region", "us-west-2")
    kw.setdefault("consistency", "STRONG")
    return GlobalTable(stack, "carts", partition_key=PK, **kw)


def test_a_stack_without_newer_features_keeps_5_100() -> None:
    stack = new_stack()
    Table(stack, "plain", partition_key=PK, contributor_insights=True,
          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"), contributor_insights=True)])
    doc = synth(stack)
    assert _version(doc) == ">= 5.100.0, < 7.0.0"
    assert all("mode" not in c for c in resources(doc, "aws_dynamodb_contributor_insights").values())


def test_warm_throughput_on_table_and_index() -> None:
    stack = new_stack()
    Table(stack, "launch", partition_key=PK, warm_throughput=WarmThroughput(read_units_per_second=50_000,
                                                                             write_units_per_second=10_000),
          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"),
                                               warm_throughput=WarmThroughput(read_units_per_second=30_000))])
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    assert table["warm_throughput"] == {"read_units_per_second": 50_000, "write_units_per_second": 10_000}
    assert table["global_secondary_index"][0]["warm_throughput"] == {"read_units_per_second": 30_000}
    assert _version(doc) == ">= 6.13.0, < 7.0.0"
    assert set(table["warm_throughput"]) <= _arguments(DynamodbTableWarmThroughput)
    assert {"warm_throughput"} <= _arguments(DynamodbTable) & _arguments(DynamodbTableGlobalSecondaryIndex)


def test_contributor_insights_modes() -> None:
    stack = new_stack()
    Table(stack, "hot", partition_key=PK, contributor_insights="THROTTLED_KEYS",
          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"),
                                               contributor_insights="ACCESSED_AND_THROTTLED_KEYS")])
    doc = synth(stack)
    modes = {c.get("index_name"): c["mode"] for c in resources(doc, "aws_dynamodb_contributor_insights").values()}
    assert modes == {None: "THROTTLED_KEYS", "ByX": "ACCESSED_AND_THROTTLED_KEYS"}
    assert _version(doc) == ">= 6.11.0, < 7.0.0"
    assert "mode" in _arguments(DynamodbContributorInsights)


def test_strong_consistency_with_a_witness() -> None:
    stack = new_stack()
    _strong(stack, encryption=TableEncryption.customer_managed_key())
    doc = synth(stack)
    table = only(doc, "aws_dynamodb_table")
    (replica,) = table["replica"]
    key_id = next(k for k in resources(doc, "aws_kms_key") if "us_east_2" in k)
    assert replica == {"region_name": "us-east-2", "consistency_mode": "STRONG", "point_in_time_recovery": True,
                       "deletion_protection_enabled": True, "propagate_tags": True,
                       "kms_key_arn": f"${{aws_kms_key.{key_id}.arn}}"}
    assert table["global_table_witness"] == {"region_name": "us-west-2"}
    assert "replica" not in table["lifecycle"].get("ignore_changes", []), "the table owns its replica blocks"
    assert "aws_dynamodb_table_replica" not in doc["resource"], "never mixed with aws_dynamodb_table_replica"
    assert table["stream_view_type"] == "NEW_AND_OLD_IMAGES"
    assert _version(doc) == ">= 6.22.0, < 7.0.0"
    assert set(replica) <= _arguments(DynamodbTableReplicaBlock)
    assert set(table["global_table_witness"]) <= _arguments(DynamodbTableGlobalTableWitness)
    assert {"replica", "global_table_witness"} <= _arguments(DynamodbTable)


def test_strong_consistency_with_three_replicas_needs_6_9() -> None:
    stack = new_stack()
    providers = {r: replica_provider(stack, r) for r in ("us-east-2", "us-west-2")}
    table = _strong(stack, witness_region=None, replicas=[Replica(region=r, provider=p) for r, p in providers.items()])
    doc = synth(stack)
    assert sorted(r["region_name"] for r in only(doc, "aws_dynamodb_table")["replica"]) == ["us-east-2", "us-west-2"]
    assert "global_table_witness" not in only(doc, "aws_dynamodb_table")
    assert _version(doc) == ">= 6.9.0, < 7.0.0"
    assert table.replica_arns["us-west-2"].startswith("${replace(aws_dynamodb_table.")


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"witness_region": None}, "replicas", "exactly three Regions"),
    ({"witness_region": "eu-west-1"}, "witness_region", "Region set (US"),
    ({"witness_region": "us-east-2"}, "witness_region", "other than the table's"),
    ({"replicas": "three"}, "replicas", "expected a list"),
    ({"consistency": "STRONGEST"}, "consistency", "EVENTUAL, STRONG"),
    ({"source": TableSource.s3_import("seed-bucket")}, "source", "empty table"),
])
def test_strong_consistency_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        _strong(stack, **kwargs)
    assert caught.value.path == "test/carts" and caught.value.field == field and accepted in caught.value.accepted


def test_strong_consistency_region_and_replica_rules() -> None:
    stack = new_stack("eu-north-1")
    with pytest.raises(TableConfigError) as caught:
        GlobalTable(stack, "carts", partition_key=PK, consistency="STRONG", witness_region="eu-west-1",
                    replicas=[Replica(region="eu-west-2", provider=replica_provider(stack, "eu-west-2"))])
    assert "eu-north-1 is in no Region set" in caught.value.accepted
    stack = new_stack()
    east2 = replica_provider(stack, "us-east-2")
    with pytest.raises(TableConfigError) as caught:
        _strong(stack, replicas=[Replica(region="us-east-2", provider=east2, table_class="STANDARD_INFREQUENT_ACCESS")])
    assert caught.value.field == "replica us-east-2 table_class"
    with pytest.raises(TableConfigError) as caught:
        GlobalTable(new_stack(), "carts", partition_key=PK, witness_region="us-west-2")
    assert caught.value.field == "witness_region" and "strong consistency only" in caught.value.accepted


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({}, "WarmThroughput", "read_units_per_second and/or"),
    ({"read_units_per_second": 11_999}, "read_units_per_second", "12000"),
    ({"write_units_per_second": 3_999}, "write_units_per_second", "4000"),
    ({"read_units_per_second": 12_000, "write_units_per_second": 4_000}, "WarmThroughput", "every plan"),
    ({"read_units_per_second": 20_000.5}, "read_units_per_second", "integer"),
])
def test_warm_throughput_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        WarmThroughput(**kwargs)
    assert caught.value.path == "WarmThroughput" and caught.value.field == field and accepted in caught.value.accepted


def test_wrong_types_for_newer_arguments() -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", partition_key=PK, warm_throughput={"read_units_per_second": 20_000})  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.field) == ("test/orders", "warm_throughput")
