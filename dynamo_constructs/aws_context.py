"""Per-stack facts held on the Python side: the stack, its account/partition data sources and
its AWS providers (region, default tags).

Asking the engine (``TerraformStack.of``, ``try_find_child``, property reads) costs a jsii round
trip each; these facts are asked for by every table, so they are looked up once per stack and
kept on the stack's Python object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from constructs import Construct

from ._aws import AwsProvider, DataAwsCallerIdentity, DataAwsPartition
from ._core import TerraformProvider, TerraformStack
from .errors import TableConfigError
from .names import partition_of
from .validation import is_literal

_FACTS = "_dynamo_constructs_facts"
_STACK = "_dynamo_constructs_stack"
_IDS = "_dynamo_constructs_ids"  # the construct's ids below its stack


@dataclass
class ProviderFacts:
    region: str | None
    default_tags: dict[str, str]


@dataclass
class StackFacts:
    """What the library has learnt about one stack."""

    stack: TerraformStack
    depth: int = -1  # how many ids the stack's own path has (-1: not asked yet)
    account_root: str | None = None
    caller_identity: DataAwsCallerIdentity | None = None
    partition: DataAwsPartition | None = None
    providers: dict[int, ProviderFacts] = field(default_factory=dict)  # id(provider) -> facts
    default_provider: AwsProvider | None = None
    scanned_providers: bool = False
    registry: dict[str, Any] = field(default_factory=dict)  # per-stack registries of other modules


def stack_of(scope: Construct) -> TerraformStack:
    """The stack ``scope`` is in (remembered on the library's own constructs)."""
    if isinstance(scope, TerraformStack):
        return scope
    known = getattr(scope, _STACK, None)
    if isinstance(known, TerraformStack):
        return known
    stack = TerraformStack.of(scope)
    remember_stack(scope, stack)
    return stack


def remember_stack(construct: Construct, stack: TerraformStack) -> None:
    object.__setattr__(construct, _STACK, stack)


def place(construct: Construct, scope: Construct, id_: str) -> tuple[str, ...]:
    """Record where the library put ``construct`` (its stack, its ids below the stack) and return
    the ids. Free when ``scope`` is a stack or one of the library's constructs; otherwise the engine
    is asked once about ``scope``."""
    parent: tuple[str, ...] = ()
    if isinstance(scope, TerraformStack):
        stack = scope
    else:
        stack = stack_of(scope)
        known = getattr(scope, _IDS, None)
        if isinstance(known, tuple):
            parent = known
        else:
            parent = tuple(scope.node.path.split("/"))[_stack_depth(stack):]
            object.__setattr__(scope, _IDS, parent)
    ids = (*parent, id_)
    object.__setattr__(construct, _IDS, ids)
    remember_stack(construct, stack)
    return ids


def ids_of(construct: Construct) -> tuple[str, ...]:
    """``construct``'s ids below its stack (recorded by ``place``, else asked once)."""
    known = getattr(construct, _IDS, None)
    if isinstance(known, tuple):
        return known
    ids = tuple(construct.node.path.split("/"))[_stack_depth(stack_of(construct)):]
    object.__setattr__(construct, _IDS, ids)
    return ids


def _stack_depth(stack: TerraformStack) -> int:
    known = facts(stack)
    if known.depth < 0:
        known.depth = len(stack.node.path.split("/"))
    return known.depth


def facts(scope: Construct) -> StackFacts:
    stack = stack_of(scope)
    found = getattr(stack, _FACTS, None)
    if not isinstance(found, StackFacts):
        found = StackFacts(stack)
        object.__setattr__(stack, _FACTS, found)
    return found


def caller_identity(scope: Construct) -> DataAwsCallerIdentity:
    """The stack's one ``aws_caller_identity`` data source."""
    known = facts(scope)
    if known.caller_identity is None:
        existing = known.stack.node.try_find_child("caller_identity")
        known.caller_identity = existing if isinstance(existing, DataAwsCallerIdentity) else \
            DataAwsCallerIdentity(known.stack, "caller_identity")
    return known.caller_identity


def partition(scope: Construct) -> DataAwsPartition:
    """The stack's one ``aws_partition`` data source (ARNs must not hard-code ``aws``)."""
    known = facts(scope)
    if known.partition is None:
        existing = known.stack.node.try_find_child("partition")
        known.partition = existing if isinstance(existing, DataAwsPartition) else \
            DataAwsPartition(known.stack, "partition")
    return known.partition


def partition_name(scope: Construct, region: str | None) -> str:
    """The partition of a literal Region, else a reference to the stack's ``aws_partition``: a known
    partition keeps the plan free of data sources, an unknown one never hard-codes ``aws``."""
    known = partition_of(region) if region is not None else None
    return known if known is not None else partition(scope).partition


def account_root_arn(scope: Construct) -> str:
    """The account root's ARN (references to the stack's data sources), worked out once per stack."""
    known = facts(scope)
    if known.account_root is None:
        known.account_root = f"arn:{partition(scope).partition}:iam::{caller_identity(scope).account_id}:root"
    return known.account_root


def record_provider(stack: TerraformStack, provider: AwsProvider, region: str, default_tags: Mapping[str, str],
                    *, default: bool) -> None:
    """Called by ``providers.aws_provider``: facts the library then never asks the engine for."""
    known = facts(stack)
    known.providers[id(provider)] = ProviderFacts(region if is_literal(region) else None, dict(default_tags))
    if default:
        known.default_provider = provider


def _provider_facts(scope: Construct, provider: TerraformProvider | None) -> ProviderFacts | None:
    known = facts(scope)
    if provider is None:
        if known.default_provider is None and not known.scanned_providers:
            known.scanned_providers = True
            candidates = [c for c in known.stack.node.children
                          if isinstance(c, AwsProvider) and not getattr(c, "alias", None)]
            if len(candidates) == 1:
                known.default_provider = candidates[0]
        provider = known.default_provider
        if provider is None:
            return None
    if id(provider) not in known.providers:
        region = getattr(provider, "region", None)
        tags: dict[str, str] = {}
        for block in getattr(provider, "default_tags", None) or []:
            block_tags = block.get("tags") if isinstance(block, Mapping) else getattr(block, "tags", None)
            tags.update(block_tags or {})
        known.providers[id(provider)] = ProviderFacts(
            region if isinstance(region, str) and is_literal(region) else None, tags)
    return known.providers[id(provider)]


def provider_region(scope: Construct, provider: TerraformProvider | None = None) -> str | None:
    """The literal region of ``provider`` or of the stack's default AWS provider, else None."""
    found = _provider_facts(scope, provider)
    return found.region if found else None


def provider_default_tags(scope: Construct, provider: TerraformProvider | None = None) -> dict[str, str]:
    """The default tags of ``provider`` (or the stack's default AWS provider)."""
    found = _provider_facts(scope, provider)
    return dict(found.default_tags) if found else {}


# ----- names that must be unique ------------------------------------------------------------

_NAMES = "claimed_names"
ACCOUNT_WIDE = "the account"  # IAM names are global to an account


def region_key(scope: Construct, provider: TerraformProvider | None) -> str:
    """Where a regional name lives: the provider's region, or the provider itself when its region
    is only known at apply (two resources through the same provider still collide)."""
    region = provider_region(scope, provider)
    if region is not None:
        return region
    return f"the region of provider {id(provider) if provider is not None else 'default'}"


def claim_name(scope: Construct, kind: str, where: str, name: str, *, owner: Callable[[], str], field: str) -> None:
    """Refuse a second resource of ``kind`` named ``name`` in ``where`` (a region or the account)
    in one stack; AWS would refuse it at apply ("already exists"). Raises TableConfigError
    naming both constructs; ``owner`` (the claiming construct's path) is asked only then."""
    if not is_literal(name):
        return
    claimed: dict[tuple[str, str, str], Callable[[], str]] = facts(scope).registry.setdefault(_NAMES, {})
    key = (kind, where, name)
    first = claimed.get(key)
    if first is not None and first() != owner():
        raise TableConfigError(owner(), field, name, f"{kind} names are unique in {where}: {first()} already uses it")
    claimed[key] = owner


def set_stack_blocks(construct: Construct, key: str, owner: str, blocks: list[dict[str, Any]]) -> None:
    """(Re)set ``owner``'s top-level blocks of one kind (``moved``, ``removed``, ``import``); the
    stack gets every owner's blocks as one list, so a construct can re-render its own as it grows."""
    known = facts(construct)
    by_owner: dict[str, list[dict[str, Any]]] = known.registry.setdefault(key, {})
    by_owner[owner] = blocks
    known.stack.add_override(key, [block for owned in by_owner.values() for block in owned])
