"""Tables read from a live account (boto3, the usual credential chain; ``AWS_ENDPOINT_URL`` is honoured).

Per table: DescribeTable, DescribeTimeToLive, DescribeContinuousBackups, DescribeContributorInsights
(table and each index), ListTagsOfResource, GetResourcePolicy (table and stream),
DescribeKinesisStreamingDestination, and Application Auto Scaling's targets and policies; for each
replica the same reads in its Region. Tables are read side by side (a small pool); throttling is
retried by botocore's standard retry mode, and an endpoint that does not answer fails within a
bounded time with the reason.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .model import Index, Key, LiveTable, MigrateError, Replica, Scaling, Throughput

WORKERS = 8
ATTEMPTS = 5  # botocore's standard mode: throttling and transient errors, with backoff
CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 20.0
NOT_FOUND = ("ResourceNotFoundException", "PolicyNotFoundException", "TableNotFoundException")


def _error_code(error: Exception) -> str:
    return str(getattr(error, "response", {}).get("Error", {}).get("Code", ""))


class Reader:
    """boto3 clients per Region with bounded timeouts and retries."""

    def __init__(self, session: Any) -> None:
        from botocore.config import Config  # type: ignore[import-untyped]

        self.session = session
        self.config = Config(retries={"max_attempts": ATTEMPTS, "mode": "standard"}, connect_timeout=CONNECT_TIMEOUT,
                             read_timeout=READ_TIMEOUT, max_pool_connections=WORKERS * 2)
        self._clients: dict[tuple[str, str], Any] = {}
        self._scaling: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
        self._scaling_lock = threading.Lock()

    def client(self, service: str, region: str) -> Any:
        known = self._clients.get((service, region))
        if known is None:
            known = self._clients[(service, region)] = self.session.client(service, region_name=region, config=self.config)
        return known

    def scaling(self, region: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every DynamoDB scalable target and scaling policy of ``region``, listed once per run (the
        tables read side by side share them)."""
        with self._scaling_lock:
            known = self._scaling.get(region)
            if known is None:
                client = self.client("application-autoscaling", region)
                known = self._scaling[region] = (
                    [t for page in client.get_paginator("describe_scalable_targets").paginate(ServiceNamespace="dynamodb")
                     for t in page["ScalableTargets"]],
                    [p for page in client.get_paginator("describe_scaling_policies").paginate(ServiceNamespace="dynamodb")
                     for p in page["ScalingPolicies"]])
            return known

    def optional(self, call: Callable[[], Any]) -> Any:
        """``call()``, or None when AWS says the thing does not exist."""
        try:
            return call()
        except Exception as error:
            if _error_code(error) in NOT_FOUND:
                return None
            raise


def list_tables(reader: Reader, region: str) -> list[str]:
    names: list[str] = []
    for page in reader.client("dynamodb", region).get_paginator("list_tables").paginate():
        names += page.get("TableNames", [])
    return names


def _throughput(described: dict[str, Any], provisioned: bool) -> Throughput:
    if provisioned:
        units = described.get("ProvisionedThroughput", {})
        return Throughput(read=units.get("ReadCapacityUnits"), write=units.get("WriteCapacityUnits"))
    caps = described.get("OnDemandThroughput", {})

    def cap(value: Any) -> int | None:
        return int(value) if isinstance(value, int) and value > 0 else None

    return Throughput(max_read=cap(caps.get("MaxReadRequestUnits")), max_write=cap(caps.get("MaxWriteRequestUnits")))


def _warm(described: dict[str, Any]) -> tuple[int, int] | None:
    warm = described.get("WarmThroughput") or {}
    read, write = warm.get("ReadUnitsPerSecond"), warm.get("WriteUnitsPerSecond")
    return (int(read), int(write)) if isinstance(read, int) and isinstance(write, int) else None


def _keys(schema: Sequence[dict[str, Any]], role: str, types: dict[str, str]) -> list[Key]:
    """The key attributes of one role (HASH or RANGE), in order (a multi-attribute key has several)."""
    return [Key(k["AttributeName"], types.get(k["AttributeName"], "S")) for k in schema if k["KeyType"] == role]


def _index(described: dict[str, Any], types: dict[str, str], provisioned: bool, table_key: Key) -> Index:
    projection = described.get("Projection", {})
    hashes, ranges = _keys(described["KeySchema"], "HASH", types), _keys(described["KeySchema"], "RANGE", types)
    return Index(name=described["IndexName"], partition_key=hashes[0] if hashes else table_key,
                 sort_key=ranges[0] if ranges else None, projection=projection.get("ProjectionType", "ALL"),
                 more_partition=tuple(hashes[1:]), more_sort=tuple(ranges[1:]),
                 non_key_attributes=tuple(sorted(projection.get("NonKeyAttributes", []))),
                 throughput=_throughput(described, provisioned), warm=_warm(described))


def _scaling(reader: Reader, table: LiveTable, region: str) -> bool:
    """Fills the table's (and its indexes') autoscaling from ``region``'s targets; whether it has any."""
    prefix = f"table/{table.name}"

    def mine(resource_id: str) -> bool:
        return resource_id == prefix or resource_id.startswith(f"{prefix}/index/")

    every_target, every_policy = reader.scaling(region)
    targets = [t for t in every_target if mine(t["ResourceId"])]
    if region != table.region:
        return bool(targets)
    policies = [p for p in every_policy if mine(p["ResourceId"])]
    for target in targets:
        resource, dimension = target["ResourceId"], target["ScalableDimension"]
        side = "read" if "Read" in dimension else "write"
        index_name = resource.split("/index/", 1)[1] if "/index/" in resource else None
        holder = table.throughput if index_name is None else next(
            (i.throughput for i in table.global_indexes if i.name == index_name), None)
        if holder is None:
            continue
        its = [p for p in policies if p["ResourceId"] == resource and p["ScalableDimension"] == dimension]
        other = []
        if any((target.get("SuspendedState") or {}).values()):
            other.append(f"a suspended scaling target ({target['SuspendedState']})")
        if len(its) > 1:
            other.append(f"{len(its)} scaling policies on one dimension (the library makes one)")
        policy = its[0] if its else None
        config = (policy or {}).get("TargetTrackingScalingPolicyConfiguration", {})
        if config.get("CustomizedMetricSpecification"):
            other.append("a customized metric in the scaling policy")
        metric = config.get("PredefinedMetricSpecification", {})
        scaling = Scaling(minimum=target["MinCapacity"], maximum=target["MaxCapacity"],
                          policy_name=policy["PolicyName"] if policy else None, target_value=config.get("TargetValue"),
                          scale_in_cooldown=config.get("ScaleInCooldown"), scale_out_cooldown=config.get("ScaleOutCooldown"),
                          disable_scale_in=bool(config.get("DisableScaleIn")), metric=metric.get("PredefinedMetricType"),
                          policy_type=policy.get("PolicyType") if policy else None, other=tuple(other))
        setattr(holder, f"{side}_scaling", scaling)
    return bool(targets)


def _insights(reader: Reader, region: str, name: str, index: str | None = None) -> str | None:
    client = reader.client("dynamodb", region)
    arguments = {"TableName": name, **({"IndexName": index} if index else {})}
    found = reader.optional(lambda: client.describe_contributor_insights(**arguments)) or {}
    if found.get("ContributorInsightsStatus") not in ("ENABLED", "ENABLING"):
        return None
    return str(found.get("ContributorInsightsMode") or "ACCESSED_AND_THROTTLED_KEYS")


def _destinations(reader: Reader, region: str, name: str) -> list[tuple[str, str | None]]:
    """The table's active Kinesis streaming destinations in ``region``: (stream ARN, precision)."""
    client = reader.client("dynamodb", region)
    found = reader.optional(lambda: client.describe_kinesis_streaming_destination(TableName=name)) or {}
    return [(d["StreamArn"], d.get("ApproximateCreationDateTimePrecision"))
            for d in found.get("KinesisDataStreamDestinations", [])
            if d.get("DestinationStatus") in ("ACTIVE", "ENABLING", "UPDATING")]


def _tags(reader: Reader, region: str, arn: str) -> dict[str, str]:
    pages = reader.client("dynamodb", region).get_paginator("list_tags_of_resource").paginate(ResourceArn=arn)
    return {t["Key"]: t["Value"] for page in pages for t in page.get("Tags", [])}


def _policy(reader: Reader, region: str, arn: str | None) -> str | None:
    if not arn:
        return None
    client = reader.client("dynamodb", region)
    found = reader.optional(lambda: client.get_resource_policy(ResourceArn=arn))
    return str(found["Policy"]) if found and found.get("Policy") else None


def read_table(reader: Reader, region: str, name: str) -> LiveTable:
    """One table and everything around it the library models."""
    client = reader.client("dynamodb", region)
    described = reader.optional(lambda: client.describe_table(TableName=name))
    if described is None:
        raise MigrateError(f"no table {name!r} in {region}")
    t = described["Table"]
    types = {a["AttributeName"]: a["AttributeType"] for a in t.get("AttributeDefinitions", [])}
    provisioned = t.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED") == "PROVISIONED"
    partition, sort = _keys(t["KeySchema"], "HASH", types)[0], _keys(t["KeySchema"], "RANGE", types)
    table = LiveTable(name=name, region=region, partition_key=partition, sort_key=sort[0] if sort else None,
                      billing_mode="PROVISIONED" if provisioned else "PAY_PER_REQUEST",
                      throughput=_throughput(t, provisioned), arn=t["TableArn"], stream_arn=t.get("LatestStreamArn"),
                      table_class=t.get("TableClassSummary", {}).get("TableClass", "STANDARD"),
                      deletion_protection=bool(t.get("DeletionProtectionEnabled")), warm=_warm(t))
    table.global_indexes = [_index(i, types, provisioned, partition) for i in t.get("GlobalSecondaryIndexes", [])]
    table.local_indexes = [_index(i, types, provisioned, partition) for i in t.get("LocalSecondaryIndexes", [])]
    stream = t.get("StreamSpecification") or {}
    table.stream_view = stream.get("StreamViewType") if stream.get("StreamEnabled") else None
    sse = t.get("SSEDescription") or {}
    if sse.get("Status") in ("ENABLED", "UPDATING") and sse.get("SSEType") == "KMS":
        table.kms_key_arn = sse.get("KMSMasterKeyArn")
        table.encryption = _key_kind(reader, region, table.kms_key_arn)
        if table.encryption == "AWS_MANAGED":
            table.kms_key_arn = None
    ttl = client.describe_time_to_live(TableName=name).get("TimeToLiveDescription", {})
    table.ttl_attribute = ttl.get("AttributeName") or None
    table.ttl_enabled = ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
    backups = client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    pitr = backups.get("PointInTimeRecoveryDescription", {})
    table.pitr = pitr.get("PointInTimeRecoveryStatus") == "ENABLED"
    table.pitr_days = pitr.get("RecoveryPeriodInDays") if table.pitr else None
    table.insights = _insights(reader, region, name)
    for index in table.global_indexes:
        index.insights = _insights(reader, region, name, index.name)
    table.tags = _tags(reader, region, str(table.arn))
    table.resource_policy = _policy(reader, region, table.arn)
    table.stream_policy = _policy(reader, region, table.stream_arn) is not None
    table.kinesis = _destinations(reader, region, name)
    _scaling(reader, table, region)
    table.strong_consistency = t.get("MultiRegionConsistency") == "STRONG"
    witnesses = t.get("GlobalTableWitnesses") or []
    table.witness_region = witnesses[0].get("RegionName") if witnesses else None
    for replica in t.get("Replicas", []):
        table.replicas.append(_replica(reader, table, replica))
    table.source = {"api": f"DescribeTable {name} in {region}"}
    return table


def _key_kind(reader: Reader, region: str, key_arn: str | None) -> str:
    """AWS_MANAGED for the account's aws/dynamodb key (KMS says its manager is AWS, or an ``alias/aws/``
    alias names it), else CUSTOMER_MANAGED."""
    if not key_arn:
        return "AWS_MANAGED"
    kms = reader.client("kms", region)
    described = reader.optional(lambda: kms.describe_key(KeyId=key_arn)) or {}
    metadata = described.get("KeyMetadata", {})
    if metadata.get("KeyManager") == "AWS":
        return "AWS_MANAGED"
    aliases = reader.optional(lambda: kms.list_aliases(KeyId=metadata.get("KeyId", key_arn))) or {}
    managed = any(a.get("AliasName", "").startswith("alias/aws/") for a in aliases.get("Aliases", []))
    return "AWS_MANAGED" if managed else "CUSTOMER_MANAGED"


def _replica(reader: Reader, table: LiveTable, described: dict[str, Any]) -> Replica:
    region = described["RegionName"]
    replica_arn = table.replica_arn(region)
    client = reader.client("dynamodb", region)
    there = (reader.optional(lambda: client.describe_table(TableName=table.name)) or {}).get("Table", {})
    backups = reader.optional(lambda: client.describe_continuous_backups(TableName=table.name)) or {}
    pitr = backups.get("ContinuousBackupsDescription", {}).get("PointInTimeRecoveryDescription", {})
    override = described.get("ReplicaTableClassSummary", {}).get("TableClass")
    replica = Replica(region=region, kms_key_arn=described.get("KMSMasterKeyId") or None,
                      point_in_time_recovery=pitr.get("PointInTimeRecoveryStatus") == "ENABLED",
                      deletion_protection=bool(there.get("DeletionProtectionEnabled")),
                      table_class=override if override and override != table.table_class else None,
                      tags=_tags(reader, region, replica_arn) if there else None,
                      scaled_regions=_scaling(reader, table, region) if table.billing_mode == "PROVISIONED" else None,
                      resource_policy=_policy(reader, region, replica_arn))
    if there:  # the replica table's own contributor insights and Kinesis destinations, in its Region
        replica.insights = _insights(reader, region, table.name)
        replica.index_insights = {index.name: mode for index in table.global_indexes
                                  if (mode := _insights(reader, region, table.name, index.name)) is not None}
        table.kinesis += _destinations(reader, region, table.name)
    return replica


def read(session: Any, region: str, names: Sequence[str] = ()) -> list[LiveTable]:
    """The named tables of ``region`` (every table when none is named), read side by side."""
    reader = Reader(session)
    try:
        wanted = list(names) or list_tables(reader, region)
        if not wanted:
            raise MigrateError(f"no DynamoDB table in {region}")
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(lambda name: read_table(reader, region, name), wanted))
    except MigrateError:
        raise
    except Exception as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise MigrateError(f"reading {region} failed: {reason}") from None
