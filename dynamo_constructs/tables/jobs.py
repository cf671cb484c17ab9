"""``JobsTable`` (seed 002, Cloud Tools job tracking)."""

from __future__ import annotations

from typing import Any

from constructs import Construct

from ..schema import Attribute, GlobalSecondaryIndex, Projection
from ..table import Table
from ..validation import checked_arguments

SYSTEM_STATUS_JOB_ID = "SYSTEM#status"


@checked_arguments
class JobsTable(Table):
    """Jobs keyed by ``jobId``; ``StatusIndex`` and ``UserIndex`` order jobs by ``createdAt``;
    items expire through ``ttl``; contributor insights on; a system-status item for health checks.

    The seed stamps the status item with "now + 1 year", which changes on every synth (and
    deletes the health-check item a year later). Here the item has no expiry unless
    ``system_status_expires_at`` (epoch seconds) pins one, so synth output is stable. It has
    no ``createdAt``, so it stays out of both indexes and never shows up in job listings.
    Every ``Table`` argument can be overridden.

    Args:
        table_name: The table's name.
        system_status_item: Write the ``SYSTEM#status`` health-check item (``aws_dynamodb_table_item``).
        system_status_expires_at: The status item's TTL (epoch seconds, not in the past); without one, every
            synth writes the same item. Default: no expiry.
        **overrides: Any other ``Table`` argument, e.g. ``billing=`` or ``encryption=``; it replaces the
            domain default of the same name.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table_name: str = "CloudToolsJobs",
        system_status_item: bool = True,
        system_status_expires_at: int | None = None,
        **overrides: Any,
    ) -> None:
        settings: dict[str, Any] = {
            "partition_key": Attribute.string("jobId"),
            "global_indexes": [
                GlobalSecondaryIndex(name="StatusIndex", partition_key=Attribute.string("status"),
                                     sort_key=Attribute.string("createdAt"), projection=Projection.all()),
                GlobalSecondaryIndex(name="UserIndex", partition_key=Attribute.string("userId"),
                                     sort_key=Attribute.string("createdAt"), projection=Projection.all()),
            ],
            "time_to_live_attribute": "ttl",
            "contributor_insights": True,
        }
        super().__init__(scope, id_, table_name=table_name, **{**settings, **overrides})
        if system_status_item:
            item: dict[str, Any] = {
                "jobId": SYSTEM_STATUS_JOB_ID,
                "jobType": "system-status",
                "status": "healthy",
                "userId": "system",
            }
            if system_status_expires_at is not None:
                item["ttl"] = system_status_expires_at
            self.add_item("system_status", item)
