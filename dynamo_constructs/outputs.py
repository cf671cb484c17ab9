"""One helper for the outputs a consumer of a table needs (name, ARN, stream, key, replicas)."""

from __future__ import annotations

import re

from constructs import Construct

from ._core import TerraformOutput
from .table import Table
from .validation import check, check_type, checked_arguments, matches

OUTPUT_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*", re.ASCII)


@checked_arguments
def table_outputs(scope: Construct, prefix: str, table: Table) -> None:
    """``<prefix>_table_name``, ``_table_arn``, ``_stream_arn``, ``_kms_key_arn`` and
    ``_replica_<region>_arn`` outputs (each only when the table has it).

    Args:
        prefix: Starts every output's name: a letter or ``_``, then letters, digits, ``_`` or ``-``.
        table: A ``Table`` this stack creates.
    """
    where = "table_outputs"
    check(matches(OUTPUT_PREFIX, prefix), "prefix", prefix, "expected a Terraform name: a letter or '_', then letters, "
          "digits, '_' or '-'", where)
    check_type("table", table, Table, "expected a Table this stack creates", where)
    TerraformOutput(scope, f"{prefix}_table_name", value=table.table_name_ref)
    TerraformOutput(scope, f"{prefix}_table_arn", value=table.table_arn)
    if table.table_stream_arn is not None:
        TerraformOutput(scope, f"{prefix}_stream_arn", value=table.table_stream_arn)
    if table.encryption_key_arn is not None:
        TerraformOutput(scope, f"{prefix}_kms_key_arn", value=table.encryption_key_arn)
    for region, arn in table.replica_arns.items():
        TerraformOutput(scope, f"{prefix}_replica_{region.replace('-', '_')}_arn", value=arn)
