"""Index changes on an autoscaled table: each autoscaled index's capacity is what the live table has.

Application Auto Scaling changes index capacity behind Terraform's back, and Terraform cannot
ignore one attribute of one index, so a table with autoscaled indexes either ignores its whole
``global_secondary_index`` set (no index change can reach AWS) or renders each autoscaled index's
capacity as the live value, read at plan time by a data source. The read is guarded by the
Region's table list, so a table that does not exist yet (first deploy, new name) is no error; a
new index (no live value) or a live 0 (an on-demand table becoming provisioned) starts at its
autoscaling minimum. The table's name is a literal there: a reference to the table would make a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from constructs import Construct

from ._aws import DataAwsDynamodbTable, DataAwsDynamodbTables
from ._core import TerraformProvider
from .ids import address
from .settings import TableSettings


def live_index_capacities(table: Construct, table_ids: Sequence[str], settings: TableSettings,
                          provider: TerraformProvider | None) -> list[dict[str, Any]]:
    """The ``global_secondary_index`` blocks with each autoscaled capacity read from the live table
    (the data sources are made under ``table``, whose ids below the stack are ``table_ids``)."""
    DataAwsDynamodbTables(table, "tables", provider=provider)
    listed = address("data.aws_dynamodb_tables", (*table_ids, "tables"))
    reader = DataAwsDynamodbTable(table, "live", name=settings.name, provider=provider)
    reader.add_override("count", f"${{try(contains({listed}.names, \"{settings.name}\"), false) ? 1 : 0}}")
    live = f"try({address('data.aws_dynamodb_table', (*table_ids, 'live'))}[0].global_secondary_index, [])"
    scaled = settings.autoscaled_index_sides
    blocks = settings.schema._render_global_indexes(settings.index_capacities)
    for block in blocks:
        for operation in ("read", "write"):
            capacity = scaled.get((block["name"], operation))
            if capacity is not None:
                # max(.., minimum): a live autoscaled value is never lower than the minimum.
                block[f"{operation}_capacity"] = (
                    f"${{max(coalesce(one([for i in {live} : i.{operation}_capacity "
                    f"if i.name == \"{block['name']}\"]), 0), {capacity.minimum})}}")
    return blocks
