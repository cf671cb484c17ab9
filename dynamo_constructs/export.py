"""A table exported to S3 for analytics: once, or on a schedule (e.g. nightly).

DynamoDB exports read from the table's point-in-time-recovery data (no read capacity used), so
the table needs PITR. ``schedule=None`` renders ``aws_dynamodb_table_export``: one export when
Terraform creates the resource (a full export of now or of ``export_time``, or an incremental
export between two times); Terraform never repeats it. For the usual story — fresh files for
Athena or Glue every night — ``schedule="cron(0 2 * * ? *)"`` renders an EventBridge Scheduler
schedule that calls ``ExportTableToPointInTime`` through Scheduler's AWS SDK target, with a role
that may export this table and write only under the bucket prefix. Schedules run at most once
an hour (a full export of a large table takes longer than that).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum

from constructs import Construct

from ._aws import (
    DynamodbTableExport,
    DynamodbTableExportIncrementalExportSpecification,
    IamRole,
    IamRolePolicy,
    SchedulerSchedule,
    SchedulerScheduleFlexibleTimeWindow,
    SchedulerScheduleTarget,
)
from ._core import TerraformProvider
from .aws_context import ACCOUNT_WIDE, claim_name, partition_name, place, provider_region, region_key
from .ids import ref
from .names import (
    check_account_id,
    check_bucket_name,
    check_kms_key_arn,
    check_s3_prefix,
    check_same_partition,
    check_utc_timestamp,
    fit,
)
from .policies import policy_json
from .schedules import check_schedule
from .table_base import TableBase, consumer_provider
from .times import check_recovery_time, parse_utc
from .validation import check, checked_arguments, coerce_enum, is_literal, located, matches

MIN_INCREMENTAL_MINUTES = 15
MAX_INCREMENTAL_MINUTES = 24 * 60
SCHEDULE_NAME_MAX = 64  # EventBridge Scheduler: 1-64 of [0-9a-zA-Z-_.]
ROLE_NAME_MAX = 64
TIMEZONE = re.compile(r"[A-Za-z]+(?:/[A-Za-z0-9_+-]+){0,2}", re.ASCII)


class ExportFormat(StrEnum):
    """The file format of an export to S3 (``TableExport(export_format=...)``)."""

    DYNAMODB_JSON = "DYNAMODB_JSON"
    """DynamoDB JSON: each item as ``{"Item": {...}}`` with typed attribute values (the default)."""
    ION = "ION"
    """Amazon Ion text."""


class IncrementalView(StrEnum):
    NEW_IMAGE = "NEW_IMAGE"
    NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES"


WINDOW_OF = "the table"


@checked_arguments
class TableExport(Construct):
    """One export of a table to ``s3://bucket/prefix``, or a schedule of them.

    Exports read the table's point-in-time-recovery data (no read capacity used), so the table
    needs PITR. Without ``schedule``: ``aws_dynamodb_table_export``, one export when Terraform
    creates the resource (a full export of now or of ``export_time``, or an incremental one between
    two times); Terraform never repeats it. With ``schedule``: an EventBridge Scheduler schedule
    that calls ``ExportTableToPointInTime``, with a role that may export this table and write only
    under the prefix — fresh files for Athena or Glue every night.

    Args:
        table: The table to export (PITR on; a table another stack owns too).
        bucket: The S3 bucket's name (S3's naming rules), in the table's partition.
        prefix: The key prefix the files go under. Default: the bucket's root.
        export_format: ``ExportFormat.DYNAMODB_JSON`` or ``ExportFormat.ION`` (or their strings).
        schedule: A schedule (six-field AWS cron or ``rate(...)``, at most once an hour). Default:
            None, one export.
        timezone: The IANA time zone the schedule is read in (scheduled exports only).
        export_time: A full export's point in time (UTC, ``YYYY-MM-DDTHH:MM:SSZ``), within the PITR
            window. Default: now (one-off exports only).
        incremental_from: Start of an incremental export (UTC), within the PITR window; with
            ``incremental_to``, 15 minutes to 24 hours later. Default: a full export.
        incremental_to: End of an incremental export (UTC).
        incremental_view: What an incremental export holds per change: ``"NEW_AND_OLD_IMAGES"`` or
            ``"NEW_IMAGE"``.
        bucket_owner: The bucket owner's 12-digit account ID, for a bucket in another account.
            Default: this account.
        kms_key_arn: A KMS key (the bucket's partition) that encrypts the files. Default: S3's
            encryption.
        provider: The AWS provider. Default: the table's.

    Attributes:
        table: The exported table.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table: TableBase,
        bucket: str,
        prefix: str | None = None,
        export_format: ExportFormat | str = ExportFormat.DYNAMODB_JSON,
        schedule: str | None = None,
        timezone: str = "UTC",
        export_time: str | None = None,
        incremental_from: str | None = None,
        incremental_to: str | None = None,
        incremental_view: IncrementalView | str = IncrementalView.NEW_AND_OLD_IMAGES,
        bucket_owner: str | None = None,
        kms_key_arn: str | None = None,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        with located(lambda: self.node.path):
            provider = consumer_provider(table, provider)
            check(table.point_in_time_recovery is not False, "table", table.table_name,
                  "exports read the table's point-in-time-recovery data: turn point_in_time_recovery on")
            if is_literal(bucket):
                check_bucket_name("bucket", bucket)
            if prefix is not None:
                check_s3_prefix("prefix", prefix)
            fmt = coerce_enum("export_format", ExportFormat, export_format)
            view = coerce_enum("incremental_view", IncrementalView, incremental_view)
            if bucket_owner is not None:
                check_account_id("bucket_owner", bucket_owner)
            if kms_key_arn is not None:
                check_kms_key_arn("kms_key_arn", kms_key_arn)
                # The key is the bucket's (S3 encrypts with a key in the bucket's Region, which may be
                # another than the table's: only the partition is known to be the table's).
                check_same_partition("kms_key_arn", kms_key_arn, table.region or provider_region(self, provider),
                                     "an export writes to a bucket in the table's partition")
            incremental = incremental_from is not None or incremental_to is not None
            if schedule is not None:
                check_schedule(schedule, field="schedule", runs="a scheduled export runs")
                check(matches(TIMEZONE, timezone), "timezone", timezone,
                      "expected an IANA time zone such as 'UTC' or 'Europe/Berlin'")
                for name, value in (("export_time", export_time), ("incremental_from", incremental_from),
                                    ("incremental_to", incremental_to)):
                    check(value is None, name, value, "a scheduled export always exports the table as of its run; "
                          "times apply to a one-off export (schedule=None)")
            else:
                check(timezone == "UTC", "timezone", timezone, "applies to scheduled exports only")
                window = table.recovery_period_days
                if export_time is not None:
                    check_utc_timestamp("export_time", export_time)
                    check(not incremental, "export_time", export_time,
                          "a full export has one export_time; an incremental one has incremental_from/to")
                    if is_literal(export_time):
                        check_recovery_time("export_time", export_time, recovery_days=window, whose=WINDOW_OF)
                if incremental:
                    check(incremental_from is not None and incremental_to is not None, "incremental_from",
                          incremental_from, "an incremental export needs both incremental_from and incremental_to")
                    assert incremental_from is not None and incremental_to is not None
                    check_utc_timestamp("incremental_from", incremental_from)
                    check_utc_timestamp("incremental_to", incremental_to)
                    if is_literal(incremental_from) and is_literal(incremental_to):
                        minutes = (parse_utc(incremental_to) - parse_utc(incremental_from)).total_seconds() / 60
                        check(MIN_INCREMENTAL_MINUTES <= minutes <= MAX_INCREMENTAL_MINUTES, "incremental_to",
                              incremental_to, f"an incremental export covers {MIN_INCREMENTAL_MINUTES} minutes to "
                              f"24 hours after incremental_from ({incremental_from})")
                        check_recovery_time("incremental_from", incremental_from, recovery_days=window, whose=WINDOW_OF)
                        check_recovery_time("incremental_to", incremental_to, recovery_days=window, whose=WINDOW_OF)
        self.table = table
        table_arn = table.arn_reference
        if schedule is None:
            spec = None
            if incremental:
                spec = DynamodbTableExportIncrementalExportSpecification(
                    export_from_time=incremental_from, export_to_time=incremental_to, export_view_type=view.value)
            DynamodbTableExport(
                self, "export", table_arn=table_arn, s3_bucket=bucket, s3_prefix=prefix, export_format=fmt.value,
                export_time=export_time, export_type="INCREMENTAL_EXPORT" if incremental else "FULL_EXPORT",
                incremental_export_specification=spec, s3_bucket_owner=bucket_owner,
                s3_sse_algorithm="KMS" if kms_key_arn else None, s3_sse_kms_key_id=kms_key_arn, provider=provider,
            )
            return
        part = partition_name(self, table.region)
        base = f"{table.table_name}-{id_}".replace("_", "-")
        schedule_name = fit(re.sub(r"[^0-9A-Za-z._-]", "-", base), SCHEDULE_NAME_MAX)
        role_name = fit(re.sub(r"[^\w+=,.@-]", "-", f"{base}-scheduler"), ROLE_NAME_MAX)
        claim_name(self, "EventBridge schedule", region_key(self, provider), schedule_name,
                   owner=lambda: self.node.path, field="schedule name")
        claim_name(self, "IAM role", ACCOUNT_WIDE, role_name, owner=lambda: self.node.path, field="scheduler role name")
        objects = f"arn:{part}:s3:::{bucket}/{prefix or ''}*"
        statements: list[dict[str, object]] = [
            {"Sid": "Export", "Effect": "Allow", "Action": ["dynamodb:ExportTableToPointInTime"], "Resource": [table_arn]},
            {"Sid": "WriteExport", "Effect": "Allow",
             "Action": ["s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl"], "Resource": [objects]},
        ]
        table_keys = table.access_resources().kms_key_arns
        if table_keys:
            statements.append({"Sid": "ReadTableKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"],
                               "Resource": list(table_keys)})
        if kms_key_arn is not None:
            statements.append({"Sid": "EncryptExport", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:GenerateDataKey"],
                               "Resource": [kms_key_arn]})
        IamRole(self, "role", name=role_name, provider=provider, assume_role_policy=policy_json([
            {"Effect": "Allow", "Principal": {"Service": "scheduler.amazonaws.com"}, "Action": "sts:AssumeRole"}]))
        role_ids = (*ids, "role")
        IamRolePolicy(self, "permissions", name="export", role=ref("aws_iam_role", role_ids, "name"),
                      policy=policy_json(statements), provider=provider)
        request: dict[str, str] = {"TableArn": table_arn, "S3Bucket": bucket, "ExportFormat": fmt.value}
        if prefix is not None:
            request["S3Prefix"] = prefix
        if bucket_owner is not None:
            request["S3BucketOwner"] = bucket_owner
        if kms_key_arn is not None:
            request.update({"S3SseAlgorithm": "KMS", "S3SseKmsKeyId": kms_key_arn})
        SchedulerSchedule(
            self, "schedule", name=schedule_name, description=f"Exports DynamoDB table {table.table_name} to S3",
            schedule_expression=schedule, schedule_expression_timezone=timezone,
            flexible_time_window=SchedulerScheduleFlexibleTimeWindow(mode="OFF"),
            target=SchedulerScheduleTarget(
                arn=f"arn:{part}:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime",
                role_arn=ref("aws_iam_role", role_ids, "arn"), input=json.dumps(request)),
            provider=provider,
        )
