"""Global-table replicas: the ``Replica`` value object, the rules a table with replicas must
follow, and the resources each replica gets (the replica, its regional key, its autoscaling).

Replicas are ``aws_dynamodb_table_replica`` resources (one per region, through that region's
provider), not the table's ``replica`` blocks, so each can carry its own key, PITR,
deletion protection and tags, and the table ignores its ``replica`` argument.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from constructs import Construct

from ._aws import DynamodbTableReplica
from ._core import TerraformProvider
from .autoscaling import ScaledDimension, TableAutoscaling
from .aws_context import ids_of
from .billing import Billing, _Provisioned
from .encryption import TableEncryption
from .ids import address, ref
from .kms import ManagedKey
from .names import check_kms_key_arn, check_region, parse_arn, partition_of
from .schema import IndexCapacity
from .validation import check, check_bool, check_type, fail, is_literal

TABLE_CLASSES = ("STANDARD", "STANDARD_INFREQUENT_ACCESS")


@dataclass(frozen=True, kw_only=True)
class Replica:
    """A replica of the table in ``region``, managed through ``provider`` (an AWS provider for that
    region, e.g. ``replica_provider(stack, region)``).

    ``kms_key_arn`` is used when the table has a customer-managed key; without it a key is
    created in the replica region. ``None`` for PITR, deletion protection or the table class
    means "as the table".
    """

    region: str
    provider: TerraformProvider
    kms_key_arn: str | None = None
    point_in_time_recovery: bool | None = None
    deletion_protection: bool | None = None
    table_class: str | None = None
    propagate_tags: bool = True

    def __post_init__(self) -> None:
        where = f"Replica {self.region!r}"
        check_region("region", self.region, where)
        check_type("provider", self.provider, TerraformProvider,
                   "expected the AWS provider of the replica's region (replica_provider(stack, region))", where)
        if self.kms_key_arn is not None:
            check_kms_key_arn("kms_key_arn", self.kms_key_arn, where)
            arn = parse_arn(self.kms_key_arn) if is_literal(self.kms_key_arn) else None
            check(arn is None or arn.region == self.region, "kms_key_arn", self.kms_key_arn,
                  f"a replica's key must be in the replica's region ({self.region})", where)
        for name in ("point_in_time_recovery", "deletion_protection"):
            if getattr(self, name) is not None:
                check_bool(name, getattr(self, name), where)
        if self.table_class is not None:
            check(self.table_class in TABLE_CLASSES, "table_class", self.table_class,
                  f"expected one of {', '.join(TABLE_CLASSES)}", where)
        check_bool("propagate_tags", self.propagate_tags, where)

    @property
    def id_suffix(self) -> str:
        return self.region.replace("-", "_")


def check_replicas(replicas: Sequence[object], *, primary_region: str | None,
                   provider_regions: Mapping[int, str | None], stream: str | None, billing: Billing,
                   index_capacities: Sequence[IndexCapacity], encryption: TableEncryption) -> tuple[Replica, ...]:
    """The rules across a table and its replicas (raises without a path; the Table adds it)."""
    seen: set[str] = set()
    for replica in replicas:
        check(isinstance(replica, Replica), "replicas", replica, "expected Replica(region=..., provider=...)")
        assert isinstance(replica, Replica)
        check(replica.region not in seen, "replica region", replica.region, "each replica region may appear once")
        seen.add(replica.region)
        if primary_region is not None:
            check(replica.region != primary_region, "replica region", replica.region,
                  f"a replica must be in another region than the table ({primary_region})")
            primary_partition, replica_partition = partition_of(primary_region), partition_of(replica.region)
            check(primary_partition == replica_partition, "replica region", replica.region,
                  f"a replica must be in the table's partition ({primary_partition}), not {replica_partition}")
        provider_region = provider_regions.get(id(replica.provider))
        if provider_region is not None:
            check(provider_region == replica.region, f"replica {replica.region} provider region", provider_region,
                  f"the replica's provider must be configured for {replica.region}")
        if replica.kms_key_arn is not None:
            check(encryption.is_customer_managed, f"replica {replica.region} kms_key_arn", replica.kms_key_arn,
                  "replica keys need TableEncryption.customer_managed_key(...) on the table")
        elif encryption.given_key_arn is not None:
            fail(f"replica {replica.region} kms_key_arn", None,
                 "with an existing table key, give each replica its key in its own region")
    if not replicas:
        return ()
    check(stream in (None, "NEW_AND_OLD_IMAGES"), "stream", stream,
          "replicas need stream=NEW_AND_OLD_IMAGES (or leave it unset and it is derived)")
    if isinstance(billing, _Provisioned):
        writes = [("billing write_capacity", billing.write_capacity)]
        writes += [(f"index {c.index_name!r} write_capacity", c.write) for c in index_capacities]
        for field, capacity in writes:
            check(capacity.is_autoscaled, field, capacity,
                  "a provisioned table with replicas needs autoscaled write capacity "
                  "(AWS refuses replicas otherwise); use Capacity.autoscaled(...) or on-demand billing")
    return tuple(r for r in replicas if isinstance(r, Replica))


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


def add_replica(table: Construct, replica: Replica, defaults: ReplicaDefaults, table_name_token: str,
                dimensions: Sequence[ScaledDimension]) -> tuple[str, str | None]:
    """The replica's resources, under the table's scope; returns (replica ARN, its key ARN)."""
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
    pitr = defaults.point_in_time_recovery if replica.point_in_time_recovery is None else replica.point_in_time_recovery
    protect = defaults.deletion_protection if replica.deletion_protection is None else replica.deletion_protection
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
        tags=dict(defaults.tags) if replica.propagate_tags and defaults.tags else None,
        provider=replica.provider,
    )
    if key is not None:
        key.outlive(address("aws_dynamodb_table_replica", replica_ids))
    if dimensions:
        TableAutoscaling(table, f"autoscaling_{replica.id_suffix}", table_name=defaults.table_name, table_ref=table_name_token,
                         dimensions=dimensions, provider=replica.provider, depends_on=[resource])
    return ref("aws_dynamodb_table_replica", replica_ids, "arn"), key_arn
