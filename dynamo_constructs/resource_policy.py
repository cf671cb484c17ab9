"""Resource-based policies on a table and on its stream (``aws_dynamodb_resource_policy``).

A table's policy covers the table and its indexes (DynamoDB evaluates it for both); a stream's
policy covers the stream. Statements are :class:`PolicyStatement` value objects: principals
are :class:`Principal` objects (validated; no wildcards), actions are checked against DynamoDB's
action names and against what the resource accepts (a stream policy takes only the three stream
actions). The library writes the ``Resource`` element itself, so a statement cannot name another
table. DynamoDB's limits apply at synth: 20 KB per policy (whitespace counted), and no
cross-account statements on a table encrypted with the AWS managed key (its key policy cannot be
shared).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from constructs import Construct

from ._aws import DynamodbResourcePolicy
from ._core import TerraformProvider
from .actions import ITEM_ACTIONS, STREAM_ACTIONS, TABLE_ACTIONS, check_actions
from .aws_context import partition_name, place, provider_region
from .names import parse_arn
from .policies import VERSION
from .principals import Principal, check_principal
from .validation import check, check_bool, check_sequence, checked_arguments, is_literal, located, matches

MAX_POLICY_BYTES = 20 * 1024
EFFECTS = ("Allow", "Deny")
SID = re.compile(r"[A-Za-z0-9]{1,128}")
CONDITION_OPERATOR = re.compile(r"[A-Za-z]+(?::[A-Za-z]+)?")
TABLE_POLICY_ACTIONS = ITEM_ACTIONS | TABLE_ACTIONS
TABLE_ACCEPTS = "actions on items and on the table (e.g. dynamodb:GetItem, dynamodb:DescribeTable), not stream actions"
STREAM_ACCEPTS = "only dynamodb:DescribeStream, dynamodb:GetRecords and dynamodb:GetShardIterator"


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class PolicyStatement:
    """One statement of a table's or a stream's resource policy
    (``table.add_to_resource_policy(...)``, ``table.add_to_stream_resource_policy(...)``).

    The library writes the ``Resource`` element itself, so a statement cannot name another table.
    Checked when made; the policy it is added to checks that its actions fit (a stream policy
    takes only the three stream actions), each Sid once, principals in the table's partition and
    20 KB per policy.

    Args:
        principals: Who, at least one: ``Principal.role/user/account/service(...)``;
            ``Principal.everyone()`` only alone in a ``Deny``.
        actions: DynamoDB actions on items, the table or its stream (``dynamodb:*`` only by name).
        effect: ``"Allow"`` or ``"Deny"``.
        sid: The statement's id: 1-128 letters or digits. Default: none.
        conditions: IAM's ``Condition`` element (operator -> key -> value or list of values), e.g.
            ``{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}``. Default: none.
        include_indexes: False makes a table statement cover the table alone (by default it covers
            the table's indexes, ``/index/*``, too).

    Example:
        ```python
        from dynamo_constructs import PolicyStatement, Principal

        PolicyStatement(principals=[Principal.account("111122223333")], actions=["dynamodb:GetItem"],
                        conditions={"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}, include_indexes=False)
        ```
    """

    principals: Sequence[Principal]
    actions: Sequence[str]
    effect: str = "Allow"
    sid: str | None = None
    conditions: Mapping[str, Mapping[str, Any]] | None = None
    include_indexes: bool = True
    _principals: tuple[Principal, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where = "PolicyStatement"
        principals = check_sequence("principals", self.principals, "of Principal.role/user/account/service(...)", where,
                                    each=lambda field, principal: check_principal(field, principal, where))
        check(bool(principals), "principals", [], "a statement needs at least one principal", where)
        object.__setattr__(self, "_principals", principals)
        check_actions("actions", self.actions, TABLE_POLICY_ACTIONS | STREAM_ACTIONS, what="a resource policy",
                      accepted=f"table policies: {TABLE_ACCEPTS}; stream policies: {STREAM_ACCEPTS}", wildcard=True,
                      where=where)
        check(self.effect in EFFECTS, "effect", self.effect, "expected 'Allow' or 'Deny'", where)
        if any(p.is_everyone for p in principals):
            check(self.effect == "Deny" and len(principals) == 1, "principals", list(principals),
                  "Principal.everyone() stands alone in a Deny statement (name the exceptions in a condition, e.g. "
                  "ArnNotEquals on aws:PrincipalArn); an Allow to everyone would make the table public", where)
        if self.sid is not None:
            check(matches(SID, self.sid), "sid", self.sid,
                  "expected 1-128 letters or digits (IAM's Sid)", where)
        if self.conditions is not None:
            _check_conditions(self.conditions, where)
        check_bool("include_indexes", self.include_indexes, where)

    @property
    def principals_given(self) -> tuple[Principal, ...]:
        """The statement's principals (checked)."""
        return self._principals

    @property
    def names_accounts(self) -> bool:
        """Whether a principal is an account, or a role or user named by ARN: the ways to name
        another account's identities (service principals are not)."""
        return any(p.is_account or (p.is_identity and str(getattr(p, "name_or_arn", "")).startswith("arn:"))
                   for p in self._principals)

    def _render(self, resources: list[str], partition_name: str) -> dict[str, Any]:
        if not self.include_indexes:
            resources = [r for r in resources if not r.endswith("/index/*")]
        merged: dict[str, list[str]] = {}
        for principal in self._principals:
            for kind, value in principal._render(partition_name).items():
                if value not in merged.setdefault(kind, []):
                    merged[kind].append(value)
        statement: dict[str, Any] = {}
        if self.sid is not None:
            statement["Sid"] = self.sid
        statement.update({
            "Effect": self.effect,
            "Principal": {kind: values[0] if len(values) == 1 else values for kind, values in merged.items()},
            "Action": list(self.actions),
            "Resource": resources if len(resources) > 1 else resources[0],
        })
        if self.conditions:
            statement["Condition"] = {op: dict(values) for op, values in self.conditions.items()}
        return statement


def _check_conditions(conditions: Any, where: str) -> None:
    check(isinstance(conditions, Mapping) and bool(conditions), "conditions", conditions,
          "expected {operator: {condition key: value or [values]}}", where)
    for operator, values in conditions.items():
        check(matches(CONDITION_OPERATOR, operator),
              "conditions operator", operator, "expected an IAM condition operator such as 'StringEquals'", where)
        check(isinstance(values, Mapping) and bool(values), f"conditions[{operator!r}]", values,
              "expected {condition key: value or [values]}", where)
        for key, value in values.items():
            check(isinstance(key, str) and ":" in key, f"conditions[{operator!r}] key", key,
                  "expected a condition key such as 'aws:PrincipalOrgID'", where)
            ok = isinstance(value, (str, bool, int)) or (
                isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, (str, bool, int)) for v in value))
            check(ok, f"conditions[{operator!r}][{key!r}]", value, "expected a string, number, boolean or a list of them",
                  where)


def check_statement(field_: str, statement: Any, *, stream: bool) -> PolicyStatement:
    """A PolicyStatement whose actions the target (a table or its stream) accepts."""
    check(isinstance(statement, PolicyStatement), field_, statement, "expected PolicyStatement(principals=..., actions=...)")
    assert isinstance(statement, PolicyStatement)
    if stream:
        check_actions(f"{field_} actions", statement.actions, STREAM_ACTIONS, what="a stream's resource policy",
                      accepted=STREAM_ACCEPTS)
    else:
        check_actions(f"{field_} actions", statement.actions, TABLE_POLICY_ACTIONS, what="a table's resource policy",
                      accepted=TABLE_ACCEPTS, wildcard=True)
    return statement


@checked_arguments
class ResourcePolicy(Construct):
    """The ``aws_dynamodb_resource_policy`` of one table or stream, made with its first statement;
    later statements re-render the document (in Python) and set it once per addition.

    Made by the table (``add_to_resource_policy``, grants to accounts and services), one per table,
    replica and stream; it is not made directly.

    Args:
        resource_arn: The table's, replica's or stream's ARN.
        resources: The statements' ``Resource`` element (the ARN, plus ``/index/*`` for a table with indexes).
        statement: The first statement.
        provider: The AWS provider (a replica's Region's for a replica). Default: the stack's.
    """

    def __init__(self, scope: Construct, id_: str, *, resource_arn: str, resources: Sequence[str],
                 statement: PolicyStatement, provider: TerraformProvider | None = None) -> None:
        super().__init__(scope, id_)
        place(self, scope, id_)
        self._resources = list(resources)
        self._statements: list[PolicyStatement] = []
        region = provider_region(self, provider)
        self._partition = partition_name(self, region)
        self._append(statement)
        self._policy = DynamodbResourcePolicy(self, "policy", resource_arn=resource_arn, policy=self.document(),
                                              provider=provider)

    @property
    def statements(self) -> tuple[PolicyStatement, ...]:
        """The policy's statements, in the order they were added."""
        return tuple(self._statements)

    def document(self) -> str:
        """The policy document as JSON text (what DynamoDB stores)."""
        return json.dumps({"Version": VERSION,
                           "Statement": [s._render(self._resources, self._partition) for s in self._statements]})

    def add(self, statement: PolicyStatement) -> None:
        """Add a statement (its own Sid, principals in the table's partition, the policy within 20 KB).

        Args:
            statement: The statement to add.
        """
        self._append(statement)
        self._policy.policy = self.document()

    def _append(self, statement: PolicyStatement) -> None:
        with located(lambda: self.node.path):
            sids = [s.sid for s in self._statements if s.sid is not None]
            check(statement.sid is None or statement.sid not in sids, "sid", statement.sid,
                  "each statement of a policy needs its own Sid")
            for principal in statement.principals_given:
                arn = parse_arn(getattr(principal, "name_or_arn", None))
                check(arn is None or not is_literal(self._partition) or arn.partition == self._partition,
                      "resource policy principal", principal, f"IAM is per partition: the table is in {self._partition}, "
                      f"the principal in {arn.partition if arn else None}")
            self._statements.append(statement)
            document = self.document()
            size = len(document.encode())
            if size > MAX_POLICY_BYTES:
                self._statements.pop()
                check(False, "resource policy", f"{size} bytes",
                      f"DynamoDB accepts at most {MAX_POLICY_BYTES} bytes (whitespace counted); merge statements")
