"""``review``: two synthesized configurations in, a :class:`Report` out."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .audit import apply_audit_rules
from .config import Config, ConfigError, parse
from .inputs import InputError, pair_stacks
from .model import Report, sorted_changes
from .planner import plan
from .refusals import apply_refusal_rules
from .safety import apply_config_rules


def review_documents(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None,
                     stack: str | None = None) -> Report:
    """Review one stack: BEFORE (applied) and AFTER (to apply) Terraform JSON documents; either may be
    None (a stack that appears or disappears)."""
    try:
        before_config = parse(before, "BEFORE") if before is not None else Config.empty()
        after_config = parse(after, "AFTER") if after is not None else Config.empty()
    except ConfigError as exc:
        raise InputError(f"{stack + ': ' if stack else ''}{exc}") from exc
    planned = plan(before_config, after_config)
    apply_config_rules(planned)
    apply_audit_rules(planned)
    apply_refusal_rules(planned)  # after the losses: a refused replacement's fix is the loss's
    changes = []
    for item in planned.planned:
        item.change.stack = stack
        changes.append(item.change)
    return Report(sorted_changes(changes), [stack])


def review_paths(before: Path, after: Path) -> Report:
    """Review files or directories (see :func:`inputs.pair_stacks`); stacks are matched by name."""
    return Report.merge(review_documents(b, a, stack) for stack, b, a in pair_stacks(before, after))
