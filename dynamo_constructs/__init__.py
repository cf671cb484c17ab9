"""dynamo-constructs: typed, validated CDK constructs for Amazon DynamoDB, on CDK for Terraform or
CDK Terrain."""

from __future__ import annotations

from . import fast_import as _fast_import

_fast_import.install()  # before anything imports the engine; DYNAMO_CONSTRUCTS_FAST_IMPORT=0 turns it off

from .access import AccessLevel, TableGrant  # noqa: E402
from .backup import BackupSettings, TableBackups  # noqa: E402
from .billing import Billing, Capacity  # noqa: E402
from .encryption import TableEncryption  # noqa: E402
from .errors import TableConfigError, exit_on_config_error  # noqa: E402
from .kms import ManagedKey, ServiceKeyUse  # noqa: E402
from .monitoring import AlarmSettings, AlarmTopic, TableAlarms, user_errors_alarm  # noqa: E402
from .outputs import table_outputs  # noqa: E402
from .profiles import DEV, PROD, PROFILES, STAGING, EnvironmentProfile  # noqa: E402
from .providers import aws_provider, local_state, replica_provider, require_aws_provider  # noqa: E402
from .replicas import Replica  # noqa: E402
from .schema import Attribute, AttributeType, GlobalSecondaryIndex, LocalSecondaryIndex, Projection  # noqa: E402
from .settings import StreamViewType, TableClass  # noqa: E402
from .table import Table, TableBase  # noqa: E402
from .tables import AuditTrail, BudgetTracking, GlobalTable, JobsTable  # noqa: E402

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
    "EnvironmentProfile",
    "GlobalSecondaryIndex",
    "GlobalTable",
    "JobsTable",
    "LocalSecondaryIndex",
    "ManagedKey",
    "Projection",
    "Replica",
    "ServiceKeyUse",
    "StreamViewType",
    "Table",
    "TableAlarms",
    "TableBackups",
    "TableBase",
    "TableClass",
    "TableConfigError",
    "TableEncryption",
    "TableGrant",
    "aws_provider",
    "exit_on_config_error",
    "local_state",
    "replica_provider",
    "require_aws_provider",
    "table_outputs",
    "user_errors_alarm",
]
