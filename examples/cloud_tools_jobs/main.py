"""Seed 002 ("Cloud Tools" job tracking): the jobs table, its Lambda policy, production backups.

The seed's ``aws_dynamodb_backup`` and ``aws_dynamodb_table_point_in_time_recovery`` resources do
not exist in the AWS provider: PITR is an argument of the table, and daily backups are an AWS
Backup plan (``TableBackups``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dynamo_constructs import (
    BackupSettings,
    Billing,
    Capacity,
    JobsTable,
    TableBackups,
    aws_provider,
    local_state,
)

from cdktf import App, TerraformOutput, TerraformStack


@dataclass(frozen=True)
class CloudTools:
    """The seed's variables."""

    environment: str
    resource_suffix: str
    project_name: str = "cloud-tools"
    table_name: str = "CloudToolsJobs"
    billing_mode: str = "PAY_PER_REQUEST"
    enable_point_in_time_recovery: bool = True
    lambda_role: str = "cloud-tools-job-runner"


class CloudToolsStack(TerraformStack):
    def __init__(self, app: App, s: CloudTools) -> None:
        super().__init__(app, s.environment)
        aws_provider(self, "us-east-1", tags={"Project": s.project_name, "Environment": s.environment,
                                              "ManagedBy": "terraform"})
        local_state(self)
        production = s.environment == "production"
        billing = Billing.on_demand() if s.billing_mode == "PAY_PER_REQUEST" else Billing.provisioned(
            read_capacity=Capacity.autoscaled(minimum=5, maximum=100),
            write_capacity=Capacity.autoscaled(minimum=5, maximum=100))
        self.jobs = JobsTable(
            self, "jobs", table_name=f"{s.project_name}-{s.environment}-{s.table_name}-{s.resource_suffix}",
            billing=billing, point_in_time_recovery=s.enable_point_in_time_recovery,
            deletion_protection=production,
            prevent_destroy=production,
        )
        self.policy = self.jobs.grant_read_write_data(role=s.lambda_role)
        if production:
            TableBackups(self, "daily_backups", name=f"{s.project_name}-{s.resource_suffix}",
                         tables=[self.jobs],
                         settings=BackupSettings(schedule="cron(0 5 * * ? *)", delete_after_days=35))
        TerraformOutput(self, "table_name", value=self.jobs.table_name_ref)
        TerraformOutput(self, "table_id", value=self.jobs.table_id)
        TerraformOutput(self, "table_arn", value=self.jobs.table_arn)
        if self.jobs.table_stream_arn is not None:
            TerraformOutput(self, "table_stream_arn", value=self.jobs.table_stream_arn)
        TerraformOutput(self, "global_secondary_indexes", value=list(self.jobs.global_index_names))
        TerraformOutput(self, "lambda_policy_arn", value=self.policy.policy_arn)


def build(app: App) -> list[CloudToolsStack]:
    return [
        CloudToolsStack(app, CloudTools(environment="development", resource_suffix="dev",
                                        enable_point_in_time_recovery=False)),
        CloudToolsStack(app, CloudTools(environment="production", resource_suffix="prod")),
    ]


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
