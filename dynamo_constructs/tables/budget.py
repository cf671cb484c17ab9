"""``BudgetTracking`` (seed 000, Aperture cost tracking)."""

from __future__ import annotations

from typing import Any

from constructs import Construct

from ..schema import Attribute, GlobalSecondaryIndex, Projection
from ..table import Table
from ..validation import checked_arguments


@checked_arguments
class BudgetTracking(Table):
    """Monthly cost records keyed by ``resource_id`` / ``month`` (YYYY-MM).

    The seed queries "costs by account" and "costs by category"; both are asked per month or
    over a range of months, so ``AccountCostIndex`` (``account_id``) and ``CategoryIndex``
    (``cost_category``) take ``month`` as their sort key (``begins_with``/``between`` on
    YYYY-MM). Every ``Table`` argument can be overridden.

    Args:
        table_name: The table's name.
        **overrides: Any other ``Table`` argument, e.g. ``billing=`` or ``encryption=``; it replaces the
            domain default of the same name.
    """

    def __init__(self, scope: Construct, id_: str, *, table_name: str = "budget-tracking", **overrides: Any) -> None:
        settings: dict[str, Any] = {
            "partition_key": Attribute.string("resource_id"),
            "sort_key": Attribute.string("month"),
            "global_indexes": [
                GlobalSecondaryIndex(name="AccountCostIndex", partition_key=Attribute.string("account_id"),
                                     sort_key=Attribute.string("month"), projection=Projection.all()),
                GlobalSecondaryIndex(name="CategoryIndex", partition_key=Attribute.string("cost_category"),
                                     sort_key=Attribute.string("month"), projection=Projection.all()),
            ],
        }
        super().__init__(scope, id_, table_name=table_name, **{**settings, **overrides})
