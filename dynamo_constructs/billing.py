"""Billing mode and capacity as value objects, so impossible combinations cannot be written.

``Billing.on_demand()`` carries only request-unit caps; ``Billing.provisioned(...)`` carries a
read and a write :class:`Capacity`, each either fixed or autoscaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .validation import check, check_int_range

MIN_TARGET_UTILIZATION = 20
MAX_TARGET_UTILIZATION = 90


class BillingMode(str, Enum):
    PAY_PER_REQUEST = "PAY_PER_REQUEST"
    PROVISIONED = "PROVISIONED"


@dataclass(frozen=True, kw_only=True)
class Capacity:
    """Read or write capacity: fixed units, or autoscaled between ``minimum`` and ``maximum``.

    Autoscaling tracks ``target_utilization`` percent (20-90, as Application Auto Scaling
    accepts for DynamoDB); the provisioned starting value is ``seed`` or ``minimum``.
    """

    units: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    target_utilization: int = 70
    seed: int | None = None
    scale_in_cooldown: int = 60
    scale_out_cooldown: int = 60

    @staticmethod
    def fixed(units: int) -> Capacity:
        return Capacity(units=units)

    @staticmethod
    def autoscaled(
        *,
        minimum: int,
        maximum: int,
        target_utilization: int = 70,
        seed: int | None = None,
        scale_in_cooldown: int = 60,
        scale_out_cooldown: int = 60,
    ) -> Capacity:
        return Capacity(
            minimum=minimum,
            maximum=maximum,
            target_utilization=target_utilization,
            seed=seed,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
        )

    @property
    def is_autoscaled(self) -> bool:
        return self.units is None

    @property
    def initial_units(self) -> int:
        """The units Terraform provisions at creation."""
        if self.units is not None:
            return self.units
        return self.seed if self.seed is not None else int(self.minimum or 0)

    def validate(self, path: str, field: str) -> None:
        """Capacity >= 1; for autoscaling min <= seed <= max, target 20-90 %, cooldowns >= 0."""
        if self.units is not None:
            check(self.minimum is None and self.maximum is None, path, field, self,
                  "use Capacity.fixed(units) or Capacity.autoscaled(minimum=..., maximum=...), not both")
            check_int_range(path, f"{field} units", self.units, 1)
            return
        check_int_range(path, f"{field} minimum", self.minimum, 1)
        check_int_range(path, f"{field} maximum", self.maximum, 1)
        check(self.minimum <= self.maximum, path, f"{field} minimum", self.minimum,
              f"minimum must be <= maximum ({self.maximum})")
        check_int_range(path, f"{field} target_utilization", self.target_utilization,
                        MIN_TARGET_UTILIZATION, MAX_TARGET_UTILIZATION)
        if self.seed is not None:
            check_int_range(path, f"{field} seed", self.seed, self.minimum, self.maximum)
        check_int_range(path, f"{field} scale_in_cooldown", self.scale_in_cooldown, 0)
        check_int_range(path, f"{field} scale_out_cooldown", self.scale_out_cooldown, 0)


@dataclass(frozen=True, kw_only=True)
class Billing:
    """How the table is billed. Use ``Billing.on_demand()`` or ``Billing.provisioned(...)``."""

    mode: BillingMode
    read_capacity: Capacity | None = None
    write_capacity: Capacity | None = None
    max_read_request_units: int | None = None
    max_write_request_units: int | None = None

    @staticmethod
    def on_demand(
        *, max_read_request_units: int | None = None, max_write_request_units: int | None = None
    ) -> Billing:
        return Billing(
            mode=BillingMode.PAY_PER_REQUEST,
            max_read_request_units=max_read_request_units,
            max_write_request_units=max_write_request_units,
        )

    @staticmethod
    def provisioned(*, read_capacity: Capacity, write_capacity: Capacity) -> Billing:
        return Billing(mode=BillingMode.PROVISIONED, read_capacity=read_capacity, write_capacity=write_capacity)

    @property
    def is_provisioned(self) -> bool:
        return self.mode is BillingMode.PROVISIONED

    def validate(self, path: str) -> None:
        check(isinstance(self.mode, BillingMode), path, "billing mode", self.mode,
              "expected Billing.on_demand() or Billing.provisioned(...)")
        if self.is_provisioned:
            for name in ("read_capacity", "write_capacity"):
                capacity = getattr(self, name)
                check(capacity is not None, path, f"billing {name}", None,
                      "provisioned billing needs read_capacity and write_capacity")
                check(isinstance(capacity, Capacity), path, f"billing {name}", capacity,
                      "expected Capacity.fixed(n) or Capacity.autoscaled(...)")
                capacity.validate(path, f"billing {name}")
            for name in ("max_read_request_units", "max_write_request_units"):
                check(getattr(self, name) is None, path, f"billing {name}", getattr(self, name),
                      "request-unit caps apply only to on-demand billing")
        else:
            for name in ("read_capacity", "write_capacity"):
                check(getattr(self, name) is None, path, f"billing {name}", getattr(self, name),
                      "capacity cannot be set in on-demand (PAY_PER_REQUEST) mode; use Billing.provisioned(...)")
            for name in ("max_read_request_units", "max_write_request_units"):
                units = getattr(self, name)
                if units is not None:
                    check_int_range(path, f"billing {name}", units, 1)
