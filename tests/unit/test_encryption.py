"""TableEncryption: three closed variants, validated when made, rendering the SSE block."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dynamo_constructs import TableConfigError, TableEncryption

import pytest

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
WHERE = "TableEncryption.customer_managed_key"

CASES: list[tuple[str, Callable[[], Any], str, str, Any, str]] = [
    ("malformed key ARN", lambda: TableEncryption.customer_managed_key("my-key"), WHERE, "key_arn", "my-key",
     "KMS key ARN"),
    ("key ARN in an unknown region", lambda: TableEncryption.customer_managed_key(KEY.replace("us-east-1", "xx-mars-1")),
     WHERE, "key_arn", KEY.replace("us-east-1", "xx-mars-1"), "not a known region"),
    ("key ARN and alias", lambda: TableEncryption.customer_managed_key(KEY, alias="alias/x"), WHERE, "alias", "alias/x",
     "only created for a key the library creates"),
    ("window below 7", lambda: TableEncryption.customer_managed_key(deletion_window_in_days=3), WHERE,
     "deletion_window_in_days", 3, "from 7 to 30"),
    ("window above 30", lambda: TableEncryption.customer_managed_key(deletion_window_in_days=31), WHERE,
     "deletion_window_in_days", 31, "from 7 to 30"),
    ("reserved alias", lambda: TableEncryption.customer_managed_key(alias="alias/aws/dynamodb"), WHERE, "alias",
     "alias/aws/dynamodb", "not under 'alias/aws/'"),
    ("alias without prefix", lambda: TableEncryption.customer_managed_key(alias="orders"), WHERE, "alias", "orders",
     "'alias/<name>'"),
    ("direct construction", lambda: TableEncryption(), "TableEncryption", "constructor", "TableEncryption(...)",
     "aws_owned()"),
]


@pytest.mark.parametrize(("make", "where", "field", "value", "accepted"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule(make: Callable[[], Any], where: str, field: str, value: Any, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        make()
    assert (caught.value.path, caught.value.field, caught.value.value) == (where, field, value)
    assert accepted in caught.value.accepted


def test_variants_render_their_sse_block() -> None:
    assert TableEncryption.aws_managed()._render_sse(None) == {"enabled": True}
    assert TableEncryption.customer_managed_key(KEY)._render_sse(KEY) == {"enabled": True, "kms_key_arn": KEY}
    created = TableEncryption.customer_managed_key(deletion_window_in_days=7, alias="alias/orders")
    assert created._render_sse("${key}") == {"enabled": True, "kms_key_arn": "${key}"}


def test_what_each_variant_says_about_keys() -> None:
    owned, managed = TableEncryption.aws_owned(), TableEncryption.aws_managed()
    given, created = TableEncryption.customer_managed_key(KEY), TableEncryption.customer_managed_key()
    assert [e.creates_key for e in (owned, managed, given, created)] == [False, False, False, True]
    assert [e.is_customer_managed for e in (owned, managed, given, created)] == [False, False, True, True]
    assert [e.given_key_arn for e in (owned, managed, given, created)] == [None, None, KEY, None]
