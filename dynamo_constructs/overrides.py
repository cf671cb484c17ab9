"""Provider arguments and resources newer than the engine's prebuilt bindings, written as overrides.

CDK for Terraform's prebuilt bindings stop at hashicorp/aws 6.25: they have no class for
``aws_dynamodb_global_secondary_index`` (6.28) and no ``key_schema`` in a table's index block,
no ``restore_backup_arn`` (6.38). The library writes such arguments with ``add_override`` and such
resources as an :class:`UnboundResource` of the right type — on both engines, so CDK Terrain
(whose bindings have them) synthesizes the same JSON. A value marks an argument as
:class:`Unbound`; :func:`bind` makes the resource from the rest and overrides the marked ones.
tests/unit/test_newer_provider_schema.py checks the JSON against CDK Terrain's bindings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from constructs import Construct

from ._core import TerraformProvider, TerraformResource, TerraformResourceLifecycle
from ._values import Unbound

R = TypeVar("R", bound=TerraformResource)

def bind(make: Callable[..., R], scope: Construct, id_: str, arguments: Mapping[str, Any], **meta: Any) -> R:
    """``make(scope, id_, **arguments, **meta)`` with each :class:`Unbound` argument left out of
    the call and written as an override of the same name."""
    bound = {name: value for name, value in arguments.items() if not isinstance(value, Unbound)}
    resource = make(scope, id_, **bound, **meta)
    for name, value in arguments.items():
        if isinstance(value, Unbound):
            resource.add_override(name, value.value)
    return resource


class UnboundResource(TerraformResource):
    """A resource of a type the engine's bindings lack: its arguments are what it synthesizes
    (one jsii callback at synth, instead of a round trip per overridden argument). Terraform JSON
    only: an HCL synth fails loudly rather than drop the arguments."""

    def __init__(self, scope: Construct, id_: str, resource_type: str, arguments: Mapping[str, Any], *,
                 provider: TerraformProvider | None = None, depends_on: Sequence[TerraformResource] = (),
                 ignore_changes: Sequence[str] = ()) -> None:
        lifecycle = TerraformResourceLifecycle(ignore_changes=list(ignore_changes)) if ignore_changes else None
        super().__init__(scope, id_, terraform_resource_type=resource_type, provider=provider,
                         depends_on=list(depends_on) or None, lifecycle=lifecycle)
        self._arguments = {name: value for name, value in arguments.items() if value is not None}

    def _synthesize_attributes(self) -> Mapping[str, Any]:
        return self._arguments

    def _synthesize_hcl_attributes(self) -> Mapping[str, Any]:
        raise NotImplementedError(f"{self.terraform_resource_type} is written as Terraform JSON only (no HCL)")
