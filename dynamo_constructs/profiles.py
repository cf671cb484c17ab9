"""Environment profiles: every per-environment default in one readable place.

A profile is data. Stacks and domain constructs read it; users override any field with
``dataclasses.replace(PROD, ...)`` or per-environment overrides in ``cdktf.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .backup import BackupSettings
from .billing import BILLING_CONSTRUCTORS, Billing, Capacity
from .monitoring import AlarmSettings
from .times import MAX_RECOVERY_PERIOD_DAYS
from .validation import (
    check,
    check_bool,
    check_int_range,
    check_optional_int_range,
    check_type,
    checked_arguments,
    located,
)

FLAGS = ("deletion_protection", "prevent_destroy", "point_in_time_recovery", "customer_managed_keys", "streams",
         "contributor_insights", "replicas", "dashboard")


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class EnvironmentProfile:
    """How one environment runs its tables: the data the app's environment stacks read. Every field
    is checked when the profile is made (also for ``dataclasses.replace(PROD, ...)`` and the
    per-environment overrides in ``cdktf.json``).

    Args:
        name: The environment's name (non-empty), e.g. ``"prod"``.
        steady_billing: Billing of tables with predictable load (AuditTrail, BudgetTracking).
        spiky_billing: Billing of bursty tables (JobsTable, GlobalTable).
        deletion_protection: ``Table(deletion_protection=...)`` of every table.
        prevent_destroy: ``Table(prevent_destroy=...)`` of every table.
        point_in_time_recovery: PITR on every table.
        recovery_period_days: The PITR window, 1-35 days (only with PITR); None: 35.
        customer_managed_keys: A created customer-managed key per table (False: AWS-owned keys; the
            audit trail keeps its key).
        kms_deletion_window_days: The deletion window of the keys the stack creates, 7-30 days.
        streams: ``NEW_AND_OLD_IMAGES`` streams on every table (the audit trail and the global table
            always have one).
        contributor_insights: Contributor Insights on every table.
        backup: AWS Backup for the stack's tables, or None for no backups.
        alarms: The alarms' thresholds and evaluation.
        replicas: Replicas of the global table in the configured ``replica_regions``.
        audit_retention_days: The audit trail's retention (>= 1 day).
        dashboard: One CloudWatch dashboard for the stack's tables (a row per table).

    Example:
        ```python
        import dataclasses

        from dynamo_constructs import PROD

        PROD_30 = dataclasses.replace(PROD, recovery_period_days=30)
        ```
    """

    name: str
    steady_billing: Billing
    spiky_billing: Billing
    deletion_protection: bool
    prevent_destroy: bool
    point_in_time_recovery: bool
    recovery_period_days: int | None
    customer_managed_keys: bool
    kms_deletion_window_days: int
    streams: bool
    contributor_insights: bool
    backup: BackupSettings | None
    alarms: AlarmSettings
    replicas: bool
    audit_retention_days: int
    dashboard: bool = True

    def __post_init__(self) -> None:
        where = f"EnvironmentProfile {self.name!r}"
        with located(lambda: where):
            check(isinstance(self.name, str) and bool(self.name), "name", self.name, "expected a non-empty string")
            for field in ("steady_billing", "spiky_billing"):
                check_type(field, getattr(self, field), Billing, f"expected {BILLING_CONSTRUCTORS}")
            for field in FLAGS:
                check_bool(field, getattr(self, field))
            check_optional_int_range("recovery_period_days", self.recovery_period_days, 1, MAX_RECOVERY_PERIOD_DAYS)
            check(self.recovery_period_days is None or self.point_in_time_recovery, "recovery_period_days",
                  self.recovery_period_days, "a recovery period needs point_in_time_recovery=true")
            check_int_range("kms_deletion_window_days", self.kms_deletion_window_days, 7, 30)
            check_int_range("audit_retention_days", self.audit_retention_days, 1)
            if self.backup is not None:
                check_type("backup", self.backup, BackupSettings, "expected BackupSettings(...) or None")
                self.backup.validate()
            check_type("alarms", self.alarms, AlarmSettings, "expected AlarmSettings(...)")
            self.alarms.validate()


def _autoscaled(minimum: int, maximum: int) -> Capacity:
    return Capacity.autoscaled(minimum=minimum, maximum=maximum, target_utilization=70)


DEV = EnvironmentProfile(
    name="dev",
    steady_billing=Billing.on_demand(),
    spiky_billing=Billing.on_demand(),
    deletion_protection=False,
    prevent_destroy=False,
    point_in_time_recovery=False,
    recovery_period_days=None,
    customer_managed_keys=False,
    kms_deletion_window_days=7,
    streams=False,
    contributor_insights=False,
    backup=None,
    alarms=AlarmSettings(full=False, period_seconds=300, evaluation_periods=3, throttle_threshold=10,
                         system_errors_threshold=5),
    replicas=False,
    audit_retention_days=30,
)
"""Disposable tables: on-demand, no protections, no PITR, AWS-owned keys (the audit trail keeps its
key, with a 7-day window), streams only where needed, basic alarms (throttles and system errors),
no backups, no replicas, 30 days of audit retention."""

STAGING = EnvironmentProfile(
    name="staging",
    steady_billing=Billing.on_demand(),
    spiky_billing=Billing.on_demand(),
    deletion_protection=False,
    prevent_destroy=False,
    point_in_time_recovery=True,
    recovery_period_days=14,
    customer_managed_keys=True,
    kms_deletion_window_days=14,
    streams=True,
    contributor_insights=True,
    backup=BackupSettings(schedule="cron(0 3 * * ? *)", delete_after_days=14),
    alarms=AlarmSettings(full=True, period_seconds=300, evaluation_periods=2, throttle_threshold=5,
                         system_errors_threshold=1, latency_threshold_ms=150, conditional_check_failed_threshold=100,
                         online_index_alarms=True),
    replicas=False,
    audit_retention_days=90,
)
"""Production-like without the protections: on-demand, PITR for 14 days, a key per table, streams,
contributor insights, daily backups kept 14 days, the full alarms, 90 days of audit retention."""

PROD = EnvironmentProfile(
    name="prod",
    steady_billing=Billing.provisioned(read_capacity=_autoscaled(5, 200), write_capacity=_autoscaled(5, 200)),
    spiky_billing=Billing.on_demand(),
    deletion_protection=True,
    prevent_destroy=True,
    point_in_time_recovery=True,
    recovery_period_days=35,
    customer_managed_keys=True,
    kms_deletion_window_days=30,
    streams=True,
    contributor_insights=True,
    backup=BackupSettings(schedule="cron(0 3 * * ? *)", cold_storage_after_days=30, delete_after_days=365),
    alarms=AlarmSettings(full=True, period_seconds=60, evaluation_periods=5, datapoints_to_alarm=3,
                         throttle_threshold=1, system_errors_threshold=1, user_errors_threshold=100,
                         latency_threshold_ms=50, capacity_utilization_percent=80, conditional_check_failed_threshold=50,
                         online_index_alarms=True, account_capacity_utilization_percent=80),
    replicas=True,
    audit_retention_days=2555,
)
"""Data that is kept: deletion protection and ``prevent_destroy``, autoscaled provisioned capacity
(5-200 at 70 %) for the steady tables, PITR for 35 days, a key per table (30-day window), streams,
contributor insights, daily backups (cold after 30 days, deleted after 365), tight alarms (3 of
5 one-minute periods, UserErrors, account quotas), replicas, 7 years of audit retention."""

PROFILES: dict[str, EnvironmentProfile] = {p.name: p for p in (DEV, STAGING, PROD)}
"""The profiles by name: ``"dev"``, ``"staging"``, ``"prod"``."""
