"""AWS provider set-up shared by the app's stacks, the examples and users' apps."""

from __future__ import annotations

from collections.abc import Mapping

from cdktf import LocalBackend, TerraformStack

from ._aws import AwsProvider, AwsProviderDefaultTags

AWS_PROVIDER_SOURCE = "hashicorp/aws"
# The prebuilt bindings pin 6.x; the arguments used here all exist from 5.100 on.
AWS_PROVIDER_VERSION = ">= 5.100.0, < 7.0.0"


def require_aws_provider(stack: TerraformStack, version: str = AWS_PROVIDER_VERSION) -> None:
    """Declare hashicorp/aws as a version range rather than the bindings' exact pin."""
    stack.add_override("terraform.required_providers.aws.source", AWS_PROVIDER_SOURCE)
    stack.add_override("terraform.required_providers.aws.version", version)


def aws_provider(
    stack: TerraformStack,
    region: str,
    *,
    tags: Mapping[str, str] | None = None,
    alias: str | None = None,
) -> AwsProvider:
    """An AWS provider for ``region`` with default tags; aliased (``aws_<region>``) when ``alias``
    is given. The first call also declares the provider's version range."""
    if alias is None:
        require_aws_provider(stack)
    default_tags = [AwsProviderDefaultTags(tags=dict(tags))] if tags else None
    id_ = "aws" if alias is None else f"aws_{alias}"
    return AwsProvider(stack, id_, region=region, alias=alias, default_tags=default_tags)


def replica_provider(stack: TerraformStack, region: str, tags: Mapping[str, str] | None = None) -> AwsProvider:
    """The aliased provider for a replica region (alias: the region with '_' for '-')."""
    return aws_provider(stack, region, tags=tags, alias=region.replace("-", "_"))


def local_state(stack: TerraformStack) -> LocalBackend:
    """A local backend at ``terraform.<stack>.tfstate``, relative to the stack's folder.

    Without one, CDKTF writes an absolute path of the synthesizing machine into the JSON,
    so the output (and its snapshot) would differ from machine to machine.
    """
    return LocalBackend(stack, path=f"terraform.{stack.node.id}.tfstate")
