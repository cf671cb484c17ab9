"""Target-tracking autoscaling for provisioned tables and their GSIs, without plan drift.

Application Auto Scaling changes the table's provisioned capacity behind Terraform's back;
``ignored_capacity_fields`` names exactly the table arguments it changes, and the table puts
them in ``lifecycle.ignore_changes`` so a re-plan after scaling shows no diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from constructs import Construct

from ._aws import AppautoscalingPolicy, AppautoscalingTarget
from ._core import TerraformProvider
from .aws_context import place
from .billing import AutoscaledCapacity, Billing, _Provisioned
from .ids import ref
from .names import SCALING_POLICY_NAME_MAX, fit
from .schema import IndexCapacity


@dataclass(frozen=True, kw_only=True)
class ScaledDimension:
    """One autoscaled capacity: the table's or an index's read or write units."""

    index_name: str | None
    operation: str  # "Read" or "Write"
    capacity: AutoscaledCapacity

    @property
    def id_suffix(self) -> str:
        scope = f"index_{self.index_name}" if self.index_name else "table"
        return f"{scope}_{self.operation.lower()}"

    @property
    def scalable_dimension(self) -> str:
        kind = "index" if self.index_name else "table"
        return f"dynamodb:{kind}:{self.operation}CapacityUnits"

    @property
    def metric(self) -> str:
        return f"DynamoDB{self.operation}CapacityUtilization"

    def resource_id(self, table_name: str) -> str:
        return f"table/{table_name}" + (f"/index/{self.index_name}" if self.index_name else "")

    def policy_name(self, table_name: str) -> str:
        return fit(f"{self.metric}:{self.resource_id(table_name)}", SCALING_POLICY_NAME_MAX)


def scaled_dimensions(billing: Billing, index_capacities: Sequence[IndexCapacity]) -> tuple[ScaledDimension, ...]:
    """Every autoscaled capacity of a table: the table's, then each GSI's."""
    if not isinstance(billing, _Provisioned):
        return ()
    sides = [(None, billing.read_capacity, billing.write_capacity),
             *((c.index_name, c.read, c.write) for c in index_capacities)]
    return tuple(
        ScaledDimension(index_name=index_name, operation=operation, capacity=capacity)
        for index_name, read, write in sides
        for operation, capacity in (("Read", read), ("Write", write))
        if isinstance(capacity, AutoscaledCapacity)
    )


def ignored_capacity_fields(dimensions: Sequence[ScaledDimension]) -> list[str]:
    """The ``aws_dynamodb_table`` arguments autoscaling changes.

    Terraform cannot address one element of the ``global_secondary_index`` set, so an
    autoscaled GSI makes the whole block ignored; see the README's index-change procedure.
    """
    fields: list[str] = []
    if any(d.index_name is None and d.operation == "Read" for d in dimensions):
        fields.append("read_capacity")
    if any(d.index_name is None and d.operation == "Write" for d in dimensions):
        fields.append("write_capacity")
    if any(d.index_name is not None for d in dimensions):
        fields.append("global_secondary_index")
    return fields


class TableAutoscaling(Construct):
    """A scalable target and a target-tracking policy per autoscaled dimension.

    ``table_name`` is the literal name (policy names are derived from it and checked against
    their limit); ``table_ref`` the table's name as a reference, so targets wait for the table.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table_name: str,
        table_ref: str,
        dimensions: Sequence[ScaledDimension],
        provider: TerraformProvider | None = None,
        depends_on: Sequence[object] = (),
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        for dim in dimensions:
            AppautoscalingTarget(
                self,
                f"{dim.id_suffix}_target",
                service_namespace="dynamodb",
                resource_id=dim.resource_id(table_ref),  # a reference: the target waits for the table
                scalable_dimension=dim.scalable_dimension,
                min_capacity=dim.capacity.minimum,
                max_capacity=dim.capacity.maximum,
                provider=provider,
                depends_on=list(depends_on) or None,  # type: ignore[arg-type]
            )
            target = (*ids, f"{dim.id_suffix}_target")  # the policy refers to it: created after it
            AppautoscalingPolicy(
                self,
                f"{dim.id_suffix}_policy",
                name=dim.policy_name(table_name),
                policy_type="TargetTrackingScaling",
                service_namespace=ref("aws_appautoscaling_target", target, "service_namespace"),
                resource_id=ref("aws_appautoscaling_target", target, "resource_id"),
                scalable_dimension=ref("aws_appautoscaling_target", target, "scalable_dimension"),
                target_tracking_scaling_policy_configuration={
                    "target_value": dim.capacity.target_utilization,
                    "scale_in_cooldown": dim.capacity.scale_in_cooldown,
                    "scale_out_cooldown": dim.capacity.scale_out_cooldown,
                    "predefined_metric_specification": {"predefined_metric_type": dim.metric},
                },
                provider=provider,
            )
