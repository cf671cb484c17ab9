"""AWS provider set-up shared by the app's stacks, the examples and users' apps, and the
stack's hashicorp/aws version range, derived from the features the stack uses."""

from __future__ import annotations

import re
from collections.abc import Mapping

from constructs import Construct

from ._aws import AwsProvider, AwsProviderDefaultTags
from ._core import LocalBackend, TerraformStack
from .aws_context import facts, record_provider
from .names import check_region, check_tags
from .validation import check, check_type, checked_arguments, located, matches

AWS_PROVIDER_SOURCE = "hashicorp/aws"
BASE_VERSION = "5.100.0"  # every argument the library renders by default exists from here on
MAJOR_CEILING = "7.0.0"
_FLOORS = "provider_floors"
VERSION = re.compile(r"\d+\.\d+\.\d+", re.ASCII)


def check_stack(field: str, stack: object, where: str) -> None:
    check_type(field, stack, TerraformStack, "expected a TerraformStack", where)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def version_range(scope: Construct) -> str:
    """The stack's ``required_providers.aws.version``: the highest floor any feature needs."""
    floors: dict[str, str] = facts(scope).registry.get(_FLOORS, {})
    floor = max([BASE_VERSION, *floors.values()], key=_version_key)
    return f">= {floor}, < {MAJOR_CEILING}"


@checked_arguments
def require_provider_version(scope: Construct, minimum: str, feature: str) -> None:
    """Record that ``feature`` needs hashicorp/aws >= ``minimum`` and re-derive the stack's range.

    A stack that uses no newer feature keeps admitting 5.100, so it stays terraform-valid with
    older provider binaries (and mirrors). The library calls it for its own features; call it for
    a provider feature your own resources use.

    Args:
        minimum: The lowest hashicorp/aws version with the feature, e.g. ``"6.13.0"``.
        feature: The feature's name (recorded per stack; the highest floor wins).
    """
    where = "require_provider_version"
    check_type("scope", scope, Construct, "expected a construct in the stack", where)
    check(matches(VERSION, minimum), "minimum", minimum, "expected a provider version such as '6.13.0'", where)
    check(isinstance(feature, str) and bool(feature), "feature", feature, "expected the feature's name (a string)",
          where)
    known = facts(scope)
    known.registry.setdefault(_FLOORS, {})[feature] = minimum
    require_aws_provider(known.stack)


def required_features(scope: Construct) -> dict[str, str]:
    """feature -> minimum provider version, for the stack of ``scope``."""
    return dict(facts(scope).registry.get(_FLOORS, {}))


@checked_arguments
def require_aws_provider(stack: TerraformStack) -> None:
    """Declare hashicorp/aws as a version range (not the bindings' exact pin): ``>= 5.100.0, < 7.0.0``,
    or higher when a feature the stack uses needs it. ``aws_provider`` calls it.

    Args:
        stack: The ``TerraformStack``.
    """
    check_stack("stack", stack, "require_aws_provider")
    stack.add_override("terraform.required_providers.aws.source", AWS_PROVIDER_SOURCE)
    stack.add_override("terraform.required_providers.aws.version", version_range(stack))


@checked_arguments
def aws_provider(
    stack: TerraformStack,
    region: str,
    *,
    tags: Mapping[str, str] | None = None,
    alias: str | None = None,
) -> AwsProvider:
    """An AWS provider for ``region`` with default tags; aliased when ``alias`` is given. The first
    (default) provider also declares the stack's provider version range.

    Args:
        stack: The ``TerraformStack``.
        region: A Region where DynamoDB exists, e.g. ``"eu-west-1"``.
        tags: Default tags on every resource the provider manages (checked as a table's tags are;
            they count towards each table's 50). Default: none.
        alias: The provider's alias, for a second provider in the stack. Default: none (the
            stack's default provider, ``aws``).

    Returns:
        The ``AwsProvider``.
    """
    check_stack("stack", stack, "aws_provider")
    with located(lambda: stack.node.path):
        check_region("provider region", region)
        default_tags = check_tags("provider default tags", tags or {})
    if alias is None:
        require_aws_provider(stack)
    blocks = [AwsProviderDefaultTags(tags=default_tags)] if default_tags else None
    id_ = "aws" if alias is None else f"aws_{alias}"
    provider = AwsProvider(stack, id_, region=region, alias=alias, default_tags=blocks)
    record_provider(stack, provider, region, default_tags, default=alias is None)
    return provider


@checked_arguments
def replica_provider(stack: TerraformStack, region: str, tags: Mapping[str, str] | None = None) -> AwsProvider:
    """The aliased provider for a replica region (alias: the region with '_' for '-').

    Args:
        stack: The ``TerraformStack``.
        region: The replica's Region.
        tags: Default tags (as ``aws_provider``'s). Default: none.

    Returns:
        The ``AwsProvider``, for ``Replica(provider=...)``.
    """
    return aws_provider(stack, region, tags=tags, alias=region.replace("-", "_"))


@checked_arguments
def local_state(stack: TerraformStack) -> LocalBackend:
    """A local backend at ``terraform.<stack>.tfstate``, relative to the stack's folder.

    Without one, CDKTF writes an absolute path of the synthesizing machine into the JSON, so
    the output (and its snapshot) would differ from machine to machine.

    Args:
        stack: The ``TerraformStack``.

    Returns:
        The ``LocalBackend``.
    """
    check_stack("stack", stack, "local_state")
    return LocalBackend(stack, path=f"terraform.{stack.node.id}.tfstate")
