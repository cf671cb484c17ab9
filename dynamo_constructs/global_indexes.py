"""A table's global indexes as Terraform: the table's ``global_secondary_index`` blocks (the default)
or one ``aws_dynamodb_global_secondary_index`` per index (``IndexForm.resources()``), and the
``import``/``removed`` blocks that move existing indexes between the two forms without rebuilding
one (the form and its rules: ``index_form``; the blocks' contents: ``schema``).

Index blocks with multi-attribute keys (``key_schema``) and the index resource are newer than
CDK for Terraform's bindings: they are written as overrides (``overrides``), on both engines.
"""

from __future__ import annotations

from typing import Any

from constructs import Construct

from ._aws import DynamodbTableAttribute, DynamodbTableGlobalSecondaryIndex
from ._core import TerraformProvider, TerraformResource
from ._values import Unbound
from .adoption import ImportBlock, provider_address, set_imports
from .aws_context import ids_of
from .ids import address
from .index_form import INDEX_RESOURCE_TYPE
from .overrides import UnboundResource
from .refactor import forget_addresses
from .settings import TableSettings


def index_arguments(settings: TableSettings, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The table's ``attribute`` and ``global_secondary_index`` arguments: every key attribute and
    the index blocks, or (index resources) only the table's and local indexes' keys and no blocks.
    ``blocks``: the index blocks already rendered (with expressions for live capacities)."""
    schema = settings.schema
    separate = settings.index_form.is_resources
    attributes = [DynamodbTableAttribute(**a) for a in schema._render_attributes(global_indexes=not separate)]
    if separate or not schema.global_indexes:
        return {"attribute": attributes, "global_secondary_index": None}
    if blocks is not None:
        return {"attribute": attributes, "global_secondary_index": Unbound(blocks)}  # numbers as expressions
    blocks = schema._render_global_indexes(settings.index_capacities)
    if schema.multi_attribute_keys:
        return {"attribute": attributes, "global_secondary_index": Unbound(blocks)}
    return {"attribute": attributes, "global_secondary_index": [DynamodbTableGlobalSecondaryIndex(**b) for b in blocks]}


def index_id(index_name: str) -> str:
    """The construct id of an index resource under its table."""
    return f"index_{index_name}"


class TableIndexes:
    """The index resources of a table in ``IndexForm.resources()`` (none inline), and the blocks
    of a move between forms. ``resources``: index name -> its resource, for what must wait for an
    index (its contributor insights, autoscaling targets, replicas)."""

    def __init__(self, table: Construct, settings: TableSettings, *, table_name_ref: str,
                 provider: TerraformProvider | None) -> None:
        self.resources: dict[str, TerraformResource] = {}
        form = settings.index_form
        addresses = {name: address(INDEX_RESOURCE_TYPE, (*ids_of(table), index_id(name)))
                     for name in (i.name for i in settings.schema.global_indexes)}
        owner = "/".join(ids_of(table)) + "/indexes"
        if not form.is_resources:
            if form.migrating:
                forget_addresses(table, owner, list(addresses.values()))
            return
        scaled = settings.autoscaled_index_sides
        for name, arguments in settings.schema._render_index_resources(settings.index_capacities).items():
            # Autoscaling owns an autoscaled side's capacity: only that attribute is ignored.
            ignored = [f"provisioned_throughput[0].{side}_capacity_units" for side in ("read", "write")
                       if (name, side) in scaled]
            self.resources[name] = UnboundResource(table, index_id(name), INDEX_RESOURCE_TYPE,
                                                   {"table_name": table_name_ref, **arguments}, provider=provider,
                                                   ignore_changes=ignored)
        if form.migrating:
            # Read through the table's own provider: the index lives in the table's Region.
            set_imports(table, owner, [ImportBlock(addresses[name], f"{settings.name},{name}", provider_address(provider))
                                       for name in self.resources])

    @property
    def all(self) -> list[TerraformResource]:
        return list(self.resources.values())
