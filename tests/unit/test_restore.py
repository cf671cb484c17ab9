"""Point-in-time restores and S3 imports: rendering, the rules against the source, create-only safety."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from dynamo_constructs import (
    Attribute,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Table,
    TableConfigError,
    TableSource,
)
from dynamo_constructs.times import reference_time

import pytest

from tests.support.helpers import new_stack, resources, synth


@pytest.fixture(autouse=True)
def _reference_time() -> Iterator[None]:
    """The times below lie in a 35-day PITR window ending at this reference time."""
    with reference_time(datetime(2026, 11, 2, 12, tzinfo=UTC)):
        yield

PK, SK = Attribute.string("pk"), Attribute.string("sk")
BY_X = GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))


def _tables(stack: Any) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in resources(synth(stack), "aws_dynamodb_table").values()}


def test_restore_by_name_arn_or_table_and_ignore_changes() -> None:
    stack = new_stack()
    source = Table(stack, "orders", partition_key=PK, sort_key=SK, global_indexes=[BY_X])
    Table(stack, "by_name", partition_key=PK, source=TableSource.point_in_time("legacy-orders",
                                                                              restore_date_time="2026-11-01T03:00:00Z"))
    Table(stack, "by_arn", partition_key=PK,
          source=TableSource.point_in_time("arn:aws:dynamodb:us-west-2:123456789012:table/legacy"))
    Table(stack, "copy", partition_key=PK, sort_key=SK, source=TableSource.point_in_time(source))  # drops ByX
    tables = _tables(stack)
    by_name, by_arn, copy = tables["by_name"], tables["by_arn"], tables["copy"]
    assert (by_name["restore_source_name"], by_name["restore_date_time"]) == ("legacy-orders", "2026-11-01T03:00:00Z")
    assert "restore_to_latest_time" not in by_name
    assert (by_arn["restore_source_table_arn"], by_arn["restore_to_latest_time"]) == (
        "arn:aws:dynamodb:us-west-2:123456789012:table/legacy", True)
    assert copy["restore_source_table_arn"] == source.arn_reference
    for table in (by_name, by_arn, copy):
        assert table["lifecycle"]["ignore_changes"] == ["restore_source_name", "restore_source_table_arn",
                                                        "restore_date_time", "restore_to_latest_time"]
    assert "lifecycle" not in tables["orders"] or "ignore_changes" not in tables["orders"]["lifecycle"]


def test_s3_import_renders_import_table() -> None:
    stack = new_stack()
    Table(stack, "csv", partition_key=PK, source=TableSource.s3_import(
        "seed-bucket", key_prefix="orders/", input_format="CSV", compression="GZIP", csv_delimiter=";",
        csv_header=["pk", "total"], bucket_owner="123456789012"))
    Table(stack, "json", partition_key=PK, source=TableSource.s3_import("seed-bucket"))
    tables = _tables(stack)
    assert tables["csv"]["import_table"] == {
        "input_format": "CSV", "input_compression_type": "GZIP",
        "input_format_options": {"csv": {"delimiter": ";", "header_list": ["pk", "total"]}},
        "s3_bucket_source": {"bucket": "seed-bucket", "key_prefix": "orders/", "bucket_owner": "123456789012"}}
    assert tables["json"]["import_table"] == {"input_format": "DYNAMODB_JSON", "input_compression_type": "NONE",
                                              "s3_bucket_source": {"bucket": "seed-bucket"}}
    assert tables["json"]["lifecycle"]["ignore_changes"] == ["import_table"]


@pytest.mark.parametrize(("make", "field", "accepted"), [
    (lambda: TableSource.point_in_time("ab"), "source", "3-255"),
    (lambda: TableSource.point_in_time("arn:aws:dynamodb:x"), "source", "table ARN"),
    (lambda: TableSource.point_in_time("orders", restore_date_time="yesterday"), "restore_date_time", "RFC 3339"),
    (lambda: TableSource.point_in_time(42), "source", "table name"),  # type: ignore[arg-type]
    (lambda: TableSource.s3_import("Bad_Bucket"), "bucket", "3-63"),
    (lambda: TableSource.s3_import("seed-bucket", input_format="PARQUET"), "input_format", "DYNAMODB_JSON"),
    (lambda: TableSource.s3_import("seed-bucket", compression="ZIP"), "compression", "ZSTD"),
    (lambda: TableSource.s3_import("seed-bucket", csv_delimiter=","), "csv_delimiter", "input_format='CSV' only"),
    (lambda: TableSource.s3_import("seed-bucket", input_format="CSV", csv_delimiter="#"), "csv_delimiter", "','"),
    (lambda: TableSource.s3_import("seed-bucket", input_format="CSV", csv_header=["a", "a"]), "csv_header", "each column once"),
    (lambda: TableSource.s3_import("seed-bucket", bucket_owner="me"), "bucket_owner", "12-digit"),
    (lambda: TableSource.s3_import("seed-bucket", key_prefix="/x"), "key_prefix", "not starting with '/'"),
])
def test_source_rules(make, field: str, accepted: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableConfigError) as caught:
        make()
    assert caught.value.field == field and accepted in caught.value.accepted
    assert caught.value.path is not None and caught.value.path.startswith("TableSource.")


def _source_error(source_table: dict[str, Any], **new: Any) -> TableConfigError:
    stack = new_stack()
    source = Table(stack, "orders", **{"partition_key": PK, **source_table})
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "copy", **{"partition_key": PK, "source": TableSource.point_in_time(source), **new})
    assert caught.value.path == "test/copy"
    return caught.value


def test_a_restore_keeps_the_source_keys_and_indexes() -> None:
    assert _source_error({"sort_key": SK}).field == "sort_key"
    assert _source_error({}, partition_key=Attribute.number("pk")).field == "partition_key"
    error = _source_error({"global_indexes": [BY_X]},
                          global_indexes=[GlobalSecondaryIndex(name="ByY", partition_key=Attribute.string("y"))])
    assert error.field == "global_indexes" and "['ByX']" in error.accepted
    error = _source_error({"global_indexes": [BY_X]},
                          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("z"))])
    assert error.field == "global_indexes"
    lsi = LocalSecondaryIndex(name="ByDate", sort_key=Attribute.string("date"))
    assert _source_error({"sort_key": SK}, sort_key=SK, local_indexes=[lsi]).field == "local_indexes"
    assert "point_in_time_recovery off" in _source_error({"point_in_time_recovery": False}).accepted


def test_import_rules_against_the_table() -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "a", partition_key=PK, sort_key=SK, local_indexes=[LocalSecondaryIndex(name="ByD", sort_key=Attribute.string("d"))],
              source=TableSource.s3_import("seed-bucket"))
    assert caught.value.field == "local_indexes" and "ImportTable" in caught.value.accepted
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "b", partition_key=PK, sort_key=SK,
              source=TableSource.s3_import("seed-bucket", input_format="CSV", csv_header=["pk", "total"]))
    assert caught.value.field == "csv_header" and "'sk'" in caught.value.accepted
    with pytest.raises(TableConfigError) as caught:
        Table(stack, "c", partition_key=PK, source="s3://seed-bucket")  # type: ignore[arg-type]
    assert caught.value.field == "source"


BACKUP = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01576616366715-b4e58d3a"


def test_restore_from_an_on_demand_backup() -> None:
    stack = new_stack()
    Table(stack, "restored", partition_key=PK, source=TableSource.backup(BACKUP))
    doc = synth(stack)
    (table,) = resources(doc, "aws_dynamodb_table").values()
    assert table["restore_backup_arn"] == BACKUP
    assert table["lifecycle"]["ignore_changes"] == ["restore_backup_arn"]
    assert not {"restore_source_name", "restore_source_table_arn", "restore_to_latest_time", "import_table"} & set(table)
    assert doc["terraform"]["required_providers"]["aws"]["version"] == ">= 6.38.0, < 7.0.0"
    assert repr(TableSource.backup(BACKUP)) == f"TableSource.backup(backup_arn={BACKUP!r})"


@pytest.mark.parametrize(("arn", "accepted"), [
    ("arn:aws:dynamodb:us-east-1:123456789012:table/orders", "table/<table>/backup/<id>"),
    ("arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7", "restore through AWS Backup"),
    ("01576616366715-b4e58d3a", "on-demand backup's ARN"),
    ("arn:aws:dynamodb:cn-north-1:123456789012:table/orders/backup/01576616366715-b4e58d3a", "partition aws-cn, not aws"),
])
def test_backup_arn_shape(arn: str, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        TableSource.backup(arn)
    assert (caught.value.path, caught.value.field, caught.value.value) == ("TableSource.backup", "backup_arn", arn)
    assert accepted in caught.value.accepted


def test_a_backup_restores_in_its_own_region_and_partition() -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack("us-west-2"), "restored", partition_key=PK, source=TableSource.backup(BACKUP))
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/restored", "source", BACKUP)
    assert "expected an ARN in us-west-2, not in us-east-1" in caught.value.accepted
    assert "copy the backup to the table's Region" in caught.value.accepted
    china = "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders/backup/01576616366715-b4e58d3a"
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "restored", partition_key=PK, source=TableSource.backup(china))
    assert "expected an ARN in partition aws (of us-east-1), not aws-cn" in caught.value.accepted


def test_a_backup_given_as_a_reference_is_checked_by_aws() -> None:
    stack = new_stack()
    token = "${data.aws_dynamodb_backups.latest.backup_summaries[0].backup_arn}"
    Table(stack, "restored", partition_key=PK, source=TableSource.backup(token))
    (table,) = resources(synth(stack), "aws_dynamodb_table").values()
    assert table["restore_backup_arn"] == token


def test_wrong_type_for_a_backup_arn() -> None:
    with pytest.raises(TableConfigError) as caught:
        TableSource.backup(42)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("backup_arn", 42)
