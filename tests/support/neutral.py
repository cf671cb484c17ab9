"""Synthesized stacks without what only names the engine, so one snapshot serves both engines.

CDK for Terraform and CDK Terrain write the same Terraform JSON except the engine's version in
the stack's ``"//"`` metadata (0.21.0 vs 0.24.0). Snapshots and cross-engine comparisons drop it;
the rest of the ``"//"`` metadata (paths, unique ids, backend, overrides) is the same on both and
stays compared.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ENGINE_SPECIFIC: tuple[tuple[str, ...], ...] = (("//", "metadata", "version"),)


def engine_neutral(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of one stack's ``cdk.tf.json`` without the engine-specific fields."""
    neutral = copy.deepcopy(doc)
    for *parents, leaf in ENGINE_SPECIFIC:
        node: Any = neutral
        for key in parents:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return neutral


def read_stack(path: Path) -> dict[str, Any]:
    """One ``cdk.tf.json``, engine-neutral."""
    return engine_neutral(json.loads(path.read_text()))


def neutralize_stacks(outdir: Path) -> None:
    """Rewrite every ``stacks/*/cdk.tf.json`` under ``outdir`` engine-neutral (test output only)."""
    for path in sorted(outdir.glob("stacks/*/cdk.tf.json")):
        path.write_text(json.dumps(read_stack(path), indent=2) + "\n")
