"""The three ways the benchmark builds N DynamoDB tables, each the same table:

partition + sort key, two global secondary indexes (one with a sort key), TTL, point-in-time
recovery (35 days), a customer-managed KMS key with an alias, deletion protection, retained on
destroy. ``ours``: ``dynamo_constructs.Table``. ``raw``: the very resources ``Table`` renders,
made directly from the provider bindings (``equivalent()`` proves the JSON matches). ``aws_cdk``:
AWS CDK v2 (``TableV2`` + ``kms.Key``), run in its own environment (.venv-bench-cdk).
"""

from __future__ import annotations

import json
import re
from importlib import import_module
from pathlib import Path
from typing import Any

PARTITION_KEY, SORT_KEY = "pk", "sk"
INDEXES = (("ByStatus", "status", ("updated", "N")), ("ByOwner", "owner", None))
TTL_ATTRIBUTE = "ttl"
RECOVERY_DAYS = 35


def table_name(i: int) -> str:
    return f"t{i}-table"


def stack_with_provider(outdir: Path) -> tuple[Any, Any]:
    """An app and one stack with the AWS provider and relative local state (same for ours and raw)."""
    import dynamo_constructs as dc
    from dynamo_constructs._core import App, TerraformStack

    app = App(outdir=str(outdir))
    stack = TerraformStack(app, "bench")
    dc.aws_provider(stack, "us-east-1")
    dc.local_state(stack)
    return app, stack


def ours(stack: Any, count: int) -> None:
    import dynamo_constructs as dc

    indexes = [dc.GlobalSecondaryIndex(name=name, partition_key=dc.Attribute.string(pk),
                                       sort_key=dc.Attribute.number(sk[0]) if sk else None)
               for name, pk, sk in INDEXES]
    for i in range(count):
        dc.Table(stack, f"t{i}", table_name=table_name(i), partition_key=dc.Attribute.string(PARTITION_KEY),
                 sort_key=dc.Attribute.string(SORT_KEY), global_indexes=indexes, time_to_live_attribute=TTL_ATTRIBUTE,
                 point_in_time_recovery=True, recovery_period_days=RECOVERY_DAYS,
                 encryption=dc.TableEncryption.customer_managed_key())


def raw(stack: Any, count: int) -> None:
    """What ``ours`` renders, written by hand with the bindings: 3 resources per table, 2 data sources."""
    from dynamo_constructs._aws import (
        DataAwsCallerIdentity,
        DataAwsPartition,
        DynamodbTable,
        DynamodbTableAttribute,
        DynamodbTableGlobalSecondaryIndex,
        KmsAlias,
        KmsKey,
    )
    from dynamo_constructs._core import TerraformResourceLifecycle

    partition = DataAwsPartition(stack, "partition").partition
    account = DataAwsCallerIdentity(stack, "caller_identity").account_id
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "AccountAdministration", "Effect": "Allow", "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
        "Action": "kms:*", "Resource": "*"}]})
    attributes = [DynamodbTableAttribute(name=PARTITION_KEY, type="S"), DynamodbTableAttribute(name=SORT_KEY, type="S")]
    indexes = []
    for name, pk, sk in INDEXES:
        attributes.append(DynamodbTableAttribute(name=pk, type="S"))
        if sk:
            attributes.append(DynamodbTableAttribute(name=sk[0], type=sk[1]))
        indexes.append(DynamodbTableGlobalSecondaryIndex(name=name, hash_key=pk, projection_type="ALL",
                                                         range_key=sk[0] if sk else None))
    for i in range(count):
        name = table_name(i)
        key = KmsKey(stack, f"t{i}_kms_key", description=f"Encrypts DynamoDB table {name}", deletion_window_in_days=30,
                     enable_key_rotation=True, policy=policy)
        table = DynamodbTable(
            stack, f"t{i}_table", name=name, billing_mode="PAY_PER_REQUEST", hash_key=PARTITION_KEY, range_key=SORT_KEY,
            attribute=attributes, global_secondary_index=indexes, ttl={"attribute_name": TTL_ATTRIBUTE, "enabled": True},
            point_in_time_recovery={"enabled": True, "recovery_period_in_days": RECOVERY_DAYS},
            server_side_encryption={"enabled": True, "kms_key_arn": key.arn}, deletion_protection_enabled=True,
            stream_enabled=False, table_class="STANDARD", lifecycle=TerraformResourceLifecycle(prevent_destroy=True))
        KmsAlias(stack, f"t{i}_kms_alias", name=f"alias/dynamodb/{name}", target_key_id=key.key_id, depends_on=[table])


def _canonical(doc: dict[str, Any]) -> str:
    """The stack's data sources and resources with each logical id replaced by its construct path
    below the stack ('t0/kms/key' and 't0_kms_key' both become 't0_kms_key'), ``//`` dropped."""
    body = {k: doc.get(k, {}) for k in ("data", "resource")}
    text = json.dumps(body, sort_keys=True)
    for block in body.values():
        for of_type in block.values():
            for logical_id, item in of_type.items():
                path = item["//"]["metadata"]["path"].split("/", 1)[1].replace("/", "_")
                text = re.sub(rf"(?<!\w){re.escape(logical_id)}(?!\w)", path, text)
    canonical: dict[str, Any] = json.loads(text)
    for block in canonical.values():
        for of_type in block.values():
            for item in of_type.values():
                item.pop("//", None)
    return json.dumps(canonical, sort_keys=True)


def equivalent(ours_doc: dict[str, Any], raw_doc: dict[str, Any]) -> bool:
    """Whether two synthesized stacks hold the same resources and data sources (ids aside)."""
    return _canonical(ours_doc) == _canonical(raw_doc)


def aws_cdk(count: int, outdir: Path) -> tuple[Any, Any]:
    """The same tables in AWS CDK v2; returns (app, stack). Needs aws-cdk-lib (.venv-bench-cdk)."""
    cdk: Any = import_module("aws_cdk")
    ddb: Any = import_module("aws_cdk.aws_dynamodb")
    kms: Any = import_module("aws_cdk.aws_kms")
    # One stack of N tables, as for ours: lift CloudFormation's 500-resource check (0 = no limit).
    app = cdk.App(outdir=str(outdir), context={"@aws-cdk/core:stackResourceLimit": 0})
    # TableV2 renders a customer-managed key per region: the stack needs one (no lookups are made).
    stack = cdk.Stack(app, "bench", env=cdk.Environment(account="111122223333", region="us-east-1"))
    indexes = [ddb.GlobalSecondaryIndexPropsV2(
        index_name=name, partition_key=ddb.Attribute(name=pk, type=ddb.AttributeType.STRING),
        sort_key=ddb.Attribute(name=sk[0], type=ddb.AttributeType.NUMBER) if sk else None) for name, pk, sk in INDEXES]
    for i in range(count):
        key = kms.Key(stack, f"k{i}", enable_key_rotation=True, alias=f"alias/dynamodb/{table_name(i)}",
                      pending_window=cdk.Duration.days(30), removal_policy=cdk.RemovalPolicy.RETAIN)
        ddb.TableV2(
            stack, f"t{i}", table_name=table_name(i),
            partition_key=ddb.Attribute(name=PARTITION_KEY, type=ddb.AttributeType.STRING),
            sort_key=ddb.Attribute(name=SORT_KEY, type=ddb.AttributeType.STRING), global_secondary_indexes=indexes,
            time_to_live_attribute=TTL_ATTRIBUTE,
            point_in_time_recovery_specification=ddb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True, recovery_period_in_days=RECOVERY_DAYS),
            encryption=ddb.TableEncryptionV2.customer_managed_key(key), deletion_protection=True,
            removal_policy=cdk.RemovalPolicy.RETAIN)
    return app, stack
