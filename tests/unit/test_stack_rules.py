"""Rules across constructs in one stack (names AWS keeps unique), and limits on names the library derives."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    BackupSettings,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Replica,
    Table,
    TableAlarms,
    TableBackups,
    TableConfigError,
    TableEncryption,
    aws_provider,
    replica_provider,
)
from dynamo_constructs._core import TerraformStack

import pytest

from tests.support.helpers import new_app, new_stack, resources, synth

PK = Attribute.string("pk")


def collision(make: Any) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        make()
    return caught.value


def test_two_tables_with_one_name_in_one_region() -> None:
    stack = new_stack()
    Table(stack, "a", partition_key=PK, table_name="orders")
    error = collision(lambda: Table(stack, "b", partition_key=PK, table_name="orders"))
    assert (error.path, error.field, error.value) == ("test/b", "table_name", "orders")
    assert "unique in us-east-1: test/a already uses it" in error.accepted


def test_the_same_name_in_another_region_is_fine_but_not_where_a_replica_lives() -> None:
    stack = new_stack()
    west = replica_provider(stack, "us-west-2")
    Table(stack, "a", partition_key=PK, table_name="orders", replicas=[Replica(region="us-west-2", provider=west)])
    Table(stack, "b", partition_key=PK, table_name="orders", provider=replica_provider(stack, "eu-west-1"))
    error = collision(lambda: Table(stack, "c", partition_key=PK, table_name="orders", provider=west))
    assert error.path == "test/c" and "unique in us-west-2: test/a" in error.accepted


def test_two_backup_setups_with_one_name() -> None:
    stack = new_stack()
    table = Table(stack, "t", partition_key=PK)
    TableBackups(stack, "one", name="nightly", tables=[table], settings=BackupSettings())
    error = collision(lambda: TableBackups(stack, "two", name="nightly", tables=[table], settings=BackupSettings()))
    assert error.path == "test/two" and "backup vault names are unique" in error.accepted


def test_two_keys_with_one_alias() -> None:
    stack = new_stack()
    Table(stack, "a", partition_key=PK, encryption=TableEncryption.customer_managed_key(alias="alias/shared"))
    error = collision(lambda: Table(stack, "b", partition_key=PK,
                                    encryption=TableEncryption.customer_managed_key(alias="alias/shared")))
    assert error.path == "test/b/kms" and "KMS alias names are unique" in error.accepted and "test/a/kms" in error.accepted


def test_one_level_granted_twice_would_share_a_policy_name() -> None:
    table = Table(new_stack(), "orders", partition_key=PK)
    table.grant_read_data()
    error = collision(lambda: table.grant("read", id_="reporting"))
    assert error.field == "grant policy name" and "IAM policy names are unique in the account" in error.accepted


def test_two_alarm_sets_for_one_table_and_two_topics() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK)
    AlarmTopic(stack, "topic", name="alarms")
    TableAlarms(stack, "alarms", table=table, settings=AlarmSettings(), topic_arn="arn:aws:sns:us-east-1:123456789012:x")
    error = collision(lambda: TableAlarms(stack, "again", table=table, settings=AlarmSettings(),
                                          topic_arn="arn:aws:sns:us-east-1:123456789012:x"))
    assert error.field == "alarm name" and "test/alarms" in error.accepted
    assert collision(lambda: AlarmTopic(stack, "topic2", name="alarms")).field == "topic name"


def test_derived_names_of_a_long_table_fit_their_limits() -> None:
    stack = new_stack()
    name = "t" * 255
    auto = Capacity.autoscaled(minimum=1, maximum=10)
    table = Table(stack, "long", partition_key=PK, table_name=name, encryption=TableEncryption.customer_managed_key(),
                  billing=Billing.provisioned(read_capacity=auto, write_capacity=auto),
                  global_indexes=[GlobalSecondaryIndex(name="i" * 255, partition_key=Attribute.string("x"))])
    table.grant_read_write_data()
    TableAlarms(stack, "alarms", table=table, settings=AlarmSettings(), topic_arn="arn:aws:sns:us-east-1:123456789012:x")
    doc = synth(stack)
    assert all(len(a["alarm_name"]) <= 255 for a in resources(doc, "aws_cloudwatch_metric_alarm").values())
    assert all(len(p["name"]) <= 128 for p in resources(doc, "aws_iam_policy").values())
    assert all(len(p["name"]) <= 256 for p in resources(doc, "aws_appautoscaling_policy").values())
    assert all(len(a["name"]) <= 256 for a in resources(doc, "aws_kms_alias").values())
    names = [p["name"] for p in resources(doc, "aws_appautoscaling_policy").values()]
    assert len(set(names)) == len(names), "shortened names stay distinct"


def test_throttle_alarms_use_at_most_ten_metrics_each() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK,
                  global_indexes=[GlobalSecondaryIndex(name=f"ByX{i:02d}", partition_key=Attribute.string(f"x{i}"))
                                  for i in range(20)])
    TableAlarms(stack, "alarms", table=table, settings=AlarmSettings(), topic_arn="arn:aws:sns:us-east-1:123456789012:x")
    alarms = {a["alarm_name"]: a for a in resources(synth(stack), "aws_cloudwatch_metric_alarm").values()}
    throttles = sorted(n for n in alarms if "read-throttles" in n)
    assert throttles == ["orders-read-throttles", "orders-read-throttles-2", "orders-read-throttles-3"]
    covered = []
    for name in throttles:
        metrics = [q["metric"] for q in alarms[name]["metric_query"] if "metric" in q]
        assert len(metrics) <= 10
        covered += [m["dimensions"].get("GlobalSecondaryIndexName") for m in metrics]
    assert covered == [None] + [f"ByX{i:02d}" for i in range(20)], "the table and every index exactly once"


def test_default_tags_count_with_the_tables_own() -> None:
    stack = TerraformStack(new_app(), "tagged")
    aws_provider(stack, "us-east-1", tags={f"d{i}": "v" for i in range(10)})
    Table(stack, "ok", partition_key=PK, tags={f"t{i}": "v" for i in range(40)})
    error = collision(lambda: Table(stack, "over", partition_key=PK, tags={f"t{i}": "v" for i in range(41)}))
    assert error.path == "tagged/over" and error.field == "tags" and "51 tags" in error.value


def test_a_given_key_in_another_region_is_refused() -> None:
    error = collision(lambda: Table(new_stack("us-east-1"), "orders", partition_key=PK,
                                    encryption=TableEncryption.customer_managed_key("arn:aws:kms:eu-west-1:123456789012:key/k")))
    assert error.field == "encryption key_arn" and "table's region (us-east-1)" in error.accepted


def test_backup_rules_and_table_arns() -> None:
    stack = new_stack()
    for i, (name, tables, field) in enumerate((("prod.backups", ["arn:aws:dynamodb:us-east-1:123456789012:table/t"], "backup name"),
                                               ("nightly", ["my-table"], "backup tables[0]"),
                                               ("nightly", ["arn:aws:s3:::bucket"], "backup tables[0]"))):
        with pytest.raises(TableConfigError) as caught:
            TableBackups(stack, f"b{i}", name=name, tables=tables, settings=BackupSettings())
        assert caught.value.field == field
    with pytest.raises(TableConfigError) as caught:
        TableBackups(stack, "cron", name="cron", tables=["arn:aws:dynamodb:us-east-1:123456789012:table/t"],
                     settings=BackupSettings(schedule="cron(*/10 * * * ? *)"))
    assert caught.value.field == "backup schedule" and caught.value.path == "test/cron"
    json.dumps(synth(stack))
