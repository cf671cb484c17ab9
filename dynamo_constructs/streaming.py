"""Item-level changes of a table streamed to Kinesis Data Streams, and who may read them.

``KinesisStreamingDestination`` renders ``aws_dynamodb_kinesis_streaming_destination`` (with
the precision of ``ApproximateCreationDateTime`` in each record) to a given stream, or to a
stream it creates: on-demand unless a shard count is given, encrypted with the account's
``aws/kinesis`` key unless a key is given. Unlike DynamoDB Streams (24 hours, two readers per
shard), a Kinesis stream keeps records up to a year and fans out to many consumers; its
``grant_read`` gives a role or user the Kinesis read actions on that stream (and the key's
decrypt when the stream uses a customer-managed key).
"""

from __future__ import annotations

from collections.abc import Sequence

from constructs import Construct

from ._aws import (
    DynamodbKinesisStreamingDestination,
    IamPolicy,
    KinesisStream,
    KinesisStreamStreamModeDetails,
)
from ._core import TerraformProvider
from .access import attach_policy
from .adoption import ImportBlock, provider_address, set_imports
from .aws_context import ACCOUNT_WIDE, claim_name, place, provider_region, region_key
from .ids import address, ref
from .names import (
    POLICY_NAME_MAX,
    check_kinesis_stream_arn,
    check_kinesis_stream_name,
    check_kms_key_arn,
    check_same_partition,
    check_same_region,
    fit,
)
from .policies import policy_json
from .principals import Principal, principal_of
from .streams import KINESIS_PRECISIONS
from .table_base import TableBase, consumer_provider
from .validation import check, check_bool, check_int_range, checked_arguments, fail, located

PRECISIONS = KINESIS_PRECISIONS
MIN_RETENTION_HOURS = 24
MAX_RETENTION_HOURS = 8760  # 365 days
MAX_SHARDS = 10_000
KINESIS_READ_ACTIONS = ("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
                        "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard")
AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis"


@checked_arguments
class KinesisStreamingDestination(Construct):
    """A table's item changes streamed to a Kinesis data stream (given by ARN, or created here).

    Unlike DynamoDB Streams (24 hours, two readers per shard), a Kinesis stream keeps records up
    to a year and fans out to many consumers; ``grant_read`` gives a role or user its read actions.
    A created stream is on-demand unless a shard count is given, and encrypted with the account's
    ``aws/kinesis`` key unless a key is given.

    Args:
        table: The table whose changes are streamed (a table another stack owns too).
        stream_arn: An existing Kinesis stream in the table's Region. Default: a stream is created.
        stream_name: A created stream's name (Kinesis's rules). Default: ``<table name>-changes``.
        precision: ``"MICROSECOND"`` or ``"MILLISECOND"``: the precision of each record's
            ``ApproximateCreationDateTime``.
        shard_count: A created stream's shards, 1-10,000 (provisioned mode). Default: on-demand.
        retention_hours: How long a created stream keeps records, 24-8,760 hours.
        kms_key_arn: A created stream's key, in the table's Region. Default: ``alias/aws/kinesis``.
        provider: The AWS provider. Default: the table's.
        adopt_existing: The destination exists already: the next plan imports it (an ``import`` block,
            id ``<table name>,<stream ARN>``) instead of creating it; ``stream_arn`` is then required.
            ``dynamo-constructs migrate`` writes it; remove it after the first apply.

    Attributes:
        table: The streamed table.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table: TableBase,
        stream_arn: str | None = None,
        stream_name: str | None = None,
        precision: str = "MICROSECOND",
        shard_count: int | None = None,
        retention_hours: int = MIN_RETENTION_HOURS,
        kms_key_arn: str | None = None,
        provider: TerraformProvider | None = None,
        adopt_existing: bool = False,
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        with located(lambda: self.node.path):
            provider = consumer_provider(table, provider)
            check_bool("adopt_existing", adopt_existing)
            check(not adopt_existing or stream_arn is not None, "adopt_existing", True,
                  "an existing destination streams to an existing stream: give its stream_arn")
            check(precision in PRECISIONS, "precision", precision,
                  "expected 'MILLISECOND' or 'MICROSECOND' (of ApproximateCreationDateTime)")
            self._region = table.region or provider_region(self, provider)
            if stream_arn is not None:
                check_kinesis_stream_arn("stream_arn", stream_arn)
                check_same_region("stream_arn", stream_arn, self._region,
                                  "DynamoDB streams to a Kinesis stream in the table's Region")
                for name, value in (("stream_name", stream_name), ("shard_count", shard_count), ("kms_key_arn", kms_key_arn)):
                    check(value is None, name, value, "applies only to a stream created here (leave stream_arn out)")
                check(retention_hours == MIN_RETENTION_HOURS, "retention_hours", retention_hours,
                      "applies only to a stream created here (leave stream_arn out)")
            else:
                stream_name = stream_name if stream_name is not None else f"{table.table_name}-changes"
                check_kinesis_stream_name("stream_name", stream_name)
                if shard_count is not None:
                    check_int_range("shard_count", shard_count, 1, MAX_SHARDS)
                check_int_range("retention_hours", retention_hours, MIN_RETENTION_HOURS, MAX_RETENTION_HOURS)
                if kms_key_arn is not None:
                    check_kms_key_arn("kms_key_arn", kms_key_arn)
                    check_same_region("kms_key_arn", kms_key_arn, self._region,
                                      "Kinesis encrypts a stream with a key in the stream's Region (the table's)")
        region = region_key(self, provider)
        self.table = table
        self._kms_key_arn = kms_key_arn
        if stream_arn is None:
            assert stream_name is not None
            claim_name(self, "Kinesis stream", region, stream_name, owner=lambda: self.node.path, field="stream_name")
            KinesisStream(
                self, "stream", name=stream_name, retention_period=retention_hours,
                shard_count=shard_count,
                stream_mode_details=KinesisStreamStreamModeDetails(
                    stream_mode="PROVISIONED" if shard_count is not None else "ON_DEMAND"),
                encryption_type="KMS", kms_key_id=kms_key_arn or AWS_MANAGED_KINESIS_KEY, provider=provider,
            )
            stream_arn = ref("aws_kinesis_stream", (*ids, "stream"), "arn")
        else:
            claim_name(self, "Kinesis destination", region, f"{table.table_name} -> {stream_arn}",
                       owner=lambda: self.node.path, field="stream_arn")
        self._stream_arn = stream_arn
        add_destination(self, "destination", table_name=table.name_reference, stream_arn=stream_arn,
                        precision=precision, provider=provider)
        if adopt_existing:  # the provider's import ID: table name and stream ARN
            set_imports(self, "/".join(ids), [ImportBlock(address("aws_dynamodb_kinesis_streaming_destination",
                                                                  (*ids, "destination")),
                                                          f"{table.table_name},{stream_arn}", provider_address(provider))])
        self._grants: set[str] = set()

    @property
    def stream_arn(self) -> str:
        """The Kinesis stream's ARN (a reference when the stream is created here)."""
        return self._stream_arn

    def grant_read(self, principal: Principal | str | None = None, *, role: str | None = None,
                   id_: str = "grant_read") -> str:
        """An IAM policy to read the stream's records (and decrypt them with the stream's
        customer-managed key), attached to a role or user when given.

        Args:
            principal: A ``Principal.role/user(...)`` or a role name or ARN (IAM identities only, in
                the table's partition). Default: nobody (the policy is made, unattached).
            role: A role name or ARN (instead of ``principal``).
            id_: The grant's id, unique per destination (and the policy name's suffix when not the default).

        Returns:
            The policy's ARN (a reference within the stack).
        """
        with located(lambda: self.node.path):
            check(role is None or principal is None, "grant role", role, "give role= or principal=, not both")
            given = role if role is not None else principal
            who = principal_of("grant principal", given) if given is not None else None
            if who is not None and not who.is_identity:
                fail("grant principal", who, "Kinesis reads are granted to IAM roles or users (identity policies); "
                     "give another account access through a role it can assume")
            if who is not None:
                check_same_partition("grant principal", getattr(who, "name_or_arn", None), self._region,
                                     "IAM is per partition: a role or user of another partition cannot read this stream")
            check(id_ not in self._grants, "grant id", id_, "each grant needs its own id_")
        self._grants.add(id_)
        statements: list[dict[str, object]] = [
            {"Sid": "ReadStream", "Effect": "Allow", "Action": list(KINESIS_READ_ACTIONS), "Resource": [self._stream_arn]},
            # ListStreams has no resource-level permissions.
            {"Sid": "ListStreams", "Effect": "Allow", "Action": ["kinesis:ListStreams"], "Resource": ["*"]},
        ]
        if self._kms_key_arn is not None:
            statements.append({"Sid": "StreamKey", "Effect": "Allow", "Action": ["kms:Decrypt"],
                               "Resource": [self._kms_key_arn]})
        grant = Construct(self, id_)
        grant_ids = place(grant, self, id_)
        name = fit(f"{self.table.table_name}-kinesis-read" + ("" if id_ == "grant_read" else f"-{id_}"), POLICY_NAME_MAX)
        claim_name(self, "IAM policy", ACCOUNT_WIDE, name, owner=lambda: f"{self.node.path}/{id_}",
                   field="grant policy name")
        IamPolicy(grant, "policy", name=name, description=f"Read the Kinesis stream of DynamoDB table "
                  f"{self.table.table_name}", policy=policy_json(statements))
        arn = ref("aws_iam_policy", (*grant_ids, "policy"), "arn")
        attach_policy(grant, who, arn)
        return arn


def add_destination(scope: Construct, id_: str, *, table_name: str, stream_arn: str, precision: str,
                    provider: TerraformProvider | None, depends_on: Sequence[object] = ()) -> None:
    """One ``aws_dynamodb_kinesis_streaming_destination`` (for a table or, through its Region's
    provider, a replica: ``depends_on`` the replica)."""
    DynamodbKinesisStreamingDestination(
        scope, id_, table_name=table_name, stream_arn=stream_arn, approximate_creation_date_time_precision=precision,
        provider=provider, depends_on=list(depends_on) or None,  # type: ignore[arg-type]
    )
