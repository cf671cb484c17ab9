"""Time to live: which Number attribute expires items, and whether expiry is on.

TTL is rendered in both directions: AWS's ``UpdateTimeToLive`` needs the attribute's name to
turn TTL off too, so "off" keeps the attribute (``time_to_live_enabled=False``); only a table
that never had TTL renders ``enabled = false`` without a name (the provider then sends nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .names import check_attribute_name
from .schema import Attribute, AttributeType
from .validation import check, check_bool


@dataclass(frozen=True)
class TimeToLive:
    """The TTL attribute (None: the table never had TTL) and whether expiry is on."""

    attribute: str | None
    enabled: bool

    @staticmethod
    def build(attribute: Any, enabled: Any, key_attributes: Mapping[str, Attribute]) -> TimeToLive:
        """``key_attributes``: every key attribute of the table and its indexes (TTL on a key must be a Number)."""
        check_bool("time_to_live_enabled", enabled)
        if attribute is not None:
            check_attribute_name("time_to_live_attribute", attribute)
            key = key_attributes.get(attribute)
            check(key is None or key.type is AttributeType.NUMBER, "time_to_live_attribute", attribute,
                  f"{attribute!r} is a key attribute of type {key.type.value if key else ''}; "
                  "TTL needs a Number (epoch seconds)")
        return TimeToLive(attribute=attribute, enabled=attribute is not None and enabled)

    def _render(self) -> dict[str, Any]:
        if self.attribute is None:
            return {"enabled": False}
        return {"attribute_name": self.attribute, "enabled": self.enabled}
