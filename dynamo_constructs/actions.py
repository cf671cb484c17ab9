"""DynamoDB's IAM action names, and which of them a grant or a resource policy may name.

Source: the Service Authorization Reference, "Actions defined by Amazon DynamoDB". A typo in an
action name is not an error to IAM (the statement just never matches), so every action the
library writes or is given is checked here. ``dynamodb:*`` is accepted only where a caller lists
it by name in a custom grant; no built-in grant uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .validation import check, check_sequence

PREFIX = "dynamodb:"
WILDCARD = "dynamodb:*"

# Actions on items (data plane): they act on a table and its indexes.
ITEM_ACTIONS = frozenset({
    "BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "DeleteItem", "GetItem", "PartiQLDelete",
    "PartiQLInsert", "PartiQLSelect", "PartiQLUpdate", "PutItem", "Query", "Scan", "UpdateItem",
})
# Actions on a table (control plane) that a table's resource policy may name.
TABLE_ACTIONS = frozenset({
    "CreateBackup", "CreateTableReplica", "DeleteResourcePolicy", "DeleteTable", "DeleteTableReplica",
    "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeKinesisStreamingDestination",
    "DescribeTable", "DescribeTableReplicaAutoScaling", "DescribeTimeToLive", "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination", "ExportTableToPointInTime", "GetResourcePolicy", "ListTagsOfResource",
    "PutResourcePolicy", "RestoreTableToPointInTime", "TagResource", "UntagResource", "UpdateContinuousBackups",
    "UpdateContributorInsights", "UpdateKinesisStreamingDestination", "UpdateTable", "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive",
})
# Actions on a stream; the only ones a stream's resource policy may name.
STREAM_ACTIONS = frozenset({"DescribeStream", "GetRecords", "GetShardIterator"})
# Account-wide actions (no table resource): grantable by identity policies with "*" only.
ACCOUNT_ACTIONS = frozenset({
    "CreateGlobalTable", "CreateTable", "DeleteBackup", "DescribeBackup", "DescribeEndpoints", "DescribeExport",
    "DescribeGlobalTable", "DescribeGlobalTableSettings", "DescribeImport", "DescribeLimits",
    "DescribeReservedCapacity", "DescribeReservedCapacityOfferings", "ImportTable", "ListBackups",
    "ListContributorInsights", "ListExports", "ListGlobalTables", "ListImports", "ListStreams", "ListTables",
    "PurchaseReservedCapacityOfferings", "RestoreTableFromAwsBackup", "RestoreTableFromBackup", "StartAwsBackupJob",
    "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateGlobalTableVersion",
})
KNOWN = ITEM_ACTIONS | TABLE_ACTIONS | STREAM_ACTIONS | ACCOUNT_ACTIONS


def qualified(names: Sequence[str]) -> list[str]:
    return [f"{PREFIX}{name}" for name in names]


def check_actions(field: str, actions: Any, allowed: frozenset[str], *, what: str, accepted: str,
                  wildcard: bool = False, where: str | None = None) -> tuple[str, ...]:
    """``actions`` as a tuple of ``dynamodb:<Name>`` strings, each known and in ``allowed``.

    ``wildcard``: ``dynamodb:*`` may be listed (by name). ``what`` names where the actions go and
    ``accepted`` what it takes, for the message.
    """
    names = check_sequence(field, actions, "of DynamoDB action names such as 'dynamodb:GetItem'", where)
    check(bool(names), field, list(names), "expected at least one action", where)
    for position, action in enumerate(names):
        item = f"{field}[{position}]"
        check(isinstance(action, str) and action.startswith(PREFIX), item, action,
              "expected a DynamoDB action such as 'dynamodb:GetItem' (the 'dynamodb:' prefix included)", where)
        if action == WILDCARD:
            check(wildcard, item, action, f"{what} never uses 'dynamodb:*'; list the actions", where)
            continue
        name = action.removeprefix(PREFIX)
        check(name in KNOWN, item, action, "not a DynamoDB action (Service Authorization Reference); "
              "check the spelling and case, e.g. 'dynamodb:GetItem'", where)
        check(name in allowed, item, action, f"{what} accepts {accepted}", where)
    check(len(set(names)) == len(names), field, list(names), "each action once", where)
    return tuple(names)
