"""The resources a table's replicas get: replica resources, their regional keys and autoscaling,
or — for multi-Region strong consistency — the table's own ``replica`` blocks.

Eventual consistency: one ``aws_dynamodb_table_replica`` per Region through that Region's provider,
a key per replica Region when the table's key is created (else the given one), PITR and deletion
protection as the table's unless set, the table's tags unless ``propagate_tags=False``, and the
table's autoscaling repeated in the Region. Strong consistency: AWS creates the replicas with the
table in one call, so they are blocks of the table (their keys are created first) and their ARNs
are the table's with the Region swapped. Either way a replica's contributor insights and Kinesis
streaming destination are resources through its Region's provider, made once the replica exists.
The rules are in ``replicas``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from constructs import Construct

from ._aws import DynamodbTableReplica
from ._core import TerraformProvider
from .autoscaling import TableAutoscaling
from .aws_context import ids_of
from .ids import address, ref
from .insights import add_contributor_insights
from .kms import ManagedKey
from .replicas import MultiRegionConsistency, Replica
from .scaling import ScaledDimension
from .settings import TableSettings
from .streaming import add_destination


@dataclass(frozen=True)
class ReplicaDefaults:
    """What a replica inherits from its table."""

    table_name: str
    table_arn: str
    key_alias: str | None  # set when the table's key is created: each replica region gets one
    key_deletion_window: int
    point_in_time_recovery: bool
    deletion_protection: bool
    tags: Mapping[str, str]

    def flags(self, replica: Replica) -> tuple[bool, bool]:
        """The replica's (point-in-time recovery, deletion protection): its own, else the table's."""
        pitr = self.point_in_time_recovery if replica.point_in_time_recovery is None else replica.point_in_time_recovery
        protect = self.deletion_protection if replica.deletion_protection is None else replica.deletion_protection
        return pitr, protect


def replica_key(table: Construct, replica: Replica, defaults: ReplicaDefaults) -> tuple[str | None, ManagedKey | None]:
    """The replica's key ARN: the given one, a created one (when the table's key is created), or None."""
    key_arn = replica.kms_key_arn
    key: ManagedKey | None = None
    if key_arn is None and defaults.key_alias is not None:
        key = ManagedKey(
            table,
            f"kms_{replica.id_suffix}",
            description=f"Encrypts the {replica.region} replica of DynamoDB table {defaults.table_name}",
            alias=defaults.key_alias,
            deletion_window_in_days=defaults.key_deletion_window,
            provider=replica.provider,
            tags=defaults.tags,
        )
        key_arn = key.arn
    return key_arn, key


def strong_replica_block(replica: Replica, defaults: ReplicaDefaults, key_arn: str | None) -> dict[str, Any]:
    """A strongly consistent replica as a ``replica`` block of the table (every setting explicit)."""
    pitr, protect = defaults.flags(replica)
    block: dict[str, Any] = {"region_name": replica.region, "consistency_mode": MultiRegionConsistency.STRONG.value,
                             "point_in_time_recovery": pitr, "deletion_protection_enabled": protect,
                             "propagate_tags": replica.propagate_tags}
    if key_arn is not None:
        block["kms_key_arn"] = key_arn
    return block


def add_replica_options(table: Construct, replica: Replica, table_name_token: str, after: object) -> None:
    """The replica's contributor insights and Kinesis destination, through its Region's provider,
    once ``after`` (the replica, or the table that holds it) exists."""
    add_contributor_insights(table, table_name_token, table_insights=replica.insights,
                             index_insights=list(replica.index_insights.items()), provider=replica.provider,
                             id_prefix=f"replica_{replica.id_suffix}_insights", depends_on=[after])
    if replica.kinesis_stream_arn is not None:
        add_destination(table, f"replica_{replica.id_suffix}_kinesis", table_name=table_name_token,
                        stream_arn=replica.kinesis_stream_arn, precision=replica.kinesis_precision,
                        provider=replica.provider, depends_on=[after])


def add_replica(table: Construct, replica: Replica, defaults: ReplicaDefaults, table_name_token: str,
                dimensions: Sequence[ScaledDimension], *, after: Sequence[object] = ()) -> tuple[str, str | None, ManagedKey | None]:
    """The replica's resources, under the table's scope, made after ``after`` (the table's index
    resources); returns (replica ARN, its key ARN, the key when it was created here)."""
    key_arn, key = replica_key(table, replica, defaults)
    pitr, protect = defaults.flags(replica)
    replica_id = f"replica_{replica.id_suffix}"
    replica_ids = (*ids_of(table), replica_id)
    resource = DynamodbTableReplica(
        table,
        replica_id,
        global_table_arn=defaults.table_arn,
        kms_key_arn=key_arn,
        point_in_time_recovery=pitr,
        deletion_protection_enabled=protect,
        table_class_override=replica.table_class,
        tags={**(defaults.tags if replica.propagate_tags else {}), **(replica.tags or {})} or None,
        timeouts=replica.timeouts._render() if replica.timeouts is not None else None,
        provider=replica.provider,
        depends_on=list(after) or None,  # type: ignore[arg-type]
    )
    add_replica_options(table, replica, table_name_token, resource)
    if key is not None:
        key.outlive(address("aws_dynamodb_table_replica", replica_ids))
    if dimensions:
        TableAutoscaling(table, f"autoscaling_{replica.id_suffix}", table_name=defaults.table_name, table_ref=table_name_token,
                         dimensions=dimensions, provider=replica.provider, depends_on=[resource])
    return ref("aws_dynamodb_table_replica", replica_ids, "arn"), key_arn, key


def regional_arn(table_address: str, table_region: str, region: str) -> str:
    """The ARN of a table's replica in ``region``: the table's ARN with its Region swapped (a
    Terraform expression, answered without an engine call)."""
    return f"${{replace({table_address}.arn, \":{table_region}:\", \":{region}:\")}}"


class TableReplicas:
    """A table's replicas, rendered in two steps: strongly consistent replicas are blocks of the
    table (``blocks``, with their keys made first), eventual ones separate resources made after the
    table (``add``). Afterwards ``arns``, ``providers``, ``key_arns`` and ``created_keys`` say what exists."""

    def __init__(self, table: Construct, settings: TableSettings, *, table_arn: str) -> None:
        self._table = table
        self._settings = settings
        self.defaults = ReplicaDefaults(
            table_name=settings.name, table_arn=table_arn,
            key_alias=settings.key_alias if settings.encryption.creates_key else None,
            key_deletion_window=settings.encryption.key_deletion_window,
            point_in_time_recovery=settings.point_in_time_recovery,
            deletion_protection=settings.deletion_protection, tags=settings.tags,
        )
        self._strong_keys = [replica_key(table, r, self.defaults) for r in settings.replicas] if settings.strong else []
        self.blocks = [strong_replica_block(r, self.defaults, key_arn)
                       for r, (key_arn, _) in zip(settings.replicas, self._strong_keys, strict=False)]  # strong only
        self.arns: dict[str, str] = {}
        self.providers: dict[str, TerraformProvider] = {}
        self.key_arns: list[str] = []  # the replicas' customer-managed keys (grants need them)
        self.created_keys: list[ManagedKey] = []

    @property
    def block_keys(self) -> list[ManagedKey]:
        """The keys made for the table's own replica blocks (they must outlive the table)."""
        return [key for _, key in self._strong_keys if key is not None]

    def add(self, table_resource: object, table_ids: Sequence[str], region: str | None, name_token: str,
            after: Sequence[object] = ()) -> None:
        """The replicas' resources (eventual) or autoscaling (strong), after the table (and the
        resources in ``after``: index resources, so no index is being built while a replica is)."""
        settings, table = self._settings, self._table
        for position, replica in enumerate(settings.replicas):
            self.providers[replica.region] = replica.provider
            if settings.strong:
                key_arn, created = self._strong_keys[position]
                assert region is not None  # strong consistency needs a literal region (checked)
                arn = regional_arn(address("aws_dynamodb_table", table_ids), region, replica.region)
                if settings.scaled:
                    TableAutoscaling(table, f"autoscaling_{replica.id_suffix}", table_name=settings.name,
                                     table_ref=name_token, dimensions=settings.scaled, provider=replica.provider,
                                     depends_on=[table_resource, *after])
                add_replica_options(table, replica, name_token, table_resource)
            else:
                arn, key_arn, created = add_replica(table, replica, self.defaults, name_token, settings.scaled, after=after)
            if created is not None:
                self.created_keys.append(created)
            self.arns[replica.region] = arn
            if key_arn and settings.encryption.is_customer_managed:
                self.key_arns.append(key_arn)
