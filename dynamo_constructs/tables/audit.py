"""``AuditTrail`` (seed 001, streaming-platform audit events)."""

from __future__ import annotations

from typing import Any

from constructs import Construct

from ..encryption import TableEncryption
from ..schema import Attribute, GlobalSecondaryIndex, Projection
from ..streams import StreamViewType
from ..table import Table
from ..validation import check_int_range, checked_arguments, located


@checked_arguments
class AuditTrail(Table):
    """Audit events keyed by ``audit_id`` / ``timestamp``; ``ActionTypeIndex`` and
    ``UserAuditIndex`` order them by ``timestamp``; ``expires_at`` TTL enforces the compliance
    retention; a NEW_AND_OLD_IMAGES stream feeds downstream audit processing; a
    customer-managed key by default.

    ``retention_days`` is what writers must put in ``expires_at`` (now + retention); it is
    recorded on the table as the ``RetentionDays`` tag so tooling and auditors can read it.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table_name: str = "audit-trail",
        retention_days: int = 2555,
        **overrides: Any,
    ) -> None:
        with located(lambda: f"{scope.node.path}/{id_}"):
            check_int_range("retention_days", retention_days, 1)
        self.retention_days = retention_days
        tags = {**overrides.pop("tags", {}), "RetentionDays": str(retention_days)}
        settings: dict[str, Any] = {
            "partition_key": Attribute.string("audit_id"),
            "sort_key": Attribute.string("timestamp"),
            "global_indexes": [
                GlobalSecondaryIndex(name="ActionTypeIndex", partition_key=Attribute.string("action_type"),
                                     sort_key=Attribute.string("timestamp"), projection=Projection.all()),
                GlobalSecondaryIndex(name="UserAuditIndex", partition_key=Attribute.string("user_id"),
                                     sort_key=Attribute.string("timestamp"), projection=Projection.all()),
            ],
            "time_to_live_attribute": "expires_at",
            "stream": StreamViewType.NEW_AND_OLD_IMAGES,
            "encryption": TableEncryption.customer_managed_key(),
        }
        super().__init__(scope, id_, table_name=table_name, tags=tags, **{**settings, **overrides})
