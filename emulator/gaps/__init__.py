"""Operations moto lacks that the stacks use; each module patches one service's handler."""

from __future__ import annotations

from . import autoscaling, backup, dynamodb

_installed = False


def install() -> None:
    global _installed
    if not _installed:
        dynamodb.install()
        backup.install()
        autoscaling.install()
        _installed = True
