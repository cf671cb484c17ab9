"""Items written by Terraform: refused at synth when PutItem would refuse them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from dynamo_constructs import Attribute, GlobalSecondaryIndex, Table, TableConfigError
from dynamo_constructs.items import MAX_ITEM_BYTES, encode_item, item_size, to_attribute_value

import pytest

from tests.support.helpers import new_stack, only, synth

KEYS = {"pk": Attribute.string("pk"), "n": Attribute.number("n")}
INDEX = {"status": Attribute.string("status"), "blob": Attribute.binary("blob")}
NOW = 1_800_000_000


def refused(item: Any, ttl: str | None = None) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        encode_item(item, KEYS, INDEX, ttl, now=NOW)
    assert caught.value.path is None
    return caught.value


@pytest.mark.parametrize(("item", "field", "accepted"), [
    ({"n": 1}, "item", "needs the key attribute 'pk'"),
    ({"pk": "", "n": 1}, "item['pk']", "cannot be empty strings"),
    ({"pk": "a", "n": "1"}, "item['n']", "of type N"),
    ({"pk": "a", "n": True}, "item['n']", "of type N"),
    ({"pk": "a" * 2049, "n": 1}, "item['pk']", "at most 2048 bytes"),
    ({"pk": "a", "n": 1, "status": ""}, "item['status']", "cannot be empty strings"),
    ({"pk": "a", "n": 1, "status": 5}, "item['status']", "of type S"),
    ({"pk": "a", "n": 1, "blob": b""}, "item['blob']", "cannot be empty"),
    ({"pk": "a", "n": 1, "big": Decimal("1." + "1" * 38)}, "item['big']", "at most 38 significant digits"),
    ({"pk": "a", "n": 1, "huge": Decimal("1E+126")}, "item['huge']", "9.99E+125"),
    ({"pk": "a", "n": 1, "nan": float("nan")}, "item['nan']", "finite"),
    ({"pk": "a", "n": 1, "m": {"": 1}}, "item['m'] attribute name", "non-empty"),
    ({"pk": "a", "n": 1, "s": set()}, "item['s']", "cannot be empty"),
    ({"pk": "a", "n": 1, "s": {"a", 1}}, "item['s']", "only strings, only numbers or only bytes"),
    ({"pk": "a", "n": 1, "o": object()}, "item['o']", "expected str"),
    ({"pk": "a", "n": 1, "blob_body": "x" * MAX_ITEM_BYTES}, "item", f"at most {MAX_ITEM_BYTES} bytes"),
    (["pk"], "item", "mapping"),
])
def test_refused(item: Any, field: str, accepted: str) -> None:
    error = refused(item)
    assert error.field == field and accepted in error.accepted


def test_a_ttl_in_the_past_is_refused_and_a_future_one_kept() -> None:
    error = refused({"pk": "a", "n": 1, "ttl": NOW - 1}, ttl="ttl")
    assert error.field == "item['ttl']" and "in the past" in error.accepted
    assert json.loads(encode_item({"pk": "a", "n": 1, "ttl": NOW + 60}, KEYS, INDEX, "ttl", now=NOW))["ttl"] == {"N": str(NOW + 60)}


def test_values_in_dynamodb_json() -> None:
    assert to_attribute_value({"s": {"b", "a"}, "n": {2, 1}, "b": {b"x"}, "d": Decimal("1.50"), "l": [None, True]}) == {"M": {
        "s": {"SS": ["a", "b"]}, "n": {"NS": ["1", "2"]}, "b": {"BS": ["eA=="]}, "d": {"N": "1.50"},
        "l": {"L": [{"NULL": True}, {"BOOL": True}]}}}


def test_item_size_follows_dynamodbs_rules() -> None:
    encoded = to_attribute_value({"pk": "abc", "n": 12345, "flag": True})["M"]
    assert item_size(encoded) == (2 + 3) + (1 + 4) + (4 + 1)


def test_add_item_names_the_item_path() -> None:
    table = Table(new_stack(), "items", partition_key=Attribute.string("pk"),
                  global_indexes=[GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"))])
    with pytest.raises(TableConfigError) as caught:
        table.add_item("bad", {"pk": "a", "status": ""})
    assert caught.value.path == "test/items/bad" and caught.value.field == "item['status']"


def test_add_item_writes_dynamodb_json() -> None:
    stack = new_stack()
    Table(stack, "items", partition_key=Attribute.string("pk")).add_item("first", {"pk": "a", "tags": {"x"}})
    assert json.loads(only(synth(stack), "aws_dynamodb_table_item")["item"]) == {"pk": {"S": "a"}, "tags": {"SS": ["x"]}}
