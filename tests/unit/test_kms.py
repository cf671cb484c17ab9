"""``ManagedKey`` (the library's one way to create a key) and ``TableKeys`` (which keys a table makes)."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import Attribute, Billing, ManagedKey, ServiceKeyUse, TableConfigError, TableEncryption
from dynamo_constructs.kms import TableKeys
from dynamo_constructs.settings import TableSettings

import pytest

from tests.support.helpers import new_stack, only, resources, synth


def settings(encryption: TableEncryption) -> TableSettings:
    return TableSettings.build(
        name="orders", partition_key=Attribute.string("pk"), sort_key=None, billing=Billing.on_demand(),
        global_indexes=(), local_indexes=(), time_to_live_attribute=None, stream=None, point_in_time_recovery=True,
        recovery_period_days=None, table_class="STANDARD", deletion_protection=True, prevent_destroy=True,
        contributor_insights=False, encryption=encryption, replicas=[], tags={"team": "a"}, primary_region="us-east-1",
        provider_regions={})


def test_a_key_has_rotation_an_explicit_policy_and_an_alias() -> None:
    stack = new_stack()
    key = ManagedKey(stack, "key", description="topic key", alias="alias/topic", deletion_window_in_days=7,
                     service_uses=[ServiceKeyUse(service="cloudwatch.amazonaws.com")], tags={"team": "a"})
    key.allow("GrantAccount111122223333", {"AWS": "arn:aws:iam::111122223333:root"}, ["kms:Decrypt"])
    doc = synth(stack)
    created = only(doc, "aws_kms_key")
    assert (created["enable_key_rotation"], created["deletion_window_in_days"], created["tags"]) == (True, 7, {"team": "a"})
    statements = {s["Sid"]: s for s in json.loads(created["policy"])["Statement"]}
    assert statements["AccountAdministration"]["Action"] == "kms:*"
    assert statements["UseCloudwatch"]["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert statements["GrantAccount111122223333"]["Action"] == ["kms:Decrypt"]
    alias = only(doc, "aws_kms_alias")
    assert alias["name"] == "alias/topic" and alias["target_key_id"].endswith(".key_id}")
    assert key.arn.endswith(".arn}") and key.alias_name == "alias/topic"


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"deletion_window_in_days": 6}, "key deletion_window_in_days", "from 7 to 30"),
    ({"alias": "topic"}, "key alias", "alias/"),
    ({"alias": "alias/aws/topic"}, "key alias", "alias/aws/"),
])
def test_key_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    arguments = {"description": "d", "alias": "alias/topic", **kwargs}
    with pytest.raises(TableConfigError) as caught:
        ManagedKey(new_stack(), "key", **arguments)
    assert (caught.value.path, caught.value.field) == ("test/key", field) and accepted in caught.value.accepted


def test_two_keys_cannot_share_an_alias() -> None:
    stack = new_stack()
    ManagedKey(stack, "one", description="d", alias="alias/shared")
    with pytest.raises(TableConfigError) as caught:
        ManagedKey(stack, "two", description="d", alias="alias/shared")
    assert caught.value.field == "key alias" and "test/one" in caught.value.accepted


@pytest.mark.parametrize(("encryption", "retain", "made", "arn"), [
    (TableEncryption.aws_owned(), False, (False, False), None),
    (TableEncryption.aws_owned(), True, (False, True), None),
    (TableEncryption.customer_managed_key(deletion_window_in_days=7), False, (True, False), "created"),
    (TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/k"), False, (False, False),
     "arn:aws:kms:us-east-1:123456789012:key/k"),
])
def test_which_keys_a_table_makes(encryption: TableEncryption, retain: bool, made: tuple[bool, bool], arn: str | None) -> None:
    stack = new_stack()
    keys = TableKeys.create(stack, settings(encryption), retain_previous_key=retain, provider=None)
    assert (keys.current is not None, keys.retired is not None) == made
    assert keys.arn == (keys.current.arn if arn == "created" and keys.current else arn)
    windows = [k["deletion_window_in_days"] for k in resources(synth(stack), "aws_kms_key").values()]
    assert windows == ([7] if made[0] else [30] if made[1] else [])
