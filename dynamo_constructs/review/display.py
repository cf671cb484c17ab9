"""Values in a reason line: short, and a value holding a Terraform expression described in words."""

from __future__ import annotations

import json
from typing import Any

from .expressions import describe
from .values import MISSING, UNKNOWN


def show(value: Any, limit: int = 80) -> str:
    """A short display form for a reason line; a value holding a Terraform expression is described
    in words (``expressions.describe``), not printed raw."""
    if value is UNKNOWN:
        return "(known after apply)"
    if value is MISSING or value is None:
        return "(none)"
    if isinstance(value, str) and "${" in value:
        return describe(value, limit)
    text = json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
