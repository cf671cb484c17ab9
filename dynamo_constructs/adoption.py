"""Tables that already exist: Terraform ``import`` blocks for everything a table renders.

``Table(..., adopt_existing=True)`` says the table, and everything its arguments describe —
replicas, autoscaling targets and policies, contributor insights, resource policies — already
exists in AWS (``dynamo-constructs migrate`` writes such tables from a live account or another
Terraform state). The next plan then imports each resource instead of creating it; an import
block for a resource already in state is a no-op, so the flag can stay until the table gains a
resource it did not have (whose import would find nothing), and is best removed after the first apply.

The import IDs are the provider's documented ones, computed in Python from the table's
settings; the account in an ID is the stack's caller identity, known at plan time. Refused at
synth, because no import could find them: a key the library would create (a key has no name to
look it up by: give the live key's ARN), and items (``aws_dynamodb_table_item`` cannot be imported
with hashicorp/aws 5.x — items are data, left alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from constructs import Construct

from ._core import TerraformProvider
from .aws_context import set_stack_blocks, stack_of
from .ids import address
from .names import partition_of
from .scaling import ScaledDimension
from .settings import TableSettings
from .validation import check

IMPORT_KEY = "import"
DESTINATION = "aws_dynamodb_kinesis_streaming_destination"
IMPORT_MIN_TERRAFORM = ">= 1.7.0"  # import blocks with expressions in their IDs (and removed blocks, used alongside)


@dataclass(frozen=True)
class ImportBlock:
    """One Terraform ``import`` block: the resource address, the provider's import ID, and the
    provider that reads it (``aws.<alias>`` for another Region; None for the stack's default)."""

    to: str
    id: str
    provider: str | None = None

    def _render(self) -> dict[str, Any]:
        return {"to": self.to, "id": self.id, **({"provider": self.provider} if self.provider else {})}


def provider_address(provider: TerraformProvider | None) -> str | None:
    """``aws.<alias>`` for an aliased provider, None for the default one."""
    alias = provider.alias if provider is not None else None
    return f"aws.{alias}" if alias else None


def check_adoptable(settings: TableSettings, *, region: str | None, retain_previous_key: bool) -> None:
    """What an import cannot find by name is refused (raises without a path; the Table adds it)."""
    check(region is not None, "adopt_existing", True,
          "adopting needs the table's Region at synth: give the table a provider with a literal region")
    check(not settings.encryption.creates_key, "adopt_existing", True,
          "a key the library would create cannot be found by name: give the live key, "
          "TableEncryption.customer_managed_key(key_arn=...)")
    check(not retain_previous_key, "adopt_existing", True, "a retained key cannot be found by name; leave "
          "retain_previous_key out while adopting")
    check(not settings.index_form.is_resources, "adopt_existing", True,
          "an existing table's indexes are its own blocks: adopt it with IndexForm.inline() (the default), then move "
          "them with IndexForm.resources(from_inline=True) as a reviewed change")


def _scaling(ids: Sequence[str], owner: str, name: str, dims: Sequence[ScaledDimension],
             provider: str | None) -> list[ImportBlock]:
    blocks = []
    for dim in dims:
        target = f"dynamodb/{dim.resource_id(name)}/{dim.scalable_dimension}"
        blocks.append(ImportBlock(address("aws_appautoscaling_target", (*ids, owner, f"{dim.id_suffix}_target")),
                                  target, provider))
        blocks.append(ImportBlock(address("aws_appautoscaling_policy", (*ids, owner, f"{dim.id_suffix}_policy")),
                                  f"{target}/{dim.policy_name(name)}", provider))
    return blocks


def _insights(ids: Sequence[str], prefix: str, name: str, account: str, *, table: bool, indexes: Sequence[str],
              provider: str | None) -> list[ImportBlock]:
    """Contributor insights (ids ``<prefix>`` and ``<prefix>_<index>``, as ``add_contributor_insights``
    makes them): ID ``name:<table>/index:<index, or nothing>/<account>``, read in the provider's Region."""
    wanted = ([("", prefix)] if table else []) + [(index, f"{prefix}_{index}") for index in indexes]
    return [ImportBlock(address("aws_dynamodb_contributor_insights", (*ids, id_)), f"name:{name}/index:{index}/{account}",
                        provider) for index, id_ in wanted]


def table_imports(ids: Sequence[str], settings: TableSettings, *, region: str, account: str,
                  replica_providers: Mapping[str, TerraformProvider], policy_regions: Iterable[str | None]) -> list[ImportBlock]:
    """The import blocks of a table at ``ids`` (its ids below the stack): the table, its replicas
    (``name:main-region``), autoscaling in every Region, contributor insights
    (``name:<table>/index:<index, or nothing>/<account>``, the replicas' too), the replicas' Kinesis
    destinations (``<table>,<stream ARN>``) and resource policies
    (by ARN, in each ``policy_regions`` entry: None is the table's own Region)."""
    name = settings.name
    blocks = [ImportBlock(address("aws_dynamodb_table", (*ids, "table")), name)]
    blocks += _scaling(ids, "autoscaling", name, settings.scaled, None)
    for replica in settings.replicas:
        provider = provider_address(replica_providers.get(replica.region, replica.provider))
        if not settings.strong:
            blocks.append(ImportBlock(address("aws_dynamodb_table_replica", (*ids, f"replica_{replica.id_suffix}")),
                                      f"{name}:{region}", provider))
        blocks += _scaling(ids, f"autoscaling_{replica.id_suffix}", name, settings.scaled, provider)
        blocks += _insights(ids, f"replica_{replica.id_suffix}_insights", name, account, table=replica.insights[0],
                            indexes=[index for index, (on, _) in replica.index_insights.items() if on], provider=provider)
        if replica.kinesis_stream_arn is not None:
            blocks.append(ImportBlock(address(DESTINATION, (*ids, f"replica_{replica.id_suffix}_kinesis")),
                                      f"{name},{replica.kinesis_stream_arn}", provider))
    blocks += _insights(ids, "insights", name, account, table=settings.contributor_insights,
                        indexes=[index.name for index in settings.schema.global_indexes if index.insights[0]], provider=None)
    for where in policy_regions:
        in_region = region if where is None else where
        suffix = "" if where is None else f"_{where.replace('-', '_')}"
        provider = None if where is None else provider_address(replica_providers.get(where))
        arn = f"arn:{partition_of(in_region) or 'aws'}:dynamodb:{in_region}:{account}:table/{name}"
        blocks.append(ImportBlock(address("aws_dynamodb_resource_policy", (*ids, f"resource_policy{suffix}", "policy")),
                                  arn, provider))
    return blocks


def set_imports(construct: Construct, owner: str, blocks: Sequence[ImportBlock]) -> None:
    """(Re)set ``owner``'s import blocks in the stack (it needs Terraform >= 1.7)."""
    set_stack_blocks(construct, IMPORT_KEY, owner, [block._render() for block in blocks])
    stack_of(construct).add_override("terraform.required_version", IMPORT_MIN_TERRAFORM)
