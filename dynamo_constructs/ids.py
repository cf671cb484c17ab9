"""Construct paths, Terraform logical ids and references, computed in Python.

The engine would answer each of these over the jsii pipe (a round trip per question); the
library knows where it puts its own constructs, so it answers them itself. The logical id is
the engine's ``makeUniqueId`` (cdktf/cdktn ``lib/private/unique.js``): the ids below the stack,
a readable part and an MD5 hash of the full path; a test checks the two agree.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

HIDDEN_ID = "Default"
HIDDEN_FROM_HUMAN_ID = "Resource"
MAX_HUMAN_LEN = 240
MAX_ID_LEN = 255


def _strip(component: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", component)


def logical_id(components: Sequence[str]) -> str:
    """The engine's logical id for a construct at ``components`` (its ids below the stack)."""
    parts = [c for c in components if c != HIDDEN_ID]
    if not parts:
        raise ValueError("no path components")
    if len(parts) == 1 and len(_strip(parts[0])) <= MAX_ID_LEN:
        return _strip(parts[0])
    digest = hashlib.md5("/".join(parts).encode(), usedforsecurity=False).hexdigest()[:8].upper()
    human: list[str] = []
    for part in parts:
        if not human or not human[-1].endswith(part):
            human.append(part)
    readable = "_".join(_strip(p) for p in human if p != HIDDEN_FROM_HUMAN_ID)[:MAX_HUMAN_LEN]
    return f"{readable}_{digest}"


def address(kind: str, components: Sequence[str]) -> str:
    """A resource's Terraform address, e.g. ``aws_dynamodb_table.orders_table_3AE3F41D``."""
    return f"{kind}.{logical_id(components)}"


def ref(kind: str, components: Sequence[str], attribute: str) -> str:
    """A reference to a resource's attribute in the same stack, e.g. ``${aws_kms_key.x.arn}``."""
    return f"${{{address(kind, components)}.{attribute}}}"
