"""Per-stack singletons (account id, partition) and provider-region lookup."""

from __future__ import annotations

from cdktf import TerraformProvider, TerraformStack
from constructs import Construct

from ._aws import AwsProvider, DataAwsCallerIdentity, DataAwsPartition
from .validation import is_literal


def _singleton(scope: Construct, id_: str, factory):  # type: ignore[no-untyped-def]
    stack = TerraformStack.of(scope)
    existing = stack.node.try_find_child(id_)
    return existing if existing is not None else factory(stack, id_)


def caller_identity(scope: Construct) -> DataAwsCallerIdentity:
    """The stack's one ``aws_caller_identity`` data source."""
    return _singleton(scope, "caller_identity", DataAwsCallerIdentity)


def partition(scope: Construct) -> DataAwsPartition:
    """The stack's one ``aws_partition`` data source (ARNs must not hard-code ``aws``)."""
    return _singleton(scope, "partition", DataAwsPartition)


def account_root_arn(scope: Construct) -> str:
    return f"arn:{partition(scope).partition}:iam::{caller_identity(scope).account_id}:root"


def provider_region(scope: Construct, provider: TerraformProvider | None = None) -> str | None:
    """The literal region of ``provider`` or of the stack's default AWS provider, else None."""
    if provider is None:
        stack = TerraformStack.of(scope)
        candidates = [
            c for c in stack.node.children if isinstance(c, AwsProvider) and not getattr(c, "alias", None)
        ]
        if len(candidates) != 1:
            return None
        provider = candidates[0]
    region = getattr(provider, "region", None)
    return region if isinstance(region, str) and is_literal(region) else None
