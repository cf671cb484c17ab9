"""Who a grant or a resource-policy statement is for, as a closed value object.

``Principal.role(...)`` and ``Principal.user(...)`` are IAM identities: a grant to them is an
identity policy attached to the role or user. ``Principal.account(...)`` and
``Principal.service(...)`` cannot carry an identity policy in this account, so a grant to them
is a statement in the table's resource policy (DynamoDB evaluates both). Each is validated when
it is made; wildcards (``"*"``) are not principals to grant to (name the account instead):
``Principal.everyone()`` exists only for a ``Deny`` whose exceptions a condition names.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from ._values import ClosedValue
from .names import (
    ACCOUNT_ID,
    ROLE_ARN,
    USER_ARN,
    check_account_id,
    check_role,
    check_service_principal,
    check_user,
    role_name,
    user_name,
)
from .validation import checked_arguments, fail, is_literal, matches

PRINCIPAL_CONSTRUCTORS = ("Principal.role(name_or_arn), Principal.user(name_or_arn), Principal.account(account_id) "
                          "or Principal.service(name)")


@checked_arguments
class Principal(ClosedValue, ABC):
    """Who a grant or a resource-policy statement is for: an IAM role or user, an AWS account or an
    AWS service principal. ``Principal(...)`` cannot be called directly.

    A grant to a role or user is an identity policy attached to it; accounts and services cannot
    carry an identity policy from this account, so a grant to them is a statement in the table's
    resource policy. Wildcards are not principals to grant to (name the account instead).

    Example:
        ```python
        from dynamo_constructs import Principal

        partner = Principal.account("111122223333")
        api = Principal.role("arn:aws:iam::123456789012:role/app/api")
        ```
    """

    _constructors = PRINCIPAL_CONSTRUCTORS

    @staticmethod
    def role(name_or_arn: str) -> Principal:
        """An IAM role by name (this account) or ARN (any account; a path is allowed).

        Args:
            name_or_arn: The role's name (IAM's rules) or ARN (``arn:aws:iam::<account>:role/<path/name>``),
                or a reference to one.
        """
        check_role("role", name_or_arn, "Principal.role")
        return _Role(name_or_arn=name_or_arn)

    @staticmethod
    def user(name_or_arn: str) -> Principal:
        """An IAM user by name (this account) or ARN.

        Args:
            name_or_arn: The user's name (IAM's rules) or ARN (``arn:aws:iam::<account>:user/<path/name>``),
                or a reference to one.
        """
        check_user("user", name_or_arn, "Principal.user")
        return _User(name_or_arn=name_or_arn)

    @staticmethod
    def account(account_id: str) -> Principal:
        """Every identity of another (or this) AWS account that its own IAM policies allow (the
        account's root ARN in a policy).

        Args:
            account_id: The 12-digit account ID.
        """
        check_account_id("account_id", account_id, "Principal.account")
        return _Account(account_id=account_id)

    @staticmethod
    def service(name: str) -> Principal:
        """An AWS service, e.g. ``Principal.service("lambda.amazonaws.com")``.

        Args:
            name: The service principal, ``<service>.amazonaws.com`` (or the partition's domain).
        """
        check_service_principal("service", name, "Principal.service")
        return _Service(name=name)

    @staticmethod
    def everyone() -> Principal:
        """Every principal (``"*"``), only for a ``Deny`` statement whose exceptions a condition names
        (``ArnNotEquals`` on ``aws:PrincipalArn``, as AWS recommends over ``NotPrincipal``); a
        resource policy refuses it in an ``Allow``, which would make the table public."""
        return _Everyone()

    @property
    def is_everyone(self) -> bool:
        """Whether this is ``Principal.everyone()``."""
        return isinstance(self, _Everyone)

    @property
    def is_identity(self) -> bool:
        """True for roles and users: they take identity policies; others go into resource policies."""
        return self.attachment is not None

    @property
    def is_account(self) -> bool:
        """Whether this is an account (``Principal.account``)."""
        return isinstance(self, _Account)

    @property
    def slug(self) -> str:
        """A short id-safe name (accounts and services), used in default grant ids."""
        if isinstance(self, _Account):
            return f"account_{self.account_id}"
        if isinstance(self, _Service):
            return self.name.split(".")[0].replace("-", "_")
        return "everyone" if isinstance(self, _Everyone) else "identity"

    @property
    def attachment(self) -> tuple[str, str] | None:
        """("role" or "user", the name or ARN) for an IAM identity an identity policy is attached
        to; None for accounts and services."""
        return None

    @abstractmethod
    def _render(self, partition: str) -> dict[str, str]:
        """The ``Principal`` element of a resource-policy statement (``partition`` for ARNs built here)."""


@dataclass(frozen=True, repr=False)
class _Role(Principal):
    _spelling = "Principal.role"
    name_or_arn: str

    @property
    def name(self) -> str:
        return role_name(self.name_or_arn)

    @property
    def attachment(self) -> tuple[str, str]:
        return "role", self.name_or_arn

    def _render(self, partition: str) -> dict[str, str]:
        if is_literal(self.name_or_arn) and not matches(ROLE_ARN, self.name_or_arn):
            fail("principal", self.name_or_arn, "a resource policy names a role by its ARN "
                 "(arn:aws:iam::<account>:role/<name>); a role name alone is ambiguous across accounts")
        return {"AWS": self.name_or_arn}


@dataclass(frozen=True, repr=False)
class _User(Principal):
    _spelling = "Principal.user"
    name_or_arn: str

    @property
    def name(self) -> str:
        return user_name(self.name_or_arn)

    @property
    def attachment(self) -> tuple[str, str]:
        return "user", self.name_or_arn

    def _render(self, partition: str) -> dict[str, str]:
        if is_literal(self.name_or_arn) and not matches(USER_ARN, self.name_or_arn):
            fail("principal", self.name_or_arn, "a resource policy names a user by its ARN "
                 "(arn:aws:iam::<account>:user/<name>)")
        return {"AWS": self.name_or_arn}


@dataclass(frozen=True, repr=False)
class _Account(Principal):
    _spelling = "Principal.account"
    account_id: str

    def _render(self, partition: str) -> dict[str, str]:
        # The root ARN, not the bare ID: AWS stores IDs as root ARNs, and the stored form is what
        # Terraform reads back (a bare ID would re-plan forever).
        return {"AWS": f"arn:{partition}:iam::{self.account_id}:root"}


@dataclass(frozen=True, repr=False)
class _Service(Principal):
    _spelling = "Principal.service"
    name: str

    def _render(self, partition: str) -> dict[str, str]:
        return {"Service": self.name}


@dataclass(frozen=True, repr=False)
class _Everyone(Principal):
    _spelling = "Principal.everyone"

    def _render(self, partition: str) -> dict[str, str]:
        return {"AWS": "*"}


def check_principal(field: str, principal: Any, where: str | None = None) -> Principal:
    if not isinstance(principal, Principal):
        fail(field, principal, f"expected {PRINCIPAL_CONSTRUCTORS}", where)
    return principal


def principal_of(field: str, grantee: Any, where: str | None = None) -> Principal:
    """A grantee: a Principal, or a string naming a role (name or ARN), as grants always accepted."""
    if isinstance(grantee, str):
        check_role(field, grantee, where)
        if matches(ACCOUNT_ID, grantee):
            fail(field, grantee, "a 12-digit string is ambiguous: use Principal.account(...) for an account, or "
                 "Principal.role(...) for a role with that name", where)
        return _Role(name_or_arn=grantee)
    return check_principal(field, grantee, where)
