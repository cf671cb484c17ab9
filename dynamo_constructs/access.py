"""Least-privilege IAM access to a table, in the style of AWS CDK's grants.

A grant is a policy document naming the table ARN (plus ``/index/*`` when the table has
indexes, the replicas' ARNs, the stream ARN for stream reads) and, when the table is
encrypted with a customer-managed key, the KMS actions that access needs. Never ``dynamodb:*``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from constructs import Construct

from ._aws import IamPolicy, IamRolePolicyAttachment
from ._core import Fn
from .aws_context import place
from .ids import ref
from .names import ROLE_ARN, check_role
from .policies import policy_json
from .validation import is_literal, located


class AccessLevel(StrEnum):
    READ = "read"
    WRITE = "write"
    READ_WRITE = "read-write"
    STREAM_READ = "stream-read"


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
STREAM_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")
KMS_READ_ACTIONS = ("kms:Decrypt", "kms:DescribeKey")
KMS_WRITE_ACTIONS = ("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*")



@dataclass(frozen=True, kw_only=True)
class TableResources:
    """What a grant needs to know about a table."""

    table_arns: tuple[str, ...]
    has_indexes: bool
    stream_arn: str | None
    kms_key_arns: tuple[str, ...]


def _sorted_unique(items: Sequence[str]) -> list[str]:
    return sorted(set(items))


def policy_statements(resources: TableResources, level: AccessLevel) -> list[dict[str, object]]:
    """The IAM statements for ``level`` on one table."""
    statements: list[dict[str, object]] = []
    data_resources = list(resources.table_arns)
    if resources.has_indexes:
        data_resources += [f"{arn}/index/*" for arn in resources.table_arns]
    actions: list[str] = []
    if level in (AccessLevel.READ, AccessLevel.READ_WRITE):
        actions += READ_ACTIONS
    if level in (AccessLevel.WRITE, AccessLevel.READ_WRITE):
        actions += WRITE_ACTIONS
    if actions:
        statements.append({"Sid": "TableData", "Effect": "Allow", "Action": _sorted_unique(actions),
                           "Resource": data_resources})
    if level is AccessLevel.STREAM_READ:
        statements.append({"Sid": "TableStream", "Effect": "Allow", "Action": list(STREAM_ACTIONS),
                           "Resource": [resources.stream_arn]})
        # ListStreams has no resource-level permissions; AWS requires "*" here.
        statements.append({"Sid": "ListStreams", "Effect": "Allow", "Action": ["dynamodb:ListStreams"],
                           "Resource": ["*"]})
    if resources.kms_key_arns:
        kms_actions = KMS_READ_ACTIONS if level in (AccessLevel.READ, AccessLevel.STREAM_READ) else KMS_WRITE_ACTIONS
        statements.append({"Sid": "TableKey", "Effect": "Allow", "Action": _sorted_unique(kms_actions),
                           "Resource": list(resources.kms_key_arns)})
    return statements


def policy_document(resources: TableResources, level: AccessLevel) -> str:
    """The policy document as a JSON string (references interpolated by Terraform)."""
    return policy_json(policy_statements(resources, level))


def role_name_of(role: str) -> str:
    """Accept a role name or role ARN (with or without a path); return the name."""
    if not is_literal(role):
        # A token (e.g. aws_iam_role.x.arn or .name): take the last path segment in Terraform.
        return str(Fn.element(Fn.reverse(Fn.split("/", role)), 0))
    check_role("grant role", role)
    match = ROLE_ARN.match(role)
    return match.group("name") if match else role


class TableGrant(Construct):
    """An ``aws_iam_policy`` for one access level, optionally attached to a role."""

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        policy_name: str,
        description: str,
        resources: TableResources,
        level: AccessLevel,
        role: str | None = None,
    ) -> None:
        super().__init__(scope, id_)
        ids = place(self, scope, id_)
        with located(lambda: self.node.path):
            role_name = role_name_of(role) if role is not None else None
        self.level = level
        self._arn = ref("aws_iam_policy", (*ids, "policy"), "arn")
        IamPolicy(
            self,
            "policy",
            name=policy_name,
            description=description,
            policy=policy_document(resources, level),
        )
        if role_name is not None:
            IamRolePolicyAttachment(self, "attachment", role=role_name, policy_arn=self._arn)

    @property
    def policy_arn(self) -> str:
        """The policy's ARN (a reference within the stack), e.g. to attach it elsewhere."""
        return self._arn
