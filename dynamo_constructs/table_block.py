"""The ``aws_dynamodb_table`` block: its arguments, each part rendered by the value that owns it
(billing, keys and indexes, TTL, stream, PITR, encryption, warm throughput, timeouts, source,
strong replica blocks, witness) and the lifecycle the settings derive."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._aws import (
    DynamodbTableGlobalTableWitness,
    DynamodbTableImportTable,
    DynamodbTableLocalSecondaryIndex,
    DynamodbTableReplicaBlock,
    DynamodbTableTimeouts,
    DynamodbTableWarmThroughput,
)
from ._core import TerraformResourceLifecycle
from .global_indexes import index_arguments
from .settings import TableSettings
from .streams import render_stream


def table_arguments(settings: TableSettings, key_arn: str | None, replica_blocks: Sequence[dict[str, Any]] = (),
                    index_blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The ``aws_dynamodb_table`` arguments, each part rendered by the value that owns it
    (``index_blocks``: the index blocks when the table renders them otherwise, with live capacities).

    Every setting is rendered in both directions: ttl, point_in_time_recovery and
    server_side_encryption are Optional+Computed in the provider (an omitted block keeps the live
    value), so "off" must be said explicitly to reach AWS. The newer arguments are rendered only
    when used, so a table without them stays valid on hashicorp/aws 5.100.
    """
    schema = settings.schema
    args: dict[str, Any] = {
        "name": settings.name,
        **settings.billing._render(),
        "hash_key": schema.partition_key.name,
        "range_key": schema.sort_key.name if schema.sort_key else None,
        **index_arguments(settings, index_blocks),
        "local_secondary_index": [DynamodbTableLocalSecondaryIndex(**i) for i in schema._render_local_indexes()] or None,
        "ttl": settings.ttl._render(),
        **render_stream(settings.stream),
        "point_in_time_recovery": settings.recovery._render(),
        "server_side_encryption": settings.encryption._render_sse(key_arn),
        "table_class": settings.table_class.value,
        "deletion_protection_enabled": settings.deletion_protection,
        "tags": dict(settings.tags) or None,
    }
    if settings.warm_throughput is not None:
        args["warm_throughput"] = DynamodbTableWarmThroughput(**settings.warm_throughput._render())
    if settings.timeouts is not None:
        args["timeouts"] = DynamodbTableTimeouts(**settings.timeouts._render())
    if settings.source is not None:
        source = settings.source._render()
        if "import_table" in source:
            source["import_table"] = DynamodbTableImportTable(**source["import_table"])
        args.update(source)
    if replica_blocks:
        args["replica"] = [DynamodbTableReplicaBlock(**block) for block in replica_blocks]
    if settings.witness_region is not None:
        args["global_table_witness"] = DynamodbTableGlobalTableWitness(region_name=settings.witness_region)
    if settings.ignored_changes or settings.prevent_destroy:
        args["lifecycle"] = TerraformResourceLifecycle(ignore_changes=settings.ignored_changes or None,
                                                       prevent_destroy=settings.prevent_destroy or None)
    return args
