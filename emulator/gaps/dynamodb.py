"""DynamoDB gaps: contributor insights, and global-table (2019.11.21) replicas.

Replicas: ``UpdateTable`` with ``ReplicaUpdates`` Create/Delete copies the table into (or
removes it from) the replica region's backend and records the replica, ACTIVE at once, in
both tables' ``Replicas`` (as DescribeTable reports it). Errors follow DynamoDB's: unknown
table, replica in the table's own region, an existing replica, streams not NEW_AND_OLD_IMAGES,
a replica table with deletion protection on. (Whether a provisioned table's write capacity is
autoscaled is not checked: moto does not link tables to Application Auto Scaling.)
"""

from __future__ import annotations

import time
from typing import Any

from moto.dynamodb.exceptions import MockValidationException, ResourceNotFoundException
from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler, DynamoResult

# (account, region, table) -> index name ("" for the table) -> status
_insights: dict[tuple[str, str, str], dict[str, str]] = {}


def _table(handler: DynamoHandler, name: str) -> Table:
    table = handler.dynamodb_backend.tables.get(name)
    if table is None:
        raise ResourceNotFoundException(f"Requested resource not found: Table: {name} not found")
    return table


def _insights_response(table: str, index: str | None, status: str, describe: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": table, "ContributorInsightsStatus": status}
    if index:
        body["IndexName"] = index
    if describe:
        target = table + (f"-{index}" if index else "")
        rules = [f"DynamoDBContributorInsights-{kind}-{target}" for kind in ("PKC", "PKT", "SKC", "SKT")]
        body["ContributorInsightsRuleList"] = rules if status == "ENABLED" else []
        body["LastUpdateDateTime"] = time.time()
    return body


def update_contributor_insights(self: DynamoHandler) -> DynamoResult:
    name, index = self.body["TableName"], self.body.get("IndexName")
    table = _table(self, name)
    if index and index not in {i.name for i in table.global_indexes}:
        raise ResourceNotFoundException(f"Requested resource not found: Index: {index} not found")
    action = self.body.get("ContributorInsightsAction")
    if action not in ("ENABLE", "DISABLE"):
        raise MockValidationException("ContributorInsightsAction must be ENABLE or DISABLE")
    status = "ENABLED" if action == "ENABLE" else "DISABLED"
    _insights.setdefault((self.current_account, self.region, name), {})[index or ""] = status
    return DynamoResult(_insights_response(name, index, status, describe=False))


def describe_contributor_insights(self: DynamoHandler) -> DynamoResult:
    name, index = self.body["TableName"], self.body.get("IndexName")
    _table(self, name)
    status = _insights.get((self.current_account, self.region, name), {}).get(index or "", "DISABLED")
    return DynamoResult(_insights_response(name, index, status, describe=True))


def list_contributor_insights(self: DynamoHandler) -> DynamoResult:
    summaries = [
        {"TableName": table, **({"IndexName": index} if index else {}), "ContributorInsightsStatus": status}
        for (account, region, table), indexes in _insights.items() if (account, region) == (self.current_account, self.region)
        for index, status in indexes.items() if self.body.get("TableName") in (None, table)
    ]
    return DynamoResult({"ContributorInsightsSummaries": summaries})


def _replicas(table: Table) -> list[dict[str, Any]]:
    if not hasattr(table, "_emulator_replicas"):
        table._emulator_replicas = []  # type: ignore[attr-defined]
    return table._emulator_replicas  # type: ignore[attr-defined,no-any-return]


def _create_replica(self: DynamoHandler, table: Table, spec: dict[str, Any]) -> None:
    region = spec["RegionName"]
    if region == self.region:
        raise MockValidationException(f"One or more parameter values were invalid: Cannot add replica in the source region {region}")
    if any(r["RegionName"] == region for r in _replicas(table)):
        raise MockValidationException(f"One or more parameter values were invalid: Replica already exists in region {region}")
    stream = table.stream_specification or {}
    if not stream.get("StreamEnabled") or stream.get("StreamViewType") != "NEW_AND_OLD_IMAGES":
        raise MockValidationException(
            "One or more parameter values were invalid: Table must have DynamoDB Streams enabled with "
            "StreamViewType set to NEW_AND_OLD_IMAGES")
    target = dynamodb_backends[self.current_account][region]
    if table.name in target.tables:
        raise MockValidationException(f"One or more parameter values were invalid: Table {table.name} already exists in {region}")
    key = spec.get("KMSMasterKeyId")
    sse = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key} if key else table.sse_specification
    replica = target.create_table(
        table.name,
        schema=table.schema,
        throughput=table.throughput,
        attr=table.attr,
        global_indexes=[i.describe() for i in table.global_indexes],
        indexes=[i.describe() for i in table.indexes],
        streams=table.stream_specification,
        billing_mode=table.billing_mode,
        sse_specification=sse,
        tags=[],
        deletion_protection_enabled=False,
        warm_throughput=None,
    )
    entry = {"RegionName": region, "ReplicaStatus": "ACTIVE"}
    if key:
        entry["KMSMasterKeyId"] = key
    _replicas(table).append(entry)
    _replicas(replica).append({"RegionName": self.region, "ReplicaStatus": "ACTIVE"})


def _delete_replica(self: DynamoHandler, table: Table, spec: dict[str, Any]) -> None:
    region = spec["RegionName"]
    entries = _replicas(table)
    if not any(r["RegionName"] == region for r in entries):
        raise MockValidationException(f"One or more parameter values were invalid: No replica in region {region}")
    target = dynamodb_backends[self.current_account][region]
    replica = target.tables.get(table.name)
    if replica is not None and replica.deletion_protection_enabled:
        raise MockValidationException(
            f"1 validation error detected: Table '{table.name}' in {region} can't be deleted while "
            "DeletionProtectionEnabled is set to True")
    table._emulator_replicas = [r for r in entries if r["RegionName"] != region]  # type: ignore[attr-defined]
    if replica is not None:
        target.tables.pop(table.name)


def install() -> None:
    original_update = DynamoHandler.update_table
    original_describe = Table.describe

    def update_table(self: DynamoHandler) -> Any:
        updates = self.body.get("ReplicaUpdates")
        if not updates:
            return original_update(self)
        table = _table(self, self.body["TableName"])
        for update in updates:
            if "Create" in update:
                _create_replica(self, table, update["Create"])
            elif "Delete" in update:
                _delete_replica(self, table, update["Delete"])
            else:
                raise MockValidationException("ReplicaUpdates supports Create and Delete")
        return DynamoResult(table.describe())

    def describe(self: Table, base_key: str = "TableDescription") -> dict[str, Any]:
        result = original_describe(self, base_key)
        replicas = getattr(self, "_emulator_replicas", None)
        if replicas:
            result[base_key]["Replicas"] = [dict(r) for r in replicas]
            result[base_key]["GlobalTableVersion"] = "2019.11.21"
        return result

    DynamoHandler.update_table = update_table  # type: ignore[method-assign]
    Table.describe = describe  # type: ignore[method-assign]
    DynamoHandler.update_contributor_insights = update_contributor_insights  # type: ignore[attr-defined]
    DynamoHandler.describe_contributor_insights = describe_contributor_insights  # type: ignore[attr-defined]
    DynamoHandler.list_contributor_insights = list_contributor_insights  # type: ignore[attr-defined]
