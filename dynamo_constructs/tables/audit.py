"""``AuditTrail`` (seed 001, streaming-platform audit events), append-only by default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from constructs import Construct

from ..audit_rules import APPEND_ONLY_SID, AUDIT_TAG, PRINCIPAL_ARN, PROTECTED_ACTIONS
from ..aws_context import partition_name
from ..encryption import TableEncryption
from ..names import ACCOUNT_ID, ROLE_ARN, USER_ARN
from ..principals import Principal
from ..resource_policy import PolicyStatement
from ..schema import Attribute, GlobalSecondaryIndex, Projection
from ..streams import StreamViewType
from ..table import Table
from ..validation import check, check_bool, check_int_range, check_sequence, checked_arguments, fail, is_literal, located, matches

# DynamoDB's replication service-linked role: only DynamoDB can assume it, and a global table's
# replicas write each other's changes (TTL deletes included) through it. AWS: "if the action for
# a DynamoDB service-linked role (SLR) to replicate data for a global table is denied, adding or
# deleting a replica will fail" (resource-based policy considerations). Any account of the
# table's partition: the role's path is reserved for the service.
REPLICATION_ROLE = "arn:{partition}:iam::*:role/aws-service-role/replication.dynamodb.amazonaws.com/" \
    "AWSServiceRoleForDynamoDBReplication"
OLD_IMAGES = (StreamViewType.OLD_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES)
BREAK_GLASS_ACCEPTS = ("a break-glass principal by its IAM ARN: Principal.role('arn:aws:iam::<account>:role/<name>'), "
                       "Principal.user('arn:aws:iam::<account>:user/<name>'), the same ARN as a string, or "
                       "Principal.account('<12 digits>') for that account's root user; a bare name is ambiguous across "
                       "accounts, and aws:PrincipalArn compares ARNs")


def append_only_statement(admin_arns: Sequence[str], partition_name: str) -> PolicyStatement:
    """The table policy's deny: item deletes and updates (API, PartiQL, ``BatchWriteItem``) for
    every principal but ``admin_arns`` and DynamoDB's replication role.

    A ``Deny`` to everyone with the exceptions in an ``ArnNotEquals`` on ``aws:PrincipalArn``
    (the role's ARN for any of its sessions), as AWS recommends over ``NotPrincipal`` ("We
    recommend using the aws:PrincipalArn context key with ARN condition operators instead": a
    ``NotPrincipal`` deny must list account and session ARNs, and always denies principals with a
    permissions boundary). Conditions under one operator each are ANDed, so a request is denied
    unless its principal is an admin or the replication role. Only item actions are named: the
    deploying role keeps the control plane (``UpdateTable``, ``DeleteTable``, resource policies,
    TTL settings), backups, PITR and restores are other actions, and TTL expiry is DynamoDB's own
    deletion, not a request by any principal, so no policy is evaluated for it.
    """
    conditions: dict[str, dict[str, Any]] = {}
    if admin_arns:
        conditions["ArnNotEquals"] = {PRINCIPAL_ARN: list(admin_arns)}
    conditions["ArnNotLike"] = {PRINCIPAL_ARN: REPLICATION_ROLE.format(partition=partition_name)}
    return PolicyStatement(sid=APPEND_ONLY_SID, effect="Deny", principals=[Principal.everyone()],
                           actions=list(PROTECTED_ACTIONS), conditions=conditions)


def break_glass_arn(principal: Any, partition_name: str, field: str = "admin_principals") -> str:
    """The ``aws:PrincipalArn`` value of one break-glass principal (a role or user ARN, a
    reference to one, or an account's root user)."""
    if isinstance(principal, str):
        if matches(ROLE_ARN, principal):
            principal = Principal.role(principal)
        elif matches(USER_ARN, principal):
            principal = Principal.user(principal)
        elif matches(ACCOUNT_ID, principal):
            fail(field, principal, "a 12-digit string is ambiguous: Principal.account(...) names the "
                 "account's root user, Principal.role(<ARN>) a role")
        elif not is_literal(principal):
            return principal  # a reference to a role's or user's ARN
        else:
            fail(field, principal, BREAK_GLASS_ACCEPTS)
    check(isinstance(principal, Principal) and not principal.is_everyone, field, principal,
          BREAK_GLASS_ACCEPTS)
    assert isinstance(principal, Principal)
    attachment = principal.attachment
    if attachment is not None:
        arn = attachment[1]
        check(not is_literal(arn) or matches(ROLE_ARN if attachment[0] == "role" else USER_ARN, arn),
              field, principal, BREAK_GLASS_ACCEPTS)
        return arn
    check(principal.is_account, field, principal, BREAK_GLASS_ACCEPTS)
    return principal._render(partition_name)["AWS"]


@checked_arguments
class AuditTrail(Table):
    """Audit events keyed by ``audit_id`` / ``timestamp``; ``ActionTypeIndex`` and
    ``UserAuditIndex`` order them by ``timestamp``; ``expires_at`` TTL enforces the compliance
    retention; a NEW_AND_OLD_IMAGES stream feeds downstream audit processing; a
    customer-managed key by default.

    ``retention_days`` is what writers must put in ``expires_at`` (now + retention); it is
    recorded on the table as the ``RetentionDays`` tag so tooling and auditors can read it.

    **Append-only** (``append_only=True``, the default): the table's resource policy denies item
    deletes and updates — ``DeleteItem``, ``UpdateItem``, ``BatchWriteItem``, PartiQL ``UPDATE``
    and ``DELETE`` — to every principal but the break-glass ones named in ``admin_principals``
    (IAM ARNs of roles or users, or accounts for their root user; checked at synth) and DynamoDB's
    replication role. An explicit deny wins over any grant, so a bug or a stolen application
    credential cannot erase or rewrite the record; writers get ``grant_append``, auditors
    ``grant_read_data``. Left working: the control plane for whoever deploys the table, TTL expiry
    (DynamoDB's own deletion), backups, PITR and restores. Not enforceable by IAM: a ``PutItem``
    on an existing key replaces that item — writers use keys that cannot collide and
    ``attribute_not_exists`` conditions, and the stream must carry old images (``OLD_IMAGE`` or
    ``NEW_AND_OLD_IMAGES``, refused otherwise) as the evidence of any overwrite. Whoever may
    change the table's resource policy (and the account's root user, which AWS always lets delete
    it) can lift the deny: ``dynamo-constructs review`` reports such a change.

    The ``DataClass = audit`` tag marks the table for the review, which reports any change that
    widens who may delete or update its items.

    Args:
        table_name: The table's name.
        retention_days: The compliance retention (>= 1 day): what writers add to now for ``expires_at``,
            recorded as the ``RetentionDays`` tag.
        append_only: The table's resource policy denies item deletes and updates to every principal but
            ``admin_principals`` and DynamoDB's replication role; the stream must keep old images.
        admin_principals: Break-glass principals exempt from the deny, each once: role or user ARNs
            (``Principal.role/user(<ARN>)`` or the ARN as a string) or ``Principal.account(...)`` for that
            account's root user; names, sessions and services are refused. Only with ``append_only``.
            Default: none.
        **overrides: Any other ``Table`` argument, e.g. ``billing=`` or ``encryption=``; it replaces the
            domain default of the same name.

    Attributes:
        retention_days: The retention in days.
        append_only: Whether the trail is append-only.
        admin_arns: The break-glass principals' ARNs as the deny's condition names them.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        table_name: str = "audit-trail",
        retention_days: int = 2555,
        append_only: bool = True,
        admin_principals: Sequence[Principal | str] = (),
        **overrides: Any,
    ) -> None:
        with located(lambda: f"{scope.node.path}/{id_}"):
            check_int_range("retention_days", retention_days, 1)
            check_bool("append_only", append_only)
            admins = check_sequence("admin_principals", admin_principals, BREAK_GLASS_ACCEPTS)
            check(append_only or not admins, "admin_principals", list(admins),
                  "break-glass principals are exceptions to the append-only deny: drop them or keep append_only=True")
            tags = overrides.pop("tags", None) or {}
            check(not isinstance(tags, Mapping) or tags.get(AUDIT_TAG[0], AUDIT_TAG[1]) == AUDIT_TAG[1],
                  f"tags[{AUDIT_TAG[0]!r}]", tags.get(AUDIT_TAG[0]) if isinstance(tags, Mapping) else tags,
                  f"AuditTrail sets {AUDIT_TAG[0]} = {AUDIT_TAG[1]!r}: the review reads it to guard the table")
        self.retention_days = retention_days
        self.append_only = append_only
        tags = {**tags, AUDIT_TAG[0]: AUDIT_TAG[1], "RetentionDays": str(retention_days)} \
            if isinstance(tags, Mapping) else tags
        settings: dict[str, Any] = {
            "partition_key": Attribute.string("audit_id"),
            "sort_key": Attribute.string("timestamp"),
            "global_indexes": [
                GlobalSecondaryIndex(name="ActionTypeIndex", partition_key=Attribute.string("action_type"),
                                     sort_key=Attribute.string("timestamp"), projection=Projection.all()),
                GlobalSecondaryIndex(name="UserAuditIndex", partition_key=Attribute.string("user_id"),
                                     sort_key=Attribute.string("timestamp"), projection=Projection.all()),
            ],
            "time_to_live_attribute": "expires_at",
            "stream": StreamViewType.NEW_AND_OLD_IMAGES,
            "encryption": TableEncryption.customer_managed_key(),
        }
        super().__init__(scope, id_, table_name=table_name, tags=tags, **{**settings, **overrides})
        self.admin_arns: tuple[str, ...] = ()
        if not append_only:
            return
        with located(lambda: self.node.path):
            check(self.stream_view_type in OLD_IMAGES, "stream", self.stream_view_type and self.stream_view_type.value,
                  "an append-only audit trail keeps a stream with old images (OLD_IMAGE or NEW_AND_OLD_IMAGES): "
                  "the evidence of any overwrite by PutItem, which IAM cannot forbid")
            part = partition_name(self, self.region)
            arns = [break_glass_arn(p, part, f"admin_principals[{i}]") for i, p in enumerate(admins)]
            check(len(set(arns)) == len(arns), "admin_principals", arns, "each principal once")
        self.admin_arns = tuple(arns)
        self.add_to_resource_policy(append_only_statement(arns, part))

    def add_item(self, id_: str, item: Mapping[str, Any]) -> None:
        """Refused on an append-only trail: Terraform replaces and destroys an item with
        ``DeleteItem``, which the table's policy denies; the application appends events.

        Args:
            id_: The item's construct id (as ``Table.add_item``).
            item: The item (as ``Table.add_item``).
        """
        if self.append_only:
            with located(lambda: f"{self.node.path}/{id_}"):
                fail("item", id_, "an append-only AuditTrail takes no Terraform-managed items (Terraform deletes them "
                     "with DeleteItem, which the table's policy denies); write audit events from the application")
        super().add_item(id_, item)
