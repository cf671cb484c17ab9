"""The check helpers every rule is written with: the error names field, value and what is accepted."""

from __future__ import annotations

from enum import StrEnum

from dynamo_constructs import TableConfigError
from dynamo_constructs.validation import (
    check,
    check_bool,
    check_int_range,
    check_sequence,
    check_type,
    coerce_enum,
    is_literal,
    located,
)

import pytest


class Colour(StrEnum):
    RED = "red"


def raised(call: object) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_a_bool_is_never_an_int_and_never_a_str() -> None:
    assert raised(lambda: check_int_range("units", True, 1)).accepted == "expected an integer >= 1"
    assert raised(lambda: check_type("units", False, int, "expected a number")).value is False
    check_type("flag", True, bool, "expected True or False")
    assert raised(lambda: check_bool("flag", 1)).accepted == "expected True or False"


def test_ranges_say_their_bounds() -> None:
    assert raised(lambda: check_int_range("days", 40, 1, 35, "Backup")).accepted == "expected an integer from 1 to 35"
    assert raised(lambda: check_int_range("days", 40, 1, 35, "Backup")).path == "Backup"


def test_enums_take_members_or_their_values() -> None:
    assert coerce_enum("colour", Colour, "red") is Colour.RED
    assert coerce_enum("colour", Colour, Colour.RED) is Colour.RED
    error = raised(lambda: coerce_enum("colour", Colour, 3))
    assert (error.field, error.value, error.accepted) == ("colour", 3, "expected one of red")


def test_a_sequence_is_a_list_or_tuple_never_a_string() -> None:
    assert check_sequence("names", ["a"], "of names") == ("a",)
    assert raised(lambda: check_sequence("names", "ab", "of names")).accepted == ("expected a list of names, not a single "
                                                                                  "string: write ['ab']")
    assert raised(lambda: check_sequence("names", {"a": 1}, "of names")).accepted == "expected a list of names, not a mapping"
    assert "a set has no order" in raised(lambda: check_sequence("names", {"a"}, "of names")).accepted
    assert raised(lambda: check_sequence("names", 5, "of names")).accepted == "expected a list of names"
    element = raised(lambda: check_sequence("names", ["a", 5], "of names", each=lambda f, v: check(
        isinstance(v, str), f, v, "expected a string")))
    assert (element.field, element.value) == ("names[1]", 5)


def test_tokens_are_not_literals() -> None:
    assert not is_literal("${aws_kms_key.k.arn}") and is_literal("alias/x") and is_literal(3)


def test_located_adds_the_path_once_and_only_on_failure() -> None:
    asked: list[str] = []

    def path() -> str:
        asked.append("asked")
        return "stack/table"

    with located(path):
        pass
    assert asked == []
    with pytest.raises(TableConfigError) as caught, located(path):
        check_bool("flag", "no")
    assert caught.value.path == "stack/table" and str(caught.value).startswith("stack/table: invalid flag='no'")
    with pytest.raises(TableConfigError) as kept, located(path):
        check_bool("flag", "no", "Replica 'us-west-2'")
    assert kept.value.path == "Replica 'us-west-2'"


def test_help_shows_a_constructs_real_signature() -> None:
    """jsii's metaclass would make ``help(Table)`` say ``Table(*args, **kwargs)``: checked classes carry
    their ``__init__``'s signature instead (without ``self``)."""
    import inspect

    import dynamo_constructs as dc

    for cls in (dc.Table, dc.TableAlarms, dc.JobsTable, dc.TableBackups):
        parameters = inspect.signature(cls).parameters
        assert list(parameters)[:2] == ["scope", "id_"], cls
        assert "args" not in parameters and "self" not in parameters, cls
    assert {"partition_key", "billing", "adopt_existing", "index_maintenance"} <= set(inspect.signature(dc.Table).parameters)
