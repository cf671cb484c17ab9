"""The base of the library's closed value objects (AWS CDK's ``Billing``, ``Capacity``,
``TableEncryption`` are the model).

A closed value is made only through its class's named constructors — the variants are private
subclasses — so an impossible combination cannot be written, and callers ask the value about
itself instead of testing for a variant's type. It prints as the call that made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .validation import fail


class ClosedValue:
    """Instances come only from the named constructors (subclasses are private)."""

    _constructors: ClassVar[str] = ""  # the named constructors, for the error a direct call gets
    _spelling: ClassVar[str] = ""  # how the variant prints, e.g. "Billing.on_demand"

    def __repr__(self) -> str:
        fields = getattr(self, "__dataclass_fields__", {})
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in fields if getattr(self, name) is not None)
        return f"{self._spelling}({args})"

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls.__name__.startswith("_"):
            return super().__new__(cls)
        fail("constructor", f"{cls.__name__}(...)", f"use {cls._constructors}", cls.__name__)


@dataclass(frozen=True)
class Unbound:
    """An argument value the engine's prebuilt bindings may not know (newer than hashicorp/aws
    6.25): the renderer writes it with ``add_override`` (``overrides.bind``)."""

    value: Any
