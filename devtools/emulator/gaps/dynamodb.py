"""DynamoDB: where moto 5.2.5 differs from DynamoDB, and the operations it lacks.

Each function names the AWS behaviour it follows; "API:" points at the DynamoDB API reference
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_<name>.html), "Guide:" at the
Developer Guide. State moto has no field for lives on the moto objects as ``_emulator*``
attributes, so backups (deep copies) carry it along.

Table settings
  * streams can be disabled and re-enabled (a new stream ARN/label each time); enabling an
    enabled stream or disabling a missing one is a ValidationException;
  * ``TableClass``, ``OnDemandThroughput`` (table and GSIs), ``SSESpecification`` on create and
    update; billing-mode switches zero or restore capacities; ``AttributeDefinitions`` merge and
    are pruned to the key attributes still in use; GSI creates, updates and deletes are checked;
  * a table whose customer managed KMS key is disabled or pending deletion is
    INACCESSIBLE_ENCRYPTION_CREDENTIALS and refuses data-plane calls until the key is usable;
  * TTL and point-in-time recovery transitions as DynamoDB applies them.
Operations moto lacks or gets wrong
  contributor insights, global-table replicas (``ReplicaUpdates``), resource policies on stream
  ARNs, Kinesis streaming destinations, ImportTable/DescribeImport/ListImports (DynamoDB JSON and
  CSV, NONE/GZIP), ExportTableToPointInTime/DescribeExport/ListExports (synchronous, AWS's S3
  layout), and RestoreTableToPointInTime/RestoreTableFromBackup with their overrides; a PartiQL
  ``INSERT`` of an existing key is refused (``DuplicateItemException``), not an overwrite.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.core.utils import utcnow
from moto.dynamodb.exceptions import (
    ERROR_TYPE_PREFIX,
    MockValidationException,
    PointInTimeRecoveryUnavailable,
    PolicyNotFoundException,
    ResourceInUseException,
    ResourceNotFoundException,
    TableNotFoundException,
)
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import GlobalSecondaryIndex, LocalSecondaryIndex, ResourcePolicy, Table
from moto.dynamodb.parsing import partiql
from moto.dynamodb.responses import DynamoHandler, DynamoResult

Json = dict[str, Any]
Handler = Callable[[DynamoHandler], Any]

# (account, region, table) -> index name ("" for the table) -> status
_insights: dict[tuple[str, str, str], dict[str, str]] = {}
# (account, region) -> ARN -> description, for imports and exports (tables come and go)
_imports: dict[tuple[str, str], dict[str, Json]] = {}
_exports: dict[tuple[str, str], dict[str, Json]] = {}

_READ, _WRITE = "MaxReadRequestUnits", "MaxWriteRequestUnits"
_DATA_PLANE = ("get_item", "put_item", "update_item", "delete_item", "query", "scan", "batch_get_item",
               "batch_write_item", "transact_get_items", "transact_write_items")


def _error(code: str, message: str) -> JsonRESTError:
    return JsonRESTError(ERROR_TYPE_PREFIX + code, message)


def _invalid(message: str) -> MockValidationException:
    return MockValidationException(f"One or more parameter values were invalid: {message}")


def _extra(obj: Any) -> Json:
    """The emulator's own fields of a moto table or index."""
    if "_emulator" not in obj.__dict__:
        obj._emulator = {}
    return obj._emulator  # type: ignore[no-any-return]


def _table(handler: DynamoHandler, name: str) -> Table:
    try:
        return handler.dynamodb_backend.get_table(name)
    except ResourceNotFoundException:
        raise ResourceNotFoundException(f"Requested resource not found: Table: {name} not found") from None


def _key_attributes(table: Table) -> set[str]:
    schemas: list[list[dict[str, str]]] = [table.schema, *(i.schema for i in [*table.indexes, *table.global_indexes])]
    return {k["AttributeName"] for schema in schemas for k in schema}


# --- KMS keys -------------------------------------------------------------------------------------

def _kms_key(account: str, region: str, key_id: str) -> Any:
    """The moto KMS key for an id, ARN or alias (in the ARN's region), or None."""
    from moto.kms.models import kms_backends

    if key_id.startswith("arn:"):
        region = key_id.split(":")[3]
    try:
        return kms_backends[account][region].describe_key(key_id)
    except (KeyError, JsonRESTError):
        return None


def _sse(table: Table, spec: Json) -> Json:
    """SSESpecification (API: SSESpecification): ``Enabled`` false means the AWS owned key (no
    SSEDescription); true means SSEType KMS with ``KMSMasterKeyId`` or, without one, the AWS
    managed key ``alias/aws/dynamodb``. DescribeTable reports the key's ARN."""
    if not spec.get("Enabled"):
        return {"Enabled": False}
    key_id = spec.get("KMSMasterKeyId")
    if not key_id:
        arn = table._get_default_encryption_key(table.account_id, table.region_name)
    else:
        key = _kms_key(table.account_id, table.region_name, key_id)
        arn = key.arn if key is not None else key_id
    return {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": arn}


def _inaccessible_key(table: Table) -> str | None:
    """The ARN of the table's KMS key when DynamoDB cannot use it: disabled or pending deletion.

    API: TableDescription (TableStatus INACCESSIBLE_ENCRYPTION_CREDENTIALS: "the AWS KMS key used
    to encrypt the table is inaccessible. Table operations may fail"), SSEDescription
    (InaccessibleEncryptionDateTime, "cleared when DynamoDB detects that the table's AWS KMS key
    is accessible again"); Guide: encryption.usagenotes (access returns once the key is enabled
    again or its deletion cancelled - which leaves a KMS key Disabled until enabled).
    """
    sse = table.sse_specification or {}
    if not sse.get("Enabled") or not sse.get("KMSMasterKeyId"):
        return None
    key = _kms_key(table.account_id, table.region_name, sse["KMSMasterKeyId"])
    return key.arn if key is not None and key.key_state != "Enabled" else None


def _guard_data_plane(method: Handler) -> Handler:
    """Data-plane calls on an inaccessible table fail. The API reference names no error code for
    this; DynamoDB reports a KMS key it cannot use as HTTP 400 AccessDeniedException with a
    message starting "KMS key access denied error", which is what the emulator returns."""

    def guarded(self: DynamoHandler) -> Any:
        body = self.body
        names = {body["TableName"]} if body.get("TableName") else set()
        names |= set(body.get("RequestItems") or {})
        names |= {op["TableName"] for item in body.get("TransactItems") or [] for op in item.values()
                  if isinstance(op, dict) and "TableName" in op}
        for name in names:
            try:
                table = self.dynamodb_backend.get_table(name)
            except ResourceNotFoundException:
                continue
            key_arn = _inaccessible_key(table)
            if key_arn:
                raise _error("AccessDeniedException",
                             f"KMS key access denied error: The KMS key {key_arn} used to encrypt table {name} "
                             "is disabled or pending deletion (table status INACCESSIBLE_ENCRYPTION_CREDENTIALS)")
        return method(self)

    return guarded


# --- table settings ------------------------------------------------------------------------------

def _merge_on_demand(current: Json | None, given: Json | None) -> Json:
    """OnDemandThroughput (API: OnDemandThroughput): members merge into the current maxima; -1
    removes a maximum (DescribeTable then omits it); other values must be at least 1."""
    merged = dict(current or {})
    for member in (_READ, _WRITE):
        if given and member in given:
            value = int(given[member])
            if value == -1:
                merged.pop(member, None)
            elif value < 1:
                raise _invalid(f"Requested {member} for OnDemandThroughput for table is outside of valid range")
            else:
                merged[member] = value
    return merged


def _refuse_on_demand_when_provisioned(billing_mode: str, specs: list[Json | None]) -> None:
    """OnDemandThroughput applies to on-demand tables only (API: CreateTable, UpdateTable)."""
    if billing_mode == "PROVISIONED":
        for spec in specs:
            for member in (_READ, _WRITE):
                if spec and member in spec:
                    raise _invalid(f"{member} for OnDemandThroughput cannot be specified when the table "
                                   "BillingMode is PROVISIONED")


def _check_table_class(table_class: str | None) -> None:
    if table_class not in (None, "STANDARD", "STANDARD_INFREQUENT_ACCESS"):
        raise MockValidationException(f"1 validation error detected: Value '{table_class}' at 'tableClass' failed to "
                                      "satisfy constraint: Member must satisfy enum value set: "
                                      "[STANDARD, STANDARD_INFREQUENT_ACCESS]")


def _set_table_class(table: Table, table_class: str | None) -> None:
    """TableClass STANDARD | STANDARD_INFREQUENT_ACCESS, reported in TableClassSummary
    (API: CreateTable, UpdateTable, TableClassSummary)."""
    _check_table_class(table_class)
    if table_class is not None:
        _extra(table)["table_class"] = {"TableClass": table_class, "LastUpdateDateTime": utcnow()}


def _apply_creation(table: Table, params: Json) -> None:
    """What CreateTable (and ImportTable's TableCreationParameters) set beyond moto's model."""
    _set_table_class(table, params.get("TableClass"))
    if params.get("OnDemandThroughput"):
        _extra(table)["on_demand"] = _merge_on_demand(None, params["OnDemandThroughput"])
    specs = {g["IndexName"]: g.get("OnDemandThroughput") for g in params.get("GlobalSecondaryIndexes") or []}
    for gsi in table.global_indexes:
        if specs.get(gsi.name):
            _extra(gsi)["on_demand"] = _merge_on_demand(None, specs[gsi.name])
    if params.get("SSESpecification") is not None:
        table.sse_specification = _sse(table, params["SSESpecification"])


def _validate_gsi_updates(table: Table, body: Json, billing_mode: str) -> None:
    """GlobalSecondaryIndexUpdates (API: UpdateTable, CreateGlobalSecondaryIndexAction): missing
    indexes are ResourceNotFoundException; a new index needs its key attributes defined, and
    ProvisionedThroughput exactly when the table is provisioned. (An Update carries only
    throughput settings, API: UpdateGlobalSecondaryIndexAction; moto's request parser already
    drops anything else, so a projection changes only by Delete + Create, as on AWS.)"""
    existing = {g.name for g in table.global_indexes}
    defined = {a["AttributeName"] for a in [*table.attr, *(body.get("AttributeDefinitions") or [])]}
    for action in body.get("GlobalSecondaryIndexUpdates") or []:
        for kind, spec in action.items():
            name = spec.get("IndexName")
            if kind in ("Update", "Delete") and name not in existing:
                raise ResourceNotFoundException(f"Requested resource not found: Index: {name} not found")
            if kind == "Create":
                if name in existing:
                    raise _invalid(f"Index {name} already exists")
                undefined = {k["AttributeName"] for k in spec["KeySchema"]} - defined
                if undefined:
                    raise _invalid(f"Index key attributes {sorted(undefined)} are not in AttributeDefinitions")
                if billing_mode == "PROVISIONED" and not spec.get("ProvisionedThroughput"):
                    raise _invalid(f"ProvisionedThroughput must be specified for index: {name}")
                if billing_mode == "PAY_PER_REQUEST" and spec.get("ProvisionedThroughput"):
                    raise _invalid(f"ProvisionedThroughput should not be specified for index: {name} when "
                                   "BillingMode is PAY_PER_REQUEST")
            if kind in ("Create", "Update"):
                _refuse_on_demand_when_provisioned(billing_mode, [spec.get("OnDemandThroughput")])


def _require_capacities(table: Table, body: Json) -> None:
    """Switching to PROVISIONED: "initial provisioned capacity values must be set" (API:
    UpdateTable, BillingMode) for the table and for every global secondary index it keeps."""
    if not body.get("ProvisionedThroughput"):
        raise _invalid("ProvisionedThroughput must be specified when switching BillingMode to PROVISIONED")
    given = {spec["IndexName"] for action in body.get("GlobalSecondaryIndexUpdates") or []
             for kind, spec in action.items() if kind in ("Create", "Update") and spec.get("ProvisionedThroughput")}
    deleted = {a["Delete"]["IndexName"] for a in body.get("GlobalSecondaryIndexUpdates") or [] if "Delete" in a}
    for gsi in table.global_indexes:
        if gsi.name not in given | deleted:
            raise _invalid(f"ProvisionedThroughput must be specified for index: {gsi.name}")


def _zero(throughput: Json) -> Json:
    return {**throughput, "ReadCapacityUnits": 0, "WriteCapacityUnits": 0}


def _after_update(table: Table, body: Json, previous_billing: str | None) -> None:
    """UpdateTable effects moto does not apply (API: UpdateTable, BillingModeSummary, Guide:
    on-demand-capacity-mode and capacity-mode switching): on-demand tables and their indexes report
    0 read/write capacity and LastUpdateToPayPerRequestDateTime; back to PROVISIONED takes the
    given capacities and clears on-demand maxima; AttributeDefinitions hold exactly the key
    attributes of the table and its indexes."""
    given = {a["AttributeName"]: a for a in body.get("AttributeDefinitions") or []}
    merged = {**{a["AttributeName"]: a for a in table.attr}, **given}
    used = _key_attributes(table)
    table.attr = [a for name, a in merged.items() if name in used]

    table.throughput.setdefault("NumberOfDecreasesToday", 0)
    if table.billing_mode == "PAY_PER_REQUEST":
        if previous_billing != "PAY_PER_REQUEST":
            _extra(table)["pay_per_request_at"] = utcnow()
        table.throughput = _zero(table.throughput)
        for gsi in table.global_indexes:
            gsi.throughput = _zero(gsi.throughput)
    elif previous_billing == "PAY_PER_REQUEST":
        _extra(table).pop("on_demand", None)
        for gsi in table.global_indexes:
            _extra(gsi).pop("on_demand", None)

    if "OnDemandThroughput" in body:
        _extra(table)["on_demand"] = _merge_on_demand(_extra(table).get("on_demand"), body["OnDemandThroughput"])
    gsis = {g.name: g for g in table.global_indexes}
    for action in body.get("GlobalSecondaryIndexUpdates") or []:
        for kind, spec in action.items():
            if kind in ("Create", "Update") and spec.get("OnDemandThroughput") and spec["IndexName"] in gsis:
                gsi = gsis[spec["IndexName"]]
                _extra(gsi)["on_demand"] = _merge_on_demand(_extra(gsi).get("on_demand"), spec["OnDemandThroughput"])
    _set_table_class(table, body.get("TableClass"))
    if body.get("SSESpecification") is not None:
        table.sse_specification = _sse(table, body["SSESpecification"])


def update_table_streams(self: DynamoDBBackend, table: Table, stream_specification: Json) -> None:
    """StreamSpecification in UpdateTable (API: UpdateTable): enabling creates a new stream (new
    LatestStreamArn/LatestStreamLabel); disabling ends the current one (its ARN stays the latest,
    readable for 24 hours, Guide: Streams.html) and DescribeTable drops StreamSpecification.
    "You receive a ValidationException if you try to enable a stream on a table that already has a
    stream, or if you try to disable a stream on a table that doesn't have a stream.\""""
    spec = stream_specification
    enabled = bool((table.stream_specification or {}).get("StreamEnabled"))
    if spec.get("StreamEnabled"):
        if enabled:
            raise MockValidationException(f"Table already has an enabled stream: {table.latest_stream_label}")
        if not spec.get("StreamViewType"):
            raise MockValidationException("StreamViewType is required when StreamEnabled is true")
        table.set_stream_specification(dict(spec))
    else:
        if not enabled:
            raise MockValidationException("Table does not have an enabled stream to disable")
        _extra(table).setdefault("ended_streams", {})[table.latest_stream_label] = table.stream_specification
        table.stream_specification = {"StreamEnabled": False}
        table.stream_shard = None


def update_time_to_live(self: DynamoDBBackend, table_name: str, ttl_spec: Json) -> None:
    """UpdateTimeToLive (API: UpdateTimeToLive, TimeToLiveDescription): enabling an enabled TTL or
    disabling a disabled one is a ValidationException, as is enabling on another attribute while
    one is active; once disabled, DescribeTimeToLive reports no AttributeName. AttributeName is
    required in both directions (TimeToLiveSpecification: AttributeName, length 1-255): a disable
    without it is refused, as the provider's ``ttl { enabled = false }`` finds out on AWS."""
    table, spec = self.get_table(table_name), ttl_spec
    name = spec.get("AttributeName") or ""
    if not 1 <= len(name) <= 255:
        raise MockValidationException(
            f"1 validation error detected: Value '{name}' at 'timeToLiveSpecification.attributeName' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1")
    current = table.ttl
    if spec.get("Enabled"):
        if current.get("TimeToLiveStatus") == "ENABLED":
            if current.get("AttributeName") != spec.get("AttributeName"):
                raise MockValidationException(
                    f"TimeToLive is active on a different AttributeName: current AttributeName is {current.get('AttributeName')}")
            raise MockValidationException("TimeToLive is already enabled")
        table.ttl = {"TimeToLiveStatus": "ENABLED", "AttributeName": spec["AttributeName"]}
    else:
        if current.get("TimeToLiveStatus") != "ENABLED":
            raise MockValidationException("TimeToLive is already disabled")
        table.ttl = {"TimeToLiveStatus": "DISABLED"}


def _describe(original: Callable[..., Json]) -> Callable[..., Json]:
    def describe(self: Table, base_key: str = "TableDescription") -> Json:
        result = original(self, base_key)
        desc, extra = result[base_key], _extra(self)
        replicas = extra.get("replicas")
        if replicas:
            desc["Replicas"] = [dict(r) for r in replicas]
            desc["GlobalTableVersion"] = "2019.11.21"
        if extra.get("pay_per_request_at"):
            desc["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] = extra["pay_per_request_at"]
        if extra.get("table_class"):
            desc["TableClassSummary"] = dict(extra["table_class"])
        if extra.get("on_demand"):
            desc["OnDemandThroughput"] = dict(extra["on_demand"])
        for gsi_desc, gsi in zip(desc.get("GlobalSecondaryIndexes") or [], self.global_indexes, strict=True):
            if _extra(gsi).get("on_demand"):
                gsi_desc["OnDemandThroughput"] = dict(_extra(gsi)["on_demand"])
        if _inaccessible_key(self):
            desc["TableStatus"] = "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
            desc["SSEDescription"]["InaccessibleEncryptionDateTime"] = extra.setdefault("inaccessible_since", utcnow())
        else:
            extra.pop("inaccessible_since", None)
        return result

    return describe


# --- contributor insights --------------------------------------------------------------------------

def _insights_response(table: str, index: str | None, status: str, describe: bool) -> Json:
    body: Json = {"TableName": table, "ContributorInsightsStatus": status}
    if index:
        body["IndexName"] = index
    if describe:
        target = table + (f"-{index}" if index else "")
        rules = [f"DynamoDBContributorInsights-{kind}-{target}" for kind in ("PKC", "PKT", "SKC", "SKT")]
        body["ContributorInsightsRuleList"] = rules if status == "ENABLED" else []
        body["LastUpdateDateTime"] = time.time()
    return body


def update_contributor_insights(self: DynamoHandler) -> DynamoResult:
    """API: UpdateContributorInsights (table or GSI; unknown ones are ResourceNotFoundException)."""
    name, index = self.body["TableName"], self.body.get("IndexName")
    table = _table(self, name)
    if index and index not in {i.name for i in table.global_indexes}:
        raise ResourceNotFoundException(f"Requested resource not found: Index: {index} not found")
    action = self.body.get("ContributorInsightsAction")
    if action not in ("ENABLE", "DISABLE"):
        raise MockValidationException("ContributorInsightsAction must be ENABLE or DISABLE")
    status = "ENABLED" if action == "ENABLE" else "DISABLED"
    _insights.setdefault((self.current_account, self.region, table.name), {})[index or ""] = status
    return DynamoResult(_insights_response(table.name, index, status, describe=False))


def describe_contributor_insights(self: DynamoHandler) -> DynamoResult:
    """API: DescribeContributorInsights."""
    name, index = self.body["TableName"], self.body.get("IndexName")
    table = _table(self, name)
    status = _insights.get((self.current_account, self.region, table.name), {}).get(index or "", "DISABLED")
    return DynamoResult(_insights_response(table.name, index, status, describe=True))


def list_contributor_insights(self: DynamoHandler) -> DynamoResult:
    """API: ListContributorInsights."""
    summaries = [
        {"TableName": table, **({"IndexName": index} if index else {}), "ContributorInsightsStatus": status}
        for (account, region, table), indexes in _insights.items() if (account, region) == (self.current_account, self.region)
        for index, status in indexes.items() if self.body.get("TableName") in (None, table)
    ]
    return DynamoResult({"ContributorInsightsSummaries": summaries})


# --- global-table replicas ---------------------------------------------------------------------------

def _replicas(table: Table) -> list[Json]:
    return _extra(table).setdefault("replicas", [])  # type: ignore[no-any-return]


def _replica_sse(replica: Table, source: Table, key_id: str | None) -> Json | None:
    """A new replica's encryption (API: CreateReplicationGroupMemberAction, KMSMasterKeyId: "you
    should only provide this parameter if the key is different from the default DynamoDB KMS key
    alias/aws/dynamodb"): the given key, resolved in the replica's region; else, when the source
    table is KMS-encrypted, the replica region's own AWS managed key; else the AWS owned key."""
    if key_id:
        return _sse(replica, {"Enabled": True, "KMSMasterKeyId": key_id})
    if (source.sse_specification or {}).get("Enabled"):
        return _sse(replica, {"Enabled": True})
    return None


def _create_replica(self: DynamoHandler, table: Table, spec: Json) -> None:
    """ReplicaUpdates Create (API: UpdateTable, ReplicationGroupUpdate; Guide: globaltables):
    not in the source region, not twice, and only with a NEW_AND_OLD_IMAGES stream. The replica
    takes the table's class unless TableClassOverride names another (CreateReplicationGroupMember-
    Action), which the table's ReplicaDescription reports as ReplicaTableClassSummary."""
    region = spec["RegionName"]
    if region == self.region:
        raise _invalid(f"Cannot add replica in the source region {region}")
    if any(r["RegionName"] == region for r in _replicas(table)):
        raise _invalid(f"Replica already exists in region {region}")
    stream = table.stream_specification or {}
    if not stream.get("StreamEnabled") or stream.get("StreamViewType") != "NEW_AND_OLD_IMAGES":
        raise _invalid("Table must have DynamoDB Streams enabled with StreamViewType set to NEW_AND_OLD_IMAGES")
    target = dynamodb_backends[self.current_account][region]
    if table.name in target.tables:
        raise _invalid(f"Table {table.name} already exists in {region}")
    key, override = spec.get("KMSMasterKeyId"), spec.get("TableClassOverride")
    _check_table_class(override)
    replica = target.create_table(
        table.name, schema=table.schema, throughput=table.throughput, attr=table.attr,
        global_indexes=[i.describe() for i in table.global_indexes], indexes=[i.describe() for i in table.indexes],
        streams=table.stream_specification, billing_mode=table.billing_mode or "PROVISIONED", sse_specification=None, tags=[],
        deletion_protection_enabled=False, warm_throughput=None,
    )
    replica.sse_specification = _replica_sse(replica, table, key)
    _set_table_class(replica, override or (_extra(table).get("table_class") or {}).get("TableClass"))
    entry = {"RegionName": region, "ReplicaStatus": "ACTIVE", **({"KMSMasterKeyId": key} if key else {}),
             **({"ReplicaTableClassSummary": dict(_extra(replica)["table_class"])} if override else {})}
    _replicas(table).append(entry)
    _replicas(replica).append({"RegionName": self.region, "ReplicaStatus": "ACTIVE"})


def _delete_replica(self: DynamoHandler, table: Table, spec: Json) -> None:
    """ReplicaUpdates Delete: refused while the replica table has deletion protection on."""
    region = spec["RegionName"]
    if not any(r["RegionName"] == region for r in _replicas(table)):
        raise _invalid(f"No replica in region {region}")
    target = dynamodb_backends[self.current_account][region]
    replica = target.tables.get(table.name)
    if replica is not None and replica.deletion_protection_enabled:
        raise MockValidationException(
            f"1 validation error detected: Table '{table.name}' in {region} can't be deleted while "
            "DeletionProtectionEnabled is set to True")
    _extra(table)["replicas"] = [r for r in _replicas(table) if r["RegionName"] != region]
    if replica is not None:
        target.tables.pop(table.name)


# --- resource policies -------------------------------------------------------------------------------

def _policy_table(self: DynamoDBBackend, arn: str) -> Table:
    """The table of a table ARN or of its stream's ARN (``table/<name>/stream/<label>``), as
    Put/Get/DeleteResourcePolicy accept both (API: PutResourcePolicy)."""
    parts = arn.split(":", 5)[-1].split("/")
    table = self.tables.get(parts[1]) if len(parts) > 1 and parts[0] == "table" else None
    if table is None or (len(parts) > 2 and (parts[2:3] != ["stream"] or len(parts) < 4)):
        raise ResourceNotFoundException(f"Requested resource not found: {arn}")
    if len(parts) > 3 and parts[3] != table.latest_stream_label:
        raise ResourceNotFoundException(f"Requested resource not found: Stream: {arn} not found")
    return table


def put_resource_policy(self: DynamoDBBackend, resource_arn: str, policy_doc: str,
                        expected_revision_id: str | None) -> ResourcePolicy:
    """API: PutResourcePolicy: a new RevisionId per change; ExpectedRevisionId must match (or be
    NO_POLICY when none exists), else PolicyNotFoundException."""
    _policy_table(self, resource_arn)
    current = self.resource_policies.get(resource_arn)
    if expected_revision_id == "NO_POLICY" and current is not None:
        raise PolicyNotFoundException(f"Resource-based policy not found for the provided ResourceArn: Requested policy "
                                      f"update expecting none to be present, but a policy exists with revision id {current.revision_id}.")
    if expected_revision_id not in (None, "NO_POLICY") and (current is None or current.revision_id != expected_revision_id):
        raise PolicyNotFoundException(f"Resource-based policy not found for the provided ResourceArn: Requested update "
                                      f"for policy with revision id {expected_revision_id}, but the policy associated "
                                      f"to the resource has revision id {current.revision_id if current else None}.")
    if current is not None and current.policy_doc == policy_doc:
        return current
    policy = ResourcePolicy(resource_arn=resource_arn, policy_doc=policy_doc)
    policy.revision_id = str(time.time_ns())
    self.resource_policies[resource_arn] = policy
    return policy


def get_resource_policy(self: DynamoDBBackend, resource_arn: str) -> ResourcePolicy:
    """API: GetResourcePolicy: PolicyNotFoundException when the resource has no policy."""
    _policy_table(self, resource_arn)
    if resource_arn not in self.resource_policies:
        raise PolicyNotFoundException(f"Resource-based policy not found for the provided ResourceArn: {resource_arn}")
    return self.resource_policies[resource_arn]


def delete_resource_policy(self: DynamoDBBackend, resource_arn: str, expected_revision_id: str | None) -> None:
    """API: DeleteResourcePolicy: PolicyNotFoundException when there is no policy or the
    ExpectedRevisionId does not match."""
    policy = get_resource_policy(self, resource_arn)
    if expected_revision_id and policy.revision_id != expected_revision_id:
        raise PolicyNotFoundException(f"Resource-based policy not found for the provided ResourceArn: Requested update "
                                      f"for policy with revision id {expected_revision_id}, but the policy associated "
                                      f"to the resource has revision id {policy.revision_id}.")
    del self.resource_policies[resource_arn]


# --- PartiQL ------------------------------------------------------------------------------------------

def _refuse_duplicate_inserts(original: Callable[..., Any]) -> Callable[..., Any]:
    """ExecuteStatement: an ``INSERT`` whose key exists fails with DuplicateItemException (Guide:
    PartiQL insert statements, "If the DynamoDB table already has an item with the same primary
    key as the primary key of the item being inserted, DuplicateItemException is returned"); moto
    replaces the item. The statement is evaluated once without applying it to find its item."""

    def execute_statement(self: DynamoDBBackend, statement: str, parameters: list[Json]) -> list[Json]:
        if statement.lstrip()[:6].upper() == "INSERT":
            source = {t.name: [i.to_json()["Attributes"] for i in t.all_items()] for t in self.tables.values()}
            for table_name, updates in partiql.query(statement, source, parameters)[1].items():
                table = self.tables[table_name]
                for before, after in updates:
                    if before is not None or after is None:
                        continue
                    range_key = DynamoType(after[table.range_key_attr]) if table.range_key_attr else None
                    if table.get_item(DynamoType(after[table.hash_key_attr]), range_key) is not None:
                        raise _error("DuplicateItemException", "Duplicate primary key exists in table")
        return original(self, statement, parameters)  # type: ignore[no-any-return]

    return execute_statement


# --- Kinesis streaming destinations ------------------------------------------------------------------

def _destinations(table: Table) -> dict[str, Json]:
    return _extra(table).setdefault("kinesis", {})  # type: ignore[no-any-return]


def _precision(config: Json | None) -> str:
    precision = (config or {}).get("ApproximateCreationDateTimePrecision", "MILLISECOND")
    if precision not in ("MILLISECOND", "MICROSECOND"):
        raise MockValidationException(f"1 validation error detected: Value '{precision}' at 'approximateCreationDate"
                                      "TimePrecision' failed to satisfy constraint: Member must satisfy enum value "
                                      "set: [MILLISECOND, MICROSECOND]")
    return precision  # type: ignore[no-any-return]


def enable_kinesis_streaming_destination(self: DynamoHandler) -> DynamoResult:
    """API: EnableKinesisStreamingDestination: the Kinesis data stream must exist; a destination
    already streaming is ResourceInUseException; the reply says ENABLING, then DescribeKinesis-
    StreamingDestination reports ACTIVE (at once here)."""
    from moto.kinesis.models import kinesis_backends

    table, arn = _table(self, self.body["TableName"]), self.body["StreamArn"]
    config = self.body.get("EnableKinesisStreamingConfiguration")
    precision = _precision(config)
    region = arn.split(":")[3] if arn.count(":") >= 5 else self.region
    if not any(s.arn == arn for s in kinesis_backends[self.current_account][region].streams.values()):
        raise ResourceNotFoundException(f"Requested resource not found: Kinesis stream {arn} not found")
    current = _destinations(table).get(arn)
    if current is not None and current["DestinationStatus"] == "ACTIVE":
        raise ResourceInUseException(f"Table {table.name} is already streaming to {arn}")
    _destinations(table)[arn] = {"StreamArn": arn, "DestinationStatus": "ACTIVE",
                                 "ApproximateCreationDateTimePrecision": precision}
    return DynamoResult({"TableName": table.name, "StreamArn": arn, "DestinationStatus": "ENABLING",
                         "EnableKinesisStreamingConfiguration": {"ApproximateCreationDateTimePrecision": precision}})


def _active_destination(self: DynamoHandler) -> tuple[Table, Json]:
    table, arn = _table(self, self.body["TableName"]), self.body["StreamArn"]
    destination = _destinations(table).get(arn)
    if destination is None or destination["DestinationStatus"] != "ACTIVE":
        raise ResourceNotFoundException(f"Requested resource not found: no active streaming destination {arn} "
                                        f"for table {table.name}")
    return table, destination


def disable_kinesis_streaming_destination(self: DynamoHandler) -> DynamoResult:
    """API: DisableKinesisStreamingDestination: DISABLING in the reply, DISABLED afterwards."""
    table, destination = _active_destination(self)
    destination["DestinationStatus"] = "DISABLED"
    return DynamoResult({"TableName": table.name, "StreamArn": destination["StreamArn"], "DestinationStatus": "DISABLING",
                         "EnableKinesisStreamingConfiguration": {
                             "ApproximateCreationDateTimePrecision": destination["ApproximateCreationDateTimePrecision"]}})


def update_kinesis_streaming_destination(self: DynamoHandler) -> DynamoResult:
    """API: UpdateKinesisStreamingDestination: changes ApproximateCreationDateTimePrecision of an
    active destination (UPDATING in the reply, ACTIVE afterwards)."""
    table, destination = _active_destination(self)
    config = self.body.get("UpdateKinesisStreamingConfiguration")
    destination["ApproximateCreationDateTimePrecision"] = _precision(config)
    return DynamoResult({"TableName": table.name, "StreamArn": destination["StreamArn"], "DestinationStatus": "UPDATING",
                         "UpdateKinesisStreamingConfiguration": {
                             "ApproximateCreationDateTimePrecision": destination["ApproximateCreationDateTimePrecision"]}})


def describe_kinesis_streaming_destination(self: DynamoHandler) -> DynamoResult:
    """API: DescribeKinesisStreamingDestination."""
    table = _table(self, self.body["TableName"])
    return DynamoResult({"TableName": table.name,
                         "KinesisDataStreamDestinations": [dict(d) for d in _destinations(table).values()]})


# --- import from S3 ------------------------------------------------------------------------------------

def _s3(account: str) -> Any:
    from moto.s3.models import s3_backends

    return s3_backends[account]["aws"]


def _import_items(raw: bytes, params: Json, key_types: dict[str, str]) -> list[Json]:
    """Items of one S3 object (Guide: S3DataImport.Format): DYNAMODB_JSON is one ``{"Item": {...}}``
    per line; CSV has a header line (or InputFormatOptions.Csv.HeaderList), key attributes take
    their AttributeDefinitions type and every other attribute is a string."""
    if params.get("InputCompressionType") == "GZIP":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8")
    if params.get("InputFormat", "DYNAMODB_JSON") == "DYNAMODB_JSON":
        return [json.loads(line)["Item"] for line in text.splitlines() if line.strip()]
    options = (params.get("InputFormatOptions") or {}).get("Csv") or {}
    rows = list(csv.reader(io.StringIO(text), delimiter=options.get("Delimiter", ",")))
    header = options.get("HeaderList") or (rows.pop(0) if rows else [])
    return [{name: {key_types.get(name, "S"): value} for name, value in zip(header, row, strict=False) if value != ""}
            for row in rows if row]


def import_table(self: DynamoHandler) -> DynamoResult:
    """API: ImportTable: creates the table from TableCreationParameters and loads every object
    under S3BucketSource.S3KeyPrefix (InputFormat DYNAMODB_JSON or CSV; ION is not emulated;
    InputCompressionType NONE or GZIP). An existing table is ResourceInUseException; a missing
    bucket fails the import (no table). Items that cannot be written count in ErrorCount.
    The reply says IN_PROGRESS; DescribeImport then reports COMPLETED (work done at once here)."""
    params = self.body
    source, creation = params["S3BucketSource"], params["TableCreationParameters"]
    input_format = params.get("InputFormat", "DYNAMODB_JSON")
    if input_format not in ("DYNAMODB_JSON", "CSV") or params.get("InputCompressionType", "NONE") not in ("NONE", "GZIP"):
        raise MockValidationException(f"The emulator imports DYNAMODB_JSON or CSV, uncompressed or GZIP (got "
                                      f"{input_format}, {params.get('InputCompressionType')})")
    backend, name = self.dynamodb_backend, creation["TableName"]
    if name in backend.tables:
        raise ResourceInUseException(f"Table already exists: {name}")
    billing = creation.get("BillingMode", "PROVISIONED")
    _refuse_on_demand_when_provisioned(billing, [creation.get("OnDemandThroughput")])
    self._validate_table_creation(billing_mode=billing, throughput=creation.get("ProvisionedThroughput"),
                                  key_schema=creation["KeySchema"], global_indexes=creation.get("GlobalSecondaryIndexes"),
                                  local_secondary_indexes=None, attr=creation["AttributeDefinitions"], warm_throughput=None)
    import_id = f"{int(time.time() * 1000):014d}-{uuid.uuid4().hex[:8]}"
    table_arn = f"arn:aws:dynamodb:{self.region}:{self.current_account}:table/{name}"
    record: Json = {
        "ImportArn": f"{table_arn}/import/{import_id}", "TableArn": table_arn, "S3BucketSource": source,
        "InputFormat": input_format, "InputCompressionType": params.get("InputCompressionType", "NONE"),
        "TableCreationParameters": creation, "StartTime": utcnow(), "ErrorCount": 0, "ProcessedItemCount": 0,
        "ProcessedSizeBytes": 0, "ImportedItemCount": 0,
        **({"InputFormatOptions": params["InputFormatOptions"]} if params.get("InputFormatOptions") else {}),
        **({"ClientToken": params["ClientToken"]} if params.get("ClientToken") else {}),
    }
    s3 = _s3(source.get("S3BucketOwner") or self.current_account)
    bucket = s3.buckets.get(source["S3Bucket"])
    if bucket is None:
        record.update(ImportStatus="FAILED", FailureCode="S3NoSuchBucket",
                      FailureMessage="The specified bucket does not exist", EndTime=utcnow())
    else:
        table = backend.create_table(
            name, schema=creation["KeySchema"], throughput=creation.get("ProvisionedThroughput"),
            attr=creation["AttributeDefinitions"], global_indexes=creation.get("GlobalSecondaryIndexes"), indexes=None,
            streams=None, billing_mode=billing, sse_specification=None, tags=[], deletion_protection_enabled=False,
            warm_throughput=None)
        _apply_creation(table, creation)
        key_types = {a["AttributeName"]: a["AttributeType"] for a in creation["AttributeDefinitions"]}
        prefix = source.get("S3KeyPrefix") or ""
        for key_name in sorted(k for k in bucket.keys if k.startswith(prefix) and not k.endswith("/")):
            raw = s3.get_object(source["S3Bucket"], key_name).value
            record["ProcessedSizeBytes"] += len(raw)
            try:
                items = _import_items(raw, params, key_types)
            except (ValueError, KeyError, OSError):
                record["ErrorCount"] += 1
                continue
            for item in items:
                record["ProcessedItemCount"] += 1
                try:
                    table.put_item(item)
                    record["ImportedItemCount"] += 1
                except JsonRESTError:
                    record["ErrorCount"] += 1
        record.update(ImportStatus="COMPLETED", EndTime=utcnow())
    _imports.setdefault((self.current_account, self.region), {})[record["ImportArn"]] = record
    return DynamoResult({"ImportTableDescription": {**record, "ImportStatus": "IN_PROGRESS"}})


def _import(self: DynamoHandler, arn: str) -> Json:
    record = _imports.get((self.current_account, self.region), {}).get(arn)
    if record is None:
        raise _error("ImportNotFoundException", f"Import not found: {arn}")
    return record


def describe_import(self: DynamoHandler) -> DynamoResult:
    """API: DescribeImport (ImportNotFoundException for unknown ARNs)."""
    return DynamoResult({"ImportTableDescription": _import(self, self.body["ImportArn"])})


def _page(self: DynamoHandler, records: list[Json], size_param: str, default: int) -> tuple[list[Json], Json]:
    start = int(self.body.get("NextToken") or 0)
    size = int(self.body.get(size_param) or default)
    more = {"NextToken": str(start + size)} if start + size < len(records) else {}
    return records[start:start + size], more


def list_imports(self: DynamoHandler) -> DynamoResult:
    """API: ListImports (optionally for one TableArn; PageSize up to 25, NextToken)."""
    records = [r for r in _imports.get((self.current_account, self.region), {}).values()
               if self.body.get("TableArn") in (None, r["TableArn"])]
    page, more = _page(self, records, "PageSize", 25)
    keys = ("ImportArn", "ImportStatus", "TableArn", "S3BucketSource", "InputFormat", "StartTime", "EndTime")
    return DynamoResult({"ImportSummaryList": [{k: r[k] for k in keys if k in r} for r in page], **more})


# --- export to S3 --------------------------------------------------------------------------------------

def export_table_to_point_in_time(self: DynamoHandler) -> DynamoResult:
    """API: ExportTableToPointInTime; Guide: S3DataExport.Output. Needs point-in-time recovery on
    the table (PointInTimeRecoveryUnavailableException); writes ``<prefix>/AWSDynamoDB/<export id>/``
    ``data/<file>.json.gz`` (DynamoDB JSON lines), ``manifest-files.json`` and
    ``manifest-summary.json`` (ExportManifest). FULL_EXPORT in DYNAMODB_JSON only (ION and
    incremental exports are not emulated). A missing bucket fails the export."""
    params = self.body
    table = next((t for t in self.dynamodb_backend.tables.values() if t.table_arn == params["TableArn"]), None)
    if table is None:
        raise TableNotFoundException(params["TableArn"])
    pitr = table.continuous_backups["PointInTimeRecoveryDescription"]
    if pitr["PointInTimeRecoveryStatus"] != "ENABLED":
        raise PointInTimeRecoveryUnavailable(table.name)
    export_format, export_type = params.get("ExportFormat", "DYNAMODB_JSON"), params.get("ExportType", "FULL_EXPORT")
    if (export_format, export_type) != ("DYNAMODB_JSON", "FULL_EXPORT"):
        raise MockValidationException(f"The emulator exports FULL_EXPORT in DYNAMODB_JSON only (got {export_type}, {export_format})")
    export_id = f"{int(time.time() * 1000):014d}-{uuid.uuid4().hex[:8]}"
    bucket, owner = params["S3Bucket"], params.get("S3BucketOwner") or self.current_account
    prefix = params.get("S3Prefix") or ""
    base = f"{prefix.rstrip('/')}/AWSDynamoDB/{export_id}" if prefix else f"AWSDynamoDB/{export_id}"
    started = utcnow()
    record: Json = {
        "ExportArn": f"{table.table_arn}/export/{export_id}", "TableArn": table.table_arn, "S3Bucket": bucket,
        "S3BucketOwner": owner, "ExportFormat": export_format, "ExportType": export_type, "StartTime": started,
        "ExportTime": params.get("ExportTime") or started, "S3SseAlgorithm": params.get("S3SseAlgorithm", "AES256"),
        **({"S3Prefix": prefix} if prefix else {}),
        **({"S3SseKmsKeyId": params["S3SseKmsKeyId"]} if params.get("S3SseKmsKeyId") else {}),
        **({"ClientToken": params["ClientToken"]} if params.get("ClientToken") else {}),
    }
    s3 = _s3(owner)
    if bucket not in s3.buckets:
        record.update(ExportStatus="FAILED", FailureCode="S3NoSuchBucket",
                      FailureMessage="The specified bucket does not exist", EndTime=utcnow())
    else:
        lines = [json.dumps(item.to_json(root_attr_name="Item"), default=str) for item in table.all_items()]
        data = gzip.compress(("\n".join(lines) + ("\n" if lines else "")).encode())
        data_key = f"{base}/data/{uuid.uuid4().hex}.json.gz"
        s3.put_object(bucket, data_key, data)
        s3.put_object(bucket, f"{base}/manifest-files.json", json.dumps(
            {"itemCount": len(lines), "md5Checksum": hashlib.md5(data).hexdigest(), "dataFileS3Key": data_key}).encode())
        record.update(ExportStatus="COMPLETED", EndTime=utcnow(), ItemCount=len(lines), BilledSizeBytes=len(data),
                      ExportManifest=f"{base}/manifest-summary.json")
        summary = {"version": "2020-06-30", "exportArn": record["ExportArn"], "tableArn": table.table_arn,
                   "s3Bucket": bucket, "s3Prefix": prefix or None, "manifestFilesS3Key": f"{base}/manifest-files.json",
                   "itemCount": len(lines), "outputFormat": export_format, "exportType": export_type,
                   "startTime": started.isoformat(), "endTime": record["EndTime"].isoformat()}
        s3.put_object(bucket, record["ExportManifest"], json.dumps(summary).encode())
    _exports.setdefault((self.current_account, self.region), {})[record["ExportArn"]] = record
    return DynamoResult({"ExportDescription": {**record, "ExportStatus": "IN_PROGRESS"}})


def describe_export(self: DynamoHandler) -> DynamoResult:
    """API: DescribeExport (ExportNotFoundException for unknown ARNs)."""
    record = _exports.get((self.current_account, self.region), {}).get(self.body["ExportArn"])
    if record is None:
        raise _error("ExportNotFoundException", f"Export not found: {self.body['ExportArn']}")
    return DynamoResult({"ExportDescription": record})


def list_exports(self: DynamoHandler) -> DynamoResult:
    """API: ListExports (optionally for one TableArn; MaxResults up to 25, NextToken)."""
    records = [r for r in _exports.get((self.current_account, self.region), {}).values()
               if self.body.get("TableArn") in (None, r["TableArn"])]
    page, more = _page(self, records, "MaxResults", 25)
    return DynamoResult({"ExportSummaries": [{k: r[k] for k in ("ExportArn", "ExportStatus", "ExportType")} for r in page],
                         **more})


# --- restores --------------------------------------------------------------------------------------------

def _apply_restore(target: Table, source: Table, body: Json) -> None:
    """What a restored table keeps of its source, and the overrides (API: RestoreTableToPointInTime,
    RestoreTableFromBackup; Guide: Restoring a table): billing mode, capacities, indexes, encryption
    settings and table class carry over unless overridden; streams, TTL, PITR and tags do not."""
    billing = body.get("BillingModeOverride") or source.billing_mode or "PROVISIONED"
    target.billing_mode = billing
    throughput = body.get("ProvisionedThroughputOverride") or source.throughput
    target.throughput = _zero(throughput) if billing == "PAY_PER_REQUEST" else {**throughput}
    target.throughput.setdefault("NumberOfDecreasesToday", 0)
    if body.get("GlobalSecondaryIndexOverride") is not None:
        target.global_indexes = [GlobalSecondaryIndex.create(g, target.table_key_attrs)
                                 for g in body["GlobalSecondaryIndexOverride"]]
        _apply_creation(target, {"GlobalSecondaryIndexes": body["GlobalSecondaryIndexOverride"]})
    if body.get("LocalSecondaryIndexOverride") is not None:
        target.indexes = [LocalSecondaryIndex.create(i, target.table_key_attrs) for i in body["LocalSecondaryIndexOverride"]]
    if billing == "PAY_PER_REQUEST":
        for gsi in target.global_indexes:
            gsi.throughput = _zero(gsi.throughput)
    target.sse_specification = dict(source.sse_specification) if source.sse_specification else None
    if body.get("SSESpecificationOverride") is not None:
        target.sse_specification = _sse(target, body["SSESpecificationOverride"])
    source_extra = _extra(source)
    if source_extra.get("table_class"):
        _set_table_class(target, source_extra["table_class"]["TableClass"])
    if billing == "PAY_PER_REQUEST":
        on_demand = _merge_on_demand(source_extra.get("on_demand"), body.get("OnDemandThroughputOverride"))
        if on_demand:
            _extra(target)["on_demand"] = on_demand


# --- installation ----------------------------------------------------------------------------------------

def install() -> None:
    original_default_key = Table._get_default_encryption_key
    default_key_lock = threading.Lock()

    def default_encryption_key(self: Table, account_id: str, region: str) -> str:
        """The AWS managed key alias/aws/dynamodb, created once even under concurrent requests.
        DescribeKey reports it with KeyManager AWS (KMS API: KeyMetadata.KeyManager, "KMS keys in
        your AWS account are either customer managed or AWS managed"); moto makes it CUSTOMER."""
        with default_key_lock:
            arn = original_default_key(self, account_id, region)
            key = _kms_key(account_id, region, arn)
            if key is not None:
                key.key_manager = "AWS"
            return arn

    Table._get_default_encryption_key = default_encryption_key  # type: ignore[method-assign]
    original_create = DynamoHandler.create_table
    original_update = DynamoHandler.update_table
    original_update_pitr = DynamoDBBackend.update_continuous_backups
    original_delete = DynamoDBBackend.delete_table
    original_restore_pit = DynamoHandler.restore_table_to_point_in_time
    original_restore_backup = DynamoHandler.restore_table_from_backup

    def create_table(self: DynamoHandler) -> Any:
        """CreateTable with TableClass, OnDemandThroughput and SSESpecification as AWS applies them."""
        params = self.body
        billing = "PAY_PER_REQUEST" if params.get("BillingMode") == "PAY_PER_REQUEST" else "PROVISIONED"
        _refuse_on_demand_when_provisioned(
            billing, [params.get("OnDemandThroughput"), *(g.get("OnDemandThroughput") for g in params.get("GlobalSecondaryIndexes") or [])])
        _check_table_class(params.get("TableClass"))
        original_create(self)
        table = self.dynamodb_backend.get_table(params["TableName"])
        _apply_creation(table, params)
        if billing == "PAY_PER_REQUEST":
            _extra(table)["pay_per_request_at"] = table.created_at
        return DynamoResult(table.describe())

    def update_table(self: DynamoHandler) -> Any:
        """UpdateTable: replicas, and the settings moto ignores or applies differently from AWS."""
        body = self.body
        table = _table(self, body["TableName"])
        if body.get("ReplicaUpdates"):
            for update in body["ReplicaUpdates"]:
                if "Create" in update:
                    _create_replica(self, table, update["Create"])
                elif "Delete" in update:
                    _delete_replica(self, table, update["Delete"])
                else:
                    raise MockValidationException("ReplicaUpdates supports Create and Delete")
            return DynamoResult(table.describe())
        previous_billing = table.billing_mode
        billing = body.get("BillingMode") or previous_billing or "PROVISIONED"
        if billing == "PROVISIONED" and previous_billing == "PAY_PER_REQUEST":
            _require_capacities(table, body)
        _refuse_on_demand_when_provisioned(billing, [body.get("OnDemandThroughput")])
        _check_table_class(body.get("TableClass"))
        _validate_gsi_updates(table, body, billing)
        given_attributes = body.pop("AttributeDefinitions", None)
        original_update(self)
        _after_update(table, {**body, "AttributeDefinitions": given_attributes or []}, previous_billing)
        return DynamoResult(table.describe())

    def update_continuous_backups(self: DynamoDBBackend, table_name: str, point_in_time_spec: Json) -> Json:
        """UpdateContinuousBackups (API: PointInTimeRecoverySpecification): RecoveryPeriodInDays is
        1-35 and defaults to 35 when not given."""
        spec = point_in_time_spec
        if spec.get("PointInTimeRecoveryEnabled"):
            days = spec.get("RecoveryPeriodInDays", 35)
            if not 1 <= int(days) <= 35:
                raise MockValidationException(f"1 validation error detected: Value '{days}' at 'pointInTimeRecovery"
                                              "Specification.recoveryPeriodInDays' failed to satisfy constraint: "
                                              "Member must have value between 1 and 35")
            spec = {**spec, "RecoveryPeriodInDays": int(days)}
        return original_update_pitr(self, table_name, spec)

    def delete_table(self: DynamoDBBackend, name: str) -> Table:
        """Deleting a table deletes its resource policies and its streams' (API: DeleteTable)."""
        table = original_delete(self, name)
        for arn in [a for a in self.resource_policies if a == table.table_arn or a.startswith(table.table_arn + "/")]:
            del self.resource_policies[arn]
        return table

    def restore_table_to_point_in_time(self: DynamoHandler) -> Any:
        """RestoreTableToPointInTime: the source (SourceTableName or SourceTableArn) needs
        point-in-time recovery on (PointInTimeRecoveryUnavailableException)."""
        source_name = self.body.get("SourceTableName") or self.body.get("SourceTableArn")
        self.body["SourceTableName"] = source_name
        source = self.dynamodb_backend.tables.get(source_name) or next(
            (t for t in self.dynamodb_backend.tables.values() if t.table_arn == source_name), None)
        if source is None:
            return original_restore_pit(self)  # SourceTableNotFoundException
        if source.continuous_backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] != "ENABLED":
            raise PointInTimeRecoveryUnavailable(source.name)
        original_restore_pit(self)
        target = self.dynamodb_backend.tables[self.body["TargetTableName"]]
        _apply_restore(target, source, self.body)
        return DynamoResult(target.describe())

    def restore_table_from_backup(self: DynamoHandler) -> Any:
        original_restore_backup(self)
        target = self.dynamodb_backend.tables[self.body["TargetTableName"]]
        _apply_restore(target, self.dynamodb_backend.get_backup(self.body["BackupArn"]).table, self.body)
        return DynamoResult(target.describe())

    DynamoHandler.create_table = create_table  # type: ignore[method-assign]
    DynamoHandler.update_table = update_table  # type: ignore[method-assign]
    DynamoHandler.restore_table_to_point_in_time = restore_table_to_point_in_time  # type: ignore[method-assign]
    DynamoHandler.restore_table_from_backup = restore_table_from_backup  # type: ignore[method-assign]
    DynamoDBBackend.update_table_streams = update_table_streams  # type: ignore[method-assign]
    DynamoDBBackend.execute_statement = _refuse_duplicate_inserts(  # type: ignore[method-assign]
        DynamoDBBackend.execute_statement)
    DynamoDBBackend.update_time_to_live = update_time_to_live  # type: ignore[method-assign]
    DynamoDBBackend.update_continuous_backups = update_continuous_backups  # type: ignore[method-assign]
    DynamoDBBackend.delete_table = delete_table  # type: ignore[method-assign]
    DynamoDBBackend.put_resource_policy = put_resource_policy  # type: ignore[method-assign]
    DynamoDBBackend.get_resource_policy = get_resource_policy  # type: ignore[method-assign]
    DynamoDBBackend.delete_resource_policy = delete_resource_policy  # type: ignore[method-assign]
    Table.describe = _describe(Table.describe)  # type: ignore[method-assign]
    for name in _DATA_PLANE:
        setattr(DynamoHandler, name, _guard_data_plane(getattr(DynamoHandler, name)))
    for handler in (update_contributor_insights, describe_contributor_insights, list_contributor_insights,
                    enable_kinesis_streaming_destination, disable_kinesis_streaming_destination,
                    update_kinesis_streaming_destination, describe_kinesis_streaming_destination,
                    import_table, describe_import, list_imports,
                    export_table_to_point_in_time, describe_export, list_exports):
        setattr(DynamoHandler, handler.__name__, handler)
