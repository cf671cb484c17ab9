"""A Lambda function triggered by a table's stream, with the read access it needs.

``StreamConsumer`` renders ``aws_lambda_event_source_mapping`` on the table's stream and an IAM
policy (the stream-read grant: the stream's three read actions, ``ListStreams``, and decrypt on
the table's customer-managed keys) attached to the function's execution role. The function
itself is the caller's (by name or ARN). Defaults follow what a consumer usually wants: batch
item failures reported (a poison record does not block its shard), bisection on error, and a
retry limit instead of retrying for the 24 hours a record lives. Lambda's limits for DynamoDB
streams are checked at synth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from constructs import Construct

from ._aws import IamPolicy, IamRolePolicyAttachment, LambdaEventSourceMapping
from ._core import TerraformProvider
from .access import AccessLevel, role_name_of
from .aws_context import ACCOUNT_WIDE, claim_name, place, provider_region
from .filters import check_filter_patterns
from .ids import address, ref
from .names import (
    POLICY_NAME_MAX,
    check_arn_partition,
    check_lambda_function,
    check_role,
    check_same_partition,
    check_same_region,
    fit,
    parse_arn,
)
from .table_base import TableBase, consumer_provider
from .validation import check, check_bool, check_int_range, checked_arguments, is_literal, located

STARTING_POSITIONS = ("LATEST", "TRIM_HORIZON")
MAX_BATCH_SIZE = 10_000
MAX_BATCHING_WINDOW_SECONDS = 300
MAX_PARALLELIZATION = 10
MAX_RETRIES = 10_000
MAX_RECORD_AGE_SECONDS = 604_800
MIN_RECORD_AGE_SECONDS = 60
FAILURE_DESTINATIONS = ("sqs", "sns", "s3")


@checked_arguments
class StreamConsumer(Construct):
    """A Lambda function reading a table's stream: an event source mapping on the stream and, when
    the function's role is given, the stream-read policy attached to it.

    The function is the caller's (by name or ARN). Defaults follow what a consumer usually wants:
    batch item failures reported (a poison record does not block its shard), bisection on error,
    and a retry limit instead of retrying for the 24 hours a record lives. Lambda's limits for
    DynamoDB streams are checked at synth.

    Args:
        table: The table whose stream is read (it needs a stream; for a table another stack owns,
            ``stream_arn=`` given to ``Table.from_table_name``/``from_table_arn``).
        function: The Lambda function's name or ARN, in the stream's Region.
        role: The function's execution role (name or ARN): it gets the stream-read policy (the
            stream's read actions, ``ListStreams``, decrypt on the table's keys) and the mapping waits
            for it. Default: none (the role already can read the stream).
        starting_position: ``"LATEST"`` or ``"TRIM_HORIZON"``.
        batch_size: Records per invocation, 1-10,000.
        maximum_batching_window_seconds: Seconds to gather records before invoking, 0-300.
        parallelization_factor: Concurrent batches per shard, 1-10.
        maximum_retry_attempts: Retries of a failed batch, -1 (until the record expires) to 10,000.
        maximum_record_age_seconds: Records older than this are skipped: -1 (no limit) or 60-604,800.
        bisect_batch_on_function_error: Split a failed batch in two and retry each half.
        report_batch_item_failures: The function reports the records that failed
            (``ReportBatchItemFailures``), so the others are not retried.
        filter_patterns: Up to 5 Lambda event filter patterns (dicts or their JSON text), checked as
            Lambda reads them against the stream's records and view type. Default: every record.
        on_failure_destination_arn: An SQS queue, SNS topic or S3 bucket (the table's partition) that
            receives the records of a batch that failed for good. Default: none.
        enabled: False creates the mapping disabled.
        provider: The AWS provider. Default: the table's.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table: TableBase,
        function: str,
        role: str | None = None,
        starting_position: str = "LATEST",
        batch_size: int = 100,
        maximum_batching_window_seconds: int = 0,
        parallelization_factor: int = 1,
        maximum_retry_attempts: int = 10,
        maximum_record_age_seconds: int = -1,
        bisect_batch_on_function_error: bool = True,
        report_batch_item_failures: bool = True,
        filter_patterns: Sequence[Mapping[str, Any] | str] = (),
        on_failure_destination_arn: str | None = None,
        enabled: bool = True,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        with located(lambda: self.node.path):
            provider = consumer_provider(table, provider)
            check(table.table_stream_arn is not None, "table", table.table_name,
                  "the table has no stream (set stream=..., or give stream_arn= for a table another stack owns)")
            region = table.region or provider_region(self, provider)
            check_lambda_function("function", function)
            check_same_region("function", function, region,
                              "an event source mapping invokes a function in its stream's Region (the table's)")
            if role is not None:
                check_role("role", role)
                check_same_partition("role", role, region, "IAM is per partition: the role must be in the table's")
            check(starting_position in STARTING_POSITIONS, "starting_position", starting_position,
                  "expected 'LATEST' or 'TRIM_HORIZON'")
            check_int_range("batch_size", batch_size, 1, MAX_BATCH_SIZE)
            check_int_range("maximum_batching_window_seconds", maximum_batching_window_seconds, 0,
                            MAX_BATCHING_WINDOW_SECONDS)
            check_int_range("parallelization_factor", parallelization_factor, 1, MAX_PARALLELIZATION)
            check_int_range("maximum_retry_attempts", maximum_retry_attempts, -1, MAX_RETRIES)
            check(maximum_record_age_seconds == -1 or MIN_RECORD_AGE_SECONDS <= maximum_record_age_seconds
                  <= MAX_RECORD_AGE_SECONDS, "maximum_record_age_seconds", maximum_record_age_seconds,
                  f"expected -1 (no limit) or {MIN_RECORD_AGE_SECONDS}-{MAX_RECORD_AGE_SECONDS}")
            for name, flag in (("bisect_batch_on_function_error", bisect_batch_on_function_error),
                               ("report_batch_item_failures", report_batch_item_failures), ("enabled", enabled)):
                check_bool(name, flag)
            view = table.stream_view_type
            patterns = check_filter_patterns("filter_patterns", filter_patterns, view.value if view else None)
            if on_failure_destination_arn is not None and is_literal(on_failure_destination_arn):
                arn = parse_arn(on_failure_destination_arn)
                check(arn is not None and arn.service in FAILURE_DESTINATIONS, "on_failure_destination_arn",
                      on_failure_destination_arn, "expected the ARN of an SQS queue, an SNS topic or an S3 bucket")
                check_arn_partition("on_failure_destination_arn", on_failure_destination_arn)
                check_same_partition("on_failure_destination_arn", on_failure_destination_arn, region,
                                     "Lambda sends failed records within the table's partition")
        stream_arn = table.table_stream_arn
        assert stream_arn is not None
        if role is not None:
            policy_name = fit(f"{table.table_name}-{id_.replace('_', '-')}-stream-read", POLICY_NAME_MAX)
            claim_name(self, "IAM policy", ACCOUNT_WIDE, policy_name, owner=lambda: self.node.path,
                       field="consumer policy name")
            IamPolicy(self, "policy", name=policy_name, description=f"Read the stream of DynamoDB table {table.table_name}",
                      policy=table.policy_document(AccessLevel.STREAM_READ))
            IamRolePolicyAttachment(self, "attachment", role=role_name_of(role),
                                    policy_arn=ref("aws_iam_policy", (*ids, "policy"), "arn"))
        depends = [address("aws_iam_role_policy_attachment", (*ids, "attachment"))] if role is not None else None
        mapping = LambdaEventSourceMapping(
            self, "mapping", function_name=function, event_source_arn=stream_arn, starting_position=starting_position,
            batch_size=batch_size, maximum_batching_window_in_seconds=maximum_batching_window_seconds or None,
            parallelization_factor=parallelization_factor, maximum_retry_attempts=maximum_retry_attempts,
            maximum_record_age_in_seconds=maximum_record_age_seconds,
            bisect_batch_on_function_error=bisect_batch_on_function_error,
            function_response_types=["ReportBatchItemFailures"] if report_batch_item_failures else None,
            filter_criteria={"filter": [{"pattern": p} for p in patterns]} if patterns else None,
            destination_config={"on_failure": {"destination_arn": on_failure_destination_arn}}
            if on_failure_destination_arn else None,
            enabled=enabled, provider=provider,
        )
        if depends:
            # Lambda checks the role can read the stream when the mapping is created.
            mapping.add_override("depends_on", depends)
