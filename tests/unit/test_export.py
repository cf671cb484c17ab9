"""Exports to S3: one-off (full or incremental) and scheduled (nightly), PITR required."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from dynamo_constructs import Attribute, Table, TableConfigError, TableEncryption, TableExport
from dynamo_constructs.times import reference_time

import pytest

from tests.support.helpers import new_stack, only, resources, synth


@pytest.fixture(autouse=True)
def _reference_time() -> Iterator[None]:
    """The times below lie in a 35-day PITR window ending at this reference time."""
    with reference_time(datetime(2026, 11, 2, 12, tzinfo=UTC)):
        yield


def _table(stack: Any, **kw: Any) -> Table:
    return Table(stack, "orders", partition_key=Attribute.string("pk"), **kw)


def test_one_off_full_and_incremental_exports() -> None:
    stack = new_stack()
    table = _table(stack)
    TableExport(stack, "snapshot", table=table, bucket="analytics-bucket", prefix="orders/", export_format="ION",
                export_time="2026-11-01T00:00:00Z", kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/k")
    TableExport(stack, "delta", table=table, bucket="analytics-bucket", incremental_from="2026-11-01T00:00:00Z",
                incremental_to="2026-11-01T06:00:00Z", incremental_view="NEW_IMAGE")
    doc = synth(stack)
    arn = f"${{aws_dynamodb_table.{next(iter(resources(doc, 'aws_dynamodb_table')))}.arn}}"
    exports = {e.get("export_type"): e for e in resources(doc, "aws_dynamodb_table_export").values()}
    full = exports["FULL_EXPORT"]
    assert {k: full[k] for k in ("table_arn", "s3_bucket", "s3_prefix", "export_format", "export_time",
                                 "s3_sse_algorithm", "s3_sse_kms_key_id")} == {
        "table_arn": arn, "s3_bucket": "analytics-bucket", "s3_prefix": "orders/", "export_format": "ION",
        "export_time": "2026-11-01T00:00:00Z", "s3_sse_algorithm": "KMS",
        "s3_sse_kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/k"}
    assert exports["INCREMENTAL_EXPORT"]["incremental_export_specification"] == {
        "export_from_time": "2026-11-01T00:00:00Z", "export_to_time": "2026-11-01T06:00:00Z",
        "export_view_type": "NEW_IMAGE"}


def test_a_nightly_export_is_a_schedule_with_a_narrow_role() -> None:
    stack = new_stack()
    table = _table(stack, encryption=TableEncryption.customer_managed_key())
    TableExport(stack, "nightly", table=table, bucket="analytics-bucket", prefix="orders/", schedule="cron(0 2 * * ? *)",
                timezone="Europe/Berlin")
    doc = synth(stack)
    arn = f"${{aws_dynamodb_table.{next(iter(resources(doc, 'aws_dynamodb_table')))}.arn}}"
    schedule = only(doc, "aws_scheduler_schedule")
    assert (schedule["schedule_expression"], schedule["schedule_expression_timezone"]) == ("cron(0 2 * * ? *)",
                                                                                          "Europe/Berlin")
    assert schedule["target"]["arn"] == "arn:aws:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime"
    assert json.loads(schedule["target"]["input"]) == {"TableArn": arn, "S3Bucket": "analytics-bucket",
                                                      "ExportFormat": "DYNAMODB_JSON", "S3Prefix": "orders/"}
    trust = json.loads(only(doc, "aws_iam_role")["assume_role_policy"])
    assert trust["Statement"][0]["Principal"] == {"Service": "scheduler.amazonaws.com"}
    statements = {s["Sid"]: s for s in json.loads(only(doc, "aws_iam_role_policy")["policy"])["Statement"]}
    assert statements["Export"]["Action"] == ["dynamodb:ExportTableToPointInTime"]
    assert statements["Export"]["Resource"] == [arn]
    assert statements["WriteExport"]["Resource"] == ["arn:aws:s3:::analytics-bucket/orders/*"]
    assert statements["ReadTableKey"]["Resource"][0].startswith("${aws_kms_key.")
    assert "aws_dynamodb_table_export" not in doc["resource"]


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"bucket": "Bad_Bucket"}, "bucket", "3-63 characters"),
    ({"prefix": "/orders"}, "prefix", "not starting with '/'"),
    ({"export_format": "CSV"}, "export_format", "DYNAMODB_JSON"),
    ({"schedule": "rate(5 minutes)"}, "schedule", "at most once an hour"),
    ({"schedule": "cron(0 2 * * ? *)", "export_time": "2026-11-01T00:00:00Z"}, "export_time", "one-off"),
    ({"schedule": "cron(0 2 * * ? *)", "timezone": "Berlin time"}, "timezone", "IANA"),
    ({"timezone": "Europe/Berlin"}, "timezone", "scheduled exports only"),
    ({"export_time": "2026-11-01 00:00"}, "export_time", "RFC 3339"),
    ({"incremental_from": "2026-11-01T00:00:00Z"}, "incremental_from", "both"),
    ({"incremental_from": "2026-11-01T00:00:00Z", "incremental_to": "2026-11-01T00:05:00Z"}, "incremental_to",
     "15 minutes to 24 hours"),
    ({"incremental_from": "2026-11-01T00:00:00Z", "incremental_to": "2026-11-03T00:00:00Z"}, "incremental_to",
     "15 minutes to 24 hours"),
    ({"export_time": "2026-11-01T00:00:00Z", "incremental_from": "2026-11-01T00:00:00Z",
      "incremental_to": "2026-11-01T01:00:00Z"}, "export_time", "incremental_from/to"),
    ({"bucket_owner": "123"}, "bucket_owner", "12-digit"),
])
def test_export_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    stack = new_stack()
    args: dict[str, Any] = {"table": _table(stack), "bucket": "analytics-bucket", **kwargs}
    with pytest.raises(TableConfigError) as caught:
        TableExport(stack, "export", **args)
    assert caught.value.path == "test/export" and caught.value.field == field and accepted in caught.value.accepted


def test_exports_need_pitr() -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        TableExport(stack, "export", table=_table(stack, point_in_time_recovery=False), bucket="analytics-bucket")
    assert "point_in_time_recovery" in caught.value.accepted
