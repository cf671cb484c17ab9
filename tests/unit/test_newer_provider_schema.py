"""What the library writes without bindings (multi-attribute ``key_schema`` blocks, index resources,
``restore_backup_arn``) holds to CDK Terrain's bindings and the provider's documented schema.

No hashicorp/aws newer than 5.100 exists here as a binary, so ``terraform validate`` cannot check
these stacks; the JSON is held instead to the argument names CDK Terrain's bindings (hashicorp/aws
6.69.1) accept and to the blocks and objects the provider's source declares
(tests/support/newer_schema.py). On CDK Terrain the stored names are compared with the installed
bindings and the bindings themselves render the same JSON; on CDK for Terraform the installed
bindings are shown to lack exactly these arguments (which is why they are overrides).
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    IndexForm,
    Projection,
    Replica,
    Table,
    TableSource,
    WarmThroughput,
    replica_provider,
)
from dynamo_constructs._core import TerraformStack
from dynamo_constructs.engine import ENGINE

from tests.support.helpers import Json, new_stack, resources, synth
from tests.support.newer_schema import BINDINGS, DOCUMENTED, META_ARGUMENTS

S, N = Attribute.string, Attribute.number
NEWER_THAN_CDKTF = {"restore_backup_arn", "key_schema"}  # arguments, and the index resource's whole module
BACKUP = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01576616366715-b4e58d3a"
# The binding struct of each nested argument of the index resource.
INDEX_STRUCTS = {"key_schema": "DynamodbGlobalSecondaryIndexKeySchema", "projection": "DynamodbGlobalSecondaryIndexProjection",
                 "provisioned_throughput": "DynamodbGlobalSecondaryIndexProvisionedThroughput",
                 "on_demand_throughput": "DynamodbGlobalSecondaryIndexOnDemandThroughput",
                 "warm_throughput": "DynamodbGlobalSecondaryIndexWarmThroughput"}


def every_override(stack: TerraformStack) -> None:
    """Every argument the library writes without bindings, each in a representative table."""
    west = replica_provider(stack, "us-west-2")
    tournament = GlobalSecondaryIndex(name="ByTournament", partition_keys=[S("tournamentId"), S("region")],
                                      sort_keys=[N("round"), S("bracket")], projection=Projection.include(["score"]))
    Table(stack, "inline", partition_key=S("id"), global_indexes=[tournament],
          replicas=[Replica(region="us-west-2", provider=west, contributor_insights="THROTTLED_KEYS")])
    Table(stack, "on_demand", partition_key=S("id"), index_form=IndexForm.resources(), global_indexes=[
        tournament, GlobalSecondaryIndex(name="ByX", partition_key=S("x"), max_read_request_units=10,
                                         max_write_request_units=20, warm_throughput=WarmThroughput(read_units_per_second=13_000))])
    auto = Capacity.autoscaled(minimum=2, maximum=20)
    Table(stack, "provisioned", partition_key=S("id"), index_form=IndexForm.resources(),
          billing=Billing.provisioned(read_capacity=auto, write_capacity=auto),
          global_indexes=[GlobalSecondaryIndex(name="ByY", partition_key=S("y"), sort_key=N("z"))])
    Table(stack, "restored", partition_key=S("id"), source=TableSource.backup(BACKUP))


def _names(module: str, cls: str) -> set[str] | None:
    """The keyword arguments of a class of the engine's bindings, or None when it has none of that name."""
    try:
        found = getattr(importlib.import_module(f"{ENGINE.provider}.{module}"), cls)
    except (ImportError, AttributeError):
        return None
    return {n for n, p in inspect.signature(found.__init__).parameters.items() if p.kind is p.KEYWORD_ONLY} - META_ARGUMENTS


def _stored(cls: str) -> set[str]:
    return next(set(names) for (_, name), names in BINDINGS.items() if name == cls)


def _document() -> Json:
    stack = new_stack()
    every_override(stack)
    return synth(stack)


def test_index_resources_have_the_documented_blocks_and_the_bindings_names() -> None:
    doc = _document()
    indexes = resources(doc, "aws_dynamodb_global_secondary_index")
    assert {i["index_name"] for i in indexes.values()} == {"ByTournament", "ByX", "ByY"}
    documented = DOCUMENTED["aws_dynamodb_global_secondary_index"]
    seen: set[str] = set()
    for index in indexes.values():
        assert set(index) - {"lifecycle", "depends_on", "provider"} <= _stored("DynamodbGlobalSecondaryIndex")
        for name, value in index.items():
            if name not in documented:
                continue
            seen.add(name)
            shape, fields = documented[name]
            items = value if shape == "block" else [value]
            assert isinstance(value, list if shape == "block" else dict), f"{name} is a {shape}"
            for item in items:
                assert set(item) <= fields <= _stored(INDEX_STRUCTS[name]), name
    assert seen == set(documented), "every nested argument is exercised"


def test_inline_key_schema_blocks_and_the_backup_argument() -> None:
    doc = _document()
    tables = {t["name"]: t for t in resources(doc, "aws_dynamodb_table").values()}
    shape, fields = DOCUMENTED["aws_dynamodb_table.global_secondary_index"]["key_schema"]
    (index,) = tables["inline"]["global_secondary_index"]
    assert shape == "block" and isinstance(index["key_schema"], list)
    assert set(index) <= _stored("DynamodbTableGlobalSecondaryIndex")
    assert all(set(k) == fields <= _stored("DynamodbTableGlobalSecondaryIndexKeySchema") for k in index["key_schema"])
    assert "hash_key" not in index and "range_key" not in index, "a key_schema index names its keys only there"
    assert set(tables["restored"]) - {"lifecycle", "//"} <= _stored("DynamodbTable")
    assert tables["restored"]["restore_backup_arn"] == BACKUP


def test_the_stored_names_are_the_engines_bindings() -> None:
    """On CDK Terrain the stored names are the installed bindings' names; on CDK for Terraform
    (hashicorp/aws 6.25) the installed bindings lack exactly the newer arguments."""
    for (module, cls), stored in BINDINGS.items():
        installed = _names(module, cls)
        if ENGINE.name == "cdktn":
            assert installed == set(stored), cls
        elif module == "dynamodb_global_secondary_index" or cls == "DynamodbTableGlobalSecondaryIndexKeySchema":
            assert installed is None, f"{cls} exists in CDK for Terraform's bindings: no override needed"
        else:
            assert installed == set(stored) - NEWER_THAN_CDKTF, cls


def test_cdk_terrain_bindings_render_what_the_overrides_render() -> None:
    """On CDK Terrain, the bindings given the library's arguments synthesize the same resource; on
    CDK for Terraform the same arguments are refused by its bindings (the reason for overrides)."""
    doc = _document()
    index = next(i for i in resources(doc, "aws_dynamodb_global_secondary_index").values() if i["index_name"] == "ByX")
    arguments: dict[str, Any] = {k: v for k, v in index.items() if k not in ("lifecycle", "depends_on", "provider")}
    table = next(t for t in resources(doc, "aws_dynamodb_table").values() if t["name"] == "inline")
    block = table["global_secondary_index"][0]
    stack = new_stack()
    if ENGINE.name == "cdktn":
        gsi = importlib.import_module(f"{ENGINE.provider}.dynamodb_global_secondary_index")
        structs = {name: getattr(gsi, cls) for name, cls in INDEX_STRUCTS.items()}
        bound = {k: ([structs[k](**i) for i in v] if isinstance(v, list) else structs[k](**v)) if k in structs else v
                 for k, v in arguments.items()}
        gsi.DynamodbGlobalSecondaryIndex(stack, "bound", **bound)
        tables = importlib.import_module(f"{ENGINE.provider}.dynamodb_table")
        key_schema = [tables.DynamodbTableGlobalSecondaryIndexKeySchema(**k) for k in block["key_schema"]]
        tables.DynamodbTable(stack, "bound_table", name="t", hash_key="id", restore_backup_arn=BACKUP,
                             global_secondary_index=[tables.DynamodbTableGlobalSecondaryIndex(**{**block, "key_schema": key_schema})])
        rendered = synth(stack)["resource"]
        assert rendered["aws_dynamodb_global_secondary_index"]["bound"] == arguments
        bound_table = rendered["aws_dynamodb_table"]["bound_table"]
        assert bound_table["global_secondary_index"] == [block]
        assert bound_table["restore_backup_arn"] == BACKUP
    else:
        tables = importlib.import_module(f"{ENGINE.provider}.dynamodb_table")
        try:
            tables.DynamodbTableGlobalSecondaryIndex(**block)
        except TypeError as refused:
            assert "key_schema" in str(refused)
        else:
            raise AssertionError("CDK for Terraform's bindings took key_schema: the override is not needed")
