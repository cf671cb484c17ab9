"""Items written by Terraform (``aws_dynamodb_table_item``): plain Python values in, DynamoDB
JSON out, refused at synth when PutItem would refuse them.

Rules (DynamoDB Developer Guide, "Supported data types" and "Item sizes"): key attributes
present, of their declared type and not empty; index key attributes (when present) of their
declared type and not empty; attribute names 1-65535 bytes (key attributes 1-255); numbers
of at most 38 significant digits within 1E-130..9.99E+125; no empty sets; at most 400 KB per
item; a TTL value in the past would be deleted right after the write.
"""

from __future__ import annotations

import base64
import json
import math
import time
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from .schema import Attribute, AttributeType
from .validation import check, fail

MAX_ITEM_BYTES = 400 * 1024
MAX_NAME_BYTES = 65535
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


def to_attribute_value(value: Any, field: str = "item") -> dict[str, Any]:
    """A Python value in DynamoDB's JSON attribute-value form."""
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
            check(isinstance(name, str) and 0 < len(name.encode()) <= MAX_NAME_BYTES, f"{field} attribute name",
                  name, f"expected a non-empty string of at most {MAX_NAME_BYTES} bytes")
        return {"M": {k: to_attribute_value(v, f"{field}[{k!r}]") for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [to_attribute_value(v, f"{field}[{i}]") for i, v in enumerate(value)]}
    if isinstance(value, (set, frozenset)):
        check(bool(value), field, value, "DynamoDB sets cannot be empty (leave the attribute out)")
        if all(isinstance(v, str) for v in value):
            return {"SS": sorted(value)}
        if all(isinstance(v, NUMBER_TYPES) and not isinstance(v, bool) for v in value):
            return {"NS": sorted(_number(field, v) for v in value)}
        if all(isinstance(v, bytes) for v in value):
            return {"BS": sorted(base64.b64encode(v).decode() for v in value)}
        fail(field, value, "a set holds only strings, only numbers or only bytes")
    fail(field, value, "expected str, int, float, Decimal, bool, None, bytes, a set, a list or a mapping")


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


def encode_item(item: Any, keys: Mapping[str, Attribute], index_keys: Mapping[str, Attribute],
                ttl_attribute: str | None, now: float | None = None) -> str:
    """The item as a DynamoDB JSON string, or TableConfigError for what PutItem would refuse."""
    check(isinstance(item, Mapping), "item", item, "expected a mapping of attribute names to values")
    for position, (name, attr) in enumerate(keys.items()):
        check(name in item, "item", sorted(item), f"the item needs the key attribute {name!r}")
        limit = MAX_PARTITION_KEY_BYTES if position == 0 else MAX_SORT_KEY_BYTES
        _check_key_value(f"item[{name!r}]", item[name], attr, "key attribute", limit)
    for name, attr in index_keys.items():
        if name in item and name not in keys:
            _check_key_value(f"item[{name!r}]", item[name], attr, "index key attribute")
    encoded = to_attribute_value(item)["M"]
    if ttl_attribute is not None and ttl_attribute in item:
        expires = item[ttl_attribute]
        if isinstance(expires, NUMBER_TYPES) and not isinstance(expires, bool):
            current = time.time() if now is None else now
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
        check(size <= max_bytes, field, f"{size} bytes", f"a {what} value is at most {max_bytes} bytes")


def index_key_attributes(keys: Sequence[Attribute]) -> dict[str, Attribute]:
    return {a.name: a for a in keys}
