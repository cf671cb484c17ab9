"""Refactors without loss: Terraform ``moved`` and ``removed`` blocks for whole constructs.

A resource's Terraform address comes from its construct path. Renaming or moving a construct
changes the address, and Terraform plans "destroy the old, create the new" — for a table, an
empty table. :func:`keep_on_move` (and ``Table(..., moved_from=...)``) writes a ``moved``
block for every resource under the construct, so Terraform moves the state instead.
:func:`forget` stops managing a construct's resources without destroying them (``removed``
with ``destroy = false``, Terraform >= 1.7); :func:`forget_addresses`
writes ``removed`` blocks for single resources (a table's indexes leaving resource form; the
``import`` blocks of adoption are ``adoption.set_imports``).

Logical ids are computed as the engine computes them (``ids.logical_id``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from constructs import Construct

from ._core import TerraformResource
from .aws_context import set_stack_blocks, stack_of
from .ids import logical_id
from .validation import check, check_type, checked_arguments, located

REMOVED_MIN_TERRAFORM = ">= 1.7.0"
_MOVES = "moved"
_REMOVED = "removed"


def _split(path: str) -> list[str]:
    return [part for part in path.strip("/").split("/") if part]


def previous_paths(field: str, value: Any) -> tuple[tuple[str, ...], ...]:
    """``moved_from`` as a tuple of paths (each a tuple of ids below the stack), oldest first."""
    paths = (value,) if isinstance(value, str) else value
    check(isinstance(paths, (list, tuple)), field, value, "expected a construct path below the stack ('orders' or "
          "'team/orders') or a list of them, oldest first")
    result = []
    for position, path in enumerate(paths):
        check(isinstance(path, str) and bool(_split(path)), field if isinstance(value, str) else f"{field}[{position}]",
              path, "expected a construct path below the stack, such as 'orders' or 'team/orders'")
        result.append(tuple(_split(path)))
    check(len(set(result)) == len(result), field, list(paths), "each previous path once")
    return tuple(result)


def _resources_below(construct: Construct) -> list[tuple[TerraformResource, tuple[str, ...]]]:
    """Every resource under ``construct`` with its path relative to it."""
    base = len(_split(construct.node.path))
    return [(c, tuple(_split(c.node.path))[base:]) for c in construct.node.find_all()
            if isinstance(c, TerraformResource)]


def _stack_path(construct: Construct) -> tuple[str, ...]:
    """``construct``'s ids below its stack."""
    stack_depth = len(_split(stack_of(construct).node.path))
    return tuple(_split(construct.node.path))[stack_depth:]


@checked_arguments
def keep_on_move(construct: Construct, moved_from: str | Sequence[str]) -> None:
    """Write ``moved`` blocks so every resource under ``construct`` keeps its state after the
    construct was renamed or moved. Call it after the construct's children exist.

    ``Table(moved_from=...)`` does the same for a table (and keeps its default name).

    Args:
        construct: Any construct that moved (a group of tables, a domain construct, ...).
        moved_from: Its construct path below the stack before (``"legacy_group"``, ``"team/orders"``),
            or several, oldest first (Terraform follows the chain).
    """
    check_type("construct", construct, Construct, "expected the construct that moved", "keep_on_move")
    with located(lambda: construct.node.path):
        olds = previous_paths("moved_from", moved_from)
    current = _stack_path(construct)
    chain = [*olds, current]
    blocks = []
    for resource, relative in _resources_below(construct):
        kind = resource.terraform_resource_type
        for old, new in itertools.pairwise(chain):
            blocks.append({"from": f"{kind}.{logical_id(old + relative)}", "to": f"{kind}.{logical_id(new + relative)}"})
    set_stack_blocks(construct, _MOVES, "/".join(current), blocks)


@checked_arguments
def forget(construct: Construct) -> list[str]:
    """Stop managing every resource under ``construct`` without destroying it.

    Writes a ``removed`` block (``lifecycle { destroy = false }``) per resource and takes the
    resources out of the configuration; Terraform then drops them from state and leaves the
    live objects alone. Apply once, then delete the code. Resources elsewhere that refer to
    them (policies naming the table's ARN, a backup selection) must stop doing so in the same
    change. The stack then requires Terraform >= 1.7.

    Args:
        construct: The construct to let go of (a ``Table``, or any construct holding resources).

    Returns:
        The forgotten resource addresses.
    """
    check_type("construct", construct, Construct, "expected the construct to forget", "forget")
    addresses = [f"{r.terraform_resource_type}.{logical_id(_stack_path(construct) + rel)}"
                 for r, rel in _resources_below(construct)]
    for child in list(construct.node.children):
        construct.node.try_remove_child(child.node.id)
    set_stack_blocks(construct, _REMOVED, "/".join(_stack_path(construct)),
                [{"from": a, "lifecycle": {"destroy": False}} for a in addresses])
    stack_of(construct).add_override("terraform.required_version", REMOVED_MIN_TERRAFORM)
    return addresses


def forget_addresses(construct: Construct, owner: str, addresses: Sequence[str]) -> None:
    """``removed`` blocks (``destroy = false``) for resources no longer in the configuration:
    Terraform drops them from state and leaves the objects alone (ignored when not in state)."""
    set_stack_blocks(construct, _REMOVED, owner, [{"from": a, "lifecycle": {"destroy": False}} for a in addresses])
    stack_of(construct).add_override("terraform.required_version", REMOVED_MIN_TERRAFORM)
