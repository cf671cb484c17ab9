"""JSON documents (IAM and resource policies, key policies, dashboards) compared as documents.

A policy is one long JSON string: shown as two strings cut at 80 characters, a change reads as
two identical prefixes. Compared as documents instead, the review names what differs: the
statements that left (``-``), came (``+``) or changed (``~``, matched by ``Sid``), each as a
sentence (effect, actions, resources, principal), and any other top-level key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .display import show
from .values import MISSING, UNKNOWN, as_list, canonical, parse_json_document, same

MAX_LISTED = 3


def _listed(value: Any) -> str:
    items = as_list(value)
    shown = [v if isinstance(v, str) and "${" not in v else show(v, 100) for v in items]
    more = len(shown) - MAX_LISTED
    return ", ".join(shown[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def describe_statement(statement: Any) -> str:
    """``Allow dynamodb:GetItem, dynamodb:Query on <arn> for <principal> (Sid ReadOnly)``."""
    if not isinstance(statement, Mapping):
        return show(statement, 120)
    parts = [str(statement.get("Effect", "?"))]
    for key, prefix in (("Action", ""), ("NotAction", "all but "), ("Resource", "on "), ("NotResource", "on all but "),
                        ("Principal", "for "), ("NotPrincipal", "for all but ")):
        if key in statement:
            parts.append(prefix + _listed(statement[key]))
    if "Condition" in statement:
        parts.append(f"when {show(statement['Condition'], 100)}")
    sid = statement.get("Sid")
    return " ".join(parts) + (f" (Sid {sid})" if sid else "")


def summarize(doc: Any) -> str:
    """A document in a few words: its statements, or its keys."""
    if not isinstance(doc, Mapping):
        return show(doc)
    statements = _statements(doc)
    if statements is None:
        return f"a JSON document ({_listed(sorted(doc))})"
    described = "; ".join(describe_statement(s) for s in statements[:2])
    more = f"; and {len(statements) - 2} more" if len(statements) > 2 else ""
    return f"a policy of {len(statements)} statement{'s' if len(statements) != 1 else ''} ({described}{more})"


def _statements(doc: Mapping[str, Any]) -> list[Any] | None:
    if "Statement" not in doc:
        return None
    return as_list(doc["Statement"])


def _by_key(statements: list[Any]) -> dict[Any, Any]:
    keyed: dict[Any, Any] = {}
    for statement in statements:
        sid = statement.get("Sid") if isinstance(statement, Mapping) else None
        keyed.setdefault(("sid", sid) if sid else ("body", repr(canonical(statement))), statement)
    return keyed


def document_change(before: Any, after: Any) -> str | None:
    """What differs between two JSON documents (strings or parsed), or None when either side is not
    a JSON object (then the caller shows the values)."""
    old, new = parse_json_document(before), parse_json_document(after)
    if isinstance(old, Mapping) != isinstance(new, Mapping):
        # A document on one side only (the other unknown until apply, or absent): say what it holds.
        if not all(isinstance(v, Mapping) or v is UNKNOWN or v is MISSING or v is None for v in (old, new)):
            return None
        return f"{summarize(old)} -> {summarize(new)}"
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return None
    parts: list[str] = []
    old_statements, new_statements = _statements(old), _statements(new)
    if old_statements is not None or new_statements is not None:
        was, now = _by_key(old_statements or []), _by_key(new_statements or [])
        for key, statement in was.items():
            if key not in now:
                parts.append(f"- statement {describe_statement(statement)}")
            elif not same(statement, now[key], zero_is_null=False):
                changed = [f"{field}: {show(statement.get(field), 60)} -> {show(now[key].get(field), 60)}"
                           for field in sorted(set(statement) | set(now[key]))
                           if not same(statement.get(field), now[key].get(field), zero_is_null=False)]
                parts.append(f"~ statement Sid {key[1]}: {', '.join(changed)}")
        parts += [f"+ statement {describe_statement(s)}" for key, s in now.items() if key not in was]
    for key in sorted((set(old) | set(new)) - {"Statement"}):
        if not same(old.get(key), new.get(key), zero_is_null=False):
            parts.append(f"{key}: {show(old.get(key), 60)} -> {show(new.get(key), 60)}")
    return "; ".join(parts) if parts else None
