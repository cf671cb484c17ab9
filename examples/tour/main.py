"""A tour of the capabilities beyond the seeds, in two stacks.

``analytics`` (hashicorp/aws 5.100 and up): an orders table another account may read (resource
policy), its changes streamed to Kinesis for a fan-out consumer, a nightly export to S3 for
Athena, a point-in-time restore of it as a reporting copy, grants and alarms on a ledger table
another stack owns, and a dashboard with a row per table. ``strong`` (hashicorp/aws >= 6.22): a
cart table with multi-Region strong consistency (a replica and a witness), pre-warmed for a
launch, with contributor insights on throttled keys only; its provider range excludes 5.x.
"""

from __future__ import annotations

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    GlobalSecondaryIndex,
    GlobalTable,
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


def build(app: App) -> None:
    AnalyticsStack(app)
    StrongStack(app)


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
