"""A small IAM evaluator: identity policies and a resource policy together, as AWS decides a request.

Enough of AWS's policy evaluation logic for the library's documents (IAM User Guide, "Policy
evaluation logic" and "Cross-account policy evaluation logic"):

1. an explicit ``Deny`` in any applicable policy wins;
2. otherwise, in the resource's account, an ``Allow`` in the principal's identity policies *or* in
   the resource policy naming the principal (by its ARN, not by its account) suffices; from
   another account, both must allow;
3. otherwise the request is implicitly denied.

Statements: ``Effect``, ``Action``/``NotAction``, ``Resource``/``NotResource``,
``Principal``/``NotPrincipal`` (resource policies) and ``Condition`` with the string and ARN
operators (negated and ``IfExists`` forms included) on ``aws:PrincipalArn`` and
``aws:PrincipalAccount``. Anything else raises :class:`Unsupported`, so no test passes on a
policy element the evaluator did not understand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DENY, ALLOW, IMPLICIT = "explicit deny", "allow", "implicit deny"
KEYS = {"aws:principalarn", "aws:principalaccount"}
OPERATORS = re.compile(r"^(?P<kind>String|Arn)(?P<negated>Not)?(?P<how>Equals|Like)(?P<if_exists>IfExists)?$")


class Unsupported(ValueError):
    """A policy element this evaluator does not model."""


@dataclass(frozen=True)
class Request:
    """Who (an IAM role or user ARN, or an account's root ARN), what and on which resource ARN."""

    principal: str
    action: str
    resource: str

    @property
    def account(self) -> str:
        return self.principal.split(":")[4]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _glob(pattern: str, text: str, *, case: bool = True) -> bool:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, 0 if case else re.IGNORECASE) is not None


def _arn_match(pattern: str, arn: str) -> bool:
    """ARN operators: each of the six colon-separated parts matched on its own, wildcards allowed."""
    wanted, actual = pattern.split(":", 5), arn.split(":", 5)
    return len(wanted) == len(actual) == 6 and all(_glob(w, a) for w, a in zip(wanted, actual, strict=True))


def _condition_holds(operator: str, key: str, values: Any, request: Request) -> bool:
    parsed = OPERATORS.match(operator)
    if parsed is None or key.lower() not in KEYS:
        raise Unsupported(f"condition {operator} on {key}")
    actual = request.principal if key.lower() == "aws:principalarn" else request.account
    if parsed["kind"] == "Arn":
        matched = any(_arn_match(str(v), actual) for v in _list(values))
    elif parsed["how"] == "Like":
        matched = any(_glob(str(v), actual) for v in _list(values))
    else:
        matched = actual in [str(v) for v in _list(values)]
    return not matched if parsed["negated"] else matched


def _conditions_hold(statement: Mapping[str, Any], request: Request) -> bool:
    conditions = statement.get("Condition", {})
    return all(_condition_holds(op, key, value, request) for op, block in conditions.items() for key, value in block.items())


def _action_matches(statement: Mapping[str, Any], action: str) -> bool:
    if "Action" in statement:
        return any(_glob(p, action, case=False) for p in _list(statement["Action"]))
    if "NotAction" in statement:
        return not any(_glob(p, action, case=False) for p in _list(statement["NotAction"]))
    raise Unsupported("a statement without Action or NotAction")


def _resource_matches(statement: Mapping[str, Any], resource: str) -> bool:
    if "Resource" in statement:
        return any(_glob(p, resource) for p in _list(statement["Resource"]))
    if "NotResource" in statement:
        return not any(_glob(p, resource) for p in _list(statement["NotResource"]))
    raise Unsupported("a statement without Resource or NotResource")


def _names(element: Any, request: Request, *, by_account: bool) -> bool:
    """Whether a Principal element names the requester: ``*``, its ARN, or (``by_account``) its account."""
    if element == "*":
        return True
    if not isinstance(element, Mapping) or set(element) - {"AWS", "Service"}:
        raise Unsupported(f"principal {element!r}")
    for value in _list(element.get("AWS", [])):
        if value in ("*", request.principal):
            return True
        if by_account and value in (request.account, f"arn:aws:iam::{request.account}:root"):
            return True
    return False


def _effects(policy: Mapping[str, Any], request: Request, *, resource_policy: bool, cross_account: bool = False) -> set[str]:
    """The effects of the policy's statements that apply to the request."""
    found: set[str] = set()
    for statement in _list(policy["Statement"]):
        effect = statement["Effect"]
        if resource_policy:
            if "NotPrincipal" in statement:
                if effect != "Deny":
                    raise Unsupported("NotPrincipal with Allow")
                if _names(statement["NotPrincipal"], request, by_account=True):
                    continue
            # An account named in a Deny covers every principal of the account; in an Allow it
            # delegates to that account's own policies: it is the resource's half of a cross-account
            # grant, and adds nothing within the resource's account.
            elif not _names(statement.get("Principal"), request, by_account=effect == "Deny" or cross_account):
                continue
        if _action_matches(statement, request.action) and _resource_matches(statement, request.resource) \
                and _conditions_hold(statement, request):
            found.add(effect)
    return found


def decide(request: Request, identity_policies: Sequence[Mapping[str, Any]], resource_policy: Mapping[str, Any] | None,
           resource_account: str) -> str:
    """DENY, ALLOW or IMPLICIT for ``request`` (see the module docstring)."""
    identity = set().union(*(_effects(p, request, resource_policy=False) for p in identity_policies))
    cross_account = request.account != resource_account
    resource = set() if resource_policy is None else _effects(resource_policy, request, resource_policy=True,
                                                              cross_account=cross_account)
    if "Deny" in identity | resource:
        return DENY
    if not cross_account:
        return ALLOW if "Allow" in identity | resource else IMPLICIT
    return ALLOW if "Allow" in identity and "Allow" in resource else IMPLICIT


def document(text: str, references: Mapping[str, str]) -> dict[str, Any]:
    """A synthesized policy (a JSON string) with each ``${...}`` reference replaced by its value
    from ``references`` (the expression inside the braces -> value); an unknown one raises."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in references:
            raise Unsupported(f"no value for ${{{match.group(1)}}}")
        return references[match.group(1)]

    return json.loads(re.sub(r"\$\{([^}]+)\}", value, text))  # type: ignore[no-any-return]
