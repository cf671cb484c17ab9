"""Measure the two forms of a table's global indexes (``IndexForm.inline()`` / ``.resources()``).

What can be measured here (only hashicorp/aws 5.100 exists as a binary): the jsii round trips and
synth time per table with three indexes, and what the real ``terraform validate`` with the mirror's
provider says of each form with the provider range the library derives and with that range
forced down to 5.100. Plan behaviour on 6.28+ cannot be run here: README cites the provider's own
acceptance tests for it.

Usage: .venv/bin/python bench/index_forms.py   (prints a Markdown table)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import roundtrips  # noqa: E402

roundtrips.install()

import dynamo_constructs  # noqa: E402, F401  - before the bindings: the import accelerator
from dynamo_constructs import Attribute, GlobalSecondaryIndex, IndexForm, Table, aws_provider, local_state  # noqa: E402
from dynamo_constructs._core import App, TerraformStack  # noqa: E402

from devtools import terraform_cli  # noqa: E402

TABLES = 40
S = Attribute.string


def indexes(multi: bool) -> list[GlobalSecondaryIndex]:
    if multi:
        return [GlobalSecondaryIndex(name=f"By{i}", partition_keys=[S(f"a{i}"), S(f"b{i}")]) for i in range(3)]
    return [GlobalSecondaryIndex(name=f"By{i}", partition_key=S(f"a{i}")) for i in range(3)]


FORMS: dict[str, Callable[[TerraformStack, str], Table]] = {
    "inline": lambda s, n: Table(s, n, partition_key=S("id"), global_indexes=indexes(False)),
    "inline, multi-attribute keys": lambda s, n: Table(s, n, partition_key=S("id"), global_indexes=indexes(True)),
    "resources": lambda s, n: Table(s, n, partition_key=S("id"), global_indexes=indexes(False),
                                    index_form=IndexForm.resources()),
}


def measure(make: Callable[[TerraformStack, str], Table], count: int, outdir: Path) -> tuple[int, float]:
    app = App(outdir=str(outdir))
    stack = TerraformStack(app, "s")
    aws_provider(stack, "us-east-1")
    local_state(stack)
    before, start = sum(roundtrips.snapshot().values()), time.perf_counter()
    for n in range(count):
        make(stack, f"t{n}")
    app.synth()
    return sum(roundtrips.snapshot().values()) - before, time.perf_counter() - start


def validate(stack_dir: Path, floor: str | None) -> str:
    if floor is not None:
        path = stack_dir / "cdk.tf.json"
        doc = json.loads(path.read_text())
        doc["terraform"]["required_providers"]["aws"]["version"] = floor
        path.write_text(json.dumps(doc))
    try:
        report = terraform_cli.validate(stack_dir)
    except terraform_cli.TerraformError as error:
        text = str(error)
        for reason in ("does not support resource type", "no available releases match", "Missing required argument",
                       "Unsupported block type", "Unsupported argument"):
            if reason in text:
                return f"refused: {reason}"
        return "refused"
    return "valid" if report["valid"] else "invalid"


def main() -> None:
    rows = ["| form | jsii round trips per table | synth ms per table | provider range | terraform validate, 5.100 mirror "
            "| ... with the range forced to 5.100 |", "| --- | ---: | ---: | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        for label, make in FORMS.items():
            measure(make, 1, Path(tmp) / "warm")
            one = measure(make, 1, Path(tmp) / f"{label}-1")
            many = measure(make, TABLES + 1, Path(tmp) / f"{label}-n")
            per_table = (many[0] - one[0]) / TABLES, 1000 * (many[1] - one[1]) / TABLES
            stack_dir = Path(tmp) / f"{label}-1" / "stacks" / "s"
            derived = json.loads((stack_dir / "cdk.tf.json").read_text())["terraform"]["required_providers"]["aws"]["version"]
            rows.append(f"| {label} | {per_table[0]:.1f} | {per_table[1]:.1f} | `{derived}` | {validate(stack_dir, None)} "
                        f"| {validate(stack_dir, '>= 5.100.0, < 7.0.0')} |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
