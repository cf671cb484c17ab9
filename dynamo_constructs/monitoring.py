"""CloudWatch alarms for tables, published to a KMS-encrypted SNS topic.

Per table: read and write throttles (table and every GSI), system errors over the data-plane
operations, request latency, consumed-vs-provisioned capacity (provisioned tables only) and
replication latency per replica; optionally ConditionalCheckFailedRequests (optimistic locking
losing too often) and OnlineIndexThrottleEvents (a new index's backfill throttled). Every metric
comes from the table (``TableBase.metric_*``), so nothing is restated by the caller. UserErrors
and the account limits (provisioned capacity against the account's and the per-table quota)
have no table dimension, so they are account-level alarms, one set per stack. An index build's
OnlineIndexPercentageProgress stays below 100 for hours on a large table by design, so it is a
dashboard graph, not an alarm.

``treat_missing_data``: event counts (throttles, errors) publish nothing when nothing
happened, so missing data is ``notBreaching``; latencies and ratios are absent on an idle
table, so missing data is ``ignore`` (the alarm keeps its last state instead of flapping).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from .aws_context import claim_name, provider_region, region_key
from .kms import ManagedKey, ServiceKeyUse
from .metrics import (
    DATA_OPERATIONS,
    VALID_PERIODS,
    Metric,
    account_capacity_utilization,
    max_table_capacity_utilization,
    user_errors,
)
from .names import (
    ALARM_NAME_MAX,
    KMS_ALIAS_MAX,
    check_email,
    check_length,
    check_same_region,
    check_sns_topic_arn,
    check_sns_topic_name,
    fit,
)
from .table_base import TableBase
from .validation import check, check_bool, check_int_range, check_sequence, check_type, checked_arguments, is_int, located

MAX_ALARM_METRICS = 10  # metrics per metric-math alarm (CloudWatch PutMetricAlarm Metrics)


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class AlarmSettings:
    """Thresholds and evaluation for one environment's alarms. ``full=False`` keeps only the cheap,
    always-meaningful alarms (throttles and system errors). Checked when used (``TableAlarms``, an
    ``EnvironmentProfile``).

    Args:
        full: False keeps only throttle and system-error alarms (no latency, capacity or replication).
        period_seconds: Seconds per evaluated data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        evaluation_periods: Data points evaluated (>= 1); times ``period_seconds``, at most one day.
        datapoints_to_alarm: How many of them must breach (1 to ``evaluation_periods``). Default: all
            ("M of N" off).
        throttle_threshold: Throttle events per period that alarm (>= 1).
        system_errors_threshold: System errors (HTTP 500) per period that alarm (>= 1).
        user_errors_threshold: UserErrors (HTTP 400, account-wide) per period for ``user_errors_alarm``
            (>= 1). Default: no such alarm.
        latency_threshold_ms: Average request latency in milliseconds that alarms (>= 1).
        latency_operations: The data-plane operations whose latency is watched (at least one).
        capacity_utilization_percent: Consumed as a percentage of provisioned capacity that alarms
            (1-100; provisioned tables).
        replication_latency_ms: Replication latency per replica in milliseconds that alarms (>= 1).
        conditional_check_failed_threshold: Failed conditional writes per period that alarm (>= 1).
            Default: no such alarm.
        online_index_alarms: True alarms when a new index's backfill is throttled.
        account_capacity_utilization_percent: The account's provisioned capacity as a percentage of its
            quota that alarms, for ``account_limit_alarms`` (1-100). Default: no such alarms.
    """

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
    conditional_check_failed_threshold: int | None = None
    online_index_alarms: bool = False
    account_capacity_utilization_percent: int | None = None

    def validate(self) -> None:
        """Raise ``TableConfigError`` for a setting CloudWatch would refuse (the users of the settings call it)."""
        check_bool("alarms full", self.full)
        check(is_int(self.period_seconds) and self.period_seconds in VALID_PERIODS, "alarms period_seconds",
              self.period_seconds, "expected 10, 30, 60 or a multiple of 60 up to 86400")
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
        operations = check_sequence("alarms latency_operations", self.latency_operations, "of operation names",
                                    each=lambda field, op: check(op in DATA_OPERATIONS, field, op,
                                                                 f"expected one of {', '.join(DATA_OPERATIONS)}"))
        check(bool(operations), "alarms latency_operations", [], "expected at least one operation")
        if self.conditional_check_failed_threshold is not None:
            check_int_range("alarms conditional_check_failed_threshold", self.conditional_check_failed_threshold, 1)
        check_bool("alarms online_index_alarms", self.online_index_alarms)
        if self.account_capacity_utilization_percent is not None:
            check_int_range("alarms account_capacity_utilization_percent", self.account_capacity_utilization_percent,
                            1, 100)


@checked_arguments
class AlarmTopic(Construct):
    """The SNS topic alarms publish to: encrypted with its own key (whose policy lets CloudWatch
    publish), optional e-mail subscribers.

    Args:
        name: The topic's name (SNS's rules), unique per Region in the stack.
        emails: E-mail addresses to subscribe, each once. Default: none.
        deletion_window_in_days: The topic key's deletion window, 7-30 days.
        provider: The AWS provider. Default: the stack's.
    """

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
            emails = check_sequence("emails", emails, "of e-mail addresses", each=check_email)
            check(len(set(emails)) == len(emails), "emails", list(emails), "each address once")
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
        """The topic's ARN (a token), for ``TableAlarms(topic_arn=...)``."""
        return self._topic.arn


def _query(id_: str, metric: Metric) -> CloudwatchMetricAlarmMetricQuery:
    return CloudwatchMetricAlarmMetricQuery(
        id=id_, return_data=False, metric=CloudwatchMetricAlarmMetricQueryMetric(**metric._render_alarm_metric()))


def _throttles(table: TableBase, op: str, period: int) -> Callable[[str | None], Metric]:
    metric = table.metric_read_throttle_events if op == "Read" else table.metric_write_throttle_events
    return lambda index: metric(index=index, period=period)


def _throttle_text(op: str, table_name: str) -> Callable[[str], str]:
    return lambda subject: f"{op} throttle events on {table_name} {subject}"


def _expression(expression: str, label: str) -> CloudwatchMetricAlarmMetricQuery:
    return CloudwatchMetricAlarmMetricQuery(id="e1", expression=expression, label=label, return_data=True)


@checked_arguments
class TableAlarms(Construct):
    """The alarms of one table, every metric taken from the table itself.

    Read and write throttles (table and every global index; metric-math alarms of at most 10
    metrics), system errors over the data-plane operations, and with ``settings.full``: latency of
    the chosen operations, consumed vs provisioned capacity (provisioned tables) and replication
    latency per replica; optionally failed conditional writes and throttled index backfills. Event
    counts treat missing data as ``notBreaching``, latencies and ratios as ``ignore``.

    Args:
        table: The table (a table another stack owns too).
        settings: Thresholds and evaluation, ``AlarmSettings(...)``.
        topic_arn: The SNS topic alarms and OKs go to (e.g. ``AlarmTopic(...).arn``), in the alarms' Region.
        provider: The AWS provider. Default: the stack's.
    """

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
            check_type("table", table, TableBase, "expected a Table (or Table.from_table_name/arn(...))")
            check_alarm_settings("settings", settings)
            check_topic_arn("topic_arn", topic_arn, provider_region(self, provider))
        self._settings = settings
        table_name = table.table_name
        index_names = table.global_index_names
        self._table = table_name
        self._actions = [topic_arn]
        self._provider = provider
        self._region = region_key(self, provider)
        period = settings.period_seconds
        for op in ("Read", "Write"):
            self._over_indexes(
                f"{op.lower()}_throttles", f"{op.lower()}-throttles", [None, *index_names],
                metric_of=_throttles(table, op, period), expression="SUM(METRICS())", label=f"{op}ThrottleEvents",
                describe=_throttle_text(op, table_name), threshold=settings.throttle_threshold)
        errors = [_query(f"m{i}", table.metric_system_errors(op, period=period)) for i, op in enumerate(DATA_OPERATIONS)]
        self._alarm("system_errors", "system-errors", f"DynamoDB system errors (HTTP 500) on {table_name}",
                    "GreaterThanOrEqualToThreshold", settings.system_errors_threshold, missing="notBreaching",
                    queries=[*errors, _expression("SUM(METRICS())", "SystemErrors")])
        if settings.conditional_check_failed_threshold is not None:
            self._alarm("conditional_check_failed", "conditional-check-failed",
                        f"Conditional writes whose condition failed on {table_name} (optimistic locking conflicts)",
                        "GreaterThanOrEqualToThreshold", settings.conditional_check_failed_threshold,
                        missing="notBreaching",
                        queries=[_query("m1", table.metric_conditional_check_failed_requests(period=period)),
                                 _expression("m1", "ConditionalCheckFailedRequests")])
        if settings.online_index_alarms and index_names:
            self._over_indexes(
                "online_index_throttles", "online-index-throttles", list(index_names),
                metric_of=lambda name: table.metric_online_index_throttle_events(str(name), period=period),
                expression="SUM(METRICS())", label="OnlineIndexThrottleEvents",
                describe=lambda subject: f"Index backfill throttled on {table_name} ({subject})",
                threshold=settings.throttle_threshold, subjects=("its indexes being built", "indexes"))
        if not settings.full:
            return
        latency = [_query(f"m{i}", table.metric_successful_request_latency(op, period=period))
                   for i, op in enumerate(settings.latency_operations)]
        operations = ", ".join(settings.latency_operations)
        self._alarm("latency", "latency", f"Average request latency (ms) of {operations} on {table_name}",
                    "GreaterThanThreshold", settings.latency_threshold_ms, missing="ignore",
                    queries=[*latency, _expression("MAX(METRICS())", "SuccessfulRequestLatency")])
        if table.is_provisioned:
            for op in ("Read", "Write"):
                consumed = (table.metric_consumed_read_capacity_units if op == "Read"
                            else table.metric_consumed_write_capacity_units)(period=period)
                self._alarm(
                    f"{op.lower()}_capacity", f"{op.lower()}-capacity",
                    f"Consumed {op.lower()} capacity as a percentage of provisioned on {table_name}",
                    "GreaterThanThreshold", settings.capacity_utilization_percent, missing="ignore",
                    queries=[
                        _query("m1", consumed),
                        _query("m2", table.metric_provisioned_capacity_units(op, period=period)),
                        _expression("100 * (m1 / PERIOD(m1)) / m2", f"{op}CapacityUtilization"),
                    ],
                )
        for region in table.replica_regions:
            self._alarm(
                f"replication_latency_{region.replace('-', '_')}", f"replication-latency-{region}",
                f"Replication latency (ms) from {table_name} to {region}", "GreaterThanThreshold",
                settings.replication_latency_ms, missing="ignore",
                queries=[_query("m1", table.metric_replication_latency(region, period=period)),
                         _expression("m1", "ReplicationLatency")],
            )

    def _over_indexes(self, id_: str, suffix: str, sources: list[str | None], *,
                      metric_of: Callable[[str | None], Metric], expression: str, label: str,
                      describe: Callable[[str], str], threshold: int,
                      subjects: tuple[str, str] = ("and its indexes", "indexes")) -> None:
        """One metric-math alarm per 10 sources: CloudWatch takes at most 10 metrics per alarm, so the
        first alarm covers the first 10 (the table and 9 indexes), further alarms 10 indexes each."""
        for part, start in enumerate(range(0, len(sources), MAX_ALARM_METRICS)):
            chunk = sources[start:start + MAX_ALARM_METRICS]
            queries = [_query(f"m{i}", metric_of(name)) for i, name in enumerate(chunk)]
            extra = "" if part == 0 else f"_{part + 1}"
            subject = subjects[0] if part == 0 else f"{subjects[1]} {', '.join(n for n in chunk if n)}"
            self._alarm(f"{id_}{extra}", f"{suffix}{extra.replace('_', '-')}", describe(subject),
                        "GreaterThanOrEqualToThreshold", threshold, missing="notBreaching",
                        queries=[*queries, _expression(expression, label)])

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


def check_alarm_settings(field: str, settings: object) -> AlarmSettings:
    check_type(field, settings, AlarmSettings, "expected AlarmSettings(...)")
    assert isinstance(settings, AlarmSettings)
    settings.validate()
    return settings


def check_topic_arn(field: str, topic_arn: object, region: str | None) -> None:
    """An alarm's action: an SNS topic (a reference, e.g. AlarmTopic.arn, or a literal ARN) in the alarm's Region."""
    check_type(field, topic_arn, str, "expected the ARN of an SNS topic (e.g. AlarmTopic(...).arn)")
    check_sns_topic_arn(field, topic_arn)
    check_same_region(field, topic_arn, region, "CloudWatch alarms notify SNS topics in their own Region")


def _account_alarm(scope: Construct, id_: str, *, name: str, description: str, metric: Metric, threshold: int,
                   operator: str, missing: str, settings: AlarmSettings, topic_arn: str,
                   provider: TerraformProvider | None) -> CloudwatchMetricAlarm:
    """An alarm on a metric without dimensions (one series per account and Region)."""
    with located(lambda: f"{scope.node.path}/{id_}"):
        check_length("alarm name", name, ALARM_NAME_MAX, "the alarm name")
        check_topic_arn("topic_arn", topic_arn, provider_region(scope, provider))
    claim_name(scope, "CloudWatch alarm", region_key(scope, provider), name, owner=lambda: f"{scope.node.path}/{id_}",
               field="alarm name")
    return CloudwatchMetricAlarm(
        scope,
        id_,
        alarm_name=name,
        alarm_description=description,
        namespace=metric.namespace,
        metric_name=metric.metric_name,
        statistic=metric.statistic,
        period=metric.period,
        comparison_operator=operator,
        threshold=threshold,
        evaluation_periods=settings.evaluation_periods,
        treat_missing_data=missing,
        alarm_actions=[topic_arn],
        ok_actions=[topic_arn],
        provider=provider,
    )


@checked_arguments
def user_errors_alarm(scope: Construct, id_: str, *, name: str, settings: AlarmSettings, topic_arn: str,
                      provider: TerraformProvider | None = None) -> CloudwatchMetricAlarm | None:
    """The account/region-level UserErrors alarm (HTTP 400s), if a threshold is set.

    Args:
        name: The alarm's name (at most 255 characters), unique per Region in the stack.
        settings: ``AlarmSettings`` with ``user_errors_threshold``.
        topic_arn: The SNS topic the alarm notifies, in its Region.
        provider: The AWS provider. Default: the stack's.

    Returns:
        The alarm, or None when ``settings.user_errors_threshold`` is None.
    """
    if settings.user_errors_threshold is None:
        return None
    return _account_alarm(scope, id_, name=name, description="DynamoDB client errors (HTTP 400) in this account and region",
                          metric=user_errors(period=settings.period_seconds), threshold=settings.user_errors_threshold,
                          operator="GreaterThanOrEqualToThreshold", missing="notBreaching", settings=settings,
                          topic_arn=topic_arn, provider=provider)


@checked_arguments
def account_limit_alarms(scope: Construct, id_: str, *, name_prefix: str, settings: AlarmSettings, topic_arn: str,
                         provider: TerraformProvider | None = None) -> list[CloudwatchMetricAlarm]:
    """Provisioned capacity against the account's quotas in this Region, if a threshold is set:
    the account's total (AccountProvisioned*CapacityUtilization) and the busiest table's share of
    the per-table quota (MaxProvisionedTable*CapacityUtilization), for reads and writes. An
    account at its quota cannot raise any table's capacity (autoscaling stalls).

    Args:
        name_prefix: The alarms' names start with it (``<prefix>-account-read-capacity``, ...).
        settings: ``AlarmSettings`` with ``account_capacity_utilization_percent``.
        topic_arn: The SNS topic the alarms notify, in their Region.
        provider: The AWS provider. Default: the stack's.

    Returns:
        Four alarms, or none when ``settings.account_capacity_utilization_percent`` is None.
    """
    percent = settings.account_capacity_utilization_percent
    if percent is None:
        return []
    period = settings.period_seconds
    alarms = []
    for op in ("Read", "Write"):
        for kind, metric, what in (
            ("account", account_capacity_utilization(op, period=period),
             f"Provisioned {op.lower()} capacity of the account as a percentage of its quota in this region"),
            ("max_table", max_table_capacity_utilization(op, period=period),
             f"Provisioned {op.lower()} capacity of the busiest table as a percentage of the per-table quota"),
        ):
            alarms.append(_account_alarm(
                scope, f"{id_}_{kind}_{op.lower()}", name=fit(f"{name_prefix}-{kind.replace('_', '-')}-{op.lower()}-capacity",
                                                              ALARM_NAME_MAX),
                description=what, metric=metric, threshold=percent, operator="GreaterThanThreshold", missing="ignore",
                settings=settings, topic_arn=topic_arn, provider=provider))
    return alarms
