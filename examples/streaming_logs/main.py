"""Seed 001 (streaming-platform logging): log metadata, user sessions, system config, audit trail.

One customer-managed KMS key (with alias) shared by the four tables, CloudWatch alarms to an
SNS topic, PITR with the seed's ``backup_retention_days`` as recovery window, and the seed's
three environment variants (dev, staging, prod).
"""

from __future__ import annotations

from dataclasses import dataclass

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    AuditTrail,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    ManagedKey,
    StreamViewType,
    Table,
    TableAlarms,
    TableEncryption,
    aws_provider,
    local_state,
)

from cdktf import App, TerraformOutput, TerraformStack


def by(name: str, key: str, sort: str | None = "timestamp") -> GlobalSecondaryIndex:
    return GlobalSecondaryIndex(name=name, partition_key=Attribute.string(key),
                                sort_key=Attribute.string(sort) if sort else None)


@dataclass(frozen=True)
class StreamingLogs:
    """The seed's inputs; the defaults are its dev defaults."""

    environment: str = "dev"
    project_name: str = "streaming-logs"
    provisioned: bool = False
    enable_point_in_time_recovery: bool = True
    backup_retention_days: int = 7
    enable_streams: bool = False
    enable_ttl: bool = True
    enable_cloudwatch_alarms: bool = True
    full_alarms: bool = False
    kms_deletion_window: int = 7


ENVIRONMENTS = (
    StreamingLogs(environment="dev"),
    StreamingLogs(environment="staging", backup_retention_days=14, enable_streams=True, full_alarms=True,
                  kms_deletion_window=14),
    StreamingLogs(environment="prod", provisioned=True, backup_retention_days=35, enable_streams=True,
                  full_alarms=True, kms_deletion_window=30),
)


class StreamingLogsStack(TerraformStack):
    def __init__(self, app: App, s: StreamingLogs) -> None:
        super().__init__(app, s.environment)
        aws_provider(self, "us-east-1", tags={"Project": s.project_name, "Environment": s.environment})
        local_state(self)
        prefix = f"{s.project_name}-{s.environment}"
        self.key = ManagedKey(self, "kms", description=f"{prefix} DynamoDB tables", alias=f"alias/{prefix}-dynamodb",
                              deletion_window_in_days=s.kms_deletion_window)
        billing = Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=100),
                                      write_capacity=Capacity.autoscaled(minimum=5, maximum=100)) \
            if s.provisioned else Billing.on_demand()
        stream = StreamViewType.NEW_AND_OLD_IMAGES if s.enable_streams else None
        ttl = "ttl" if s.enable_ttl else None
        common = {
            "billing": billing,
            "encryption": TableEncryption.customer_managed_key(self.key.arn),
            "point_in_time_recovery": s.enable_point_in_time_recovery,
            "recovery_period_days": s.backup_retention_days if s.enable_point_in_time_recovery else None,
        }
        self.tables = {
            "log_metadata": Table(
                self, "log_metadata", table_name=f"{prefix}-log-metadata", partition_key=Attribute.string("log_id"),
                sort_key=Attribute.string("timestamp"), time_to_live_attribute=ttl, stream=stream,
                global_indexes=[by("ServiceIndex", "service_name"), by("LogLevelIndex", "log_level"),
                                by("UserIndex", "user_id")], **common),
            "user_sessions": Table(
                self, "user_sessions", table_name=f"{prefix}-user-sessions", partition_key=Attribute.string("session_id"),
                sort_key=Attribute.string("user_id"), time_to_live_attribute=ttl, stream=stream,
                global_indexes=[by("UserSessionIndex", "user_id", "created_at")], **common),
            "system_config": Table(
                self, "system_config", table_name=f"{prefix}-system-config", partition_key=Attribute.string("config_key"),
                stream=StreamViewType.NEW_AND_OLD_IMAGES,  # the seed always streams configuration changes
                global_indexes=[by("EnvironmentIndex", "environment", None)], **common),
            # Append-only (the default): its stream's old images are the evidence of any overwrite, so
            # the audit trail streams whatever enable_streams says.
            "audit_trail": AuditTrail(
                self, "audit_trail", table_name=f"{prefix}-audit-trail", time_to_live_attribute=ttl, **common),
        }
        if s.enable_cloudwatch_alarms:
            topic = AlarmTopic(self, "alarms", name=f"{prefix}-dynamodb-alarms",
                               deletion_window_in_days=s.kms_deletion_window)
            for key, table in self.tables.items():
                TableAlarms(self, f"{key}_alarms", table=table,
                            settings=AlarmSettings(full=s.full_alarms), topic_arn=topic.arn)
        TerraformOutput(self, "table_names", value={k: t.table_name_ref for k, t in self.tables.items()})
        TerraformOutput(self, "table_arns", value={k: t.table_arn for k, t in self.tables.items()})
        TerraformOutput(self, "kms_key_arn", value=self.key.arn)


def build(app: App) -> list[StreamingLogsStack]:
    return [StreamingLogsStack(app, settings) for settings in ENVIRONMENTS]


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
