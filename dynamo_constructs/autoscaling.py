"""Target-tracking autoscaling for provisioned tables and their GSIs: a scalable target and a
policy per autoscaled dimension (which dimensions, and what the table then ignores: ``scaling``).
"""

from __future__ import annotations

from collections.abc import Sequence

from constructs import Construct

from ._aws import AppautoscalingPolicy, AppautoscalingTarget
from ._core import TerraformProvider
from .aws_context import place
from .ids import ref
from .scaling import ScaledDimension


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
                tags=dict(dim.capacity.tags) if dim.capacity.tags else None,
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
                    **({"disable_scale_in": True} if dim.capacity.disable_scale_in else {}),
                    "predefined_metric_specification": {"predefined_metric_type": dim.metric},
                },
                provider=provider,
            )
