"""Per-environment stacks composed from the dynamo_constructs library."""

from __future__ import annotations

from .config import EnvironmentConfig, load_environments
from .environment import EnvironmentStack

__all__ = ["EnvironmentConfig", "EnvironmentStack", "load_environments"]
