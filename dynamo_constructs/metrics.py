"""CloudWatch metrics of DynamoDB tables as plain values, usable in alarms and dashboards.

A :class:`Metric` is what CloudWatch needs to find one series (namespace, name, dimensions) and
how to aggregate it (statistic, period). Tables hand them out (``table.metric_throttled_requests
("Query")`` and friends on ``TableBase``), so alarms and dashboards take the table and never
restate its name, indexes or replica Regions. Which dimensions each metric has is DynamoDB's
("DynamoDB Metrics and dimensions" in the Developer Guide): ``UserErrors`` and the account
limits have none (one series per account and Region); operation metrics take ``Operation``;
index metrics take ``GlobalSecondaryIndexName``; ``ReplicationLatency`` takes
``ReceivingRegion``. DynamoDB publishes no item-count or table-size metric (``DescribeTable``
reports those, refreshed about every six hours), so there is none here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .validation import check, check_int_range, check_sequence, checked_arguments, matches

NAMESPACE = "AWS/DynamoDB"
# The Operation dimension's values (data plane, PartiQL, streams).
OPERATIONS = (
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
    "TransactGetItems", "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
    "GetRecords",
)
DATA_OPERATIONS = OPERATIONS[:10]
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
PERCENTILE = re.compile(r"p(?:\d{1,2}(?:\.\d{1,2})?|100)")
# 10 and 30 s exist for high-resolution metrics; DynamoDB's are per minute, so 60 s and up.
VALID_PERIODS = (10, 30, 60, *range(120, 86401, 60))
CAPACITY_OPERATIONS = ("Read", "Write")
MAX_NAME = 255  # CloudWatch metric names and namespaces
MAX_DIMENSIONS = 30  # CloudWatch: dimensions per metric


@checked_arguments
@dataclass(frozen=True)
class Metric:
    """One CloudWatch metric series and its aggregation.

    Tables hand these out (``table.metric_throttled_requests("Query")`` and the other
    ``metric_*`` methods), so alarms and dashboards never restate a table's name, indexes or
    replica Regions; make one directly for any other series.

    Args:
        metric_name: The metric's name (1-255 characters), e.g. ``"ThrottledRequests"``.
        dimensions: ``(name, value)`` pairs of non-empty strings, at most 30. Default: none.
        statistic: ``SampleCount``, ``Average``, ``Sum``, ``Minimum``, ``Maximum`` or a percentile such
            as ``"p99"``.
        period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        label: The series' label on a dashboard. Default: CloudWatch's.
        namespace: The metric's namespace (1-255 characters).

    Example:
        ```python
        from dynamo_constructs import Metric

        Metric("ConsumedReadCapacityUnits", (("TableName", "orders"),), period=60).with_(label="reads")
        ```
    """

    metric_name: str
    dimensions: tuple[tuple[str, str], ...] = ()
    statistic: str = "Sum"
    period: int = 300
    label: str | None = None
    namespace: str = NAMESPACE

    def __post_init__(self) -> None:
        where = f"Metric {self.metric_name!r}"
        for name in ("metric_name", "namespace"):
            value = getattr(self, name)
            check(isinstance(value, str) and 0 < len(value) <= MAX_NAME, name, value,
                  f"expected a non-empty string of at most {MAX_NAME} characters", where)
        pairs = check_sequence("dimensions", self.dimensions, "of (name, value) pairs", where, each=lambda field, pair: check(
            isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair), field,
            pair, "expected a (name, value) pair of non-empty strings", where))
        check(len(pairs) <= MAX_DIMENSIONS, "dimensions", f"{len(pairs)} dimensions",
              f"CloudWatch takes at most {MAX_DIMENSIONS} dimensions per metric", where)
        object.__setattr__(self, "dimensions", tuple((str(n), str(v)) for n, v in pairs))
        check(self.label is None or isinstance(self.label, str), "label", self.label, "expected a string or None", where)
        check(self.statistic in STATISTICS or matches(PERCENTILE, self.statistic), "statistic",
              self.statistic, f"expected one of {', '.join(STATISTICS)} or a percentile such as 'p99'", where)
        check(self.period in VALID_PERIODS, "period", self.period, "expected 10, 30, 60 or a multiple of 60 up to 86400",
              where)

    def with_(self, *, statistic: str | None = None, period: int | None = None, label: str | None = None) -> Metric:
        """A copy with another statistic, period or label (each checked as when made).

        Args:
            statistic: The new statistic. Default: this metric's.
            period: The new period in seconds. Default: this metric's.
            label: The new label. Default: this metric's.
        """
        return replace(self, statistic=statistic or self.statistic, period=period or self.period,
                       label=label if label is not None else self.label)

    @property
    def dimension_map(self) -> dict[str, str]:
        """The dimensions as a dict, name -> value."""
        return dict(self.dimensions)

    def _render_alarm_metric(self) -> dict[str, Any]:
        """The ``metric`` block of an alarm's ``metric_query``."""
        return {"metric_name": self.metric_name, "namespace": self.namespace, "dimensions": self.dimension_map,
                "stat": self.statistic, "period": self.period}

    def _render_widget(self) -> list[Any]:
        """The metric's entry in a dashboard graph: [namespace, name, dim, value, ..., {options}]."""
        options: dict[str, Any] = {"stat": self.statistic, "period": self.period}
        if self.label:
            options["label"] = self.label
        return [self.namespace, self.metric_name, *(part for pair in self.dimensions for part in pair), options]


def _operation(field: str, operation: str, allowed: Sequence[str] = OPERATIONS) -> None:
    check(operation in allowed, field, operation, f"expected one of {', '.join(allowed)}")


def _capacity_op(operation: str) -> str:
    check(operation in CAPACITY_OPERATIONS, "operation", operation, "expected 'Read' or 'Write'")
    return operation


def _table_dims(table_name: str, index: str | None = None) -> tuple[tuple[str, str], ...]:
    dims: tuple[tuple[str, str], ...] = (("TableName", table_name),)
    return dims + ((("GlobalSecondaryIndexName", index),) if index else ())


def consumed_capacity(table_name: str, operation: str, *, index: str | None = None, period: int = 300) -> Metric:
    """Consumed{Read,Write}CapacityUnits (Sum per period: divide by the period for units per second)."""
    op = _capacity_op(operation)
    return Metric(f"Consumed{op}CapacityUnits", _table_dims(table_name, index), "Sum", period)


def provisioned_capacity(table_name: str, operation: str, *, index: str | None = None, period: int = 300) -> Metric:
    op = _capacity_op(operation)
    return Metric(f"Provisioned{op}CapacityUnits", _table_dims(table_name, index), "Average", period)


def throttle_events(table_name: str, operation: str, *, index: str | None = None, period: int = 300) -> Metric:
    """{Read,Write}ThrottleEvents of the table or one of its global indexes."""
    op = _capacity_op(operation)
    return Metric(f"{op}ThrottleEvents", _table_dims(table_name, index), "Sum", period)


def throttled_requests(table_name: str, operation: str, *, period: int = 300) -> Metric:
    """ThrottledRequests of one operation (a request with any throttled part counts once)."""
    _operation("operation", operation)
    return Metric("ThrottledRequests", (("TableName", table_name), ("Operation", operation)), "Sum", period)


def system_errors(table_name: str, operation: str, *, period: int = 300) -> Metric:
    """SystemErrors (HTTP 500) of one operation."""
    _operation("operation", operation)
    return Metric("SystemErrors", (("TableName", table_name), ("Operation", operation)), "Sum", period)


def user_errors(*, period: int = 300) -> Metric:
    """UserErrors (HTTP 400) of the whole account and Region: DynamoDB gives it no table dimension."""
    return Metric("UserErrors", (), "Sum", period)


def latency(table_name: str, operation: str, *, statistic: str = "Average", period: int = 300) -> Metric:
    """SuccessfulRequestLatency (milliseconds) of one operation."""
    _operation("operation", operation)
    return Metric("SuccessfulRequestLatency", (("TableName", table_name), ("Operation", operation)), statistic, period)


def conditional_check_failed(table_name: str, *, period: int = 300) -> Metric:
    """ConditionalCheckFailedRequests: writes whose condition was false (optimistic locking losing)."""
    return Metric("ConditionalCheckFailedRequests", (("TableName", table_name),), "Sum", period)


def transaction_conflicts(table_name: str, *, period: int = 300) -> Metric:
    return Metric("TransactionConflict", (("TableName", table_name),), "Sum", period)


def replication_latency(table_name: str, receiving_region: str, *, period: int = 300) -> Metric:
    """ReplicationLatency (milliseconds) from this Region's table to the replica in ``receiving_region``."""
    return Metric("ReplicationLatency", (("TableName", table_name), ("ReceivingRegion", receiving_region)), "Average",
                  period)


def online_index_progress(table_name: str, index: str, *, period: int = 300) -> Metric:
    """OnlineIndexPercentageProgress of an index being built (present only during the build)."""
    return Metric("OnlineIndexPercentageProgress", _table_dims(table_name, index), "Maximum", period)


def online_index_throttles(table_name: str, index: str, *, period: int = 300) -> Metric:
    """OnlineIndexThrottleEvents: backfill writes of a new index throttled (present only during the build)."""
    return Metric("OnlineIndexThrottleEvents", _table_dims(table_name, index), "Sum", period)


def online_index_consumed_writes(table_name: str, index: str, *, period: int = 300) -> Metric:
    return Metric("OnlineIndexConsumedWriteCapacity", _table_dims(table_name, index), "Sum", period)


def account_capacity_utilization(operation: str, *, period: int = 300) -> Metric:
    """AccountProvisioned{Read,Write}CapacityUtilization: the account's provisioned capacity as a
    percentage of its quota in this Region."""
    op = _capacity_op(operation)
    return Metric(f"AccountProvisioned{op}CapacityUtilization", (), "Maximum", period)


def max_table_capacity_utilization(operation: str, *, period: int = 300) -> Metric:
    """MaxProvisionedTable{Read,Write}CapacityUtilization: the busiest table's (or index's)
    provisioned capacity as a percentage of the per-table quota."""
    op = _capacity_op(operation)
    return Metric(f"MaxProvisionedTable{op}CapacityUtilization", (), "Maximum", period)


def check_period(field: str, period: int) -> None:
    check_int_range(field, period, 10, 86400)
    check(period in VALID_PERIODS, field, period, "expected 10, 30, 60 or a multiple of 60 up to 86400")
