"""``TableSettings.build``: every argument validated and everything derivable derived, without a
stack or an engine call (``build`` takes the arguments and the facts of the stack it needs)."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Projection,
    StreamViewType,
    TableConfigError,
    TableEncryption,
    TableSource,
    WarmThroughput,
)
from dynamo_constructs.settings import TableClass, TableSettings

import pytest

AUTO = Capacity.autoscaled(minimum=2, maximum=20)


def build(**overrides: Any) -> TableSettings:
    """The settings of a plain table (the Table's defaults), with ``overrides``."""
    arguments: dict[str, Any] = {
        "name": "orders", "partition_key": Attribute.string("pk"), "sort_key": None, "billing": Billing.on_demand(),
        "global_indexes": (), "local_indexes": (), "time_to_live_attribute": None, "time_to_live_enabled": True, "stream": None,
        "point_in_time_recovery": True, "recovery_period_days": None, "table_class": TableClass.STANDARD,
        "deletion_protection": True, "prevent_destroy": True, "contributor_insights": False,
        "encryption": TableEncryption.aws_owned(), "replicas": [], "tags": {}, "primary_region": "us-east-1", "provider_regions": {}}
    arguments.update(overrides)
    return TableSettings.build(**arguments)


def error(**overrides: Any) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        build(**overrides)
    assert caught.value.path is None  # the Table adds its construct path
    return caught.value


def test_a_plain_table_derives_its_attributes_and_ignores_nothing() -> None:
    settings = build()
    assert [(a.name, a.type.value) for a in settings.schema.attributes] == [("pk", "S")]
    assert settings.index_capacities == () and settings.scaled == ()
    assert settings.ignored_changes == []
    assert settings.provider_features() == {}
    assert (settings.point_in_time_recovery, settings.recovery.window_days, settings.ttl_enabled) == (True, 35, False)
    assert settings.key_alias == "alias/dynamodb/orders"


def test_autoscaled_indexes_inherit_capacity_and_are_ignored_only_without_maintenance() -> None:
    index = GlobalSecondaryIndex(name="ByG", partition_key=Attribute.number("g"), projection=Projection.keys_only())
    settings = build(billing=Billing.provisioned(read_capacity=AUTO, write_capacity=Capacity.fixed(3)),
                     global_indexes=[index])
    assert [(c.index_name, c.read, c.write) for c in settings.index_capacities] == [("ByG", AUTO, Capacity.fixed(3))]
    assert [(d.index_name, d.operation) for d in settings.scaled] == [(None, "Read"), ("ByG", "Read")]
    assert settings.index_maintenance and settings.ignored_changes == ["read_capacity"]
    assert settings.autoscaled_index_names == ("ByG",)
    ignoring = build(billing=Billing.provisioned(read_capacity=AUTO, write_capacity=Capacity.fixed(3)),
                     global_indexes=[index], index_maintenance=False)
    assert ignoring.ignored_changes == ["read_capacity", "global_secondary_index"]


def test_sources_are_ignored_once_the_table_exists() -> None:
    restored = build(source=TableSource.point_in_time("old-orders"))
    assert restored.ignored_changes == ["restore_source_name", "restore_source_table_arn", "restore_date_time",
                                        "restore_to_latest_time"]


def test_newer_features_name_the_provider_version_they_need() -> None:
    settings = build(warm_throughput=WarmThroughput(read_units_per_second=20_000), contributor_insights="THROTTLED_KEYS")
    assert settings.provider_features() == {"warm_throughput": "6.13.0", "contributor insights mode": "6.11.0"}


def test_ttl_pitr_and_stream_are_values_that_render_themselves() -> None:
    settings = build(time_to_live_attribute="expires", time_to_live_enabled=False, recovery_period_days=7,
                     stream="NEW_IMAGE")
    assert settings.ttl._render() == {"attribute_name": "expires", "enabled": False}
    assert settings.recovery._render() == {"enabled": True, "recovery_period_in_days": 7}
    assert settings.stream is StreamViewType.NEW_IMAGE


def test_a_given_key_alias_is_kept() -> None:
    settings = build(encryption=TableEncryption.customer_managed_key(alias="alias/orders-key"))
    assert settings.key_alias == "alias/orders-key"


@pytest.mark.parametrize(("overrides", "field", "value", "accepted"), [
    ({"name": "x"}, "table_name", "x", "3-255"),
    ({"name": 7}, "table_name", 7, "3-255 characters"),
    ({"billing": "PAY_PER_REQUEST"}, "billing", "PAY_PER_REQUEST", "Billing.on_demand"),
    ({"deletion_protection": "yes"}, "deletion_protection", "yes", "True or False"),
    ({"point_in_time_recovery": False, "recovery_period_days": 7}, "recovery_period_days", 7, "needs point_in_time_recovery"),
    ({"recovery_period_days": 36}, "recovery_period_days", 36, "from 1 to 35"),
    ({"stream": "ALL"}, "stream", "ALL", "NEW_AND_OLD_IMAGES"),
    ({"table_class": "GLACIER"}, "table_class", "GLACIER", "STANDARD_INFREQUENT_ACCESS"),
    ({"time_to_live_attribute": "pk"}, "time_to_live_attribute", "pk", "TTL needs a Number"),
    ({"time_to_live_enabled": None}, "time_to_live_enabled", None, "True or False"),
    ({"encryption": TableEncryption.customer_managed_key("arn:aws:kms:eu-west-1:123456789012:key/abc")},
     "encryption key_arn", "arn:aws:kms:eu-west-1:123456789012:key/abc", "table's region (us-east-1)"),
    ({"tags": {"aws:owner": "me"}}, "tags key", "aws:owner", "aws:"),
    ({"replicas": "us-west-2"}, "replicas", "us-west-2", "expected a list"),
])
def test_each_rule_names_field_value_and_what_is_accepted(overrides: dict[str, Any], field: str, value: Any,
                                                          accepted: str) -> None:
    raised = error(**overrides)
    assert (raised.field, raised.value) == (field, value)
    assert accepted in raised.accepted


def test_the_tag_count_includes_the_providers_default_tags() -> None:
    raised = error(tags={f"k{i}": "v" for i in range(45)}, default_tags={f"d{i}": "v" for i in range(6)})
    assert raised.field == "tags" and "50" in raised.accepted
