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
    """Read or write capacity of a provisioned table or index: ``Capacity.fixed(units)`` or
    ``Capacity.autoscaled(minimum=, maximum=, ...)``, given to ``Billing.provisioned`` or to a
    ``GlobalSecondaryIndex``. ``Capacity(...)`` cannot be called directly.

    Example:
        ```python
        from dynamo_constructs import Billing, Capacity

        Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=100, target_utilization=60),
                            write_capacity=Capacity.fixed(5))
        ```
    """

    _constructors = CAPACITY_CONSTRUCTORS

    @staticmethod
    def fixed(units: int) -> Capacity:
        """A constant number of capacity units.

        Args:
            units: Capacity units per second (>= 1).
        """
        check_int_range("units", units, 1, where="Capacity.fixed")
        return _FixedCapacity(units=units)

    @staticmethod
    def autoscaled(*, minimum: int | None = None, maximum: int | None = None, target_utilization: float = 70,
                   seed: int | None = None, scale_in_cooldown: int = 60, scale_out_cooldown: int = 60,
                   disable_scale_in: bool = False, policy_name: str | None = None,
                   tags: Mapping[str, str] | None = None) -> Capacity:
        """Application Auto Scaling: target tracking between ``minimum`` and ``maximum``.

        The table (or index) gets a scalable target and a target-tracking policy; the capacity
        Terraform sets at creation is ``seed``, and afterwards the scaler owns it (the table ignores
        its changes, an index's is read from the live table at plan time).

        Args:
            minimum: The lowest capacity (>= 1); required.
            maximum: The highest capacity (>= ``minimum``); required.
            target_utilization: The consumed-to-provisioned percentage the policy keeps, 20-90 (what
                Application Auto Scaling accepts for DynamoDB).
            seed: The capacity at creation, within [``minimum``, ``maximum``]. Default: ``minimum``.
            scale_in_cooldown: Seconds after a scale-in before the next scale-in (>= 0).
            scale_out_cooldown: Seconds after a scale-out before the next scale-out (>= 0).
            disable_scale_in: True stops the policy from ever lowering capacity.
            policy_name: The policy's name, to keep the name of a policy that exists already (an
                adopted table's; checked against Application Auto Scaling's rules). Default: derived from
                the table, index and dimension.
            tags: Tags on the scalable target, besides the provider's default tags (checked as a
                table's tags are). Default: none.

        Returns:
            The autoscaled capacity (``is_autoscaled`` is True).
        """
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
        """Whether the capacity is autoscaled (``Capacity.autoscaled``)."""
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
    """How the table is billed: ``Billing.on_demand(...)`` or ``Billing.provisioned(...)``.

    ``Billing(...)`` cannot be called directly; each variant renders its own Terraform arguments,
    so capacity on an on-demand table, or request caps on a provisioned one, cannot be written.

    Example:
        ```python
        from dynamo_constructs import Billing, Capacity

        on_demand = Billing.on_demand(max_read_request_units=1000)
        provisioned = Billing.provisioned(read_capacity=Capacity.fixed(10), write_capacity=Capacity.fixed(5))
        ```
    """

    _constructors = BILLING_CONSTRUCTORS
    UNLIMITED = UNLIMITED
    """DynamoDB's -1: an on-demand cap given as ``Billing.UNLIMITED`` removes the live cap (apply
    once, then leave the cap out)."""

    @staticmethod
    def on_demand(*, max_read_request_units: int | None = None, max_write_request_units: int | None = None) -> Billing:
        """Pay per request, optionally capped (request units per second, >= 1).

        Leaving a cap out keeps whatever the live table has (the provider treats the block as
        Optional+Computed). To remove a cap, apply once with ``Billing.UNLIMITED`` (DynamoDB's -1),
        then leave it out: DynamoDB reports no cap afterwards, so keeping -1 would re-plan forever.

        Args:
            max_read_request_units: The most read request units per second the table may use (>= 1),
                or ``Billing.UNLIMITED``. Default: no cap (or the live table's).
            max_write_request_units: The most write request units per second (>= 1), or
                ``Billing.UNLIMITED``. Default: no cap (or the live table's).
        """
        for name, units in (("max_read_request_units", max_read_request_units),
                            ("max_write_request_units", max_write_request_units)):
            check_request_units(name, units, "Billing.on_demand")
        return _OnDemand(max_read_request_units=max_read_request_units, max_write_request_units=max_write_request_units)

    @staticmethod
    def provisioned(*, read_capacity: Capacity | None = None, write_capacity: Capacity | None = None) -> Billing:
        """Provisioned capacity; each side fixed or autoscaled. Indexes inherit it unless they set their own.

        Args:
            read_capacity: ``Capacity.fixed(n)`` or ``Capacity.autoscaled(...)``; required.
            write_capacity: ``Capacity.fixed(n)`` or ``Capacity.autoscaled(...)``; required.
        """
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
        """Whether the mode is provisioned capacity (False: on demand)."""
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

