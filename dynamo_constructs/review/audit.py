"""Audit trails in the review: a change that lets more principals delete or update audit items.

Which tables: an ``aws_dynamodb_table`` tagged ``DataClass = audit`` (``AuditTrail`` sets the tag;
the provider's default tags count) in BEFORE or in AFTER — removing the tag does not hide the
change that removes it (and is itself a finding) — and the ``aws_dynamodb_table_replica``
resources of such a table.

For each, BEFORE and AFTER are compared on who may run a protected action (``PROTECTED_ACTIONS``:
item deletes and updates, through the API, PartiQL and ``BatchWriteItem``):

- **grants**: an ``Allow`` naming the table or a replica (wildcards, ``NotAction`` and
  ``NotResource`` read as IAM reads them) in an ``aws_iam_policy`` (for the roles, users and
  groups its attachments name, or unattached), an inline role, user or group policy, or the
  table's resource policy; AWS managed policies that grant every DynamoDB action
  (``MANAGED_ALL``) count too;
- **the deny** in each resource policy of the table or a replica: per protected action, the
  principals a ``Deny`` to everyone (``"*"``) lets through — named by ``NotPrincipal`` or by a
  negated ARN or string condition on ``aws:PrincipalArn``. A ``Deny`` under any other condition
  protects only sometimes and counts as none.

A new (principal, action) grant, a deny removed or made conditional, a new exception (a
break-glass principal) and the audit tag removed are findings (``LossKind.AUDIT_OPENED``) on the
resource whose change causes them, each with its fix. A grant the deny still blocks is reported
too (and says so): the grant and the deny are two locks, and a later change may remove the other.

Not read: policy documents the configuration does not hold as JSON (data sources, functions),
and ``plan`` JSON — the configuration review is where this rule runs.

The marker and the protected actions are defined once (``audit_rules``), for this rule and for
``AuditTrail``, so the construct and the review cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..audit_rules import AUDIT_TAG, PRINCIPAL_ARN, PROTECTED_ACTIONS
from .config import Config
from .diff import effective_tags
from .expressions import all_references, interpolations, substitute
from .model import Action, Loss, LossKind
from .planner import Plan, Planned
from .provider_rules import RESOURCE_POLICY, TABLE
from .values import as_list, parse_json_document

# Condition operators that exempt the values they list from a Deny when the key is aws:PrincipalArn.
EXEMPTING = frozenset(f"{op}{suffix}".lower() for op in ("ArnNotEquals", "ArnNotLike", "StringNotEquals",
                                                         "StringNotLike") for suffix in ("", "IfExists"))
MANAGED_ALL = re.compile(r"^arn:aws[a-z-]*:iam::aws:policy/(AdministratorAccess|PowerUserAccess|AmazonDynamoDBFullAccess)$")
IAM_POLICY = "aws_iam_policy"
INLINE = {"aws_iam_role_policy": "role", "aws_iam_user_policy": "user", "aws_iam_group_policy": "group"}
ATTACHMENTS = {"aws_iam_role_policy_attachment": (("role", "role"),), "aws_iam_user_policy_attachment": (("user", "user"),),
               "aws_iam_group_policy_attachment": (("group", "group"),),
               "aws_iam_policy_attachment": (("roles", "role"), ("users", "user"), ("groups", "group"))}

FIX_GRANT = ("grant writers grant_append(...) and auditors grant_read_data(...); deletes and updates belong to a "
             "break-glass principal named in AuditTrail(admin_principals=...)")
FIX_DENY = ("keep AuditTrail's append_only=True (the default) and add statements with add_to_resource_policy: its deny "
            "leaves the control plane, TTL expiry, backups and restores alone")
FIX_EXCEPTION = ("name a break-glass principal only with the compliance owner's approval recorded in this change; "
                 "otherwise remove it from admin_principals=")
FIX_TAG = "keep DataClass = audit on the table (AuditTrail sets it) so reviews keep guarding it"


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """IAM's wildcards (``*``, ``?``), case-insensitive as IAM matches actions (for ARNs, where IAM
    is case-sensitive, this errs towards a finding)."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), re.IGNORECASE)


def covered_actions(statement: Mapping[str, Any]) -> set[str]:
    """The protected actions a statement's ``Action`` (or ``NotAction``) element covers."""
    if "Action" in statement:
        patterns = [_glob(p) for p in as_list(statement["Action"]) if isinstance(p, str)]
        return {a for a in PROTECTED_ACTIONS if any(p.fullmatch(a) for p in patterns)}
    if "NotAction" in statement:
        patterns = [_glob(p) for p in as_list(statement["NotAction"]) if isinstance(p, str)]
        return {a for a in PROTECTED_ACTIONS if not any(p.fullmatch(a) for p in patterns)}
    return set()


@dataclass(frozen=True)
class _Target:
    """The table (or replica) addresses on one side, and the table's literal name."""

    addresses: frozenset[str]
    name: str | None


def _names(resource: Any, target: _Target) -> bool:
    """Whether one ``Resource`` entry covers the table's items (not only an index or the stream)."""
    if not isinstance(resource, str):
        return False
    text = resource.strip()
    refs = all_references(text)
    if refs:
        literal = "".join(text[b:e] for b, e in _gaps(text))
        named = any(r.address in target.addresses and (not r.path or r.path[0] in ("arn", "name", "id")) for r in refs)
        return named and "/index/" not in literal and "/stream/" not in literal
    if text == "*":
        return True
    parts = text.split(":", 5)
    return (len(parts) == 6 and target.name is not None and _glob(parts[2]).fullmatch("dynamodb") is not None
            and _glob(parts[5]).fullmatch(f"table/{target.name}") is not None)


def _gaps(text: str) -> list[tuple[int, int]]:
    """The literal spans of ``text`` between its interpolations."""
    spans, cursor = [], 0
    for start, end in interpolations(text):
        spans.append((cursor, start))
        cursor = end
    return [*spans, (cursor, len(text))]


def _covers(statement: Mapping[str, Any], target: _Target) -> bool:
    if "NotResource" in statement:
        return not any(_names(r, target) for r in as_list(statement["NotResource"]))
    return any(_names(r, target) for r in as_list(statement.get("Resource")))


def statements(document: Any) -> list[Mapping[str, Any]] | None:
    """The statements of a policy document (a JSON string or an object), or None if it is not one."""
    doc = parse_json_document(document)
    if not isinstance(doc, Mapping):
        return None
    return [s for s in as_list(doc.get("Statement")) if isinstance(s, Mapping)]


def _principals(element: Any) -> list[str]:
    """``Principal``/``NotPrincipal`` values as text: ``*``, ARNs, account IDs, service names."""
    if element == "*":
        return ["*"]
    if isinstance(element, Mapping):
        return [str(v) for values in element.values() for v in as_list(values)]
    return []


# ----- one side: audit tables, their grants and their denies ------------------------------


@dataclass
class Guard:
    """Per protected action: who a ``Deny`` to everyone lets through (absent: not denied to all),
    and the actions only a conditional ``Deny`` covers."""

    exempt: dict[str, frozenset[str]] = field(default_factory=dict)
    conditional: set[str] = field(default_factory=set)


def guard(document: Any, target: _Target) -> Guard:
    """What one resource policy's ``Deny`` statements protect on the table's items (see the module
    docstring). Statements are judged by what they say; their ``Sid`` is for readers."""
    result = Guard()
    for statement in statements(document) or []:
        if statement.get("Effect") != "Deny" or not _covers(statement, target):
            continue
        actions = covered_actions(statement)
        if "NotPrincipal" in statement:
            exempt = set(_principals(statement["NotPrincipal"]))
        elif "*" in _principals(statement.get("Principal")):
            exempt = set()
        else:
            continue  # denies named principals only
        unconditional = True
        conditions = statement.get("Condition")
        for operator, values in (conditions.items() if isinstance(conditions, Mapping) else ()):
            for key, value in (values.items() if isinstance(values, Mapping) else [("", None)]):
                if str(operator).lower() in EXEMPTING and str(key).lower() == PRINCIPAL_ARN.lower():
                    exempt |= {str(v) for v in as_list(value)}
                else:
                    unconditional = False
        for action in actions:
            if not unconditional:
                result.conditional.add(action)
            elif action in result.exempt:
                result.exempt[action] = result.exempt[action] & frozenset(exempt)
            else:
                result.exempt[action] = frozenset(exempt)
    return result


@dataclass(frozen=True)
class Grant:
    """A principal allowed a protected action, and the resources that allow it."""

    who: str
    action: str


class _Side:
    """One configuration's view of the audit tables (addresses normalized to AFTER's on BEFORE)."""

    def __init__(self, config: Config, rename: Callable[[str], str]) -> None:
        self.config = config
        self.rename = rename  # text with references -> the same with AFTER's addresses

    def tagged(self, address: str) -> bool:
        resource = self.config.resources.get(address)
        if resource is None or resource.type != TABLE:
            return False
        tags = effective_tags(self.config.default_tags.get(resource.provider, {}), resource.body.get("tags"))
        return tags.get(AUDIT_TAG[0]) == AUDIT_TAG[1]

    def target(self, table: str) -> _Target:
        """The table's addresses on this side (its replicas included) and its literal name."""
        resource = self.config.resources.get(table)
        addresses = {*self.config.replicas_of(table), *([table] if resource is not None else [])}
        name = resource.body.get("name") if resource is not None else None
        literal = name if isinstance(name, str) and not interpolations(name) else None
        return _Target(frozenset(addresses), literal)

    def policies(self, target: _Target) -> dict[str, Any]:
        """Resource-policy address -> its document, for the table's and replicas' policies."""
        found: dict[str, Any] = {}
        for address, resource in self.config.resources.items():
            if resource.type == RESOURCE_POLICY and _names(resource.body.get("resource_arn"), target):
                found[address] = resource.body.get("policy")
        return found

    def grants(self, target: _Target) -> dict[Grant, list[str]]:
        """Every (principal, protected action) an Allow grants on the table, with the resources."""
        found: dict[Grant, list[str]] = {}

        def add(who: str, document: Any, via: list[str], resource_policy: bool = False) -> None:
            for statement in statements(document) or []:
                if statement.get("Effect") != "Allow" or not (resource_policy or _covers(statement, target)):
                    continue
                for action in covered_actions(statement):
                    names = [f"principal {p}" for p in _principals(statement.get("Principal"))] if resource_policy else [who]
                    for name in names:
                        found.setdefault(Grant(self.rename(name), action), []).extend(via)

        attached = self._attachments()
        for address, resource in self.config.resources.items():
            body = resource.body
            if resource.type == IAM_POLICY:
                for who, attachment in attached.get(address, [(f"unattached {address}", None)]):
                    add(who, body.get("policy"), [address, *([attachment] if attachment else [])])
            elif resource.type in INLINE:
                add(f"{INLINE[resource.type]} {body.get(INLINE[resource.type])}", body.get("policy"), [address])
            elif resource.type == "aws_iam_role":
                for block in as_list(body.get("inline_policy")):
                    if isinstance(block, Mapping):
                        add(f"role {body.get('name')}", block.get("policy"), [address])
            elif resource.type in ATTACHMENTS and MANAGED_ALL.match(str(body.get("policy_arn", ""))):
                for who in self._grantees(resource.type, body):
                    for action in PROTECTED_ACTIONS:
                        found.setdefault(Grant(self.rename(f"{who} (through {body['policy_arn']})"), action),
                                         []).append(address)
            elif resource.type == RESOURCE_POLICY and _names(body.get("resource_arn"), target):
                add("", body.get("policy"), [address], resource_policy=True)
        return found

    def _grantees(self, rtype: str, body: Mapping[str, Any]) -> list[str]:
        return [f"{kind} {value}" for attribute, kind in ATTACHMENTS[rtype] for value in as_list(body.get(attribute))]

    def _attachments(self) -> dict[str, list[tuple[str, str]]]:
        """Policy address -> (grantee, attachment address) for every attachment naming it."""
        found: dict[str, list[tuple[str, str]]] = {}
        for address, resource in self.config.resources.items():
            if resource.type not in ATTACHMENTS:
                continue
            for ref in all_references(resource.body.get("policy_arn")):
                for who in self._grantees(resource.type, resource.body):
                    found.setdefault(ref.address, []).append((who, address))
        return found


# ----- the comparison --------------------------------------------------------------------


def _finding(text: str, fix: str) -> Loss:
    return Loss(LossKind.AUDIT_OPENED, text, fix=f"{fix}.")


def _short(action: str) -> str:
    return action.removeprefix("dynamodb:")


class _Review:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        moves = plan.moves
        self.before = _Side(plan.before, lambda text: _moved(text, moves.to_after))
        self.after = _Side(plan.after, lambda text: text)
        self.by_after = {p.after_address: p for p in plan.planned if p.after_address}
        self.by_before = plan.by_before()

    def owner(self, addresses: Iterable[str]) -> Planned | None:
        """The planned change to report on: the first of ``addresses`` (AFTER's) that changes."""
        found = [self.by_after.get(a) or self.by_before.get(a) for a in addresses]
        planned = [p for p in found if p is not None]
        changing = [p for p in planned if p.change.action not in (Action.NO_OP, Action.MOVE)]
        return changing[0] if changing else planned[0] if planned else None

    def add(self, addresses: Iterable[str], loss: Loss) -> None:
        planned = self.owner(addresses)
        if planned is not None and loss not in planned.change.losses:
            planned.change.losses.append(loss)

    def run(self) -> None:
        for item in self.plan.planned:
            if item.change.type != TABLE or item.after_address is None:
                continue  # destroyed or forgotten tables are reported as such
            before, after = item.before_address, item.after_address
            was = before is not None and self.before.tagged(before)
            if not (was or self.after.tagged(after)):
                continue
            if was and not self.after.tagged(after):
                self.add([after], _finding(f"the {AUDIT_TAG[0]} = {AUDIT_TAG[1]} tag is removed from {after}: later "
                                           "reviews no longer guard it as an audit trail.", FIX_TAG))
            if before is None:
                continue  # a new audit table: nothing to widen
            self.table(after, self.before.target(before), self.after.target(after))

    def table(self, table: str, before: _Target, after: _Target) -> None:
        self.grants(table, before, after)
        now = self.after.policies(after)
        for address, document in self.before.policies(before).items():
            moved = self.plan.moves.to_after(address)
            was = guard(document, before)
            was.exempt = {a: frozenset(self.before.rename(e) for e in who) for a, who in was.exempt.items()}
            self.deny(table, (moved, address), was, guard(now[moved], after) if moved in now else None)

    def grants(self, table: str, before: _Target, after: _Target) -> None:
        old = self.before.grants(before)
        new = {g: via for g, via in self.after.grants(after).items() if g not in old}
        guards = [guard(doc, after) for doc in self.after.policies(after).values()]
        by_owner: dict[tuple[str, ...], dict[str, list[str]]] = {}
        for grant, sources in new.items():
            by_owner.setdefault(tuple(dict.fromkeys(sources)), {}).setdefault(grant.who, []).append(grant.action)
        for via, grants in by_owner.items():
            for who, actions in grants.items():
                names = ", ".join(_short(a) for a in sorted(actions))
                blocked = all(any(a in g.exempt and not _exempted(who, g.exempt[a]) for g in guards) for a in actions)
                state = ("the table's deny still blocks it today" if blocked
                         else "no deny on the table stops it")
                self.add(via, _finding(f"{via[0]} now lets {who} {names} on audit table {table} ({state}).", FIX_GRANT))

    def deny(self, table: str, addresses: tuple[str, str], was: Guard, now: Guard | None) -> None:
        """Findings on one resource policy: ``addresses`` is (AFTER address, BEFORE address)."""
        address = addresses[0]
        removed = [a for a in PROTECTED_ACTIONS if a in was.exempt and (now is None or a not in now.exempt)]
        if removed:
            conditional = now is not None and all(a in now.conditional for a in removed)
            how = "now applies only under a condition" if conditional else "is removed"
            self.add(addresses, _finding(f"the deny of {', '.join(_short(a) for a in removed)} on audit table {table} "
                                         f"({address}) {how}: every principal an Allow names may now run them.",
                                         FIX_DENY))
        if now is None:
            return
        opened: dict[str, list[str]] = {}
        for action in PROTECTED_ACTIONS:
            if action in was.exempt and action in now.exempt:
                for who in sorted(now.exempt[action] - was.exempt[action]):
                    opened.setdefault(who, []).append(action)
        for who, actions in opened.items():
            self.add(addresses, _finding(f"{address} adds {who} to the principals its deny lets "
                                         f"{', '.join(_short(a) for a in actions)} on audit table {table} (a new "
                                         "break-glass exception).", FIX_EXCEPTION))


def _moved(text: str, to_after: Callable[[str], str]) -> str:
    """``text`` with every reference's address moved to AFTER's."""
    result = substitute(text, lambda ref: ref.with_address(to_after(ref.address))) if isinstance(text, str) else text
    return result if isinstance(result, str) else text


def _exempted(who: str, exempt: frozenset[str]) -> bool:
    """Whether a grantee label (``role <name or ARN>``, ``principal <ARN>``) is one of the
    exceptions (a role or user named without its ARN matches an exception of that name)."""
    kind, _, value = who.partition(" ")
    named = ":" not in value and kind in ("role", "user")
    return any(value == e or _glob(e).fullmatch(value) is not None
               or (named and re.search(rf":{kind}/(?:.*/)?{re.escape(value)}$", e) is not None) for e in exempt)


def apply_audit_rules(plan: Plan) -> None:
    """Add the audit-trail findings to a configuration review's planned changes."""
    _Review(plan).run()
