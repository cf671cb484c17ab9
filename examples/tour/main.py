"""A tour of the capabilities beyond the seeds, in three stacks.

``analytics`` (hashicorp/aws 5.100 and up): an orders table another account may read (resource
policy), its changes streamed to Kinesis for a fan-out consumer, a nightly export to S3 for
Athena, a point-in-time restore of it as a reporting copy, grants and alarms on a ledger table
another stack owns, and a dashboard with a row per table. ``strong`` (hashicorp/aws >= 6.22): a
cart table with multi-Region strong consistency (a replica and a witness), pre-warmed for a
launch, with contributor insights on throttled keys only; its provider range excludes 5.x.
``newest`` (hashicorp/aws >= 6.38): an esports match table whose index keys are made of several
attributes, a leaderboard whose indexes are resources of their own, a table restored from an
on-demand backup, and a replica with its own contributor insights and Kinesis stream.
"""

from __future__ import annotations

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    GlobalTable,
    IndexForm,
    KinesisStreamingDestination,
    PolicyStatement,
    Principal,
    Replica,
    StreamViewType,
    Table,
    TableAlarms,
    TableDashboard,
    TableExport,
    TableSource,
    WarmThroughput,
    aws_provider,
    local_state,
    replica_provider,
)

from cdktf import App, TerraformOutput, TerraformStack

PARTNER_ACCOUNT = "111122223333"
ANALYTICS_BUCKET = "tour-analytics-exports"


class AnalyticsStack(TerraformStack):
    """Everything here is terraform-valid with hashicorp/aws 5.100 (the stack admits it)."""

    def __init__(self, app: App, id_: str = "analytics") -> None:
        super().__init__(app, id_)
        aws_provider(self, "us-east-1", tags={"Project": "tour"})
        local_state(self)
        self.orders = Table(
            self, "orders", table_name="tour-orders", partition_key=Attribute.string("orderId"),
            global_indexes=[GlobalSecondaryIndex(name="ByCustomer", partition_key=Attribute.string("customerId"),
                                                 sort_key=Attribute.string("createdAt"))],
            stream=StreamViewType.NEW_AND_OLD_IMAGES, deletion_protection=False, prevent_destroy=False,
        )
        # Cross-account read: the partner's identities (as its own IAM policies allow) may read the
        # table, its indexes and its stream; nothing is written into the partner's account.
        self.orders.grant_read_data(Principal.account(PARTNER_ACCOUNT))
        self.orders.grant_stream_read(Principal.account(PARTNER_ACCOUNT))
        self.orders.add_to_resource_policy(PolicyStatement(
            sid="DenyPartnerWrites", effect="Deny", principals=[Principal.account(PARTNER_ACCOUNT)],
            actions=["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]))
        # Item changes to Kinesis (a year of retention possible, many readers), and who may read them.
        self.kinesis = KinesisStreamingDestination(self, "order_changes", table=self.orders, precision="MICROSECOND")
        # (Unattached here so the stack deploys anywhere; pass role="..." to attach it.)
        self.kinesis_read_policy_arn = self.kinesis.grant_read()
        # Every night at 02:00 UTC a full export lands under s3://<bucket>/orders/ for Athena.
        TableExport(self, "nightly_export", table=self.orders, bucket=ANALYTICS_BUCKET, prefix="orders/",
                    schedule="cron(0 2 * * ? *)")
        # A reporting copy, restored from the orders table's latest restorable time when created.
        self.reporting = Table(
            self, "reporting", table_name="tour-orders-reporting", partition_key=Attribute.string("orderId"),
            global_indexes=[GlobalSecondaryIndex(name="ByCustomer", partition_key=Attribute.string("customerId"),
                                                 sort_key=Attribute.string("createdAt"))],
            source=TableSource.point_in_time(self.orders), deletion_protection=False, prevent_destroy=False,
        )
        # A table another stack owns: grants, alarms and the dashboard take it like any other.
        self.ledger = Table.from_table_name(self, "ledger", "tour-ledger", index_names=["ByDay"])
        self.ledger_read = self.ledger.grant_read_data()
        topic = AlarmTopic(self, "alarms", name="tour-dynamodb-alarms")
        settings = AlarmSettings(conditional_check_failed_threshold=20, online_index_alarms=True)
        for key, table in {"orders": self.orders, "reporting": self.reporting, "ledger": self.ledger}.items():
            TableAlarms(self, f"{key}_alarms", table=table, settings=settings, topic_arn=topic.arn)
        self.dashboard = TableDashboard(self, "dashboard", name="tour-dynamodb",
                                        tables=[self.orders, self.reporting, self.ledger])
        TerraformOutput(self, "orders_table_arn", value=self.orders.table_arn)
        TerraformOutput(self, "order_changes_stream_arn", value=self.kinesis.stream_arn)
        TerraformOutput(self, "dashboard_name", value=self.dashboard.name)
        TerraformOutput(self, "kinesis_read_policy_arn", value=self.kinesis_read_policy_arn)
        TerraformOutput(self, "ledger_read_policy_arn", value=self.ledger_read.policy_arn)


class StrongStack(TerraformStack):
    """Multi-Region strong consistency, warm throughput and contributor-insights modes: hashicorp/aws
    >= 6.22.0 (derived from the features used), so ``terraform validate`` needs a newer provider than
    this repository's 5.100 mirror."""

    def __init__(self, app: App, id_: str = "strong") -> None:
        super().__init__(app, id_)
        aws_provider(self, "us-east-1", tags={"Project": "tour"})
        local_state(self)
        east2 = replica_provider(self, "us-east-2", tags={"Project": "tour"})
        self.carts = GlobalTable(
            self, "carts", table_name="tour-carts", partition_key=Attribute.string("cartId"),
            consistency="STRONG", replicas=[Replica(region="us-east-2", provider=east2)], witness_region="us-west-2",
            warm_throughput=WarmThroughput(read_units_per_second=40_000, write_units_per_second=12_000),
            contributor_insights="THROTTLED_KEYS",
        )
        TerraformOutput(self, "carts_table_arn", value=self.carts.table_arn)


class NewestStack(TerraformStack):
    """DynamoDB's newest features on the newest provider: hashicorp/aws >= 6.38.0 (derived from the
    features used), so ``terraform validate`` needs a newer provider than this repository's mirror; the
    index resources need ``TF_AWS_EXPERIMENT_dynamodb_global_secondary_index`` set for plan and apply."""

    def __init__(self, app: App, id_: str = "newest") -> None:
        super().__init__(app, id_)
        aws_provider(self, "us-east-1", tags={"Project": "tour"})
        local_state(self)
        west = replica_provider(self, "us-west-2", tags={"Project": "tour"})
        # Matches by tournament and region (hashed together), ordered by round then bracket: no
        # synthetic "TOURNAMENT#REGION" attribute to write, parse or backfill (key_schema, >= 6.37).
        self.matches = Table(
            self, "matches", table_name="tour-matches", partition_key=Attribute.string("matchId"),
            global_indexes=[
                GlobalSecondaryIndex(name="ByTournamentRegion",
                                     partition_keys=[Attribute.string("tournamentId"), Attribute.string("region")],
                                     sort_keys=[Attribute.number("round"), Attribute.string("bracket")]),
                GlobalSecondaryIndex(name="ByPlayer", partition_key=Attribute.string("playerId"),
                                     sort_key=Attribute.string("playedAt"), contributor_insights=True),
            ],
            replicas=[Replica(region="us-west-2", provider=west, contributor_insights=True,
                              index_contributor_insights={"ByPlayer": "THROTTLED_KEYS"},
                              kinesis_stream_arn="arn:aws:kinesis:us-west-2:123456789012:stream/tour-matches-west")],
            deletion_protection=False, prevent_destroy=False,
        )
        # Each index its own resource (>= 6.28, experimental): an autoscaled index ignores only its
        # own capacity, so indexes come and go without index_maintenance.
        self.leaderboard = Table(
            self, "leaderboard", table_name="tour-leaderboard", partition_key=Attribute.string("playerId"),
            billing=Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=200),
                                        write_capacity=Capacity.fixed(5)),
            global_indexes=[GlobalSecondaryIndex(name="ByScore", partition_key=Attribute.string("season"),
                                                 sort_key=Attribute.number("score"))],
            index_form=IndexForm.resources(), deletion_protection=False, prevent_destroy=False,
        )
        # Last season's matches, restored from an on-demand backup when the table is created (>= 6.38).
        self.archive = Table(
            self, "archive", table_name="tour-matches-2025", partition_key=Attribute.string("matchId"),
            source=TableSource.backup(SEASON_BACKUP), deletion_protection=False, prevent_destroy=False,
        )
        TerraformOutput(self, "matches_table_arn", value=self.matches.table_arn)


SEASON_BACKUP = "arn:aws:dynamodb:us-east-1:123456789012:table/tour-matches/backup/01767225600000-5e450a2f"


def build(app: App) -> None:
    AnalyticsStack(app)
    StrongStack(app)
    NewestStack(app)


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
