"""dynamo-constructs: typed, validated CDKTF constructs for Amazon DynamoDB."""

from __future__ import annotations

from . import fast_import as _fast_import

_fast_import.install()  # before anything imports cdktf; DYNAMO_CONSTRUCTS_FAST_IMPORT=0 turns it off

from .access import AccessLevel, TableGrant
from .backup import BackupSettings, TableBackups
from .billing import Billing, BillingMode, Capacity
from .encryption import EncryptionType, ManagedKey, ServiceKeyUse, TableEncryption
from .errors import TableConfigError
from .monitoring import AlarmSettings, AlarmTopic, TableAlarms, user_errors_alarm
from .profiles import DEV, PROD, PROFILES, STAGING, EnvironmentProfile
from .providers import aws_provider, local_state, replica_provider, require_aws_provider
from .replicas import Replica
from .schema import (
    Attribute,
    AttributeType,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    ProjectionType,
)
from .table import StreamViewType, Table, TableClass
from .tables import AuditTrail, BudgetTracking, GlobalTable, JobsTable

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
    "BillingMode",
    "BudgetTracking",
    "Capacity",
    "EncryptionType",
    "EnvironmentProfile",
    "GlobalSecondaryIndex",
    "GlobalTable",
    "JobsTable",
    "LocalSecondaryIndex",
    "ManagedKey",
    "Projection",
    "ProjectionType",
    "Replica",
    "ServiceKeyUse",
    "StreamViewType",
    "Table",
    "TableAlarms",
    "TableBackups",
    "TableClass",
    "TableConfigError",
    "TableEncryption",
    "TableGrant",
    "aws_provider",
    "local_state",
    "replica_provider",
    "require_aws_provider",
    "user_errors_alarm",
]
