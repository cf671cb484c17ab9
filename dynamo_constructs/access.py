"""Least-privilege access to a table, in the style of AWS CDK's grants.

A grant names who (a :class:`Principal`, or a role name/ARN as before) and what (an access level,
or a validated list of DynamoDB actions). IAM roles and users get an identity policy naming the
table ARN (plus ``/index/*`` when the table has indexes, the replicas' ARNs, the stream ARN for
stream reads) and, when the table is encrypted with a customer-managed key, the KMS actions that
access needs. Accounts and service principals cannot carry an identity policy from this
account, so their grant is a statement in the table's (and, for stream reads, the stream's)
resource policy. Built-in levels never use ``dynamodb:*``; a custom grant may, if it names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from constructs import Construct

from ._aws import IamPolicy, IamRolePolicyAttachment, IamUserPolicyAttachment
from ._core import Fn
from .actions import ITEM_ACTIONS, STREAM_ACTIONS, TABLE_ACTIONS, WILDCARD, qualified
from .aws_context import place
from .ids import ref
from .names import check_role, role_name, user_name
from .policies import policy_json
from .principals import Principal
from .resource_policy import PolicyStatement
from .validation import checked_arguments, fail, is_literal, located


class AccessLevel(StrEnum):
    """What a grant allows on a table (``Table.grant(level, ...)`` takes a level or its string).

    Every level covers the table, its indexes (``/index/*``) and its replicas, plus the KMS actions
    its customer-managed keys need; none uses ``dynamodb:*``.
    """

    READ = "read"
    """``GetItem``, ``BatchGetItem``, ``Query``, ``Scan``, ``ConditionCheckItem``, ``DescribeTable``."""
    WRITE = "write"
    """``PutItem``, ``UpdateItem``, ``DeleteItem``, ``BatchWriteItem``, ``DescribeTable``."""
    READ_WRITE = "read-write"
    """``READ`` and ``WRITE`` together."""
    STREAM_READ = "stream-read"
    """The stream's records (``DescribeStream``, ``GetRecords``, ``GetShardIterator``, ``ListStreams``);
    the table needs a stream."""
    FULL = "full"
    """Every item action (PartiQL included) and every read of the table's settings; not the control plane."""
    APPEND = "append"
    """``PutItem`` and PartiQL ``INSERT``: add items, never update or delete one (``grant_append``)."""
    INSERT_ONLY = "insert-only"
    """PartiQL ``INSERT`` alone, which DynamoDB refuses on an existing key (``grant_append(insert_only=True)``)."""


READ_ACTIONS = (
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
)
WRITE_ACTIONS = (
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
)
# Full access: every item action (PartiQL included) and every read of the table's settings; not
# the control plane (UpdateTable, DeleteTable, resource policies, backups), which belongs to
# whoever deploys the table.
FULL_ACTIONS = tuple(sorted({
    *qualified(sorted(ITEM_ACTIONS)),
    *qualified(["DescribeTable", "DescribeTimeToLive", "DescribeContinuousBackups", "DescribeContributorInsights",
                "DescribeKinesisStreamingDestination", "ListTagsOfResource"]),
}))
# Append: add items, never update or delete them. PutItem (alone, or as a TransactWriteItems Put,
# which IAM checks as PutItem) and PartiQL INSERT, which fails with DuplicateItemException on an
# existing key. Left out: UpdateItem, DeleteItem, PartiQLUpdate, PartiQLDelete (they rewrite or
# remove), and BatchWriteItem: one action for puts and deletes alike, which IAM cannot narrow to
# puts. What IAM cannot express: a PutItem on an existing key replaces that item. DynamoDB's
# condition keys (dynamodb:Attributes, LeadingKeys, ReturnValues, Select, EnclosingOperation, ...)
# describe the request, never whether its key exists, so "only new keys" is the writer's
# ConditionExpression (attribute_not_exists), or INSERT_ONLY.
APPEND_ACTIONS = ("dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem")
# Insert-only: PartiQL INSERT alone, the one write action that cannot replace an existing item.
INSERT_ONLY_ACTIONS = ("dynamodb:DescribeTable", "dynamodb:PartiQLInsert")
STREAM_READ_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")
KMS_READ_ACTIONS = ("kms:Decrypt", "kms:DescribeKey")
KMS_WRITE_ACTIONS = ("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*")
# Actions that write items: a customer-managed key must also encrypt for them.
WRITING_ACTIONS = frozenset({"dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                             "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete", WILDCARD})
CUSTOM_ALLOWED = ITEM_ACTIONS | TABLE_ACTIONS | STREAM_ACTIONS
CUSTOM_ACCEPTS = "actions on items, the table or its stream (e.g. dynamodb:GetItem, dynamodb:UpdateTimeToLive)"


@dataclass(frozen=True, kw_only=True)
class TableResources:
    """What a grant needs to know about a table."""

    table_arns: tuple[str, ...]
    has_indexes: bool
    stream_arn: str | None
    kms_key_arns: tuple[str, ...]


def _sorted_unique(items: Sequence[str]) -> list[str]:
    return sorted(set(items))


def level_actions(level: AccessLevel) -> tuple[str, ...]:
    """The table and stream actions of a level (KMS aside)."""
    actions: list[str] = []
    if level in (AccessLevel.READ, AccessLevel.READ_WRITE):
        actions += READ_ACTIONS
    if level in (AccessLevel.WRITE, AccessLevel.READ_WRITE):
        actions += WRITE_ACTIONS
    if level is AccessLevel.FULL:
        actions += FULL_ACTIONS
    if level is AccessLevel.STREAM_READ:
        actions += STREAM_READ_ACTIONS
    if level is AccessLevel.APPEND:
        actions += APPEND_ACTIONS
    if level is AccessLevel.INSERT_ONLY:
        actions += INSERT_ONLY_ACTIONS
    return tuple(_sorted_unique(actions))


def split_actions(actions: Sequence[str]) -> tuple[list[str], list[str]]:
    """(actions on the table and its indexes, actions on its stream); ``dynamodb:*`` goes to both."""
    stream_names = set(qualified(sorted(STREAM_ACTIONS)))
    table = [a for a in actions if a not in stream_names]
    stream = [a for a in actions if a in stream_names or a == WILDCARD]
    return _sorted_unique(table), _sorted_unique(stream)


def policy_statements(resources: TableResources, level: AccessLevel,
                      actions: Sequence[str] | None = None) -> list[dict[str, object]]:
    """The IAM statements for ``level`` (or the custom ``actions``) on one table."""
    wanted = list(actions) if actions is not None else list(level_actions(level))
    table_actions, stream_actions = split_actions(wanted)
    if level is AccessLevel.FULL and actions is None and resources.stream_arn is not None:
        stream_actions = list(STREAM_READ_ACTIONS)
    statements: list[dict[str, object]] = []
    data_resources = list(resources.table_arns)
    if resources.has_indexes:
        data_resources += [f"{arn}/index/*" for arn in resources.table_arns]
    if table_actions:
        statements.append({"Sid": "TableData", "Effect": "Allow", "Action": table_actions, "Resource": data_resources})
    if stream_actions and resources.stream_arn is not None:
        statements.append({"Sid": "TableStream", "Effect": "Allow", "Action": stream_actions,
                           "Resource": [resources.stream_arn]})
        # ListStreams has no resource-level permissions; AWS requires "*" here.
        statements.append({"Sid": "ListStreams", "Effect": "Allow", "Action": ["dynamodb:ListStreams"],
                           "Resource": ["*"]})
    if resources.kms_key_arns:
        writes = any(a in WRITING_ACTIONS for a in wanted)
        kms_actions = KMS_WRITE_ACTIONS if writes else KMS_READ_ACTIONS
        statements.append({"Sid": "TableKey", "Effect": "Allow", "Action": _sorted_unique(kms_actions),
                           "Resource": list(resources.kms_key_arns)})
    return statements


def policy_document(resources: TableResources, level: AccessLevel, actions: Sequence[str] | None = None) -> str:
    """The policy document as a JSON string (references interpolated by Terraform)."""
    return policy_json(policy_statements(resources, level, actions))


def role_name_of(role: str) -> str:
    """Accept a role name or role ARN (with or without a path); return the name."""
    if not is_literal(role):
        # A token (e.g. aws_iam_role.x.arn or .name): take the last path segment in Terraform.
        return str(Fn.element(Fn.reverse(Fn.split("/", role)), 0))
    check_role("grant role", role)
    return role_name(role)


def user_name_of(user: str) -> str:
    if not is_literal(user):
        return str(Fn.element(Fn.reverse(Fn.split("/", user)), 0))
    return user_name(user)


def attach_policy(scope: Construct, principal: Principal | None, policy_arn: str) -> None:
    """Attach a policy to a role or user principal (``scope/attachment``); others get none."""
    attachment = principal.attachment if principal is not None else None
    if attachment is None:
        return
    kind, name_or_arn = attachment
    if kind == "role":
        IamRolePolicyAttachment(scope, "attachment", role=role_name_of(name_or_arn), policy_arn=policy_arn)
    else:
        IamUserPolicyAttachment(scope, "attachment", user=user_name_of(name_or_arn), policy_arn=policy_arn)


@checked_arguments
class TableGrant(Construct):
    """One grant: an ``aws_iam_policy`` (attached to a role or user when one is given), or, for an
    account or service principal, statements in the table's resource policies.

    Made by a table's ``grant(...)`` and ``grant_*`` methods, which derive every argument from the
    table; it is not made directly.

    Args:
        policy_name: The IAM policy's name (the table's name and the level, shortened to 128
            characters with a stable hash).
        description: The IAM policy's description.
        resources: The table's ARNs, whether it has indexes, its stream ARN and its
            customer-managed key ARNs.
        level: The access level; with ``actions``, ``AccessLevel.FULL`` stands for "custom".
        principal: Who gets the access: a role or user gets the policy attached; an account or a
            service gets resource-policy statements instead. Default: nobody (the policy is made,
            unattached).
        actions: Exactly these actions instead of the level's (``grant_actions``). Default: the level's.

    Attributes:
        level: The access level granted.
        principal: Who was granted, or None for an unattached policy.
        statements: The resource-policy statements of a grant to an account or a service (empty
            for an IAM policy).
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        policy_name: str,
        description: str,
        resources: TableResources,
        level: AccessLevel,
        principal: Principal | None = None,
        actions: Sequence[str] | None = None,
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        self.level = level
        self.principal = principal
        self._arn: str | None = None
        self.statements: tuple[PolicyStatement, ...] = ()
        if principal is not None and not principal.is_identity:
            return  # the table adds the resource-policy statements (see TableBase._grant_by_resource_policy)
        with located(lambda: self.node.path):
            document = policy_document(resources, level, actions)
            self._arn = ref("aws_iam_policy", (*ids, "policy"), "arn")
            IamPolicy(self, "policy", name=policy_name, description=description, policy=document)
            attach_policy(self, principal, self._arn)

    @property
    def has_policy(self) -> bool:
        """Whether the grant is an IAM policy (False: statements in the table's resource policy)."""
        return self._arn is not None

    @property
    def policy_arn(self) -> str:
        """The policy's ARN (a reference within the stack), e.g. to attach it elsewhere."""
        if self._arn is None:
            fail("policy_arn", self.node.id, "this grant is a statement in the table's resource policy "
                 "(an account or service principal); it has no IAM policy")
        return self._arn


def resource_policy_statements(has_stream: bool, grant_id: str, principal: Principal, level: AccessLevel,
                               actions: Sequence[str] | None) -> tuple[PolicyStatement | None, PolicyStatement | None]:
    """(table statement, stream statement) granting ``principal`` the level's (or custom) actions."""
    wanted = list(actions) if actions is not None else list(level_actions(level))
    table_actions, stream_actions = split_actions(wanted)
    if level is AccessLevel.FULL and actions is None:
        stream_actions = list(STREAM_READ_ACTIONS) if has_stream else []
        table_actions = [a for a in table_actions if a not in STREAM_READ_ACTIONS]
    if WILDCARD in table_actions:
        table_actions = [WILDCARD]
    if WILDCARD in stream_actions:
        stream_actions = list(STREAM_READ_ACTIONS)
    sid = "".join(part.capitalize() for part in grant_id.replace("-", "_").split("_") if part)[:120] or "Grant"
    table_statement = PolicyStatement(sid=sid, principals=[principal], actions=table_actions) if table_actions else None
    stream_statement = PolicyStatement(sid=sid, principals=[principal], actions=stream_actions) if stream_actions else None
    return table_statement, stream_statement
