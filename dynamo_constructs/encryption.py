"""Encryption at rest: the table's choice, and the customer-managed KMS key construct.

``ManagedKey`` is the library's one way to create a KMS key (tables, replicas, the alarm
topic and the backup vault all use it): rotation on, an explicit key policy, an alias.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from cdktf import Fn, TerraformProvider
from constructs import Construct

from ._aws import KmsAlias, KmsKey
from .aws_context import account_root_arn
from .validation import check, check_int_range, is_literal

ALIAS_PATTERN = re.compile(r"^alias/[A-Za-z0-9/_-]{1,250}$")
KMS_KEY_ARN_PATTERN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$")


class EncryptionType(str, Enum):
    AWS_OWNED = "AWS_OWNED"
    AWS_MANAGED = "AWS_MANAGED"
    CUSTOMER_MANAGED = "CUSTOMER_MANAGED"


@dataclass(frozen=True, kw_only=True)
class TableEncryption:
    """Which key encrypts the table. Use the named constructors.

    ``customer_managed_key()`` without ``key_arn`` creates a key (and, for replicas, one key
    in each replica region); with ``key_arn`` it uses an existing key.
    """

    type: EncryptionType = EncryptionType.AWS_OWNED
    key_arn: str | None = None
    deletion_window_in_days: int = 30
    alias: str | None = None

    @staticmethod
    def aws_owned() -> TableEncryption:
        return TableEncryption(type=EncryptionType.AWS_OWNED)

    @staticmethod
    def aws_managed() -> TableEncryption:
        return TableEncryption(type=EncryptionType.AWS_MANAGED)

    @staticmethod
    def customer_managed_key(
        key_arn: str | None = None, *, deletion_window_in_days: int = 30, alias: str | None = None
    ) -> TableEncryption:
        return TableEncryption(
            type=EncryptionType.CUSTOMER_MANAGED,
            key_arn=key_arn,
            deletion_window_in_days=deletion_window_in_days,
            alias=alias,
        )

    @property
    def creates_key(self) -> bool:
        return self.type is EncryptionType.CUSTOMER_MANAGED and self.key_arn is None

    def validate(self, path: str) -> None:
        check(isinstance(self.type, EncryptionType), path, "encryption", self.type,
              "expected TableEncryption.aws_owned(), aws_managed() or customer_managed_key(...)")
        if self.type is not EncryptionType.CUSTOMER_MANAGED:
            check(self.key_arn is None and self.alias is None, path, "encryption key_arn", self.key_arn,
                  "a key ARN or alias needs TableEncryption.customer_managed_key(...)")
            return
        if self.key_arn is not None:
            check_key_arn(path, "encryption key_arn", self.key_arn)
            check(self.alias is None, path, "encryption alias", self.alias,
                  "an alias is only created for a key the construct creates (omit key_arn)")
        else:
            validate_key_settings(path, "encryption", self.deletion_window_in_days, self.alias)


def check_key_arn(path: str, field: str, key_arn: str) -> None:
    if is_literal(key_arn):
        check(bool(KMS_KEY_ARN_PATTERN.match(key_arn)), path, field, key_arn,
              "expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)")


def validate_key_settings(path: str, field: str, deletion_window_in_days: int, alias: str | None) -> None:
    check_int_range(path, f"{field} deletion_window_in_days", deletion_window_in_days, 7, 30)
    if alias is not None:
        check(bool(ALIAS_PATTERN.match(alias)) and not alias.startswith("alias/aws/"), path,
              f"{field} alias", alias,
              "expected 'alias/<name>' of letters, digits, '/', '_' or '-', not under 'alias/aws/'")


@dataclass(frozen=True, kw_only=True)
class ServiceKeyUse:
    """Lets an AWS service principal use the key (e.g. CloudWatch publishing to an encrypted topic)."""

    service: str
    actions: tuple[str, ...] = ("kms:Decrypt", "kms:GenerateDataKey*")


class ManagedKey(Construct):
    """A customer-managed KMS key with rotation, an explicit key policy and an alias.

    The policy gives the account root administration (so IAM policies govern use, as AWS's
    default key policy does) and lets each listed service principal encrypt and decrypt.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        description: str,
        alias: str,
        deletion_window_in_days: int = 30,
        service_uses: Sequence[ServiceKeyUse] = (),
        provider: TerraformProvider | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(scope, id_)
        validate_key_settings(self.node.path, "key", deletion_window_in_days, alias)
        statements: list[dict[str, object]] = [
            {
                "Sid": "AccountAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": account_root_arn(self)},
                "Action": "kms:*",
                "Resource": "*",
            }
        ]
        for use in service_uses:
            statements.append(
                {
                    "Sid": "Use" + "".join(part.capitalize() for part in re.split(r"[^a-z0-9]", use.service.split(".")[0])),
                    "Effect": "Allow",
                    "Principal": {"Service": use.service},
                    "Action": list(use.actions),
                    "Resource": "*",
                }
            )
        self.key = KmsKey(
            self,
            "key",
            description=description,
            enable_key_rotation=True,
            deletion_window_in_days=deletion_window_in_days,
            policy=Fn.jsonencode({"Version": "2012-10-17", "Statement": statements}),
            provider=provider,
            tags=dict(tags) if tags else None,
        )
        self.alias = KmsAlias(self, "alias", name=alias, target_key_id=self.key.key_id, provider=provider)

    @property
    def arn(self) -> str:
        return self.key.arn
