"""CloudWatch alarms for tables, published to a KMS-encrypted SNS topic.

Per table: read and write throttles (table and every GSI), system errors over the data-plane
operations, request latency, consumed-vs-provisioned capacity (provisioned tables only) and
replication latency per replica. UserErrors has no table dimension, so it is one
account-level alarm per stack.

``treat_missing_data``: event counts (throttles, errors) publish nothing when nothing
happened, so missing data is ``notBreaching``; latencies and ratios are absent on an idle
table, so missing data is ``ignore`` (the alarm keeps its last state instead of flapping).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from constructs import Construct

from ._aws import (
    CloudwatchMetricAlarm,
    CloudwatchMetricAlarmMetricQuery,
    CloudwatchMetricAlarmMetricQueryMetric,
    SnsTopic,
    SnsTopicSubscription,
)
from ._core import TerraformProvider
from .aws_context import claim_name, region_key
from .kms import ManagedKey, ServiceKeyUse
from .names import ALARM_NAME_MAX, KMS_ALIAS_MAX, check_email, check_length, check_sns_topic_name, fit
from .table import TableBase
from .validation import check, check_int_range, located

NAMESPACE = "AWS/DynamoDB"
MAX_ALARM_METRICS = 10  # metrics per metric-math alarm (CloudWatch PutMetricAlarm Metrics)
DATA_OPERATIONS = (
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
    "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
)
VALID_PERIODS = (10, 30, 60, *range(120, 86401, 60))


@dataclass(frozen=True, kw_only=True)
class AlarmSettings:
    """Thresholds and evaluation for one environment. ``full=False`` keeps only the cheap,
    always-meaningful alarms (throttles and system errors)."""

    full: bool = True
    period_seconds: int = 300
    evaluation_periods: int = 2
    datapoints_to_alarm: int | None = None
    throttle_threshold: int = 1
    system_errors_threshold: int = 1
    user_errors_threshold: int | None = None
    latency_threshold_ms: int = 100
    latency_operations: tuple[str, ...] = ("GetItem", "Query", "PutItem", "UpdateItem")
    capacity_utilization_percent: int = 80
    replication_latency_ms: int = 60_000

    def validate(self) -> None:
        check(self.period_seconds in VALID_PERIODS, "alarms period_seconds", self.period_seconds,
              "expected 10, 30, 60 or a multiple of 60 up to 86400")
        check_int_range("alarms evaluation_periods", self.evaluation_periods, 1)
        if self.datapoints_to_alarm is not None:
            check_int_range("alarms datapoints_to_alarm", self.datapoints_to_alarm, 1, self.evaluation_periods)
        check(self.period_seconds * self.evaluation_periods <= 86_400, "alarms evaluation_periods",
              self.evaluation_periods, f"period ({self.period_seconds}s) x evaluation_periods must not exceed one day")
        for name in ("throttle_threshold", "system_errors_threshold", "latency_threshold_ms", "replication_latency_ms"):
            check_int_range(f"alarms {name}", getattr(self, name), 1)
        if self.user_errors_threshold is not None:
            check_int_range("alarms user_errors_threshold", self.user_errors_threshold, 1)
        check_int_range("alarms capacity_utilization_percent", self.capacity_utilization_percent, 1, 100)
        for op in self.latency_operations:
            check(op in DATA_OPERATIONS, "alarms latency_operations", op, f"expected one of {', '.join(DATA_OPERATIONS)}")


class AlarmTopic(Construct):
    """The SNS topic alarms publish to: encrypted with its own key, optional e-mail subscribers."""

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        name: str,
        emails: Sequence[str] = (),
        deletion_window_in_days: int = 30,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        with located(lambda: self.node.path):
            check_sns_topic_name("topic name", name)
            for email in emails:
                check_email("alarm email", email)
            check(len(set(emails)) == len(emails), "alarm emails", list(emails), "each address once")
        claim_name(self, "SNS topic", region_key(self, provider), name, owner=lambda: self.node.path, field="topic name")
        self._key = ManagedKey(
            self,
            "kms",
            description=f"Encrypts SNS topic {name}",
            alias=fit(f"alias/sns/{name}", KMS_ALIAS_MAX),
            deletion_window_in_days=deletion_window_in_days,
            service_uses=[ServiceKeyUse(service="cloudwatch.amazonaws.com")],
            provider=provider,
        )
        self._topic = SnsTopic(self, "topic", name=name, kms_master_key_id=self._key.key_id, provider=provider)
        for i, email in enumerate(emails):
            SnsTopicSubscription(self, f"email_{i}", topic_arn=self._topic.arn, protocol="email", endpoint=email,
                                 provider=provider)

    @property
    def arn(self) -> str:
        return self._topic.arn


def _metric(id_: str, name: str, dims: Mapping[str, str], stat: str, period: int) -> CloudwatchMetricAlarmMetricQuery:
    return CloudwatchMetricAlarmMetricQuery(
        id=id_,
        return_data=False,
        metric=CloudwatchMetricAlarmMetricQueryMetric(
            metric_name=name, namespace=NAMESPACE, dimensions=dict(dims), stat=stat, period=period
        ),
    )


def _expression(expression: str, label: str) -> CloudwatchMetricAlarmMetricQuery:
    return CloudwatchMetricAlarmMetricQuery(id="e1", expression=expression, label=label, return_data=True)


class TableAlarms(Construct):
    """The alarms of one table (see the module docstring for the list and the reasons)."""

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table: TableBase,
        settings: AlarmSettings,
        topic_arn: str,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        with located(lambda: self.node.path):
            settings.validate()
        self._settings = settings
        table_name = table.table_name
        index_names = table.global_index_names
        self._table = table_name
        self._actions = [topic_arn]
        self._provider = provider
        self._region = region_key(self, provider)
        period = settings.period_seconds
        table_dims = {"TableName": table_name}
        for op in ("Read", "Write"):
            # CloudWatch takes at most 10 metrics per metric-math alarm: the table and its first 9
            # indexes in one alarm, further indexes 10 to an alarm.
            sources: list[str | None] = [None, *index_names]
            for part, start in enumerate(range(0, len(sources), MAX_ALARM_METRICS)):
                chunk = sources[start:start + MAX_ALARM_METRICS]
                queries = [_metric(f"m{i}", f"{op}ThrottleEvents",
                                   {**table_dims, "GlobalSecondaryIndexName": name} if name else table_dims, "Sum", period)
                           for i, name in enumerate(chunk)]
                suffix = "" if part == 0 else f"_{part + 1}"
                subject = "and its indexes" if part == 0 else f"indexes {', '.join(n for n in chunk if n)}"
                self._alarm(f"{op.lower()}_throttles{suffix}", f"{op.lower()}-throttles{suffix.replace('_', '-')}",
                            f"{op} throttle events on {table_name} {subject}", "GreaterThanOrEqualToThreshold",
                            settings.throttle_threshold, missing="notBreaching",
                            queries=[*queries, _expression("SUM(METRICS())", f"{op}ThrottleEvents")])
        errors = [_metric(f"m{i}", "SystemErrors", {**table_dims, "Operation": op}, "Sum", period)
                  for i, op in enumerate(DATA_OPERATIONS)]
        self._alarm("system_errors", "system-errors", f"DynamoDB system errors (HTTP 500) on {table_name}",
                    "GreaterThanOrEqualToThreshold", settings.system_errors_threshold, missing="notBreaching",
                    queries=[*errors, _expression("SUM(METRICS())", "SystemErrors")])
        if not settings.full:
            return
        latency = [_metric(f"m{i}", "SuccessfulRequestLatency", {**table_dims, "Operation": op}, "Average", period)
                   for i, op in enumerate(settings.latency_operations)]
        operations = ", ".join(settings.latency_operations)
        self._alarm("latency", "latency", f"Average request latency (ms) of {operations} on {table_name}",
                    "GreaterThanThreshold", settings.latency_threshold_ms, missing="ignore",
                    queries=[*latency, _expression("MAX(METRICS())", "SuccessfulRequestLatency")])
        if table.is_provisioned:
            for op in ("Read", "Write"):
                self._alarm(
                    f"{op.lower()}_capacity", f"{op.lower()}-capacity",
                    f"Consumed {op.lower()} capacity as a percentage of provisioned on {table_name}",
                    "GreaterThanThreshold", settings.capacity_utilization_percent, missing="ignore",
                    queries=[
                        _metric("m1", f"Consumed{op}CapacityUnits", table_dims, "Sum", period),
                        _metric("m2", f"Provisioned{op}CapacityUnits", table_dims, "Average", period),
                        _expression("100 * (m1 / PERIOD(m1)) / m2", f"{op}CapacityUtilization"),
                    ],
                )
        for region in table.replica_regions:
            self._alarm(
                f"replication_latency_{region.replace('-', '_')}", f"replication-latency-{region}",
                f"Replication latency (ms) from {table_name} to {region}", "GreaterThanThreshold",
                settings.replication_latency_ms, missing="ignore",
                queries=[_metric("m1", "ReplicationLatency", {**table_dims, "ReceivingRegion": region}, "Average", period),
                         _expression("m1", "ReplicationLatency")],
            )

    def _alarm(self, id_: str, suffix: str, description: str, operator: str, threshold: float, *,
               missing: str, queries: list[CloudwatchMetricAlarmMetricQuery]) -> None:
        s = self._settings
        name = fit(f"{self._table}-{suffix}", ALARM_NAME_MAX)
        claim_name(self, "CloudWatch alarm", self._region, name, owner=lambda: f"{self.node.path}/{id_}", field="alarm name")
        CloudwatchMetricAlarm(
            self,
            id_,
            alarm_name=name,
            alarm_description=description,
            comparison_operator=operator,
            threshold=threshold,
            evaluation_periods=s.evaluation_periods,
            datapoints_to_alarm=s.datapoints_to_alarm,
            treat_missing_data=missing,
            metric_query=queries,
            alarm_actions=self._actions,
            ok_actions=self._actions,
            provider=self._provider,
        )


def user_errors_alarm(scope: Construct, id_: str, *, name: str, settings: AlarmSettings, topic_arn: str,
                      provider: TerraformProvider | None = None) -> CloudwatchMetricAlarm | None:
    """The account/region-level UserErrors alarm (HTTP 400s), if a threshold is set."""
    if settings.user_errors_threshold is None:
        return None
    with located(lambda: f"{scope.node.path}/{id_}"):
        check_length("alarm name", name, ALARM_NAME_MAX, "the alarm name")
    claim_name(scope, "CloudWatch alarm", region_key(scope, provider), name, owner=lambda: f"{scope.node.path}/{id_}",
               field="alarm name")
    return CloudwatchMetricAlarm(
        scope,
        id_,
        alarm_name=name,
        alarm_description="DynamoDB client errors (HTTP 400) in this account and region",
        namespace=NAMESPACE,
        metric_name="UserErrors",
        statistic="Sum",
        period=settings.period_seconds,
        comparison_operator="GreaterThanOrEqualToThreshold",
        threshold=settings.user_errors_threshold,
        evaluation_periods=settings.evaluation_periods,
        treat_missing_data="notBreaching",
        alarm_actions=[topic_arn],
        ok_actions=[topic_arn],
        provider=provider,
    )
