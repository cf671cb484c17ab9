"""Encryption at rest as a closed value object (AWS CDK's ``encryption.ts``).

``TableEncryption.aws_owned()``, ``.aws_managed()`` or ``.customer_managed_key(...)``; each
validates when it is made and renders the table's ``server_side_encryption`` block itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from ._values import ClosedValue
from .names import check_kms_alias, check_kms_key_arn
from .validation import check, check_int_range, checked_arguments, fail

DEFAULT_DELETION_WINDOW = 30
ENCRYPTION_CONSTRUCTORS = ("TableEncryption.aws_owned(), TableEncryption.aws_managed() or "
                           "TableEncryption.customer_managed_key(...)")


@checked_arguments
class TableEncryption(ClosedValue, ABC):
    """Which key encrypts the table.

    ``customer_managed_key()`` without ``key_arn`` creates a key (rotation on, an explicit key
    policy, an alias; and one key in each replica region); with ``key_arn`` it uses that key.
    ``TableEncryption(...)`` cannot be called directly.

    Example:
        ```python
        from dynamo_constructs import TableEncryption

        created = TableEncryption.customer_managed_key(deletion_window_in_days=7)
        given = TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/1111")
        ```
    """

    _constructors = ENCRYPTION_CONSTRUCTORS

    @staticmethod
    def aws_owned() -> TableEncryption:
        """The AWS-owned key (no charge, no key policy to manage; not visible in your account)."""
        return _AwsOwned()

    @staticmethod
    def aws_managed() -> TableEncryption:
        """The account's AWS-managed key ``alias/aws/dynamodb`` (KMS charges apply)."""
        return _AwsManaged()

    @staticmethod
    def customer_managed_key(key_arn: str | None = None, *, deletion_window_in_days: int = DEFAULT_DELETION_WINDOW,
                             alias: str | None = None) -> TableEncryption:
        """A customer-managed key: the one at ``key_arn``, or a created one.

        A created key has rotation on, an explicit key policy (the account's root, DynamoDB through
        the table, and the principals of cross-account grants) and an alias; a replica Region gets
        a key of its own. Switching away from a created key deletes it after its deletion window:
        ``Table(retain_previous_key=True)`` keeps it while older recovery points need it.

        Args:
            key_arn: The ARN of an existing key in the table's Region. Default: a key is created.
            deletion_window_in_days: A created key's deletion window, 7-30 days (only without ``key_arn``).
            alias: A created key's alias (``alias/...``, at most 256 characters, not under
                ``alias/aws/``; only without ``key_arn``). Default: ``alias/dynamodb/<table name>``.
        """
        where = "TableEncryption.customer_managed_key"
        if key_arn is not None:
            check_kms_key_arn("key_arn", key_arn, where)
            check(alias is None, "alias", alias, "an alias is only created for a key the library creates (omit key_arn)",
                  where)
        else:
            check_int_range("deletion_window_in_days", deletion_window_in_days, 7, 30, where)
            if alias is not None:
                check_kms_alias("alias", alias, where)
        return _CustomerManaged(key_arn=key_arn, deletion_window_in_days=deletion_window_in_days, alias=alias)

    @property
    def creates_key(self) -> bool:
        """Whether the library creates the key (a customer-managed key without ``key_arn``)."""
        return isinstance(self, _CustomerManaged) and self.key_arn is None

    @property
    def is_aws_managed(self) -> bool:
        """The account's ``aws/dynamodb`` key: its policy cannot be changed (so no cross-account access)."""
        return isinstance(self, _AwsManaged)

    @property
    def is_customer_managed(self) -> bool:
        """Whether a customer-managed key (given or created) encrypts the table."""
        return isinstance(self, _CustomerManaged)

    @property
    def given_key_arn(self) -> str | None:
        """The ARN of an existing customer-managed key, if one was given."""
        return self.key_arn if isinstance(self, _CustomerManaged) else None

    @property
    def key_deletion_window(self) -> int:
        """The deletion window of a key the library creates (30 days unless given)."""
        return self.deletion_window_in_days if isinstance(self, _CustomerManaged) else DEFAULT_DELETION_WINDOW

    @property
    def key_alias(self) -> str | None:
        """The alias given for a key the library creates, or None (the default alias)."""
        return self.alias if isinstance(self, _CustomerManaged) else None

    @abstractmethod
    def _render_sse(self, key_arn: str | None) -> dict[str, Any] | None:
        """The ``server_side_encryption`` block; ``key_arn`` is the created or given key."""


@dataclass(frozen=True, repr=False)
class _AwsOwned(TableEncryption):
    _spelling = "TableEncryption.aws_owned"

    def _render_sse(self, key_arn: str | None) -> dict[str, Any] | None:
        # Explicit: the provider treats an omitted block as "no change", so a table switched from a
        # customer-managed key would stay on it (and become unreadable once that key is deleted).
        return {"enabled": False}


@dataclass(frozen=True, repr=False)
class _AwsManaged(TableEncryption):
    _spelling = "TableEncryption.aws_managed"

    def _render_sse(self, key_arn: str | None) -> dict[str, Any] | None:
        return {"enabled": True}


@dataclass(frozen=True, repr=False)
class _CustomerManaged(TableEncryption):
    _spelling = "TableEncryption.customer_managed_key"

    key_arn: str | None
    deletion_window_in_days: int
    alias: str | None

    def _render_sse(self, key_arn: str | None) -> dict[str, Any] | None:
        return {"enabled": True, "kms_key_arn": key_arn}


def check_encryption(field: str, encryption: object) -> TableEncryption:
    if not isinstance(encryption, TableEncryption):
        fail(field, encryption, f"expected {ENCRYPTION_CONSTRUCTORS}")
    return encryption

