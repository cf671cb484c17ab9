"""Items written by Terraform (``aws_dynamodb_table_item``): plain Python values in, DynamoDB
JSON out, refused at synth when PutItem would refuse them.

Rules (DynamoDB Developer Guide, "Supported data types", "Item sizes" and "Service quotas"):
key attributes present, of their declared type and not empty; index key attributes (when
present) of their declared type and not empty; key values at most 2048 bytes (partition) and
1024 bytes (sort), on the table and on its indexes; attribute names strings of 1-65535 bytes
(key attributes 1-255); numbers of at most 38 significant digits within 1E-130..9.99E+125;
sets not empty and of one type (strings, numbers or binary); documents nested at most 32 levels
deep (an attribute is level 1); at most 400 KB per item; a TTL value in the past would be
deleted right after the write. Across items: one table takes one item per primary key
(``claim_item``): the provider creates an item only where none exists, so a second item with
the same key fails at apply.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from constructs import Construct

from .aws_context import facts, ids_of
from .schema import Attribute, AttributeType, TableSchema
from .times import now as reference_now
from .validation import check, fail

MAX_ITEM_BYTES = 400 * 1024
MAX_NAME_BYTES = 65535
MAX_DEPTH = 32  # nested levels of a document, the attribute itself being level 1
MAX_NUMBER_DIGITS = 38
NUMBER_TYPES = (int, float, Decimal)
PYTHON_TYPES: dict[AttributeType, tuple[type, ...]] = {
    AttributeType.STRING: (str,), AttributeType.NUMBER: NUMBER_TYPES, AttributeType.BINARY: (bytes,),
}


def _number(field: str, value: int | float | Decimal) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        fail(field, value, "DynamoDB numbers must be finite")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        fail(field, value, "expected a number")
    if not number.is_finite():
        fail(field, value, "DynamoDB numbers must be finite")
    digits = "".join(map(str, number.as_tuple().digits)).strip("0")  # no rounding: Decimal's context has 28 digits
    check(len(digits) <= MAX_NUMBER_DIGITS, field, value,
          f"DynamoDB numbers have at most {MAX_NUMBER_DIGITS} significant digits")
    if digits:
        check(-130 <= number.adjusted() <= 125, field, value, "DynamoDB numbers lie within 1E-130 and 9.99E+125 in magnitude")
    return str(value)


def _check_name(field: str, name: Any) -> None:
    check(isinstance(name, str) and 0 < len(name.encode()) <= MAX_NAME_BYTES, f"{field} attribute name", name,
          f"expected a non-empty string of at most {MAX_NAME_BYTES} bytes (DynamoDB attribute names are strings)")


def to_attribute_value(value: Any, field: str = "item", level: int = 0) -> dict[str, Any]:
    """A Python value in DynamoDB's JSON attribute-value form (``level``: how deep it is nested;
    the item itself is 0, its attributes 1)."""
    if isinstance(value, (Mapping, list, tuple)) and level >= MAX_DEPTH:
        fail(field, _shape(value), f"DynamoDB nests documents at most {MAX_DEPTH} levels deep (an attribute is "
             f"level 1); this {type(value).__name__} would put its values at level {level + 1}")
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, NUMBER_TYPES):
        return {"N": _number(field, value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (bytes, bytearray)):
        return {"B": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, Mapping):
        for name in value:
            _check_name(field, name)
        return {"M": {k: to_attribute_value(v, f"{field}[{k!r}]", level + 1) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [to_attribute_value(v, f"{field}[{i}]", level + 1) for i, v in enumerate(value)]}
    if isinstance(value, (set, frozenset)):
        return _set_value(field, value)
    fail(field, value, "expected str, int, float, Decimal, bool, None, bytes, a set, a list or a mapping")


SET_KINDS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("SS", lambda v: isinstance(v, str)),
    ("NS", lambda v: isinstance(v, NUMBER_TYPES) and not isinstance(v, bool)),
    ("BS", lambda v: isinstance(v, bytes)),
)


def _set_value(field: str, value: set[Any] | frozenset[Any]) -> dict[str, Any]:
    """A string, number or binary set: not empty, every element of the set's one type."""
    check(bool(value), field, value, "DynamoDB sets cannot be empty (leave the attribute out)")
    ordered = sorted(value, key=lambda v: (type(v).__name__, repr(v)))
    kind, is_kind = next(((k, test) for k, test in SET_KINDS if test(ordered[0])), ("", lambda v: False))
    if not kind:
        fail(f"{field} element", ordered[0], "a set holds only strings, only numbers (not booleans) or only bytes; "
             f"this element is a {type(ordered[0]).__name__}")
    for element in ordered:
        check(is_kind(element), f"{field} element", element, f"a set holds one type: this {kind} set also holds a "
              f"{type(element).__name__} (use a list for mixed values)")
    if kind == "SS":
        return {"SS": sorted(value)}
    if kind == "NS":
        return {"NS": sorted(_number(field, v) for v in value)}
    return {"BS": sorted(base64.b64encode(v).decode() for v in value)}


def _shape(value: Any) -> str:
    """A short description of a deep value (its repr could be huge, or endless for a cycle)."""
    return f"a {type(value).__name__} of {len(value)} entries"


def _value_size(value: dict[str, Any]) -> int:
    """An attribute value's size as DynamoDB counts it (Developer Guide, "Item sizes")."""
    kind, inner = next(iter(value.items()))
    if kind == "S":
        return len(inner.encode())
    if kind == "N":  # one byte per two significant digits, plus one
        digits = "".join(c for c in inner.split("E")[0].split("e")[0] if c.isdigit()).strip("0") or "0"
        return (len(digits) + 1) // 2 + 1
    if kind == "B":
        return len(base64.b64decode(inner))
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(v.encode()) for v in inner)
    if kind == "NS":
        return sum(_value_size({"N": v}) for v in inner)
    if kind == "BS":
        return sum(len(base64.b64decode(v)) for v in inner)
    if kind == "L":
        return 3 + sum(1 + _value_size(v) for v in inner)
    return 3 + sum(1 + len(k.encode()) + _value_size(v) for k, v in inner.items())  # M


def item_size(encoded: Mapping[str, dict[str, Any]]) -> int:
    return sum(len(name.encode()) + _value_size(value) for name, value in encoded.items())


def encode_item(item: Any, keys: Mapping[str, Attribute], index_keys: Mapping[str, tuple[Attribute, int]],
                ttl_attribute: str | None, *, now: float | None = None) -> str:
    """The item as a DynamoDB JSON string, or TableConfigError for what PutItem would refuse.

    ``index_keys`` maps each index key attribute to (its attribute, its key-value byte limit);
    ``now`` (epoch seconds) defaults to the reference time (``times.now``).
    """
    check(isinstance(item, Mapping), "item", item, "expected a mapping of attribute names to values")
    for name in item:
        _check_name("item", name)
    for position, (name, attr) in enumerate(keys.items()):
        check(name in item, "item", sorted(item), f"the item needs the key attribute {name!r}")
        limit = MAX_PARTITION_KEY_BYTES if position == 0 else MAX_SORT_KEY_BYTES
        _check_key_value(f"item[{name!r}]", item[name], attr, "key attribute", limit)
    for name, (attr, limit) in index_keys.items():
        if name in item and name not in keys:
            _check_key_value(f"item[{name!r}]", item[name], attr, "index key attribute", limit)
    encoded = to_attribute_value(item)["M"]
    if ttl_attribute is not None and ttl_attribute in item:
        expires = item[ttl_attribute]
        if isinstance(expires, NUMBER_TYPES) and not isinstance(expires, bool):
            current = reference_now().timestamp() if now is None else now
            check(expires > current, f"item[{ttl_attribute!r}]", expires,
                  f"a TTL in the past ({int(current)} is now) deletes the item right after it is written; "
                  "use a future epoch-seconds value or leave it out")
    size = item_size(encoded)
    check(size <= MAX_ITEM_BYTES, "item", f"{size} bytes", f"DynamoDB items are at most {MAX_ITEM_BYTES} bytes")
    return json.dumps(encoded, sort_keys=True)


MAX_PARTITION_KEY_BYTES = 2048
MAX_SORT_KEY_BYTES = 1024


def _check_key_value(field: str, value: Any, attr: Attribute, what: str, max_bytes: int | None = None) -> None:
    expected = PYTHON_TYPES[attr.type]
    check(isinstance(value, expected) and not isinstance(value, bool), field, value,
          f"{what} {attr.name!r} is of type {attr.type.value}")
    if attr.type is AttributeType.STRING:
        check(value != "", field, value, f"{what} values cannot be empty strings")
    if attr.type is AttributeType.BINARY:
        check(len(value) > 0, field, value, f"{what} values cannot be empty")
    if attr.type is AttributeType.NUMBER:
        _number(field, value)
    elif max_bytes is not None:
        size = len(value.encode()) if isinstance(value, str) else len(value)
        check(size <= max_bytes, field, f"{size} bytes", f"{what} values are at most {max_bytes} bytes")


def index_key_limits(schema: TableSchema) -> dict[str, tuple[Attribute, int]]:
    """Each index key attribute with its value limit in bytes: 2048 as a partition key, 1024 as a
    sort key (the stricter one when an attribute is both, in different indexes)."""
    limits: dict[str, tuple[Attribute, int]] = {}
    for index in schema.indexes:
        for position, attr in enumerate(schema.index_keys(index)):
            limit = MAX_PARTITION_KEY_BYTES if position == 0 else MAX_SORT_KEY_BYTES
            limits[attr.name] = (attr, min(limit, limits.get(attr.name, (attr, limit))[1]))
    return limits


def _key_identity(value: Any, attr: Attribute) -> object:
    """A key value as DynamoDB compares it (numbers by value: 1, 1.0 and Decimal("1.00") are one key)."""
    if attr.type is AttributeType.NUMBER:
        return Decimal(str(value)).normalize()
    return bytes(value) if attr.type is AttributeType.BINARY else value


_ITEM_KEYS = "item_keys"


def claim_item(table: Construct, id_: str, item: Mapping[str, Any], keys: Mapping[str, Attribute]) -> None:
    """Refuse a second item with the primary key of one already written into ``table`` (called
    after ``encode_item`` accepted ``item``; raises without a path, naming the first item's)."""
    identity = (ids_of(table), tuple((name, _key_identity(item[name], attr)) for name, attr in keys.items()))
    claimed: dict[Any, Callable[[], str]] = facts(table).registry.setdefault(_ITEM_KEYS, {})
    first = claimed.get(identity)
    if first is not None:
        fail("item key", {name: item[name] for name in keys},
             f"{first()} writes an item with this primary key already; one table holds one item per key, and the "
             "provider creates an item only where none exists (the second create fails at apply): merge the two "
             "items or give this one another key")
    claimed[identity] = lambda: f"{table.node.path}/{id_}"
