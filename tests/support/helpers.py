"""Helpers shared by the tests: build a throwaway stack, synthesize it, read the JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dynamo_constructs import aws_provider
from dynamo_constructs._core import App, TerraformOutput, TerraformStack, Testing

Json = dict[str, Any]


def new_app() -> App:
    return Testing.app()


def new_stack(region: str = "us-east-1", name: str = "test") -> TerraformStack:
    """A stack with a default AWS provider, in a fresh app."""
    stack = TerraformStack(new_app(), name)
    aws_provider(stack, region)
    return stack


def synth(stack: TerraformStack) -> Json:
    return json.loads(Testing.synth(stack))  # type: ignore[no-any-return]


def build(factory: Callable[[TerraformStack], Any], region: str = "us-east-1") -> Json:
    stack = new_stack(region)
    factory(stack)
    return synth(stack)


def resources(doc: Json, kind: str) -> dict[str, Json]:
    return doc.get("resource", {}).get(kind, {})  # type: ignore[no-any-return]


def only(doc: Json, kind: str) -> Json:
    """The one resource of ``kind`` (fails if there are none or several)."""
    found = resources(doc, kind)
    assert len(found) == 1, f"expected one {kind}, found {sorted(found)}"
    return next(iter(found.values()))


def resolve(stack: TerraformStack, **values: Any) -> dict[str, Any]:
    """Terraform expressions of token-valued attributes, read back from synthesized outputs."""
    for name, value in values.items():
        TerraformOutput(stack, f"resolve_{name}", value=value)
    outputs = synth(stack)["output"]
    return {name: outputs[f"resolve_{name}"]["value"] for name in values}
