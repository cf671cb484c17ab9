"""The table's DynamoDB stream: its view type, or none (and the precision of the item changes a
Kinesis streaming destination receives).

A stream that is switched off is rendered as ``stream_enabled = false`` (not omitted), so the
switch reaches AWS.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

# ApproximateCreationDateTimePrecision of a Kinesis streaming destination's records.
KINESIS_PRECISIONS = ("MILLISECOND", "MICROSECOND")


class StreamViewType(StrEnum):
    """What each record of the table's DynamoDB stream holds (``Table(stream=...)`` takes a value or
    its string). Replicas need ``NEW_AND_OLD_IMAGES``; an append-only audit trail needs old images."""

    KEYS_ONLY = "KEYS_ONLY"
    """Only the changed item's key attributes."""
    NEW_IMAGE = "NEW_IMAGE"
    """The item as it is after the change."""
    OLD_IMAGE = "OLD_IMAGE"
    """The item as it was before the change."""
    NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES"
    """The item before and after the change (what global tables replicate)."""


def render_stream(view: StreamViewType | None) -> dict[str, Any]:
    """The table's stream arguments: on with its view type, or explicitly off."""
    return {"stream_enabled": view is not None, "stream_view_type": view.value if view else None}
