"""Items written by Terraform: refused at synth when PutItem would refuse them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from dynamo_constructs import Attribute, GlobalSecondaryIndex, Table, TableConfigError
from dynamo_constructs.items import MAX_ITEM_BYTES, encode_item, item_size, to_attribute_value

import pytest

from tests.support.helpers import new_stack, only, resources, synth

KEYS = {"pk": Attribute.string("pk"), "n": Attribute.number("n")}
INDEX = {"status": (Attribute.string("status"), 2048), "blob": (Attribute.binary("blob"), 1024)}  # attribute, byte limit
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
    ({"pk": "a", "n": 1, "blob": b"x" * 1025}, "item['blob']", "index key attribute values are at most 1024 bytes"),
    ({"pk": "a", "n": 1, "big": Decimal("1." + "1" * 38)}, "item['big']", "at most 38 significant digits"),
    ({"pk": "a", "n": 1, "huge": Decimal("1E+126")}, "item['huge']", "9.99E+125"),
    ({"pk": "a", "n": 1, "nan": float("nan")}, "item['nan']", "finite"),
    ({"pk": "a", "n": 1, "m": {"": 1}}, "item['m'] attribute name", "non-empty"),
    ({"pk": "a", "n": 1, "s": set()}, "item['s']", "cannot be empty"),
    ({"pk": "a", "n": 1, "s": {"a", 1}}, "item['s'] element", "this NS set also holds a str"),
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


def test_an_index_key_gets_its_strictest_limit() -> None:
    """``status`` partitions one index and sorts another: as a sort key its values stop at 1024 bytes."""
    table = Table(new_stack(), "items", partition_key=Attribute.string("pk"), global_indexes=[
        GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status")),
        GlobalSecondaryIndex(name="ByOwner", partition_key=Attribute.string("owner"), sort_key=Attribute.string("status"))])
    table.add_item("fits", {"pk": "a", "status": "s" * 1024})
    with pytest.raises(TableConfigError) as caught:
        table.add_item("long", {"pk": "b", "status": "s" * 1025})
    assert (caught.value.field, caught.value.value) == ("item['status']", "1025 bytes")
    assert caught.value.accepted == "index key attribute values are at most 1024 bytes"


def test_add_item_writes_dynamodb_json() -> None:
    stack = new_stack()
    Table(stack, "items", partition_key=Attribute.string("pk")).add_item("first", {"pk": "a", "tags": {"x"}})
    assert json.loads(only(synth(stack), "aws_dynamodb_table_item")["item"]) == {"pk": {"S": "a"}, "tags": {"SS": ["x"]}}


def nested(depth: int) -> Any:
    """A value whose leaf is at level ``depth`` once it is an attribute (the attribute is level 1)."""
    value: Any = "leaf"
    for _ in range(depth - 1):
        value = {"n": value}
    return value


def test_documents_nest_at_most_32_levels() -> None:
    assert json.loads(encode_item({"pk": "a", "n": 1, "deep": nested(32)}, KEYS, INDEX, None, now=NOW))["deep"]
    error = refused({"pk": "a", "n": 1, "deep": nested(33)})
    assert error.field == "item['deep']" + "['n']" * 31 and error.value == "a dict of 1 entries"
    assert "at most 32 levels deep (an attribute is level 1)" in error.accepted
    lists = refused({"pk": "a", "n": 1, "deep": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})
    assert lists.field == "item['deep']" + "[0]" * 31


def test_a_value_that_contains_itself_is_refused_not_a_recursion_error() -> None:
    loop: list[Any] = []
    loop.append(loop)
    error = refused({"pk": "a", "n": 1, "loop": loop})
    assert error.field.startswith("item['loop'][0]") and "32 levels" in error.accepted


@pytest.mark.parametrize(("item", "field", "value"), [
    ({"pk": "a", "n": 1, 7: "x"}, "item attribute name", 7),
    ({1: "x"}, "item attribute name", 1),
    ({"pk": "a", "n": 1, "m": {"ok": {("t",): 1}}}, "item['m']['ok'] attribute name", ("t",)),
    ({"pk": "a", "n": 1, "x" * 65536: 1}, "item attribute name", "x" * 65536),
])
def test_attribute_names_are_strings_of_at_most_65535_bytes(item: Any, field: str, value: Any) -> None:
    error = refused(item)
    assert (error.field, error.value) == (field, value)
    assert "DynamoDB attribute names are strings" in error.accepted


@pytest.mark.parametrize(("values", "element", "accepted"), [
    ({True, False}, False, "not booleans"),
    ({1, 2, "3"}, "3", "this NS set also holds a str"),
    ({b"x", "x"}, "x", "this BS set also holds a str"),
    ({1.5, None}, None, "this element is a NoneType"),
])
def test_set_elements_are_of_the_sets_one_type(values: Any, element: Any, accepted: str) -> None:
    error = refused({"pk": "a", "n": 1, "s": values})
    assert (error.field, error.value) == ("item['s'] element", element)
    assert accepted in error.accepted


def test_index_sort_keys_are_at_most_1024_bytes_partition_keys_2048() -> None:
    stack = new_stack()
    table = Table(stack, "items", partition_key=Attribute.string("pk"), global_indexes=[
        GlobalSecondaryIndex(name="ByOwner", partition_key=Attribute.string("owner"), sort_key=Attribute.string("at"))])
    table.add_item("fine", {"pk": "a", "owner": "o" * 2048, "at": "t" * 1024})
    with pytest.raises(TableConfigError) as caught:
        table.add_item("long_sort", {"pk": "b", "at": "t" * 1025})
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/items/long_sort", "item['at']",
                                                                           "1025 bytes")
    with pytest.raises(TableConfigError) as caught:
        table.add_item("long_partition", {"pk": "c", "owner": "o" * 2049})
    assert (caught.value.field, caught.value.value) == ("item['owner']", "2049 bytes")


def test_two_items_with_one_primary_key_are_refused() -> None:
    stack = new_stack()
    table = Table(stack, "items", partition_key=Attribute.string("pk"), sort_key=Attribute.number("n"))
    table.add_item("first", {"pk": "a", "n": 1, "v": "x"})
    table.add_item("other_sort_key", {"pk": "a", "n": 2})
    with pytest.raises(TableConfigError) as caught:
        table.add_item("second", {"pk": "a", "n": Decimal("1.00"), "v": "y"})  # DynamoDB compares numbers by value
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/items/second", "item key",
                                                                           {"pk": "a", "n": Decimal("1.00")})
    assert caught.value.accepted.startswith("test/items/first writes an item with this primary key already")
    other = Table(stack, "others", partition_key=Attribute.string("pk"), sort_key=Attribute.number("n"))
    other.add_item("first", {"pk": "a", "n": 1})  # another table: another key space
    assert len(resources(synth(stack), "aws_dynamodb_table_item")) == 3
