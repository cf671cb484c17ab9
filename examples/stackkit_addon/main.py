"""Seed 003 ("stackkit" DynamoDB addon): any schema, environment-aware defaults, global tables.

``prod`` reproduces the seed's "global users table" call: provisioned 100/100 with autoscaling,
two GSIs, TTL, streams, contributor insights, AWS Backup with cold storage, and replicas in
three regions, each with its own KMS key. ``dev`` and ``staging`` use the seed's defaults for
those environments; ``orders`` is the seed's event-driven example.
"""

from __future__ import annotations

from dynamo_constructs import (
    DEV,
    PROD,
    STAGING,
    Attribute,
    BackupSettings,
    Billing,
    Capacity,
    EnvironmentProfile,
    GlobalSecondaryIndex,
    GlobalTable,
    Projection,
    Replica,
    StreamViewType,
    Table,
    TableBackups,
    TableEncryption,
    aws_provider,
    local_state,
    replica_provider,
)

from cdktf import App, TerraformOutput, TerraformStack

PRIMARY_REGION = "ap-northeast-2"
REPLICA_REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-1")


def users_indexes(read: int, write: Capacity | int) -> list[GlobalSecondaryIndex]:
    def cap(value: Capacity | int) -> Capacity:
        return value if isinstance(value, Capacity) else Capacity.fixed(value)

    return [
        GlobalSecondaryIndex(name="email-index", partition_key=Attribute.string("email"),
                             sort_key=Attribute.string("created_at"), projection=Projection.all(),
                             read_capacity=Capacity.fixed(50 * read), write_capacity=cap(write)),
        # The seed also lists user_id, the table's partition key, which every index projects anyway.
        GlobalSecondaryIndex(name="status-index", partition_key=Attribute.string("status"),
                             sort_key=Attribute.string("created_at"), projection=Projection.include(["email"]),
                             read_capacity=Capacity.fixed(25 * read), write_capacity=cap(write)),
    ]


class StackkitStack(TerraformStack):
    def __init__(self, app: App, profile: EnvironmentProfile, project_name: str = "global-app") -> None:
        super().__init__(app, profile.name)
        tags = {"Owner": "backend-team", "Cost": "application", "Environment": profile.name}
        aws_provider(self, PRIMARY_REGION, tags=tags)
        local_state(self)
        prefix = f"{project_name}-{profile.name}"
        production = profile.name == "prod"
        common = {
            "point_in_time_recovery": profile.point_in_time_recovery,
            "deletion_protection": profile.deletion_protection,
            "prevent_destroy": profile.prevent_destroy,
            "encryption": TableEncryption.customer_managed_key(deletion_window_in_days=profile.kms_deletion_window_days),
        }
        scaled = Capacity.autoscaled(minimum=50, maximum=1000, seed=100)
        replicas = [Replica(region=r, provider=replica_provider(self, r, tags)) for r in REPLICA_REGIONS] if production else []
        self.users = GlobalTable(
            self, "users", table_name=f"{prefix}-users", partition_key=Attribute.string("user_id"),
            sort_key=Attribute.string("created_at"),
            billing=Billing.provisioned(read_capacity=scaled, write_capacity=scaled) if production else Billing.on_demand(),
            global_indexes=users_indexes(1, Capacity.autoscaled(minimum=25, maximum=500)) if production else [
                GlobalSecondaryIndex(name=i.name, partition_key=i.partition_key, sort_key=i.sort_key,
                                     projection=i.projection) for i in users_indexes(1, 1)],
            time_to_live_attribute="expires_at", contributor_insights=production, replicas=replicas,
            tags={"Global": "true"} if production else None, **common,
        )
        self.orders = Table(self, "orders", table_name=f"{prefix}-orders", partition_key=Attribute.string("order_id"),
                            stream=StreamViewType.NEW_AND_OLD_IMAGES, tags={"Component": "orders", "Critical": "true"},
                            **common)
        if profile.backup is not None:
            backup = BackupSettings(schedule="cron(0 2 ? * * *)", cold_storage_after_days=30, delete_after_days=2555) \
                if production else BackupSettings(schedule="cron(0 3 ? * * *)", delete_after_days=35)
            TableBackups(self, "backups", name=prefix, tables=[self.users, self.orders],
                         settings=backup)
        for key, table in (("users", self.users), ("orders", self.orders)):
            TerraformOutput(self, f"{key}_table_name", value=table.table_name_ref)
            TerraformOutput(self, f"{key}_table_arn", value=table.table_arn)
            TerraformOutput(self, f"{key}_table_stream_arn", value=table.table_stream_arn)
        TerraformOutput(self, "global_tables_enabled", value=bool(replicas))
        TerraformOutput(self, "replica_regions", value=[r.region for r in replicas])


def build(app: App) -> list[StackkitStack]:
    return [StackkitStack(app, profile) for profile in (DEV, STAGING, PROD)]


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
