"""``TimeToLive``: the attribute that expires items, rendered in both directions."""

from __future__ import annotations

from dynamo_constructs import Attribute, TableConfigError
from dynamo_constructs.ttl import TimeToLive

import pytest

KEYS = {"pk": Attribute.string("pk"), "expires": Attribute.number("expires")}


def test_ttl_renders_on_off_and_never_set() -> None:
    assert TimeToLive.build("expires", True, KEYS)._render() == {"attribute_name": "expires", "enabled": True}
    assert TimeToLive.build("expires", False, KEYS)._render() == {"attribute_name": "expires", "enabled": False}
    never = TimeToLive.build(None, True, KEYS)
    assert (never.enabled, never._render()) == (False, {"enabled": False})


@pytest.mark.parametrize(("attribute", "enabled", "field", "accepted"), [
    ("pk", True, "time_to_live_attribute", "TTL needs a Number"),
    ("", True, "time_to_live_attribute", "at most 255 bytes"),
    ("expires", "yes", "time_to_live_enabled", "True or False"),
])
def test_ttl_rules(attribute: str, enabled: object, field: str, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        TimeToLive.build(attribute, enabled, KEYS)
    assert (caught.value.field, caught.value.value) == (field, attribute if field != "time_to_live_enabled" else enabled)
    assert accepted in caught.value.accepted
