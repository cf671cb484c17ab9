"""One CloudWatch dashboard for the tables of a stack (``aws_cloudwatch_dashboard``), a row per table.

Every graph is made of the table's own metrics (``TableBase.metric_*``): capacity (consumed, and
provisioned for provisioned tables), throttles (table and each global index), system errors per
operation, latency, conditional-check failures and transaction conflicts, and — when the table
has them — replication latency per replica Region and the progress of index builds. A first
row shows what DynamoDB reports per account and Region (UserErrors, provisioned capacity
against the account's quotas). Dashboards are account-wide (their ARNs have no Region), so the
name is claimed across the account; each graph names its table's Region.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from constructs import Construct

from ._aws import CloudwatchDashboard
from ._core import TerraformProvider
from .aws_context import ACCOUNT_WIDE, claim_name, provider_region
from .metrics import Metric, account_capacity_utilization, check_period, max_table_capacity_utilization, user_errors
from .names import check_dashboard_name
from .table_base import TableBase
from .validation import check, check_sequence, checked_arguments, located

GRID_WIDTH = 24
WIDGET_WIDTH = 4  # six graphs side by side
WIDGET_HEIGHT = 6
ROW_HEIGHT = WIDGET_HEIGHT + 1  # a table's title line, then its graphs
MAX_WIDGETS = 500  # CloudWatch PutDashboard: widgets per dashboard
ERROR_OPERATIONS = ("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchWriteItem",
                    "TransactWriteItems")
LATENCY_OPERATIONS = ("GetItem", "Query", "PutItem", "UpdateItem")


@checked_arguments
class TableDashboard(Construct):
    """One CloudWatch dashboard: a header row for the account (UserErrors, provisioned capacity
    against the account's quotas), then one row of graphs per table, made of the table's own metrics.

    Args:
        name: The dashboard's name: 1-255 letters, digits, ``-`` or ``_``, unique in the account.
        tables: The tables, each once, at least one (tables another stack owns too); at most 500
            widgets in all.
        period: Seconds per data point of every graph: 10, 30, 60 or a multiple of 60 up to 86,400.
        provider: The AWS provider. Default: the stack's.

    Attributes:
        name: The dashboard's name.
        body: The dashboard's JSON body, as given to CloudWatch.
    """

    def __init__(self, scope: Construct, id_: str, *, name: str, tables: Sequence[TableBase], period: int = 300,
                 provider: TerraformProvider | None = None) -> None:
        super().__init__(scope, id_)
        with located(lambda: self.node.path):
            check_dashboard_name("dashboard name", name)
            listed = check_sequence("tables", tables, "of tables", each=lambda field, table: check(
                isinstance(table, TableBase), field, table, "expected a Table (or Table.from_table_name/arn(...))"))
            check(bool(listed), "tables", [], "a dashboard needs at least one table")
            names = [t.table_name for t in listed]
            check(len(set(names)) == len(names), "tables", names, "each table once")
            check_period("period", period)
            region = provider_region(self, provider)
            for table in listed:
                check(table.region is not None or region is not None, "tables", table.table_name,
                      "every graph names its Region: the table's or the dashboard's provider region must be a literal")
        claim_name(self, "CloudWatch dashboard", ACCOUNT_WIDE, name, owner=lambda: self.node.path, field="dashboard name")
        self._period = period
        widgets = self._account_row(region or str(listed[0].region))
        for row, table in enumerate(listed):
            widgets += self._table_row(table, table.region or str(region), y=WIDGET_HEIGHT + row * ROW_HEIGHT)
        with located(lambda: self.node.path):
            check(len(widgets) <= MAX_WIDGETS, "tables", f"{len(widgets)} widgets",
                  f"CloudWatch takes at most {MAX_WIDGETS} widgets per dashboard; split the tables over dashboards")
        self.name = name
        self.body = json.dumps({"widgets": widgets})
        CloudwatchDashboard(self, "dashboard", dashboard_name=name, dashboard_body=self.body, provider=provider)

    def _graph(self, title: str, metrics: Sequence[Metric], region: str, x: int, y: int, *, width: int = WIDGET_WIDTH,
               **extra: Any) -> dict[str, Any]:
        return {"type": "metric", "x": x, "y": y, "width": width, "height": WIDGET_HEIGHT,
                "properties": {"title": title, "region": region, "view": "timeSeries", "stacked": False,
                               "period": self._period, "metrics": [m._render_widget() for m in metrics], **extra}}

    def _account_row(self, region: str) -> list[dict[str, Any]]:
        p = self._period
        return [
            {"type": "text", "x": 0, "y": 0, "width": WIDGET_WIDTH * 2, "height": WIDGET_HEIGHT,
             "properties": {"markdown": "## DynamoDB\nOne row per table: capacity, throttles, errors, latency, "
                                        "conditional checks, and replication or index builds where the table has them. "
                                        "UserErrors and the quotas are per account and Region."}},
            self._graph("User errors (account, HTTP 400)", [user_errors(period=p)], region, WIDGET_WIDTH * 2, 0, width=8),
            self._graph("Provisioned capacity vs quotas (%)",
                        [account_capacity_utilization("Read", period=p), account_capacity_utilization("Write", period=p),
                         max_table_capacity_utilization("Read", period=p), max_table_capacity_utilization("Write", period=p)],
                        region, WIDGET_WIDTH * 4, 0, width=8, yAxis={"left": {"min": 0, "max": 100}}),
        ]

    def _table_row(self, table: TableBase, region: str, y: int) -> list[dict[str, Any]]:
        p = self._period
        name = table.table_name
        capacity = [table.metric_consumed_read_capacity_units(period=p).with_(label="consumed read"),
                    table.metric_consumed_write_capacity_units(period=p).with_(label="consumed write")]
        if table.is_provisioned:
            capacity += [table.metric_provisioned_capacity_units("Read", period=p).with_(label="provisioned read"),
                         table.metric_provisioned_capacity_units("Write", period=p).with_(label="provisioned write")]
        throttles = [table.metric_read_throttle_events(period=p), table.metric_write_throttle_events(period=p)]
        for index in table.global_index_names:
            throttles += [table.metric_read_throttle_events(index=index, period=p).with_(label=f"{index} read"),
                          table.metric_write_throttle_events(index=index, period=p).with_(label=f"{index} write")]
        errors = [table.metric_system_errors(op, period=p).with_(label=op) for op in ERROR_OPERATIONS]
        latency = [table.metric_successful_request_latency(op, period=p).with_(label=op) for op in LATENCY_OPERATIONS]
        conflicts = [table.metric_conditional_check_failed_requests(period=p),
                     table.metric("TransactionConflict", period=p)]
        widgets = [
            {"type": "text", "x": 0, "y": y, "width": GRID_WIDTH, "height": 1, "properties": {"markdown": f"### {name}"}},
            self._graph(f"{name}: capacity units", capacity, region, 0, y + 1),
            self._graph(f"{name}: throttle events", throttles, region, WIDGET_WIDTH, y + 1),
            self._graph(f"{name}: system errors", errors, region, WIDGET_WIDTH * 2, y + 1),
            self._graph(f"{name}: latency (ms)", latency, region, WIDGET_WIDTH * 3, y + 1),
        ]
        widgets.append(self._graph(f"{name}: conditional checks failed, transaction conflicts", conflicts, region,
                                   WIDGET_WIDTH * 4, y + 1))
        spread = [table.metric_replication_latency(r, period=p).with_(label=f"replication to {r} (ms)")
                  for r in table.replica_regions]
        spread += [table.metric_online_index_percentage_progress(i, period=p).with_(label=f"{i} build (%)")
                   for i in table.global_index_names]
        if spread:
            widgets.append(self._graph(f"{name}: replication, index builds", spread, region, WIDGET_WIDTH * 5, y + 1))
        return widgets
