"""Stable placeholders for what changes from run to run in recorded Terraform and AWS output.

Recorded files (the review corpus, the legacy states) are regenerated now and then; masking their
random ids and timestamps keeps a regeneration's diff to what really changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
FIXED_TIME = "2000-01-01T00:00:00Z"


def mask(text: str, numbered: Sequence[tuple[re.Pattern[str], str]] = ()) -> str:
    """UUIDs become ``00000000-0000-4000-8000-00000000000N`` and timestamps ``FIXED_TIME``; each
    ``(pattern, template)`` of ``numbered`` replaces its pattern's first group by
    ``template.format(n)``. Equal values get equal placeholders, numbered in order of appearance."""
    for pattern, template in ((UUID, "00000000-0000-4000-8000-{:012d}"), *numbered):
        seen: dict[str, str] = {}

        def number(match: re.Match[str], seen: dict[str, str] = seen, template: str = template) -> str:
            value = match.group(1) if match.re.groups else match.group(0)
            placeholder = seen.setdefault(value, template.format(len(seen) + 1))
            return match.group(0).replace(value, placeholder) if match.re.groups else placeholder

        text = pattern.sub(number, text)
    return TIMESTAMP.sub(FIXED_TIME, text)
