"""Warm throughput of a table or a global index (hashicorp/aws >= 6.13.0), as a value object.

Warm throughput is what a table (or index) can serve instantly; raising it ahead of a launch
"pre-warms" the partitions. AWS starts every table and index at 12,000 read and 4,000 write
units per second and only lets the values grow: the provider refuses lower values, replaces the
table when a table's value is lowered (an index's can go down in place), and re-plans forever
when both values are given at exactly those minimums — so that combination is refused here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .validation import check, check_int_range, checked_arguments, fail

MIN_READ_UNITS = 12_000
MIN_WRITE_UNITS = 4_000
PROVIDER_VERSION = "6.13.0"  # hashicorp/aws CHANGELOG: "Add warm_throughput ... arguments" (#41308)


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class WarmThroughput:
    """Read and/or write units per second the table or index must serve instantly
    (hashicorp/aws >= 6.13.0). AWS starts every table and index at 12,000 reads and 4,000 writes
    per second; lowering a table's value replaces the table (the review flags it). At least one is
    given, and not both at exactly those minimums (the provider would re-plan it forever).

    Args:
        read_units_per_second: At least 12,000. Default: AWS's.
        write_units_per_second: At least 4,000. Default: AWS's.
    """

    read_units_per_second: int | None = None
    write_units_per_second: int | None = None

    def __post_init__(self) -> None:
        where = "WarmThroughput"
        read, write = self.read_units_per_second, self.write_units_per_second
        check(read is not None or write is not None, "WarmThroughput", "WarmThroughput()",
              "give read_units_per_second and/or write_units_per_second", where)
        if read is not None:
            check_int_range("read_units_per_second", read, MIN_READ_UNITS, where=where)
        if write is not None:
            check_int_range("write_units_per_second", write, MIN_WRITE_UNITS, where=where)
        check(not (read == MIN_READ_UNITS and write == MIN_WRITE_UNITS), "WarmThroughput", f"{read}/{write}",
              f"both at the minimums ({MIN_READ_UNITS}/{MIN_WRITE_UNITS}) is every table's default and makes the "
              "provider report a difference on every plan; leave warm_throughput out", where)

    def _render(self) -> dict[str, Any]:
        block: dict[str, Any] = {}
        if self.read_units_per_second is not None:
            block["read_units_per_second"] = self.read_units_per_second
        if self.write_units_per_second is not None:
            block["write_units_per_second"] = self.write_units_per_second
        return block


def check_warm_throughput(field: str, value: Any, where: str | None = None) -> WarmThroughput | None:
    if value is None or isinstance(value, WarmThroughput):
        return value
    fail(field, value, "expected WarmThroughput(read_units_per_second=..., write_units_per_second=...) or None", where)
