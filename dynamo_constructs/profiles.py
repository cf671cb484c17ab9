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
    """How one environment runs its tables.

    ``steady_billing`` is for tables with predictable load (AuditTrail, BudgetTracking);
    ``spiky_billing`` for bursty ones (JobsTable, GlobalTable). ``dashboard``: one CloudWatch
    dashboard for the stack's tables (a row per table).
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

PROFILES: dict[str, EnvironmentProfile] = {p.name: p for p in (DEV, STAGING, PROD)}
