"""bench/field.py, the probe behind README's field table: this library's side is read from the
package (every feature it claims has its evidence there), and the table counts what it finds."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.support.paths import ROOT


def _field() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_field", ROOT / "bench" / "field.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_our_side_is_read_from_the_package() -> None:
    field = _field()
    ours = field.our_names()
    missing = [feature for feature, _, _, evidence in field.FEATURES if evidence and not any(n in ours for n in evidence)]
    assert missing == [], "a feature's evidence is gone from the package"
    gaps = [feature for feature, _, _, evidence in field.FEATURES if not evidence]
    assert gaps == ["read capacity per replica"], "the one gap README names (no provider argument)"
    assert {"GlobalSecondaryIndex.partition_keys", "Table.index_form", "TableSource.backup",
            "Replica.kinesis_stream_arn"} <= ours


def test_the_table_marks_and_counts_each_side() -> None:
    field = _field()
    rows = field.table({"TableV2.partition_key"}, {"var.hash_key", "var.tags"}, {"Table.partition_key"})
    assert rows[2] == "| partition and sort key | yes | yes | yes |"
    assert rows[-1] == f"| **of {len(field.FEATURES)}** | **1** | **2** | **1** |"
