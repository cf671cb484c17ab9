"""What ``migrate`` knows of one live table, whichever way it was read (another Terraform state
or the AWS API): plain data, in AWS's terms, before any decision about code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..names import parse_arn


class MigrateError(ValueError):
    """Input ``migrate`` cannot use (not a state, no table, an endpoint that does not answer): one line."""


@dataclass(frozen=True)
class Key:
    """A key attribute: name and DynamoDB type (S, N or B)."""

    name: str
    type: str


@dataclass(frozen=True)
class Scaling:
    """One autoscaled dimension: its target's bounds and its target-tracking policy."""

    minimum: int
    maximum: int
    policy_name: str | None = None  # None: a target without a policy
    target_value: float | None = None
    scale_in_cooldown: int | None = None
    scale_out_cooldown: int | None = None
    disable_scale_in: bool = False
    metric: str | None = None  # the predefined metric type
    policy_type: str | None = None
    other: tuple[str, ...] = ()  # what the target or policy has that the library cannot express
    tags: dict[str, str] | None = None  # the target's tags, when known


@dataclass
class Throughput:
    """A table's or index's capacity: provisioned units (and their autoscaling), or on-demand caps."""

    read: int | None = None
    write: int | None = None
    read_scaling: Scaling | None = None
    write_scaling: Scaling | None = None
    max_read: int | None = None  # on-demand caps (None: no cap)
    max_write: int | None = None


@dataclass
class Index:
    name: str
    partition_key: Key
    sort_key: Key | None
    projection: str  # ALL, KEYS_ONLY or INCLUDE
    more_partition: tuple[Key, ...] = ()  # a multi-attribute key's further attributes, in order
    more_sort: tuple[Key, ...] = ()
    non_key_attributes: tuple[str, ...] = ()
    throughput: Throughput = field(default_factory=Throughput)
    insights: str | None = None  # None: off; else the mode ("ACCESSED_AND_THROTTLED_KEYS" is AWS's default)
    warm: tuple[int, int] | None = None  # warm throughput (read, write units per second) above AWS's defaults


@dataclass
class Replica:
    region: str
    kms_key_arn: str | None = None
    point_in_time_recovery: bool | None = None
    deletion_protection: bool | None = None
    table_class: str | None = None  # an override of the table's class
    tags: dict[str, str] | None = None  # the replica's own tags, when known
    scaled_regions: bool | None = None  # whether its Region has the table's scaling targets (None: unknown)
    resource_policy: str | None = None  # its resource policy document, if it has one
    insights: str | None = None  # contributor insights on the replica table (None: off, or not known)
    index_insights: dict[str, str] = field(default_factory=dict)  # index name -> mode, for the replica's indexes


@dataclass
class LiveTable:
    """Everything about one table that the library models, as AWS (or the old state) has it."""

    name: str
    region: str
    partition_key: Key
    sort_key: Key | None = None
    billing_mode: str = "PAY_PER_REQUEST"
    throughput: Throughput = field(default_factory=Throughput)
    global_indexes: list[Index] = field(default_factory=list)
    local_indexes: list[Index] = field(default_factory=list)
    ttl_attribute: str | None = None
    ttl_enabled: bool = False
    stream_view: str | None = None
    pitr: bool = False
    pitr_days: int | None = None
    table_class: str = "STANDARD"
    deletion_protection: bool = False
    encryption: str = "AWS_OWNED"  # AWS_OWNED, AWS_MANAGED or CUSTOMER_MANAGED
    kms_key_arn: str | None = None
    insights: str | None = None
    tags: dict[str, str] = field(default_factory=dict)  # every tag the table has (its provider's defaults included)
    default_tags: dict[str, str] | None = None  # of those, the old provider's default tags (None: unknown)
    replicas: list[Replica] = field(default_factory=list)
    strong_consistency: bool = False
    witness_region: str | None = None
    resource_policy: str | None = None  # the policy document (JSON text)
    stream_policy: bool = False
    # (stream ARN, precision) of the table's and its replicas' destinations: a stream's Region says whose
    kinesis: list[tuple[str, str | None]] = field(default_factory=list)
    warm: tuple[int, int] | None = None
    arn: str | None = None
    stream_arn: str | None = None
    item_count: int = 0  # items the old configuration wrote (data, left alone)
    old_addresses: list[str] = field(default_factory=list)  # the old state's resources that move or serve it alone
    key_addresses: list[str] = field(default_factory=list)  # its KMS keys and aliases (other tables may use them)
    notes: list[str] = field(default_factory=list)  # what was found that is worth saying
    problems: list[str] = field(default_factory=list)  # what the library cannot express: the table is left out
    source: dict[str, Any] = field(default_factory=dict)  # where it was read from (for the report)

    @property
    def scalings(self) -> list[Scaling]:
        """The autoscaled dimensions of the table and its global indexes."""
        holders = [self.throughput, *(i.throughput for i in self.global_indexes)]
        return [s for h in holders for s in (h.read_scaling, h.write_scaling) if s is not None]

    def replica_arn(self, region: str) -> str:
        """A replica's ARN: the table's with the Region swapped."""
        return str(self.arn).replace(f":{self.region}:", f":{region}:", 1)

    @property
    def attributes(self) -> dict[str, str]:
        """Every key attribute of the table and its indexes: name -> type."""
        keys = [self.partition_key, self.sort_key]
        for index in [*self.global_indexes, *self.local_indexes]:
            keys += [index.partition_key, index.sort_key, *index.more_partition, *index.more_sort]
        return {k.name: k.type for k in keys if k is not None}


def stream_region(stream_arn: str) -> str | None:
    """The Region of a Kinesis stream's ARN: whose destination it is, the table's or a replica's
    (DynamoDB streams a table to a stream in its own Region)."""
    arn = parse_arn(stream_arn)
    return arn.region if arn is not None and arn.region else None
