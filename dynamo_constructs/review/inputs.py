"""Reading BEFORE and AFTER from disk: a ``cdk.tf.json`` file, a stack directory holding one, or a
``cdktf.out`` directory (stacks under ``stacks/<name>/cdk.tf.json``, matched by name)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STACK_FILE = "cdk.tf.json"


class InputError(ValueError):
    """Bad input: the CLI prints it on one line and exits with status 2."""


def read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc


def load_stacks(path: Path) -> tuple[bool, dict[str, Any]]:
    """(is a cdktf.out directory, stack name -> document); a single stack's name is ''."""
    if path.is_file():
        return False, {"": read_json(path)}
    if path.is_dir():
        stacks_dir = path / "stacks"
        if stacks_dir.is_dir():
            found = {child.name: read_json(child / STACK_FILE) for child in sorted(stacks_dir.iterdir())
                     if (child / STACK_FILE).is_file()}
            if not found:
                raise InputError(f"{path}: no stacks/<name>/{STACK_FILE} inside")
            return True, found
        if (path / STACK_FILE).is_file():
            return False, {"": read_json(path / STACK_FILE)}
        raise InputError(f"{path}: neither a cdktf.out directory (stacks/<name>/{STACK_FILE}) nor a stack "
                         f"directory ({STACK_FILE})")
    raise InputError(f"{path}: no such file or directory")


def pair_stacks(before: Path, after: Path) -> list[tuple[str | None, Any, Any]]:
    """(stack name or None, BEFORE document or None, AFTER document or None) per stack.

    A stack on one side only is all-create or all-destroy.
    """
    many_before, before_docs = load_stacks(before)
    many_after, after_docs = load_stacks(after)
    if many_before != many_after:
        raise InputError(f"cannot compare {'a cdktf.out directory' if many_before else 'one stack'} ({before}) with "
                         f"{'a cdktf.out directory' if many_after else 'one stack'} ({after})")
    if not many_before:
        return [(None, before_docs[""], after_docs[""])]
    names = sorted(set(before_docs) | set(after_docs))
    return [(name, before_docs.get(name), after_docs.get(name)) for name in names]
