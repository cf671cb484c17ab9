"""``ManagedKey``: the library's one way to create a KMS key.

Tables, replicas, the alarm topic and the backup vault all use it: rotation on, an explicit
key policy, an alias. The policy gives the account root administration (so IAM policies
govern use, as AWS's default key policy does) and lets each listed service principal use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from constructs import Construct

from ._aws import KmsAlias, KmsKey
from ._core import TerraformProvider
from .aws_context import account_root_arn, claim_name, place, region_key
from .encryption import DEFAULT_DELETION_WINDOW
from .ids import ref
from .names import check_kms_alias, check_service_principal, check_tags
from .policies import policy_json
from .settings import TableSettings
from .validation import check, check_int_range, check_sequence, check_type, checked_arguments, located, matches

KMS_ACTION = re.compile(r"kms:[A-Za-z*]+")
MAX_DESCRIPTION = 8192  # KMS CreateKey Description


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class ServiceKeyUse:
    """Lets an AWS service principal use the key (e.g. CloudWatch publishing to an encrypted topic).

    Args:
        service: The service principal, e.g. ``"cloudwatch.amazonaws.com"``.
        actions: The KMS actions it may use (at least one, each ``kms:<Action>``).
    """

    service: str
    actions: tuple[str, ...] = ("kms:Decrypt", "kms:GenerateDataKey*")

    def __post_init__(self) -> None:
        where = "ServiceKeyUse"
        check_service_principal("service", self.service, where)
        actions = check_sequence("actions", self.actions, "of KMS actions such as 'kms:Decrypt'", where,
                                 each=lambda field, action: check(matches(KMS_ACTION, action), field, action,
                                                                  "expected a KMS action such as 'kms:Decrypt'", where))
        check(bool(actions), "actions", [], "expected at least one action", where)
        object.__setattr__(self, "actions", actions)


@checked_arguments
class ManagedKey(Construct):
    """A customer-managed KMS key with rotation, an explicit key policy and an alias: the library's
    one way to create a key (tables, replicas, the alarm topic and the backup vault use it).

    The policy gives the account's root administration (so IAM policies govern use, as AWS's
    default key policy does) and lets each service in ``service_uses`` use the key.

    Args:
        description: The key's description (at most 8,192 characters).
        alias: The alias (``alias/...``, at most 256 characters, not under ``alias/aws/``), unique per
            Region in the stack.
        deletion_window_in_days: Days between a destroy and the key's deletion, 7-30.
        service_uses: AWS services that may use the key, ``ServiceKeyUse(service=...)``.
        provider: The AWS provider. Default: the stack's.
        tags: Tags on the key (checked as a table's tags are). Default: none.

    Attributes:
        alias_name: The key's alias.
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
        ids = place(self, scope, id_)
        with located(lambda: self.node.path):
            check_int_range("key deletion_window_in_days", deletion_window_in_days, 7, 30)
            check_kms_alias("key alias", alias)
            check(isinstance(description, str) and len(description) <= MAX_DESCRIPTION, "key description", description,
                  f"expected a string of at most {MAX_DESCRIPTION} characters")
            service_uses = check_sequence("service_uses", service_uses, "of ServiceKeyUse(service=...)",
                                          each=lambda field, use: check_type(field, use, ServiceKeyUse,
                                                                             "expected ServiceKeyUse(service=...)"))
            if tags is not None:
                check_tags("key tags", tags)
        claim_name(self, "KMS alias", region_key(self, provider), alias, owner=lambda: self.node.path, field="key alias")
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
        self._statements = statements
        self._grants: dict[str, tuple[dict[str, str], set[str]]] = {}
        self._key = KmsKey(
            self,
            "key",
            description=description,
            enable_key_rotation=True,
            deletion_window_in_days=deletion_window_in_days,
            policy=policy_json(statements),
            provider=provider,
            tags=dict(tags) if tags else None,
        )
        self._arn = ref("aws_kms_key", (*ids, "key"), "arn")
        self._id = ref("aws_kms_key", (*ids, "key"), "id")
        self._alias = KmsAlias(self, "alias", name=alias, target_key_id=ref("aws_kms_key", (*ids, "key"), "key_id"),
                               provider=provider)
        self.alias_name = alias

    def allow(self, sid: str, principal: dict[str, str], actions: Sequence[str]) -> None:
        """Let ``principal`` use the key for ``actions``: cross-account grants on a table need its key
        too. Re-renders the key policy (one engine call).

        Args:
            sid: The statement's id; a second call with the same id adds actions to it.
            principal: A policy ``Principal`` element, e.g. ``{"AWS": "arn:aws:iam::111122223333:root"}``.
            actions: KMS actions, e.g. ``["kms:Decrypt"]``.
        """
        known = self._grants.get(sid)
        self._grants[sid] = (dict(principal), {*(known[1] if known else ()), *actions})
        granted = [{"Sid": s, "Effect": "Allow", "Principal": p, "Action": sorted(a), "Resource": "*"}
                   for s, (p, a) in self._grants.items()]
        self._key.policy = policy_json([*self._statements, *granted])

    def outlive(self, resource_address: str) -> None:
        """Make the alias depend on a resource so a destroy removes the alias only after it: a table
        whose deletion AWS refuses (deletion protection) keeps its key's alias.

        Args:
            resource_address: The Terraform address, e.g. ``aws_dynamodb_table.orders_table``.
        """
        self._alias.depends_on = [resource_address]

    @property
    def arn(self) -> str:
        """The key's ARN (a reference within the stack)."""
        return self._arn

    @property
    def key_id(self) -> str:
        """The key's ID (a reference within the stack)."""
        return self._id


@dataclass(frozen=True)
class TableKeys:
    """The keys a table makes: its own (a customer-managed key without a given ARN) or, with
    ``retain_previous_key``, the one it made before switching away (restores of older recovery
    points and backups need it, so it stays unused until the recovery window has passed)."""

    current: ManagedKey | None
    retired: ManagedKey | None
    arn: str | None  # the key the table is encrypted with: the created or the given one

    @staticmethod
    def create(table: Construct, settings: TableSettings, *, retain_previous_key: bool,
               provider: TerraformProvider | None) -> TableKeys:
        current = retired = None
        creates = settings.encryption.creates_key
        if creates or retain_previous_key:
            key = ManagedKey(
                table, "kms", description=f"Encrypts DynamoDB table {settings.name}", alias=settings.key_alias,
                # a retired key keeps the default window: the one given now is for another key
                deletion_window_in_days=settings.encryption.key_deletion_window if creates else DEFAULT_DELETION_WINDOW,
                provider=provider, tags=settings.tags,
            )
            current, retired = (key, None) if creates else (None, key)
        return TableKeys(current, retired, current.arn if current else settings.encryption.given_key_arn)

    def outlive(self, table_address: str) -> None:
        """Destroying the table first: a refused ``DeleteTable`` keeps its key's alias."""
        for key in (self.current, self.retired):
            if key is not None:
                key.outlive(table_address)
