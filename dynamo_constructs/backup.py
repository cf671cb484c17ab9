"""AWS Backup for tables: an encrypted vault, a plan, a selection and the service role."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from constructs import Construct

from ._aws import (
    BackupPlan,
    BackupPlanRule,
    BackupPlanRuleCopyAction,
    BackupPlanRuleCopyActionLifecycle,
    BackupPlanRuleLifecycle,
    BackupSelection,
    BackupVault,
    IamRole,
    IamRolePolicyAttachment,
)
from ._core import TerraformProvider
from .aws_context import ACCOUNT_WIDE, claim_name, partition, provider_region, region_key
from .kms import ManagedKey
from .names import TABLE_ARN, TABLE_ARN_ACCEPTS, check_arn, check_backup_vault_arn, check_same_partition, check_same_region
from .policies import policy_json
from .schedules import check_schedule
from .table_base import TableBase
from .validation import check, check_int_range, check_sequence, check_type, checked_arguments, located, matches

# The name is the vault's (2-50 of [A-Za-z0-9_-]) and leaves room for "-tables" (selection, 50) and
# "-backup" (IAM role, 64).
BACKUP_NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{2,43}")
MIN_COLD_STORAGE_DAYS = 90
BACKUP_POLICIES = ("AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores")


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class BackupSettings:
    """A daily (by default) backup rule. Cold storage needs deletion >= 90 days after the move.

    DynamoDB backups move to cold storage only when AWS Backup's advanced DynamoDB features
    are enabled for the account (a one-time, account-wide setting; see the README). The settings are
    checked when used (``TableBackups``, an ``EnvironmentProfile``).

    Args:
        schedule: When backups run: a six-field AWS cron expression (value ranges and the ``?`` rule
            checked) or ``rate(...)``, at most once an hour. Default: daily at 03:00 UTC.
        delete_after_days: Days a recovery point is kept (>= 1).
        cold_storage_after_days: Days before a recovery point moves to cold storage; deletion must
            then be at least 90 days later. Default: never (no cold storage).
        copy_to_vault_arn: A backup vault (any Region of the plan's partition) that receives a copy of
            each recovery point. Default: no copy.
        copy_delete_after_days: Days the copies are kept (>= 1; only with ``copy_to_vault_arn``).
            Default: ``delete_after_days``.
        start_window_minutes: How long after the scheduled time a backup may start (>= 60).
        completion_window_minutes: How long a backup may take, counted from the schedule
            (>= ``start_window_minutes`` + 60).

    Example:
        ```python
        from dynamo_constructs import BackupSettings

        BackupSettings(cold_storage_after_days=30, delete_after_days=365,
                       copy_to_vault_arn="arn:aws:backup:us-west-2:123456789012:backup-vault:dr")
        ```
    """

    schedule: str = "cron(0 3 * * ? *)"
    delete_after_days: int = 35
    cold_storage_after_days: int | None = None
    copy_to_vault_arn: str | None = None
    copy_delete_after_days: int | None = None
    start_window_minutes: int = 60
    completion_window_minutes: int = 180

    def validate(self) -> None:
        """Raise ``TableConfigError`` for a setting AWS Backup would refuse (the users of the settings call it)."""
        check_schedule(self.schedule)
        check_int_range("backup delete_after_days", self.delete_after_days, 1)
        if self.cold_storage_after_days is not None:
            check_int_range("backup cold_storage_after_days", self.cold_storage_after_days, 1)
            check(self.delete_after_days >= self.cold_storage_after_days + MIN_COLD_STORAGE_DAYS,
                  "backup delete_after_days", self.delete_after_days,
                  f"with cold storage after {self.cold_storage_after_days} days, deletion must be at least "
                  f"{MIN_COLD_STORAGE_DAYS} days later ({self.cold_storage_after_days + MIN_COLD_STORAGE_DAYS})")
        if self.copy_to_vault_arn is not None:
            check_backup_vault_arn("backup copy_to_vault_arn", self.copy_to_vault_arn)
        if self.copy_delete_after_days is not None:
            check(self.copy_to_vault_arn is not None, "backup copy_delete_after_days",
                  self.copy_delete_after_days, "needs copy_to_vault_arn")
            check_int_range("backup copy_delete_after_days", self.copy_delete_after_days, 1)
        check_int_range("backup start_window_minutes", self.start_window_minutes, 60)
        check_int_range("backup completion_window_minutes", self.completion_window_minutes,
                        self.start_window_minutes + 60)


@checked_arguments
class TableBackups(Construct):
    """AWS Backup for tables: a vault encrypted with a created key, a plan, an IAM role with AWS's
    backup and restore policies, and a selection naming every table.

    Args:
        name: Names the vault, the plan, the selection (``<name>-tables``) and the role
            (``<name>-backup``): 2-43 characters of letters, digits, ``_`` or ``-``, unique in the stack.
        tables: The tables to back up: ``Table`` constructs (or tables another stack owns) or table
            ARNs, at least one, all in the plan's Region.
        settings: The backup rule, ``BackupSettings(...)``.
        provider: The AWS provider for the backup resources. Default: the stack's.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        name: str,
        tables: Sequence[TableBase | str],
        settings: BackupSettings,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        with located(lambda: self.node.path):
            check_type("settings", settings, BackupSettings, "expected BackupSettings(...)")
            settings.validate()
            check(matches(BACKUP_NAME_PATTERN, name), "backup name", name,
                  "expected 2-43 characters of letters, digits, '_' or '-' (it names the vault, the plan, "
                  "the selection and the role)")
            listed = check_sequence("backup tables", tables, "of tables (Table constructs or table ARNs)")
            check(bool(listed), "backup tables", [], "a backup selection needs at least one table")
            region = provider_region(self, provider)
            same_region = "AWS Backup backs up resources in its plan's Region only"
            for position, table in enumerate(listed):
                field = f"backup tables[{position}]"
                if isinstance(table, TableBase):
                    check(region is None or table.region is None or table.region == region, field, table.table_name,
                          f"{same_region}: expected a table in {region}, not in {table.region}")
                    continue
                check_arn(field, table, f"expected a Table construct or {TABLE_ARN_ACCEPTS}", None, TABLE_ARN)
                check_same_region(field, table, region, same_region)
            if settings.copy_to_vault_arn is not None:
                check_same_partition("backup copy_to_vault_arn", settings.copy_to_vault_arn, region,
                                     "AWS Backup copies to a vault in any Region of the plan's partition")
            table_arns = [t.table_arn if isinstance(t, TableBase) else t for t in listed]
        owner = lambda: self.node.path  # noqa: E731 - asked only when a name collides
        region = region_key(self, provider)
        claim_name(self, "backup vault", region, name, owner=owner, field="backup name")
        claim_name(self, "backup plan", region, name, owner=owner, field="backup name")
        claim_name(self, "IAM role", ACCOUNT_WIDE, f"{name}-backup", owner=owner, field="backup name")
        key = ManagedKey(self, "kms", description=f"Encrypts backup vault {name}", alias=f"alias/backup/{name}",
                              provider=provider)
        vault = BackupVault(self, "vault", name=name, kms_key_arn=key.arn, provider=provider)
        copy = None
        if settings.copy_to_vault_arn is not None:
            copy = [BackupPlanRuleCopyAction(
                destination_vault_arn=settings.copy_to_vault_arn,
                lifecycle=BackupPlanRuleCopyActionLifecycle(
                    delete_after=settings.copy_delete_after_days or settings.delete_after_days),
            )]
        plan = BackupPlan(
            self,
            "plan",
            name=name,
            rule=[BackupPlanRule(
                rule_name=f"{name}-rule",
                target_vault_name=vault.name,
                schedule=settings.schedule,
                start_window=settings.start_window_minutes,
                completion_window=settings.completion_window_minutes,
                lifecycle=BackupPlanRuleLifecycle(
                    cold_storage_after=settings.cold_storage_after_days, delete_after=settings.delete_after_days
                ),
                copy_action=copy,
            )],
            provider=provider,
        )
        role = IamRole(
            self,
            "role",
            name=f"{name}-backup",
            assume_role_policy=policy_json([{"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"},
                                             "Action": "sts:AssumeRole"}]),
            provider=provider,
        )
        for policy in BACKUP_POLICIES:
            IamRolePolicyAttachment(
                self, policy, role=role.name,
                policy_arn=f"arn:{partition(self).partition}:iam::aws:policy/service-role/{policy}",
                provider=provider,
            )
        BackupSelection(
            self, "selection", name=f"{name}-tables", plan_id=plan.id, iam_role_arn=role.arn,
            resources=list(table_arns), provider=provider,
        )
