"""Where moto differs from AWS, and operations it lacks; each module patches one service."""

from __future__ import annotations

import functools

from . import autoscaling, backup, dynamodb, dynamodbstreams, kinesis, kms


@functools.cache
def install() -> None:
    """Patch moto once per process."""
    dynamodb.install()
    dynamodbstreams.install()
    kms.install()
    backup.install()
    autoscaling.install()
    kinesis.install()
