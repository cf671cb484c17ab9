"""dynamo-constructs: typed, validated CDK constructs for Amazon DynamoDB, on CDK for Terraform or
CDK Terrain.

Importing the package turns on the provider import accelerator (``fast_import``) and nothing
else: the public names load their modules on first use, so the command-line tools
(``dynamo-constructs review``) never start the engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import fast_import as _fast_import

_fast_import.install()  # before anything imports the provider bindings; DYNAMO_CONSTRUCTS_FAST_IMPORT=0 turns it off

_EXPORTS = {
    "AccessLevel": "access", "TableGrant": "access",
    "BackupSettings": "backup", "TableBackups": "backup",
    "Billing": "billing", "Capacity": "billing",
    "TableEncryption": "encryption",
    "TableConfigError": "errors", "exit_on_config_error": "exits",
    "ManagedKey": "kms", "ServiceKeyUse": "kms",
    "AlarmSettings": "monitoring", "AlarmTopic": "monitoring", "TableAlarms": "monitoring",
    "user_errors_alarm": "monitoring",
    "table_outputs": "outputs",
    "DEV": "profiles", "PROD": "profiles", "PROFILES": "profiles", "STAGING": "profiles",
    "EnvironmentProfile": "profiles",
    "aws_provider": "providers", "local_state": "providers", "replica_provider": "providers",
    "require_aws_provider": "providers", "require_provider_version": "providers",
    "forget": "refactor", "keep_on_move": "refactor",
    "Replica": "replicas",
    "Attribute": "schema", "AttributeType": "schema", "GlobalSecondaryIndex": "schema",
    "LocalSecondaryIndex": "schema", "Projection": "schema",
    "StreamViewType": "settings", "TableClass": "settings",
    "Table": "table", "TableBase": "table", "ExistingTable": "table",
    "Principal": "principals", "PolicyStatement": "resource_policy", "ResourcePolicy": "resource_policy",
    "TableSource": "restore", "ImportFormat": "restore", "ImportCompression": "restore",
    "Timeouts": "timeouts", "WarmThroughput": "warm", "ContributorInsightsMode": "insights",
    "MultiRegionConsistency": "replicas", "KinesisStreamingDestination": "streaming",
    "TableExport": "export", "ExportFormat": "export", "TableDashboard": "dashboard", "StreamConsumer": "consumer",
    "Metric": "metrics", "account_limit_alarms": "monitoring",
    "AuditTrail": "tables", "BudgetTracking": "tables", "GlobalTable": "tables", "JobsTable": "tables",
}

if TYPE_CHECKING:
    from .access import AccessLevel, TableGrant
    from .backup import BackupSettings, TableBackups
    from .billing import Billing, Capacity
    from .consumer import StreamConsumer
    from .dashboard import TableDashboard
    from .encryption import TableEncryption
    from .errors import TableConfigError
    from .exits import exit_on_config_error
    from .export import ExportFormat, TableExport
    from .insights import ContributorInsightsMode
    from .kms import ManagedKey, ServiceKeyUse
    from .metrics import Metric
    from .monitoring import AlarmSettings, AlarmTopic, TableAlarms, account_limit_alarms, user_errors_alarm
    from .outputs import table_outputs
    from .principals import Principal
    from .profiles import DEV, PROD, PROFILES, STAGING, EnvironmentProfile
    from .providers import aws_provider, local_state, replica_provider, require_aws_provider, require_provider_version
    from .refactor import forget, keep_on_move
    from .replicas import MultiRegionConsistency, Replica
    from .resource_policy import PolicyStatement, ResourcePolicy
    from .restore import ImportCompression, ImportFormat, TableSource
    from .schema import Attribute, AttributeType, GlobalSecondaryIndex, LocalSecondaryIndex, Projection
    from .settings import StreamViewType, TableClass
    from .streaming import KinesisStreamingDestination
    from .table import ExistingTable, Table, TableBase
    from .tables import AuditTrail, BudgetTracking, GlobalTable, JobsTable
    from .timeouts import Timeouts
    from .warm import WarmThroughput


def __getattr__(name: str) -> Any:
    """PEP 562: a public name's module is imported when the name is first used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dynamo_constructs' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "DEV",
    "PROD",
    "PROFILES",
    "STAGING",
    "AccessLevel",
    "AlarmSettings",
    "AlarmTopic",
    "Attribute",
    "AttributeType",
    "AuditTrail",
    "BackupSettings",
    "Billing",
    "BudgetTracking",
    "Capacity",
    "ContributorInsightsMode",
    "EnvironmentProfile",
    "ExistingTable",
    "ExportFormat",
    "GlobalSecondaryIndex",
    "GlobalTable",
    "ImportCompression",
    "ImportFormat",
    "JobsTable",
    "KinesisStreamingDestination",
    "LocalSecondaryIndex",
    "ManagedKey",
    "Metric",
    "MultiRegionConsistency",
    "PolicyStatement",
    "Principal",
    "Projection",
    "Replica",
    "ResourcePolicy",
    "ServiceKeyUse",
    "StreamConsumer",
    "StreamViewType",
    "Table",
    "TableAlarms",
    "TableBackups",
    "TableBase",
    "TableClass",
    "TableConfigError",
    "TableDashboard",
    "TableEncryption",
    "TableExport",
    "TableGrant",
    "TableSource",
    "Timeouts",
    "WarmThroughput",
    "account_limit_alarms",
    "aws_provider",
    "exit_on_config_error",
    "forget",
    "keep_on_move",
    "local_state",
    "replica_provider",
    "require_aws_provider",
    "require_provider_version",
    "table_outputs",
    "user_errors_alarm",
]
