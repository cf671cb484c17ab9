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
    """What each stream record holds."""

    KEYS_ONLY = "KEYS_ONLY"
    NEW_IMAGE = "NEW_IMAGE"
    OLD_IMAGE = "OLD_IMAGE"
    NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES"


def render_stream(view: StreamViewType | None) -> dict[str, Any]:
    """The table's stream arguments: on with its view type, or explicitly off."""
    return {"stream_enabled": view is not None, "stream_view_type": view.value if view else None}
