"""Seed 004 ("quikapp" media app): five tables behind create toggles, streams, and a global-table
replica in us-west-2 encrypted with its own (given) KMS key."""

from __future__ import annotations

from dataclasses import dataclass

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    GlobalTable,
    Replica,
    StreamViewType,
    TableEncryption,
    aws_provider,
    local_state,
    replica_provider,
)

from cdktf import App, TerraformOutput, TerraformStack

ACCOUNT = "111122223333"


@dataclass(frozen=True)
class Quikapp:
    """The seed's module inputs."""

    environment: str
    kms_key_arn: str = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/quikapp-media"
    billing_mode: str = "PAY_PER_REQUEST"
    create_media_metadata_table: bool = True
    create_user_sessions_table: bool = True
    create_notifications_table: bool = True
    create_conversations_table: bool = True
    create_rate_limiting_table: bool = True
    enable_point_in_time_recovery: bool = True
    enable_deletion_protection: bool = True
    enable_streams: bool = True
    stream_view_type: str = "NEW_AND_OLD_IMAGES"
    enable_global_tables: bool = True
    replica_region: str = "us-west-2"
    replica_kms_key_arn: str = f"arn:aws:kms:us-west-2:{ACCOUNT}:key/quikapp-media-replica"


def s(name: str) -> Attribute:
    return Attribute.string(name)


class QuikappStack(TerraformStack):
    def __init__(self, app: App, q: Quikapp) -> None:
        super().__init__(app, q.environment)
        aws_provider(self, "us-east-1", tags={"Project": "quikapp", "Environment": q.environment})
        local_state(self)
        replicas = []
        if q.enable_global_tables:
            replicas = [Replica(region=q.replica_region, provider=replica_provider(self, q.replica_region),
                                kms_key_arn=q.replica_kms_key_arn)]
        billing = Billing.on_demand() if q.billing_mode == "PAY_PER_REQUEST" else Billing.provisioned(
            read_capacity=Capacity.autoscaled(minimum=100, maximum=1000, target_utilization=70),
            write_capacity=Capacity.autoscaled(minimum=50, maximum=1000, target_utilization=70))
        common = {
            "billing": billing,
            "encryption": TableEncryption.customer_managed_key(q.kms_key_arn),
            "point_in_time_recovery": q.enable_point_in_time_recovery,
            "deletion_protection": q.enable_deletion_protection,
            "prevent_destroy": q.enable_deletion_protection,
            "replicas": replicas,
            "stream": StreamViewType(q.stream_view_type) if q.enable_streams or replicas else None,
        }
        prefix = f"quikapp-{q.environment}"
        specs = {
            "media_metadata": (q.create_media_metadata_table, {
                "partition_key": s("mediaId"), "time_to_live_attribute": None,
                "global_indexes": [GlobalSecondaryIndex(name="userId-createdAt-index", partition_key=s("userId"),
                                                        sort_key=s("createdAt"))]}),
            "user_sessions": (q.create_user_sessions_table, {
                "partition_key": s("sessionId"), "sort_key": s("userId"), "time_to_live_attribute": "expiresAt"}),
            # The seed names this table but gives no schema: one user's notifications, newest first.
            "notifications": (q.create_notifications_table, {
                "partition_key": s("userId"), "sort_key": s("createdAt"), "time_to_live_attribute": "expiresAt"}),
            "conversations": (q.create_conversations_table, {
                "partition_key": s("conversationId"), "sort_key": s("messageId"),
                "global_indexes": [GlobalSecondaryIndex(name="participant-updatedAt-index",
                                                        partition_key=s("participantId"), sort_key=s("updatedAt"))]}),
            "rate_limits": (q.create_rate_limiting_table, {
                "partition_key": s("key"), "time_to_live_attribute": "expiresAt"}),
        }
        self.tables = {
            key: GlobalTable(self, key, table_name=f"{prefix}-{key.replace('_', '-')}", **common, **schema)
            for key, (create, schema) in specs.items() if create
        }
        for key, table in self.tables.items():
            TerraformOutput(self, f"{key}_table_name", value=table.table_name_ref)
            TerraformOutput(self, f"{key}_table_arn", value=table.table_arn)
        TerraformOutput(self, "all_table_names", value={k: t.table_name_ref for k, t in self.tables.items()})
        TerraformOutput(self, "stream_arns", value={k: t.table_stream_arn for k, t in self.tables.items()})


def build(app: App) -> list[QuikappStack]:
    return [
        QuikappStack(app, Quikapp(environment="dev", enable_deletion_protection=False, enable_global_tables=False,
                                  create_rate_limiting_table=False)),
        QuikappStack(app, Quikapp(environment="prod", billing_mode="PROVISIONED")),
    ]


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
