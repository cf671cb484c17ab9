"""Which capacities of a table are autoscaled, and what Terraform must then ignore.

Application Auto Scaling changes the table's provisioned capacity behind Terraform's back;
``ignored_capacity_fields`` names exactly the table arguments it changes, and the table puts
them in ``lifecycle.ignore_changes`` so a re-plan after scaling shows no diff. The scaling
targets and policies themselves are made by ``autoscaling.TableAutoscaling``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .billing import AutoscaledCapacity, Billing
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
        """The name given to the capacity (a policy that exists already), else one derived from the dimension."""
        return self.capacity.policy_name or fit(f"{self.metric}:{self.resource_id(table_name)}", SCALING_POLICY_NAME_MAX)


def scaled_dimensions(billing: Billing, index_capacities: Sequence[IndexCapacity]) -> tuple[ScaledDimension, ...]:
    """Every autoscaled capacity of a table: the table's, then each GSI's."""
    if billing.capacities is None:
        return ()
    sides = [(None, *billing.capacities), *((c.index_name, c.read, c.write) for c in index_capacities)]
    return tuple(
        ScaledDimension(index_name=index_name, operation=operation, capacity=scaling)
        for index_name, read, write in sides
        for operation, capacity in (("Read", read), ("Write", write))
        if (scaling := capacity.autoscaling) is not None
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
