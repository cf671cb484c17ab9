"""Every public name, argument and attribute has documentation a user can look up (``help()``, the API
reference), read as the reference reads it (``devtools/api_docs.py``); every docstring example runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dynamo_constructs

import pytest

from devtools import api_docs

EXAMPLES = api_docs.all_examples()


def test_every_public_name_argument_and_attribute_is_documented() -> None:
    assert len(dynamo_constructs.__all__) >= 60
    assert api_docs.missing() == []


class Documented:
    """A class the scan accepts.

    Args:
        size: How big.
    """

    __module__ = "dynamo_constructs.example"  # scanned as the package's own

    def __init__(self, *, size: int) -> None:
        self.size_ = size

    def grow(self, by: int) -> None:
        """Grow.

        Args:
            by: How much.
        """

    @property
    def size(self) -> int:
        """The size."""
        return self.size_


class Undocumented:
    __module__ = "dynamo_constructs.example"

    def __init__(self, *, size: int) -> None:
        self.size_ = size

    def shrink(self, by: int, *, floor: int = 0) -> None:
        """Shrink, with a stale entry.

        Args:
            by: How much.
            ceiling: Gone.
        """

    def reset(self) -> None:
        pass

    @property
    def size(self) -> int:
        return self.size_


def build(scope: Any, id_: str, *, name: str) -> None:
    """A construct-like function: ``scope`` and ``id_`` are the construct tree's.

    Args:
        name: The name.
    """


def test_the_scan_names_what_is_missing_and_what_is_stale() -> None:
    assert api_docs.missing({"Documented": Documented, "build": build}) == []
    assert api_docs.missing({"Undocumented": Undocumented}) == [
        "Undocumented: no docstring",
        "Undocumented(): argument 'size' is not in the docstring's Args",
        "Undocumented.shrink: argument 'floor' is not in the docstring's Args",
        "Undocumented.shrink: the docstring's Args describe 'ceiling', which it does not take",
        "Undocumented.reset: no docstring",
        "Undocumented.size: property without a docstring",
    ]


def test_the_profiles_and_enum_members_are_read_statically() -> None:
    """Values have no ``__doc__`` of their own: their docstring is the string after the assignment."""
    assert "Disposable tables" in api_docs.static("DEV").docstring.value
    members = api_docs.instance_attributes(dynamo_constructs.AccessLevel)
    assert members["INSERT_ONLY"][0] == "AccessLevel" and "refuses on an existing key" in str(members["INSERT_ONLY"][1])
    assert api_docs.instance_attributes(dynamo_constructs.Table)["encryption_key"] == (
        "Table", "The KMS key this table created (a ``ManagedKey``), or None.")


def test_help_shows_the_arguments_of_a_construct() -> None:
    text = str(dynamo_constructs.JobsTable.__doc__)
    assert api_docs.argument_docs(dynamo_constructs.JobsTable).keys() == {
        "table_name", "system_status_item", "system_status_expires_at", "overrides"}
    assert "system_status_expires_at:" in text


def test_the_docstrings_have_examples_where_they_help() -> None:
    assert {"Table", "Capacity", "GlobalSecondaryIndex", "Replica", "PolicyStatement"} <= {w for w, _ in EXAMPLES}


@pytest.mark.parametrize(("where", "code"), EXAMPLES, ids=[where for where, _ in EXAMPLES])
def test_a_docstring_example_runs(where: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process (no synth in an example), from an empty folder."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "example"}
    exec(compile(code, f"<{where} example>", "exec"), namespace)
    assert len(namespace) > 2, "the example defined something"
