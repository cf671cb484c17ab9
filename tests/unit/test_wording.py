"""Counted nouns in the review's and migrate's reports."""

from __future__ import annotations

from dynamo_constructs.wording import plural

import pytest


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (1, "table", "1 table"), (0, "table", "0 tables"), (2, "global index", "2 global indexes"),
    (2, "resource policy", "2 resource policies"), (1, "resource policy", "1 resource policy"),
    (3, "key", "3 keys"), (2, "match", "2 matches"), (2, "alias", "2 aliases"),
])
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected
