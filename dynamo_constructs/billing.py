"""Billing mode and capacity as closed value objects (AWS CDK's ``billing.ts``/``capacity.ts``).

Each is made only through its named constructors, validated when it is made, and renders
its own Terraform arguments, so an impossible combination (capacity on an on-demand table,
a fixed capacity with a maximum) cannot be written and no caller switches on a type tag.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._values import ClosedValue
from .names import check_scaling_policy_name, check_tags
from .validation import check, check_bool, check_int_range, check_optional_int_range, checked_arguments, fail

UNLIMITED = -1  # DynamoDB's "no maximum" for on-demand request units
MIN_TARGET_UTILIZATION = 20
MAX_TARGET_UTILIZATION = 90
CAPACITY_CONSTRUCTORS = "Capacity.fixed(units) or Capacity.autoscaled(minimum=..., maximum=...)"
BILLING_CONSTRUCTORS = "Billing.on_demand(...) or Billing.provisioned(read_capacity=..., write_capacity=...)"


@checked_arguments
class Capacity(ClosedValue, ABC):
    """Read or write capacity of a provisioned table or index."""

    _constructors = CAPACITY_CONSTRUCTORS

    @staticmethod
    def fixed(units: int) -> Capacity:
        """A constant number of capacity units (>= 1)."""
        check_int_range("units", units, 1, where="Capacity.fixed")
        return _FixedCapacity(units=units)

    @staticmethod
    def autoscaled(*, minimum: int | None = None, maximum: int | None = None, target_utilization: float = 70,
                   seed: int | None = None, scale_in_cooldown: int = 60, scale_out_cooldown: int = 60,
                   disable_scale_in: bool = False, policy_name: str | None = None,
                   tags: Mapping[str, str] | None = None) -> Capacity:
        """Target tracking between ``minimum`` and ``maximum`` at ``target_utilization`` percent (20-90,
        what Application Auto Scaling accepts for DynamoDB); starts at ``seed`` (default: minimum).
        ``disable_scale_in`` stops the policy from lowering capacity; ``policy_name`` keeps the name of a
        policy that exists already (default: derived from the table, index and dimension); ``tags`` go on
        the scalable target (besides the provider's default tags)."""
        where = "Capacity.autoscaled"
        check(minimum is not None, "minimum", minimum, "expected an integer >= 1 (the lowest capacity)", where)
        check(maximum is not None, "maximum", maximum, "expected an integer >= 1 (the highest capacity)", where)
        check_int_range("minimum", minimum, 1, where=where)
        check_int_range("maximum", maximum, 1, where=where)
        assert minimum is not None and maximum is not None
        check(minimum <= maximum, "minimum", minimum, f"minimum must be <= maximum ({maximum})", where)
        check(isinstance(target_utilization, (int, float)) and not isinstance(target_utilization, bool)
              and MIN_TARGET_UTILIZATION <= target_utilization <= MAX_TARGET_UTILIZATION, "target_utilization",
              target_utilization, f"expected a number from {MIN_TARGET_UTILIZATION} to {MAX_TARGET_UTILIZATION} (percent)",
              where)
        check_optional_int_range("seed", seed, minimum, maximum, where)
        check_int_range("scale_in_cooldown", scale_in_cooldown, 0, where=where)
        check_int_range("scale_out_cooldown", scale_out_cooldown, 0, where=where)
        check_bool("disable_scale_in", disable_scale_in, where)
        if policy_name is not None:
            check_scaling_policy_name("policy_name", policy_name, where)
        checked_tags = check_tags("tags", tags, where) if tags is not None else None
        return _AutoscaledCapacity(minimum=minimum, maximum=maximum, target_utilization=target_utilization,
                                   seed=seed, scale_in_cooldown=scale_in_cooldown,
                                   scale_out_cooldown=scale_out_cooldown, disable_scale_in=disable_scale_in,
                                   policy_name=policy_name,
                                   tags=tuple(sorted(checked_tags.items())) if checked_tags else None)

    @property
    @abstractmethod
    def initial_units(self) -> int:
        """The units Terraform provisions at creation."""

    @property
    def is_autoscaled(self) -> bool:
        return self.autoscaling is not None

    @property
    def autoscaling(self) -> AutoscaledCapacity | None:
        """The autoscaling bounds and policy settings, or None for a fixed capacity."""
        return None


@dataclass(frozen=True, repr=False)
class _FixedCapacity(Capacity):
    units: int

    def __repr__(self) -> str:
        return f"Capacity.fixed({self.units})"

    @property
    def initial_units(self) -> int:
        return self.units


@dataclass(frozen=True, repr=False)
class _AutoscaledCapacity(Capacity):
    _spelling = "Capacity.autoscaled"
    minimum: int
    maximum: int
    target_utilization: float
    seed: int | None
    scale_in_cooldown: int
    scale_out_cooldown: int
    disable_scale_in: bool = False
    policy_name: str | None = None
    tags: tuple[tuple[str, str], ...] | None = None  # the scalable target's (a tuple: the value stays hashable)

    @property
    def initial_units(self) -> int:
        return self.seed if self.seed is not None else self.minimum

    @property
    def autoscaling(self) -> AutoscaledCapacity:
        return self


AutoscaledCapacity = _AutoscaledCapacity  # the autoscaled variant's fields, for the autoscaling module


@checked_arguments
class Billing(ClosedValue, ABC):
    """How the table is billed: ``Billing.on_demand(...)`` or ``Billing.provisioned(...)``."""

    _constructors = BILLING_CONSTRUCTORS
    UNLIMITED = UNLIMITED

    @staticmethod
    def on_demand(*, max_read_request_units: int | None = None, max_write_request_units: int | None = None) -> Billing:
        """Pay per request, optionally capped (request units per second, >= 1).

        Leaving a cap out keeps whatever the live table has (the provider treats the block as
        Optional+Computed). To remove a cap, apply once with ``Billing.UNLIMITED`` (DynamoDB's -1),
        then leave it out: DynamoDB reports no cap afterwards, so keeping -1 would re-plan forever.
        """
        for name, units in (("max_read_request_units", max_read_request_units),
                            ("max_write_request_units", max_write_request_units)):
            check_request_units(name, units, "Billing.on_demand")
        return _OnDemand(max_read_request_units=max_read_request_units, max_write_request_units=max_write_request_units)

    @staticmethod
    def provisioned(*, read_capacity: Capacity | None = None, write_capacity: Capacity | None = None) -> Billing:
        """Provisioned capacity; each side fixed or autoscaled. Indexes inherit it unless they set their own."""
        for name, capacity in (("read_capacity", read_capacity), ("write_capacity", write_capacity)):
            check(isinstance(capacity, Capacity), name, capacity, f"expected {CAPACITY_CONSTRUCTORS}",
                  "Billing.provisioned")
        assert isinstance(read_capacity, Capacity) and isinstance(write_capacity, Capacity)
        return _Provisioned(read_capacity=read_capacity, write_capacity=write_capacity)

    @property
    @abstractmethod
    def mode(self) -> str:
        """``PAY_PER_REQUEST`` or ``PROVISIONED``."""

    @property
    def is_provisioned(self) -> bool:
        return self.capacities is not None

    @property
    def capacities(self) -> tuple[Capacity, Capacity] | None:
        """(read, write) capacity in provisioned mode; None on demand."""
        return None

    @abstractmethod
    def _render(self) -> dict[str, Any]:
        """The table's billing arguments (billing_mode, capacities, on-demand caps)."""


@dataclass(frozen=True, repr=False)
class _OnDemand(Billing):
    _spelling = "Billing.on_demand"
    max_read_request_units: int | None
    max_write_request_units: int | None

    @property
    def mode(self) -> str:
        return "PAY_PER_REQUEST"

    def _render(self) -> dict[str, Any]:
        caps = on_demand_caps(self.max_read_request_units, self.max_write_request_units)
        return {"billing_mode": self.mode, **({"on_demand_throughput": caps} if caps else {})}


@dataclass(frozen=True, repr=False)
class _Provisioned(Billing):
    _spelling = "Billing.provisioned"
    read_capacity: Capacity
    write_capacity: Capacity

    @property
    def mode(self) -> str:
        return "PROVISIONED"

    @property
    def capacities(self) -> tuple[Capacity, Capacity]:
        return self.read_capacity, self.write_capacity

    def _render(self) -> dict[str, Any]:
        return {"billing_mode": self.mode, "read_capacity": self.read_capacity.initial_units,
                "write_capacity": self.write_capacity.initial_units}


def check_request_units(field: str, units: object, where: str | None = None) -> None:
    """An on-demand cap: >= 1 request units, or ``Billing.UNLIMITED`` (-1) to remove one."""
    if units is not None and units != UNLIMITED:
        check_int_range(field, units, 1, where=where)


def on_demand_caps(max_read: int | None, max_write: int | None) -> dict[str, int]:
    """The ``on_demand_throughput`` block of a table or an index (empty: no caps)."""
    caps: dict[str, int] = {}
    if max_read is not None:
        caps["max_read_request_units"] = max_read
    if max_write is not None:
        caps["max_write_request_units"] = max_write
    return caps


def check_billing(field: str, billing: object) -> Billing:
    if not isinstance(billing, Billing):
        fail(field, billing, f"expected {BILLING_CONSTRUCTORS}")
    return billing


def check_capacity(field: str, capacity: object) -> Capacity | None:
    if capacity is not None and not isinstance(capacity, Capacity):
        fail(field, capacity, f"expected {CAPACITY_CONSTRUCTORS}")
    return capacity

