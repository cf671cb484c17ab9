"""``EnvironmentStack``: providers, backend, the four domain tables and their operations."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import (
    AlarmTopic,
    Attribute,
    AuditTrail,
    BudgetTracking,
    GlobalSecondaryIndex,
    GlobalTable,
    JobsTable,
    Projection,
    Replica,
    StreamViewType,
    Table,
    TableAlarms,
    TableBackups,
    TableDashboard,
    TableEncryption,
    account_limit_alarms,
    aws_provider,
    local_state,
    replica_provider,
    table_outputs,
    user_errors_alarm,
)

from cdktf import S3Backend, TerraformOutput, TerraformStack
from constructs import Construct

from .config import EnvironmentConfig


class EnvironmentStack(TerraformStack):
    """One environment (dev, staging or prod) as its profile describes it."""

    def __init__(self, scope: Construct, id_: str, config: EnvironmentConfig) -> None:
        super().__init__(scope, id_)
        self.config = config
        profile = config.profile
        tags = {"Project": config.project, "Environment": config.environment, "ManagedBy": "dynamo-constructs"}
        self.provider = aws_provider(self, config.region, tags=tags)
        self._backend(id_)

        replicas: list[Replica] = []
        if profile.replicas:
            for region in config.replica_regions:
                replicas.append(Replica(region=region, provider=replica_provider(self, region, tags)))

        common: dict[str, Any] = {
            "point_in_time_recovery": profile.point_in_time_recovery,
            "recovery_period_days": profile.recovery_period_days,
            "deletion_protection": profile.deletion_protection,
            "prevent_destroy": profile.prevent_destroy,
            "contributor_insights": profile.contributor_insights,
        }
        cmk = TableEncryption.customer_managed_key(deletion_window_in_days=profile.kms_deletion_window_days)
        encryption = cmk if profile.customer_managed_keys else TableEncryption.aws_owned()
        stream = StreamViewType.NEW_AND_OLD_IMAGES if profile.streams else None
        prefix = config.prefix
        self.tables: dict[str, Table] = {
            "jobs": JobsTable(self, "jobs", table_name=f"{prefix}-jobs", billing=profile.spiky_billing,
                              encryption=encryption, stream=stream, **common),
            "audit_trail": AuditTrail(self, "audit_trail", table_name=f"{prefix}-audit-trail",
                                      billing=profile.steady_billing, retention_days=profile.audit_retention_days,
                                      encryption=cmk, **common),
            "budget_tracking": BudgetTracking(self, "budget_tracking", table_name=f"{prefix}-budget-tracking",
                                              billing=profile.steady_billing, encryption=encryption, stream=stream,
                                              **common),
            "media_metadata": GlobalTable(
                self, "media_metadata", table_name=f"{prefix}-media-metadata", billing=profile.spiky_billing,
                partition_key=Attribute.string("mediaId"),
                global_indexes=[GlobalSecondaryIndex(name="userId-createdAt-index",
                                                     partition_key=Attribute.string("userId"),
                                                     sort_key=Attribute.string("createdAt"),
                                                     projection=Projection.all())],
                time_to_live_attribute="expiresAt", encryption=encryption, replicas=replicas, **common,
            ),
        }
        self._operations(config)
        self._outputs()

    def _backend(self, id_: str) -> None:
        config = self.config
        if config.state_bucket:
            S3Backend(self, bucket=config.state_bucket, key=f"{config.project}/{id_}/terraform.tfstate",
                      region=config.region, encrypt=True)
            self.add_override("terraform.backend.s3.use_lockfile", True)
        else:
            local_state(self)

    def _operations(self, config: EnvironmentConfig) -> None:
        profile = config.profile
        self.alarm_topic = AlarmTopic(self, "alarm_topic", name=f"{config.prefix}-dynamodb-alarms",
                                      emails=config.alarm_emails, deletion_window_in_days=profile.kms_deletion_window_days)
        self.alarms = {
            key: TableAlarms(self, f"{key}_alarms", table=table, settings=profile.alarms, topic_arn=self.alarm_topic.arn)
            for key, table in self.tables.items()
        }
        user_errors_alarm(self, "user_errors_alarm", name=f"{config.prefix}-dynamodb-user-errors",
                          settings=profile.alarms, topic_arn=self.alarm_topic.arn)
        account_limit_alarms(self, "account_limit_alarms", name_prefix=f"{config.prefix}-dynamodb",
                             settings=profile.alarms, topic_arn=self.alarm_topic.arn)
        self.dashboard = None
        if profile.dashboard:
            self.dashboard = TableDashboard(self, "dashboard", name=f"{config.prefix}-dynamodb",
                                            tables=list(self.tables.values()))
        self.backups = None
        if profile.backup is not None:
            self.backups = TableBackups(self, "backups", name=f"{config.prefix}-dynamodb",
                                        tables=list(self.tables.values()), settings=profile.backup)
        # The audit trail is append-only: the application adds events and reads them, never rewrites
        # them (the table's policy denies item deletes and updates to everyone but break-glass principals).
        self.grants = {key: table.grant_append(role=config.application_role) if key == "audit_trail"
                       else table.grant_read_write_data(role=config.application_role)
                       for key, table in self.tables.items()}
        self.audit_read_grant = self.tables["audit_trail"].grant_read_data(role=config.application_role)

    def _outputs(self) -> None:
        for key, table in self.tables.items():
            table_outputs(self, key, table)
            TerraformOutput(self, f"{key}_access_policy_arn", value=self.grants[key].policy_arn)
        TerraformOutput(self, "audit_trail_read_policy_arn", value=self.audit_read_grant.policy_arn)
        TerraformOutput(self, "alarm_topic_arn", value=self.alarm_topic.arn)
        if self.dashboard is not None:
            TerraformOutput(self, "dashboard_name", value=self.dashboard.name)
