"""Lambda event filter patterns on a table's stream: what Lambda refuses, and what could never match."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import Attribute, StreamConsumer, Table, TableConfigError
from dynamo_constructs.filters import MAX_PATTERN_CHARS, check_filter_patterns

import pytest

from tests.support.helpers import new_stack, only, synth


def consumer_error(patterns: Any, stream: str = "NEW_AND_OLD_IMAGES") -> TableConfigError:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"), stream=stream)
    with pytest.raises(TableConfigError) as caught:
        StreamConsumer(stack, "consumer", table=table, function="fn", filter_patterns=patterns)
    assert caught.value.path == "test/consumer"
    return caught.value


def test_a_pattern_as_a_dict_or_as_json_text_renders_the_same() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"), stream="NEW_IMAGE")
    written = {"eventName": ["INSERT", "MODIFY"], "dynamodb": {"NewImage": {
        "status": {"S": ["done", {"prefix": "fail"}]}, "total": {"N": [{"numeric": [">", 0, "<=", 100]}]},
        "$or": [{"flag": {"BOOL": [True]}}, {"note": {"S": [{"exists": False}]}}]}}}
    StreamConsumer(stack, "consumer", table=table, function="fn",
                   filter_patterns=[written, json.dumps(written, indent=2), '{"eventName": [{"anything-but": "REMOVE"}]}'])
    filters = only(synth(stack), "aws_lambda_event_source_mapping")["filter_criteria"]["filter"]
    assert [f["pattern"] for f in filters] == [json.dumps(written, sort_keys=True)] * 2 + [
        '{"eventName": [{"anything-but": "REMOVE"}]}']


# id, patterns, field, value, fragment of "accepted"
REFUSED: list[tuple[str, Any, str, Any, str]] = [
    ("a single pattern, not a list", {"eventName": ["INSERT"]}, "filter_patterns", {"eventName": ["INSERT"]},
     "not a mapping"),
    ("six patterns", [{"eventName": ["INSERT"]}] * 6, "filter_patterns", "6 patterns", "at most 5"),
    ("JSON text with a syntax error", ['{"eventName": ["INSERT"]'], "filter_patterns[0]", '{"eventName": ["INSERT"]',
     "not valid JSON (Expecting ',' delimiter at line 1 column 25)"),
    ("JSON text that is not an object", ["[1, 2]"], "filter_patterns[0]", [1, 2], "expected an event pattern object"),
    ("a bare value where a list is expected", [{"eventName": "INSERT"}], "filter_patterns[0]", "INSERT",
     'at $.eventName (in the pattern): match values are a list: write ["INSERT"]'),
    ("a bare value deep in an image", [{"dynamodb": {"Keys": {"pk": {"S": "a"}}}}], "filter_patterns[0]", "a",
     'at $.dynamodb.Keys.pk.S (in the pattern): match values are a list: write ["a"]'),
    ("an empty pattern", [{}], "filter_patterns[0]", {}, "expected an object with some of the keys eventID"),
    ("an empty match list", [{"eventName": []}], "filter_patterns[0]", [], "matches nothing"),
    ("a key stream records do not have", [{"eventname": ["INSERT"]}], "filter_patterns[0]", "eventname",
     "did you mean 'eventName'?"),
    ("a dynamodb key records do not have", [{"dynamodb": {"Newimage": {"a": {"S": ["x"]}}}}], "filter_patterns[0]",
     "Newimage", "did you mean 'NewImage'?"),
    ("an attribute without its type", [{"dynamodb": {"NewImage": {"status": ["done"]}}}], "filter_patterns[0]",
     ["done"], "matched by its DynamoDB type"),
    ("an unknown attribute type", [{"dynamodb": {"Keys": {"pk": {"STR": ["a"]}}}}], "filter_patterns[0]", "STR",
     "expected a DynamoDB type"),
    ("an event name in lower case", [{"eventName": ["insert"]}], "filter_patterns[0]", "insert",
     "one of INSERT, MODIFY, REMOVE"),
    ("an unknown operator", [{"eventName": [{"wildcard": "IN*"}]}], "filter_patterns[0]", {"wildcard": "IN*"},
     "one key of prefix, suffix"),
    ("numeric with a bad operator", [{"dynamodb": {"SizeBytes": [{"numeric": ["=>", 5]}]}}], "filter_patterns[0]",
     ["=>", 5], "numeric takes [operator, number]"),
    ("exists with a string", [{"dynamodb": {"Keys": {"pk": {"S": [{"exists": "yes"}]}}}}], "filter_patterns[0]",
     "yes", "exists takes true or false"),
    ("$or with one alternative", [{"$or": [{"eventName": ["INSERT"]}]}], "filter_patterns[0]",
     [{"eventName": ["INSERT"]}], "at least two alternatives"),
    ("a match value of another type", [{"eventName": [["INSERT"]]}], "filter_patterns[0]", ["INSERT"],
     "a match value is a string"),
]


@pytest.mark.parametrize(("patterns", "field", "value", "accepted"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_bad_pattern_is_refused_with_its_place(patterns: Any, field: str, value: Any, accepted: str) -> None:
    error = consumer_error(patterns)
    assert (error.field, error.value) == (field, value)
    assert accepted in error.accepted


def test_the_position_of_the_bad_pattern_is_named() -> None:
    error = consumer_error([{"eventName": ["INSERT"]}, {"eventName": "REMOVE"}])
    assert (error.field, error.value) == ("filter_patterns[1]", "REMOVE")


@pytest.mark.parametrize(("stream", "image", "needs"), [
    ("KEYS_ONLY", "NewImage", "NEW_IMAGE or NEW_AND_OLD_IMAGES"),
    ("NEW_IMAGE", "OldImage", "OLD_IMAGE or NEW_AND_OLD_IMAGES"),
])
def test_an_image_the_stream_does_not_carry_is_refused(stream: str, image: str, needs: str) -> None:
    error = consumer_error([{"dynamodb": {image: {"status": {"S": ["done"]}}}}], stream=stream)
    assert (error.field, error.value) == ("filter_patterns[0]", image)
    assert f"the table's stream is {stream}: its records have no {image} (that needs {needs})" in error.accepted


def test_a_pattern_longer_than_lambda_stores_is_refused() -> None:
    names = [f"v{i:05d}" for i in range(600)]
    error = consumer_error([{"dynamodb": {"Keys": {"pk": {"S": names}}}}])
    size = len(json.dumps({"dynamodb": {"Keys": {"pk": {"S": names}}}}, sort_keys=True))
    assert size > MAX_PATTERN_CHARS
    assert (error.field, error.value) == ("filter_patterns[0]", f"{size} characters of JSON")


def test_the_longest_pattern_lambda_stores_is_accepted() -> None:
    head = {"dynamodb": {"Keys": {"pk": {"S": [""]}}}}
    fill = MAX_PATTERN_CHARS - len(json.dumps(head, sort_keys=True))
    (rendered,) = check_filter_patterns("filter_patterns", [{"dynamodb": {"Keys": {"pk": {"S": ["x" * fill]}}}}])
    assert len(rendered) == MAX_PATTERN_CHARS
