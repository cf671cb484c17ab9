"""Lambda event filter patterns for DynamoDB stream records, checked as Lambda reads them.

A pattern (AWS Lambda Developer Guide, "Control which events Lambda sends to your function":
filter rule syntax) is a JSON object shaped like the record it matches: each key is a key of a
DynamoDB stream record, each leaf a list of match values — strings, numbers, booleans, null, or
one-key objects with an operator (``prefix``, ``suffix``, ``equals-ignore-case``,
``anything-but``, ``numeric``, ``exists``); ``$or`` joins alternatives. Lambda stores each
pattern as a string of at most 4,096 characters and takes at most 5 patterns per event source
mapping (its default quota). A pattern that names a key the records do not have, or compares a
field with a bare value instead of a list, is not refused by Lambda: it silently never matches,
and the function never runs. So those are refused here too, each with its place in the pattern.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, NoReturn

from .validation import check, check_sequence, closest, fail

MAX_FILTERS = 5  # Lambda's default quota of filter patterns per event source mapping
MAX_PATTERN_CHARS = 4096  # FilterCriteria Filter.Pattern
OPERATORS = ("prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists")
NUMERIC_OPERATORS = ("=", "<", "<=", ">", ">=")
EVENT_NAMES = ("INSERT", "MODIFY", "REMOVE")
ATTRIBUTE_TYPES = ("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS")
# Which stream view types carry each image: a filter on an image the records lack never matches.
IMAGE_VIEWS = {"NewImage": ("NEW_IMAGE", "NEW_AND_OLD_IMAGES"), "OldImage": ("OLD_IMAGE", "NEW_AND_OLD_IMAGES")}

LEAF = "leaf"  # a list of match values
IMAGE = "image"  # attribute name -> {type: match values}, as in Keys/NewImage/OldImage
DYNAMODB: dict[str, Any] = {"ApproximateCreationDateTime": LEAF, "Keys": IMAGE, "NewImage": IMAGE, "OldImage": IMAGE,
                            "SequenceNumber": LEAF, "SizeBytes": LEAF, "StreamViewType": LEAF}
RECORD: dict[str, Any] = {"eventID": LEAF, "eventName": LEAF, "eventVersion": LEAF, "eventSource": LEAF,
                          "awsRegion": LEAF, "eventSourceARN": LEAF, "dynamodb": DYNAMODB,
                          "userIdentity": {"type": LEAF, "principalId": LEAF}}
EXAMPLE = '{"eventName": ["INSERT"], "dynamodb": {"NewImage": {"status": {"S": ["done"]}}}}'


class _Pattern:
    """One pattern being checked: its field (``filter_patterns[i]``) and the table's view type."""

    def __init__(self, field: str, view_type: str | None) -> None:
        self.field = field
        self.view_type = view_type

    def fail(self, where: str, value: Any, accepted: str) -> NoReturn:
        fail(self.field, value, f"at {where} (in the pattern): {accepted}")

    def object(self, where: str, value: Any, schema: Mapping[str, Any]) -> None:
        if not isinstance(value, Mapping) or not value:
            self.fail(where, value, f"expected an object with some of the keys {', '.join(schema)}")
        for key, inner in value.items():
            path = f"{where}.{key}"
            if key == "$or":
                self.alternatives(path, inner, lambda p, v: self.object(p, v, schema))
                continue
            if key not in schema:
                close = closest(str(key), schema)
                hint = f"did you mean {close!r}? " if close else ""
                self.fail(path, key, f"{hint}DynamoDB stream records have {', '.join(schema)} here (a filter on "
                          "another key never matches)")
            kind = schema[key]
            if kind == LEAF:
                self.values(path, inner, EVENT_NAMES if key == "eventName" else None)
            elif kind == IMAGE:
                self.image(path, key, inner)
            else:
                self.object(path, inner, kind)

    def alternatives(self, where: str, value: Any, each: Any) -> None:
        if not isinstance(value, list) or len(value) < 2:
            self.fail(where, value, "$or takes a list of at least two alternatives (objects)")
        for position, alternative in enumerate(value):
            each(f"{where}[{position}]", alternative)

    def image(self, where: str, key: str, value: Any) -> None:
        views = IMAGE_VIEWS.get(key)
        if views is not None and self.view_type is not None and self.view_type not in views:
            self.fail(where, key, f"the table's stream is {self.view_type}: its records have no {key} "
                      f"(that needs {' or '.join(views)})")
        self.attributes(where, value)

    def attributes(self, where: str, value: Any) -> None:
        if not isinstance(value, Mapping) or not value:
            self.fail(where, value, "expected {attribute name: {type: [values]}}, e.g. {\"status\": {\"S\": [\"done\"]}}")
        for name, typed in value.items():
            path = f"{where}.{name}"
            if name == "$or":
                self.alternatives(path, typed, self.attributes)
                continue
            if not isinstance(typed, Mapping) or not typed:
                self.fail(path, typed, f"an attribute is matched by its DynamoDB type: {{type: [values]}} with a type "
                          f"of {', '.join(ATTRIBUTE_TYPES)}")
            for kind, values in typed.items():
                if kind not in ATTRIBUTE_TYPES:
                    self.fail(f"{path}.{kind}", kind, f"expected a DynamoDB type: {', '.join(ATTRIBUTE_TYPES)}")
                if kind == "M":
                    self.attributes(f"{path}.M", values)
                else:
                    self.values(f"{path}.{kind}", values, None)

    def values(self, where: str, value: Any, allowed: tuple[str, ...] | None) -> None:
        if not isinstance(value, list):
            self.fail(where, value, f"match values are a list: write [{json.dumps(value)}]" if not isinstance(
                value, Mapping) else "match values are a list, e.g. [\"a\", \"b\"] or [{\"prefix\": \"a\"}]")
        if not value:
            self.fail(where, value, "an empty list matches nothing; list at least one value")
        for position, item in enumerate(value):
            path = f"{where}[{position}]"
            if isinstance(item, Mapping):
                self.operator(path, item)
            elif isinstance(item, str) and allowed is not None and item not in allowed:
                self.fail(path, item, f"expected one of {', '.join(allowed)}")
            elif not (item is None or isinstance(item, (str, bool, int)) or (isinstance(item, float) and math.isfinite(item))):
                self.fail(path, item, "a match value is a string, finite number, boolean, null or an operator object")

    def operator(self, where: str, item: Mapping[str, Any]) -> None:
        if len(item) != 1 or next(iter(item)) not in OPERATORS:
            self.fail(where, dict(item), f"an operator object has one key of {', '.join(OPERATORS)}")
        name, operand = next(iter(item.items()))
        if name in ("prefix", "suffix", "equals-ignore-case"):
            ok = isinstance(operand, str)
            accepted = "a string"
        elif name == "exists":
            ok = isinstance(operand, bool)
            accepted = "true or false"
        elif name == "anything-but":
            scalars = (str, int, float)
            ok = (isinstance(operand, scalars) and not isinstance(operand, bool)) or (
                isinstance(operand, list) and bool(operand)
                and all(isinstance(v, scalars) and not isinstance(v, bool) for v in operand)) or (
                isinstance(operand, Mapping) and list(operand) == ["prefix"] and isinstance(operand["prefix"], str))
            accepted = "a string or number, a non-empty list of them, or {\"prefix\": \"...\"}"
        else:  # numeric
            ok = (isinstance(operand, list) and len(operand) in (2, 4)
                  and all(isinstance(op, str) and op in NUMERIC_OPERATORS for op in operand[0::2])
                  and all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in operand[1::2]))
            accepted = "[operator, number] or [operator, number, operator, number] with operators = < <= > >="
        if not ok:
            self.fail(f"{where}.{name}", operand, f"{name} takes {accepted}")


def check_filter_patterns(field: str, patterns: Any, view_type: str | None = None) -> list[str]:
    """The patterns as Lambda stores them (JSON strings, keys sorted), or TableConfigError for the
    first pattern Lambda refuses or that can never match. Each is an object (a dict) or its JSON
    text; ``view_type`` is the table's stream view type when known."""
    given = check_sequence(field, patterns, f"of event patterns (dicts or JSON strings such as '{EXAMPLE}')")
    check(len(given) <= MAX_FILTERS, field, f"{len(given)} patterns",
          f"Lambda takes at most {MAX_FILTERS} filter patterns per event source mapping (its default quota)")
    rendered = []
    for position, written in enumerate(given):
        item = f"{field}[{position}]"
        pattern = written
        if isinstance(written, str):
            try:
                pattern = json.loads(written)
            except json.JSONDecodeError as error:
                fail(item, written, f"not valid JSON ({error.msg} at line {error.lineno} column "
                     f"{error.colno}); expected an object such as {EXAMPLE}")
        check(isinstance(pattern, Mapping), item, pattern, f"expected an event pattern object such as {EXAMPLE}")
        _Pattern(item, view_type).object("$", pattern, RECORD)
        text = json.dumps(pattern, sort_keys=True)
        check(len(text) <= MAX_PATTERN_CHARS, item, f"{len(text)} characters of JSON",
              f"Lambda stores a filter pattern of at most {MAX_PATTERN_CHARS} characters")
        rendered.append(text)
    return rendered
