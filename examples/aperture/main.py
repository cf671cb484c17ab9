"""Seed 000 ("Aperture" research-data platform): users, DOI registry, access logs, budget tracking.

Two variants of the seed's module call: ``dev`` (pay-per-request) and ``prod`` (provisioned with
per-table capacity, autoscaling at 70 %, and a customer-managed KMS key).
"""

from __future__ import annotations

from dataclasses import dataclass

from dynamo_constructs import (
    Attribute,
    Billing,
    BudgetTracking,
    Capacity,
    GlobalSecondaryIndex,
    Table,
    TableEncryption,
    aws_provider,
    local_state,
)

from cdktf import App, TerraformOutput, TerraformStack


def index(name: str, key: str, sort: str | None = None) -> GlobalSecondaryIndex:
    return GlobalSecondaryIndex(name=name, partition_key=Attribute.string(key),
                                sort_key=Attribute.string(sort) if sort else None)


@dataclass(frozen=True)
class Aperture:
    """The seed's inputs, with its defaults."""

    environment: str
    project_name: str = "aperture"
    provisioned: bool = False
    enable_point_in_time_recovery: bool = True
    enable_autoscaling: bool = True
    autoscaling_target_value: int = 70
    enable_logs_ttl: bool = True
    create_kms_key: bool = False
    # (read, write, max read, max write) per table, PROVISIONED only
    users: tuple[int, int, int, int] = (10, 10, 100, 100)
    doi: tuple[int, int, int, int] = (5, 5, 50, 50)
    logs: tuple[int, int, int, int] = (5, 20, 50, 200)
    budget: tuple[int, int, int, int] = (2, 2, 20, 20)

    def billing(self, read: int, write: int, max_read: int, max_write: int) -> Billing:
        if not self.provisioned:
            return Billing.on_demand()
        if not self.enable_autoscaling:
            return Billing.provisioned(read_capacity=Capacity.fixed(read), write_capacity=Capacity.fixed(write))
        target = self.autoscaling_target_value
        return Billing.provisioned(
            read_capacity=Capacity.autoscaled(minimum=read, maximum=max_read, target_utilization=target),
            write_capacity=Capacity.autoscaled(minimum=write, maximum=max_write, target_utilization=target),
        )


class ApertureStack(TerraformStack):
    def __init__(self, app: App, settings: Aperture) -> None:
        super().__init__(app, settings.environment)
        aws_provider(self, "us-east-1", tags={"Project": "Aperture", "ManagedBy": "Terraform",
                                              "Environment": settings.environment})
        local_state(self)
        prefix = f"{settings.project_name}-{settings.environment}"
        common = {
            "point_in_time_recovery": settings.enable_point_in_time_recovery,
            "encryption": TableEncryption.customer_managed_key() if settings.create_kms_key
            else TableEncryption.aws_managed(),
        }
        self.tables = {
            "users": Table(self, "users", table_name=f"{prefix}-users", partition_key=Attribute.string("user_id"),
                           sort_key=Attribute.string("created_at"), billing=settings.billing(*settings.users),
                           global_indexes=[index("EmailIndex", "email"), index("OrcidIndex", "orcid")], **common),
            "doi_registry": Table(self, "doi_registry", table_name=f"{prefix}-doi-registry",
                                  partition_key=Attribute.string("doi"), sort_key=Attribute.number("version"),
                                  billing=settings.billing(*settings.doi),
                                  global_indexes=[index("DatasetIndex", "dataset_id"), index("StatusIndex", "status")],
                                  **common),
            "access_logs": Table(self, "access_logs", table_name=f"{prefix}-access-logs",
                                 partition_key=Attribute.string("dataset_id"), sort_key=Attribute.string("timestamp"),
                                 billing=settings.billing(*settings.logs),
                                 global_indexes=[index("UserAccessIndex", "user_id", "timestamp"),
                                                 index("DateIndex", "date", "timestamp")],
                                 time_to_live_attribute="expiration_time" if settings.enable_logs_ttl else None,
                                 **common),
            "budget_tracking": BudgetTracking(self, "budget_tracking", table_name=f"{prefix}-budget-tracking",
                                              billing=settings.billing(*settings.budget), **common),
        }
        for key, table in self.tables.items():
            TerraformOutput(self, f"{key}_table_name", value=table.table_name_ref)
            TerraformOutput(self, f"{key}_table_arn", value=table.table_arn)
        TerraformOutput(self, "all_table_names", value=[t.table_name_ref for t in self.tables.values()])
        TerraformOutput(self, "all_table_arns", value=[t.table_arn for t in self.tables.values()])


def build(app: App) -> list[ApertureStack]:
    return [
        ApertureStack(app, Aperture(environment="dev")),
        ApertureStack(app, Aperture(environment="prod", provisioned=True, create_kms_key=True)),
    ]


if __name__ == "__main__":
    from examples._run import synth_example

    synth_example(__file__, build)
