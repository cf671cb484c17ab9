"""CloudWatch Contributor Insights for a table or an index: on/off, and which keys it tracks.

``True`` turns it on in AWS's default mode (accessed and throttled keys) and needs nothing newer
than hashicorp/aws 5.100. A mode (``"THROTTLED_KEYS"``, cheaper: only keys that were
throttled, or ``"ACCESSED_AND_THROTTLED_KEYS"``) is rendered as the resource's ``mode``
argument, which hashicorp/aws has from 6.11.0 on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .validation import fail

if TYPE_CHECKING:  # the rules above are read without the engine (``dynamo-constructs migrate``)
    from constructs import Construct

    from ._core import TerraformProvider

PROVIDER_VERSION = "6.11.0"  # hashicorp/aws CHANGELOG: "aws_dynamodb_contributor_insights: Add mode" (#43914)


class ContributorInsightsMode(StrEnum):
    """Which keys CloudWatch Contributor Insights tracks (``contributor_insights=`` of a table, an
    index or a replica). A mode needs hashicorp/aws >= 6.11.0; ``True`` is AWS's default mode and
    needs nothing newer than 5.100."""

    ACCESSED_AND_THROTTLED_KEYS = "ACCESSED_AND_THROTTLED_KEYS"
    """The most accessed and the most throttled keys (AWS's default)."""
    THROTTLED_KEYS = "THROTTLED_KEYS"
    """Only keys that were throttled (cheaper)."""


def check_insights(field: str, value: Any, where: str | None = None) -> tuple[bool, ContributorInsightsMode | None]:
    """(enabled, explicit mode or None) from ``True``/``False`` or a mode."""
    if isinstance(value, bool):
        return value, None
    if isinstance(value, ContributorInsightsMode):
        return True, value
    if isinstance(value, str) and value in ContributorInsightsMode.__members__:
        return True, ContributorInsightsMode(value)
    fail(field, value, "expected True, False or a mode: 'ACCESSED_AND_THROTTLED_KEYS' or 'THROTTLED_KEYS'", where)


Insights = tuple[bool, ContributorInsightsMode | None]  # (on, explicit mode), as check_insights returns


def add_contributor_insights(table: Construct, table_name: str, *, table_insights: Insights,
                             index_insights: Sequence[tuple[str, Insights]], provider: TerraformProvider | None,
                             id_prefix: str = "insights", depends_on: Sequence[object] = (),
                             index_dependencies: Mapping[str, object] | None = None) -> None:
    """One ``aws_dynamodb_contributor_insights`` for the table and one per index that has it on
    (ids ``<id_prefix>`` and ``<id_prefix>_<index>``). Each waits for ``depends_on`` (a replica),
    an index's also for its entry in ``index_dependencies`` (an index resource)."""
    from ._aws import DynamodbContributorInsights
    wanted: list[tuple[str, str | None, ContributorInsightsMode | None]] = []
    if table_insights[0]:
        wanted.append((id_prefix, None, table_insights[1]))
    wanted += [(f"{id_prefix}_{name}", name, mode) for name, (enabled, mode) in index_insights if enabled]
    for id_, index_name, mode in wanted:
        index_resource = (index_dependencies or {}).get(index_name or "")
        after = [*depends_on, *([index_resource] if index_resource is not None else [])]
        DynamodbContributorInsights(table, id_, table_name=table_name, index_name=index_name,
                                    mode=mode.value if mode else None, provider=provider,
                                    depends_on=after or None)  # type: ignore[arg-type]
