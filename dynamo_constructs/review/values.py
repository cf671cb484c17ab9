"""Values as the review compares them: "known after apply", canonical forms.

Terraform converts configuration values to the schema's types before it diffs, so ``5`` and
``"5"``, ``true`` and ``"true"`` are the same value here; SDKv2 resources also treat a null
argument like its zero value. Unknown values never equal anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final


class _Unknown:
    """A value Terraform only learns during apply (an attribute of a resource being created)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "(known after apply)"


class _Missing:
    """An argument absent from the configuration (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "(absent)"


UNKNOWN: Final = _Unknown()
MISSING: Final = _Missing()
UNKNOWN_MARK = "\x00unknown\x00"


def as_list(value: Any) -> list[Any]:
    """A value JSON may write as one item or a list of them (a block, a policy's Action), as a list
    (absent: empty)."""
    return value if isinstance(value, list) else [] if value is None else [value]


def contains_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


def is_empty(value: Any) -> bool:
    """Null, absent, or a zero value: what an SDKv2 provider cannot tell from "not set"."""
    if value is None or value is MISSING:
        return True
    if isinstance(value, bool):
        return value is False
    if isinstance(value, (int, float)):
        return value == 0
    if isinstance(value, str):
        return value == "" or value.lower() == "false" or _number(value) == 0
    if isinstance(value, (list, tuple, Mapping)):
        return len(value) == 0
    return False


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def scalar(value: Any) -> Any:
    """A scalar in one comparable form: numbers as float, booleans and their strings as bool."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        number = _number(value)
        if number is not None and value.strip() == value and value not in ("nan", "inf", "-inf", "infinity"):
            return number
    return value


def canonical(value: Any) -> Any:
    """A hashable, order-stable form for equality (lists keep their order; sets are sorted by callers)."""
    if value is UNKNOWN:
        return UNKNOWN_MARK
    if value is MISSING:
        return None
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    return scalar(value)


def same(before: Any, after: Any, *, zero_is_null: bool = True) -> bool:
    """Terraform's equality for a diff: unknown never equals; null equals zero for SDKv2."""
    if contains_unknown(after) or contains_unknown(before):
        return False
    if zero_is_null and is_empty(before) and is_empty(after):
        return True
    return bool(canonical(before) == canonical(after))


def parse_json_document(value: Any) -> Any:
    """A JSON document string as data (policies are compared by meaning, as the provider does)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
