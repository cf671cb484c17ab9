"""Global-table replicas: the ``Replica`` value object and the rules a table with replicas must
follow (the resources each replica gets are rendered by ``replication``).

Multi-Region eventual consistency (the default): replicas are ``aws_dynamodb_table_replica``
resources (one per region, through that region's provider), not the table's ``replica``
blocks, so each can carry its own key, PITR, deletion protection, table class, tags and
timeouts, and the table ignores its ``replica`` argument (hashicorp/aws 5.100 has all of it).

Either way a replica may have what AWS CDK's ``TableV2`` replicas have beyond that: contributor
insights for the replica table and its indexes, and a Kinesis streaming destination in its Region
(resources made through the replica's provider, once the replica exists). Per-replica read
capacity overrides (CloudFormation's ``ReadProvisionedThroughputSettings``) have no argument in
hashicorp/aws, so there are none here; a replica's capacity autoscales like the table's.

Multi-Region strong consistency (``consistency="STRONG"``): AWS creates every replica (or two
replicas and a witness) in one ``UpdateTable`` call, which separate replica resources cannot
express, so the replicas become the table's ``replica`` blocks with ``consistency_mode =
"STRONG"`` (hashicorp/aws >= 6.3.0; ``deletion_protection_enabled`` in a block >= 6.9.0) and a
witness becomes ``global_table_witness`` (>= 6.22.0); the two kinds never mix on one table. AWS's
rules (DynamoDB Developer Guide, "Multi-Region strong consistency"; the same ones AWS CDK's
TableV2 checks): every Region in one Region set, exactly three Regions — the table and two
replicas, or the table, one replica and a witness — an empty table at creation (so no import or
restore), and a consistency mode that cannot change after creation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ._core import TerraformProvider
from .billing import Billing
from .encryption import TableEncryption
from .insights import ContributorInsightsMode, check_insights
from .names import (
    check_kinesis_stream_arn,
    check_kms_key_arn,
    check_region,
    check_same_region,
    check_tags,
    parse_arn,
    partition_of,
)
from .schema import IndexCapacity
from .streams import KINESIS_PRECISIONS
from .timeouts import Timeouts, check_timeouts
from .validation import check, check_bool, check_type, checked_arguments, coerce_enum, fail, is_literal

TABLE_CLASSES = ("STANDARD", "STANDARD_INFREQUENT_ACCESS")
# The Region sets multi-Region strong consistency runs in (a table, its replicas and witness all in one).
MRSC_REGION_SETS: dict[str, tuple[str, ...]] = {
    "US": ("us-east-1", "us-east-2", "us-west-2"),
    "EU": ("eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"),
    "AP": ("ap-northeast-1", "ap-northeast-2", "ap-northeast-3"),
}
MRSC_REGIONS = 3
CONSISTENCY_VERSION = "6.3.0"  # replica.consistency_mode (#43236)
REPLICA_PROTECTION_VERSION = "6.9.0"  # replica.deletion_protection_enabled (#43240)
WITNESS_VERSION = "6.22.0"  # global_table_witness (#43908)


class MultiRegionConsistency(StrEnum):
    """How a global table's Regions agree (``Table(consistency=...)``); fixed at creation."""

    EVENTUAL = "EVENTUAL"
    """Multi-Region eventual consistency (the default): replicas are ``aws_dynamodb_table_replica``
    resources, each with its own key, PITR, deletion protection, table class, tags and timeouts."""
    STRONG = "STRONG"
    """Multi-Region strong consistency (hashicorp/aws >= 6.3.0): three Regions of one Region set (the
    table and two replicas, or one replica and a ``witness_region``), the table's own ``replica``
    blocks, an empty table at creation."""


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class Replica:
    """A replica of the table in ``region``, managed through ``provider`` (an AWS provider for that
    region, e.g. ``replica_provider(stack, region)``): ``Table(replicas=[...])``.

    Checked when made; the table checks the rest (not its own Region, each Region once, the
    table's partition, a provider configured for the Region, autoscaled writes in provisioned mode).

    Args:
        region: The replica's Region (one where DynamoDB exists).
        provider: The AWS provider configured for that Region.
        kms_key_arn: The replica's key, in its Region, when the table has a customer-managed key.
            Default: a key is created in the replica Region (required when the table's key is given
            by ARN).
        point_in_time_recovery: PITR on the replica. Default: as the table.
        deletion_protection: Deletion protection on the replica. Default: as the table.
        table_class: ``"STANDARD"`` or ``"STANDARD_INFREQUENT_ACCESS"``. Default: as the table.
        propagate_tags: The table's tags are copied to the replica.
        timeouts: Terraform's create/update/delete limits for this replica, ``Timeouts(create="2h")``
            (adding a replica to a large table takes longer than the default 30 minutes).
        tags: The replica's own tags, on top of the table's when ``propagate_tags``. Default: none.
        contributor_insights: True or a ``ContributorInsightsMode`` turns CloudWatch Contributor
            Insights on for the replica table. Default: None, not managed here.
        index_contributor_insights: ``{index name: True, False or a mode}`` for the replica's indexes
            (names of the table's global indexes). Default: None, not managed here.
        kinesis_stream_arn: A Kinesis stream in the replica's Region that receives the replica's item
            changes. Default: none.
        kinesis_precision: ``"MICROSECOND"`` or ``"MILLISECOND"``: the precision of the records'
            ``ApproximateCreationDateTime``.

    Example:
        ```python
        from cdktf import App, TerraformStack

        from dynamo_constructs import Replica, aws_provider, replica_provider

        stack = TerraformStack(App(), "media")
        aws_provider(stack, "us-east-1")
        west = Replica(region="us-west-2", provider=replica_provider(stack, "us-west-2"), point_in_time_recovery=False)
        ```
    """

    region: str
    provider: TerraformProvider
    kms_key_arn: str | None = None
    point_in_time_recovery: bool | None = None
    deletion_protection: bool | None = None
    table_class: str | None = None
    propagate_tags: bool = True
    timeouts: Timeouts | None = None
    tags: Mapping[str, str] | None = field(default=None, hash=False)
    contributor_insights: bool | ContributorInsightsMode | str | None = None
    index_contributor_insights: Mapping[str, bool | ContributorInsightsMode | str] | None = field(default=None, hash=False)
    kinesis_stream_arn: str | None = None
    kinesis_precision: str = "MICROSECOND"

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
        check_timeouts("timeouts", self.timeouts, where)
        if self.tags is not None:
            object.__setattr__(self, "tags", check_tags("tags", self.tags, where))
        if self.contributor_insights is not None:
            check_insights("contributor_insights", self.contributor_insights, where)
        if self.index_contributor_insights is not None:
            check(isinstance(self.index_contributor_insights, Mapping), "index_contributor_insights",
                  self.index_contributor_insights, "expected {index name: True, False or a mode}", where)
            for name, value in self.index_contributor_insights.items():
                check_insights(f"index_contributor_insights[{name!r}]", value, where)
        check(self.kinesis_precision in KINESIS_PRECISIONS, "kinesis_precision", self.kinesis_precision,
              "expected 'MILLISECOND' or 'MICROSECOND' (of ApproximateCreationDateTime)", where)
        if self.kinesis_stream_arn is not None:
            check_kinesis_stream_arn("kinesis_stream_arn", self.kinesis_stream_arn, where)
            check_same_region("kinesis_stream_arn", self.kinesis_stream_arn, self.region,
                              "DynamoDB streams a replica to a Kinesis stream in the replica's Region", where)

    @property
    def id_suffix(self) -> str:
        """The Region as an id part (``us_west_2``) for the replica's resources."""
        return self.region.replace("-", "_")

    @property
    def insights(self) -> tuple[bool, ContributorInsightsMode | None]:
        """(contributor insights on the replica table, explicit mode or None)."""
        if self.contributor_insights is None:
            return False, None
        return check_insights("contributor_insights", self.contributor_insights)

    @property
    def index_insights(self) -> dict[str, tuple[bool, ContributorInsightsMode | None]]:
        """index name -> (contributor insights on, explicit mode or None), for the indexes named."""
        given = self.index_contributor_insights or {}
        return {name: check_insights("index_contributor_insights", value) for name, value in given.items()}

    @property
    def insights_modes(self) -> bool:
        """Whether an explicit insights mode is used (hashicorp/aws >= 6.11.0)."""
        return self.insights[1] is not None or any(mode is not None for _, mode in self.index_insights.values())


def check_replicas(replicas: Sequence[object], *, primary_region: str | None,
                   provider_regions: Mapping[int, str | None], stream: str | None, billing: Billing,
                   index_capacities: Sequence[IndexCapacity], encryption: TableEncryption,
                   consistency: MultiRegionConsistency = MultiRegionConsistency.EVENTUAL,
                   witness_region: str | None = None, has_source: bool = False,
                   index_names: Sequence[str] = ()) -> tuple[Replica, ...]:
    """The rules across a table and its replicas (raises without a path; the Table adds it)."""
    seen: set[str] = set()
    for position, replica in enumerate(replicas):
        check(isinstance(replica, Replica), f"replicas[{position}]", replica, "expected Replica(region=..., provider=...)")
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
        for name in replica.index_insights:
            check(name in index_names, f"replica {replica.region} index_contributor_insights", name,
                  f"an index of the table ({', '.join(index_names) or 'it has none'})")
        if replica.kms_key_arn is not None:
            check(encryption.is_customer_managed, f"replica {replica.region} kms_key_arn", replica.kms_key_arn,
                  "replica keys need TableEncryption.customer_managed_key(...) on the table")
        elif encryption.given_key_arn is not None:
            fail(f"replica {replica.region} kms_key_arn", None,
                 "with an existing table key, give each replica its key in its own region")
    if consistency is MultiRegionConsistency.STRONG:
        _check_strong(replicas, primary_region=primary_region, witness_region=witness_region, has_source=has_source)
    elif witness_region is not None:
        fail("witness_region", witness_region, "a witness is part of multi-Region strong consistency only "
             "(consistency='STRONG')")
    if not replicas:
        return ()
    check(stream in (None, "NEW_AND_OLD_IMAGES"), "stream", stream,
          "replicas need stream=NEW_AND_OLD_IMAGES (or leave it unset and it is derived)")
    if billing.capacities is not None:
        writes = [("billing write_capacity", billing.capacities[1])]
        writes += [(f"index {c.index_name!r} write_capacity", c.write) for c in index_capacities]
        for field, capacity in writes:
            check(capacity.is_autoscaled, field, capacity,
                  "a provisioned table with replicas needs autoscaled write capacity "
                  "(AWS refuses replicas otherwise); use Capacity.autoscaled(...) or on-demand billing")
    return tuple(r for r in replicas if isinstance(r, Replica))


def _check_strong(replicas: Sequence[object], *, primary_region: str | None, witness_region: str | None,
                  has_source: bool) -> None:
    check(primary_region is not None, "consistency", "STRONG",
          "multi-Region strong consistency needs the table's region at synth (a provider with a literal region)")
    assert primary_region is not None
    region_set = next((name for name, regions in MRSC_REGION_SETS.items() if primary_region in regions), None)
    supported = "; ".join(f"{name}: {', '.join(regions)}" for name, regions in MRSC_REGION_SETS.items())
    check(region_set is not None, "consistency", "STRONG",
          f"the table's region {primary_region} is in no Region set of multi-Region strong consistency ({supported})")
    assert region_set is not None
    members = MRSC_REGION_SETS[region_set]
    regions = [r.region for r in replicas if isinstance(r, Replica)]
    if witness_region is not None:
        check_region("witness_region", witness_region)
        check(witness_region != primary_region and witness_region not in regions, "witness_region", witness_region,
              "the witness must be in a Region other than the table's and its replica's")
        regions_with_witness = [*regions, witness_region]
    else:
        regions_with_witness = regions
    for region in regions_with_witness:
        check(region in members, "replica region" if region != witness_region else "witness_region", region,
              f"every Region of a strongly consistent table is in the table's Region set ({region_set}: "
              f"{', '.join(members)})")
    count = 1 + len(regions_with_witness)
    check(count == MRSC_REGIONS, "replicas", regions,
          "multi-Region strong consistency takes exactly three Regions: the table and two replicas, or the table, "
          f"one replica and a witness_region (found {count})")
    check(not has_source, "source", "import/restore",
          "multi-Region strong consistency needs an empty table at creation; import or restore into an eventual "
          "table instead")
    for replica in replicas:
        if isinstance(replica, Replica):
            check(replica.table_class is None, f"replica {replica.region} table_class", replica.table_class,
                  "a strongly consistent table's replicas are the table's replica blocks, which have no table class")
            check(replica.timeouts is None, f"replica {replica.region} timeouts", replica.timeouts,
                  "a strongly consistent table's replicas are created with the table: set the table's timeouts")
            check(not replica.tags, f"replica {replica.region} tags", replica.tags,
                  "a strongly consistent table's replicas are the table's replica blocks, which take the table's tags "
                  "(propagate_tags) and no tags of their own")


def coerce_consistency(field: str, value: Any) -> MultiRegionConsistency:
    return coerce_enum(field, MultiRegionConsistency, value)
