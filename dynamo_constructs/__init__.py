"""dynamo-constructs: typed, validated CDKTF constructs for Amazon DynamoDB."""

from __future__ import annotations

from .access import AccessLevel, TableGrant
from .billing import Billing, BillingMode, Capacity
from .encryption import EncryptionType, ManagedKey, ServiceKeyUse, TableEncryption
from .errors import TableConfigError
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

__all__ = [
    "AccessLevel",
    "Attribute",
    "AttributeType",
    "Billing",
    "BillingMode",
    "Capacity",
    "EncryptionType",
    "GlobalSecondaryIndex",
    "LocalSecondaryIndex",
    "ManagedKey",
    "Projection",
    "ProjectionType",
    "Replica",
    "ServiceKeyUse",
    "StreamViewType",
    "Table",
    "TableClass",
    "TableConfigError",
    "TableEncryption",
    "TableGrant",
]
