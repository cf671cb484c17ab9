"""Shared validation rules (names, tags, ranges) used by every construct.

Each check raises :class:`TableConfigError` naming path, field, value and what is accepted.
The limits are AWS's documented ones, so nothing that passes here is refused at apply time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import TableConfigError

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")
ATTRIBUTE_NAME_MAX = 255
MAX_TAGS = 50
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
TAG_PATTERN = re.compile(r"^[\w\s.:/=+\-@]*$", re.UNICODE)


def check(condition: bool, path: str, field: str, value: Any, accepted: str) -> None:
    """Raise TableConfigError unless ``condition`` holds."""
    if not condition:
        raise TableConfigError(path, field, value, accepted)


def is_literal(value: Any) -> bool:
    """True unless ``value`` is a CDKTF token, which can only be checked by Terraform."""
    return not (isinstance(value, str) and "${" in value)


def check_resource_name(path: str, field: str, name: str) -> None:
    """Table and index names: 3-255 characters of ``[A-Za-z0-9_.-]``."""
    if not is_literal(name):
        return
    check(
        isinstance(name, str) and bool(NAME_PATTERN.match(name)),
        path,
        field,
        name,
        "expected 3-255 characters of letters, digits, '_', '-' or '.'",
    )


def check_attribute_name(path: str, field: str, name: str) -> None:
    """Attribute names: 1-255 bytes, not empty."""
    check(
        isinstance(name, str) and 0 < len(name.encode()) <= ATTRIBUTE_NAME_MAX,
        path,
        field,
        name,
        f"expected a non-empty attribute name of at most {ATTRIBUTE_NAME_MAX} bytes",
    )


def check_int_range(path: str, field: str, value: Any, low: int, high: int | None = None) -> None:
    """An integer within [low, high] (high open-ended when None)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
    if ok and high is not None:
        ok = value <= high
    bound = f"an integer from {low} to {high}" if high is not None else f"an integer >= {low}"
    check(ok, path, field, value, f"expected {bound}")


def check_tags(path: str, tags: Mapping[str, str]) -> None:
    """AWS tag rules: at most 50 tags, keys 1-128 and values 0-256 characters, no ``aws:`` keys."""
    check(len(tags) <= MAX_TAGS, path, "tags", f"{len(tags)} tags", f"expected at most {MAX_TAGS} tags")
    for key, value in tags.items():
        check(
            isinstance(key, str) and 1 <= len(key) <= TAG_KEY_MAX and TAG_PATTERN.match(key) is not None,
            path,
            "tags key",
            key,
            f"expected 1-{TAG_KEY_MAX} characters of letters, digits, spaces and _ . : / = + - @",
        )
        check(
            not key.lower().startswith("aws:"),
            path,
            "tags key",
            key,
            "the 'aws:' prefix is reserved for AWS",
        )
        if not is_literal(value):
            continue
        check(
            isinstance(value, str) and len(value) <= TAG_VALUE_MAX and TAG_PATTERN.match(value) is not None,
            path,
            f"tags[{key!r}]",
            value,
            f"expected 0-{TAG_VALUE_MAX} characters of letters, digits, spaces and _ . : / = + - @",
        )
