"""Every ARN the library accepts is checked for its place: a known partition that is its Region's,
the Region AWS requires (where it requires one) and the table's partition otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dynamo_constructs import (
    AlarmSettings,
    Attribute,
    BackupSettings,
    KinesisStreamingDestination,
    PolicyStatement,
    Principal,
    StreamConsumer,
    Table,
    TableAlarms,
    TableBackups,
    TableConfigError,
    TableEncryption,
    TableExport,
    TableSource,
    replica_provider,
    user_errors_alarm,
)

import pytest

from tests.support.helpers import new_stack, only, resources, synth

PK = Attribute.string("pk")
ACCOUNT = "123456789012"


def arn(service: str, region: str, resource: str, partition: str = "aws") -> str:
    return f"arn:{partition}:{service}:{region}:{ACCOUNT}:{resource}"


def table(stack: Any, **kw: Any) -> Table:
    return Table(stack, "orders", partition_key=PK, stream="NEW_AND_OLD_IMAGES", **kw)


def error_of(build: Callable[[Any], object]) -> TableConfigError:
    stack = new_stack("us-east-1")
    with pytest.raises(TableConfigError) as caught:
        build(stack)
    return caught.value


EU_KEY = arn("kms", "eu-west-1", "key/1234abcd-12ab-34cd-56ef-1234567890ab")
US_KEY = arn("kms", "us-east-1", "key/1234abcd-12ab-34cd-56ef-1234567890ab")
CN_ROLE = f"arn:aws-cn:iam::{ACCOUNT}:role/reader"

# id, build (in a us-east-1 stack), path, field, value, fragment of "accepted"
REFUSED: list[tuple[str, Callable[[Any], object], str, str, str, str]] = [
    ("key ARN whose partition is not its region's",
     lambda s: TableEncryption.customer_managed_key(arn("kms", "cn-north-1", "key/k")),
     "TableEncryption.customer_managed_key", "key_arn", arn("kms", "cn-north-1", "key/k"),
     "is in partition aws-cn, not aws"),
    ("unknown partition", lambda s: TableEncryption.customer_managed_key("arn:aws-moon:kms:us-east-1:123456789012:key/k"),
     "TableEncryption.customer_managed_key", "key_arn", "arn:aws-moon:kms:us-east-1:123456789012:key/k",
     "partition 'aws-moon' is not one of"),
    ("Kinesis stream in another region",
     lambda s: KinesisStreamingDestination(s, "kinesis", table=table(s),
                                           stream_arn=arn("kinesis", "eu-west-1", "stream/changes")),
     "test/kinesis", "stream_arn", arn("kinesis", "eu-west-1", "stream/changes"), "expected an ARN in us-east-1"),
    ("created Kinesis stream's key in another region",
     lambda s: KinesisStreamingDestination(s, "kinesis", table=table(s), kms_key_arn=EU_KEY),
     "test/kinesis", "kms_key_arn", EU_KEY, "Kinesis encrypts a stream with a key in the stream's Region"),
    ("stream consumer function in another region",
     lambda s: StreamConsumer(s, "consumer", table=table(s), function=arn("lambda", "eu-west-1", "function:f")),
     "test/consumer", "function", arn("lambda", "eu-west-1", "function:f"), "in its stream's Region"),
    ("stream consumer role in another partition",
     lambda s: StreamConsumer(s, "consumer", table=table(s), function="f", role=CN_ROLE),
     "test/consumer", "role", CN_ROLE, "expected an ARN in partition aws"),
    ("failure destination in another partition",
     lambda s: StreamConsumer(s, "consumer", table=table(s), function="f",
                              on_failure_destination_arn=arn("sqs", "cn-north-1", "dlq", "aws-cn")),
     "test/consumer", "on_failure_destination_arn", arn("sqs", "cn-north-1", "dlq", "aws-cn"), "partition aws"),
    ("export key in another partition",
     lambda s: TableExport(s, "export", table=table(s), bucket="analytics-bucket",
                           kms_key_arn=arn("kms", "cn-north-1", "key/k", "aws-cn")),
     "test/export", "kms_key_arn", arn("kms", "cn-north-1", "key/k", "aws-cn"), "bucket in the table's partition"),
    ("backup of a table ARN in another region",
     lambda s: TableBackups(s, "backups", name="nightly", settings=BackupSettings(),
                            tables=[arn("dynamodb", "us-east-1", "table/aaa"), arn("dynamodb", "eu-west-1", "table/bbb")]),
     "test/backups", "backup tables[1]", arn("dynamodb", "eu-west-1", "table/bbb"), "in its plan's Region only"),
    ("backup copy vault in another partition",
     lambda s: TableBackups(s, "backups", name="nightly", tables=[arn("dynamodb", "us-east-1", "table/aaa")],
                            settings=BackupSettings(copy_to_vault_arn=arn("backup", "cn-north-1", "backup-vault:vault",
                                                                          "aws-cn"))),
     "test/backups", "backup copy_to_vault_arn", arn("backup", "cn-north-1", "backup-vault:vault", "aws-cn"),
     "any Region of the plan's partition"),
    ("alarm topic in another region",
     lambda s: TableAlarms(s, "alarms", table=table(s), settings=AlarmSettings(),
                           topic_arn=arn("sns", "eu-west-1", "alarms")),
     "test/alarms", "topic_arn", arn("sns", "eu-west-1", "alarms"), "notify SNS topics in their own Region"),
    ("account alarm topic in another region",
     lambda s: user_errors_alarm(s, "user_errors", name="user-errors", topic_arn=arn("sns", "eu-west-1", "alarms"),
                                 settings=AlarmSettings(user_errors_threshold=10)),
     "test/user_errors", "topic_arn", arn("sns", "eu-west-1", "alarms"), "notify SNS topics in their own Region"),
    ("alarm topic that is not a topic ARN",
     lambda s: TableAlarms(s, "alarms", table=table(s), settings=AlarmSettings(), topic_arn="alarms"),
     "test/alarms", "topic_arn", "alarms", "expected an SNS topic ARN"),
    ("restore source in another partition",
     lambda s: Table(s, "copy", partition_key=PK, source=TableSource.point_in_time(
         arn("dynamodb", "cn-north-1", "table/legacy", "aws-cn"))),
     "test/copy", "source", arn("dynamodb", "cn-north-1", "table/legacy", "aws-cn"), "may cross Regions, not partitions"),
    ("resource policy principal in another partition",
     lambda s: table(s).add_to_resource_policy(PolicyStatement(principals=[Principal.role(CN_ROLE)],
                                                               actions=["dynamodb:GetItem"])),
     "test/orders/resource_policy", "resource policy principal", "Principal.role(name_or_arn='arn:aws-cn:iam::123456789012:role/reader')",
     "IAM is per partition"),
    ("Kinesis read grant to a role in another partition",
     lambda s: KinesisStreamingDestination(s, "kinesis", table=table(s)).grant_read(role=CN_ROLE),
     "test/kinesis", "grant principal", CN_ROLE, "IAM is per partition"),
]


@pytest.mark.parametrize(("build", "path", "field", "value", "accepted"), [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_an_arn_out_of_place_is_refused(build: Callable[[Any], object], path: str, field: str, value: str,
                                        accepted: str) -> None:
    error = error_of(build)
    assert (error.path, error.field) == (path, field)
    assert (repr(error.value) if field == "resource policy principal" else error.value) == value
    assert accepted in error.accepted


def test_a_backup_of_a_table_in_another_region_is_refused() -> None:
    stack = new_stack("us-east-1")
    eu = Table(stack, "eu_orders", partition_key=PK, provider=replica_provider(stack, "eu-west-1"))
    with pytest.raises(TableConfigError) as caught:
        TableBackups(stack, "backups", name="nightly", tables=[eu], settings=BackupSettings())
    assert (caught.value.field, caught.value.value) == ("backup tables[0]", "eu_orders")
    assert "expected a table in us-east-1, not in eu-west-1" in caught.value.accepted


def test_what_aws_allows_across_regions_is_accepted() -> None:
    """Backup copies, point-in-time restores and export buckets may be in another Region of the partition."""
    stack = new_stack("us-east-1")
    orders = table(stack)
    vault = arn("backup", "eu-west-1", "backup-vault:copies")
    TableBackups(stack, "backups", name="nightly", tables=[orders], settings=BackupSettings(copy_to_vault_arn=vault))
    Table(stack, "copy", partition_key=PK, source=TableSource.point_in_time(arn("dynamodb", "eu-west-1", "table/legacy")))
    TableExport(stack, "export", table=orders, bucket="analytics-bucket", kms_key_arn=EU_KEY)
    StreamConsumer(stack, "consumer", table=orders, function=arn("lambda", "us-east-1", "function:f"),
                   role=f"arn:aws:iam::{ACCOUNT}:role/reader")
    KinesisStreamingDestination(stack, "kinesis", table=orders, kms_key_arn=US_KEY)
    doc = synth(stack)
    assert only(doc, "aws_backup_plan")["rule"][0]["copy_action"][0]["destination_vault_arn"] == vault
    assert only(doc, "aws_dynamodb_table_export")["s3_sse_kms_key_id"] == EU_KEY
    assert {t["name"]: t.get("restore_source_table_arn") for t in resources(doc, "aws_dynamodb_table").values()}[
        "copy"] == arn("dynamodb", "eu-west-1", "table/legacy")


def test_role_arns_have_no_region() -> None:
    with pytest.raises(TableConfigError) as caught:
        Principal.role(f"arn:aws:iam:us-east-1:{ACCOUNT}:role/reader")
    assert caught.value.field == "role" and "role ARN" in caught.value.accepted
