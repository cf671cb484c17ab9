"""Words in messages and reports, shared by the review and ``migrate``."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``1 table``, ``2 tables``, ``2 indexes``, ``2 policies``: the count and its noun."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith(("s", "x", "ch", "sh")):
        return f"{count} {noun}es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"
