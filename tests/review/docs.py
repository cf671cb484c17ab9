"""Hand-written Terraform JSON documents for the review's unit tests (no engine, no terraform)."""

from __future__ import annotations

import copy
from typing import Any

Doc = dict[str, Any]


def stack(**resources: dict[str, Any]) -> Doc:
    """``stack(aws_dynamodb_table={"t": {...}})`` -> a cdk.tf.json-shaped document."""
    return {
        "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.100.0"}}},
        "provider": {"aws": [{"region": "us-east-1"}]},
        "resource": copy.deepcopy(resources),
    }


def table(name: str = "orders", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "billing_mode": "PAY_PER_REQUEST",
        "hash_key": "pk",
        "attribute": [{"name": "pk", "type": "S"}],
        "point_in_time_recovery": {"enabled": True},
        "deletion_protection_enabled": False,
    }
    body.update(extra)
    return body


def key(**extra: Any) -> dict[str, Any]:
    return {"description": "table key", "enable_key_rotation": True, "deletion_window_in_days": 30, **extra}


def with_table(**extra: Any) -> Doc:
    return stack(aws_dynamodb_table={"t": table(**extra)})


def edit(doc: Doc, path: str, value: Any) -> Doc:
    """A copy of ``doc`` with ``resource.<type>.<name>.<arg...>`` set (``None`` deletes it)."""
    changed = copy.deepcopy(doc)
    parts = path.split(".")
    target = changed["resource"]
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    if value is None:
        target.pop(parts[-1], None)
    else:
        target[parts[-1]] = value
    return changed
