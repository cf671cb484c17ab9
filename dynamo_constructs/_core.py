"""The one place that imports the engine's core classes (``cdktf`` or ``cdktn``; see ``engine``).

Both engines export the same names; ``_core.pyi`` gives their types.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .engine import ENGINE

NAMES = (
    "App", "Fn", "LocalBackend", "S3Backend", "TerraformOutput", "TerraformProvider", "TerraformResource",
    "TerraformResourceLifecycle", "TerraformStack", "Testing", "Token",
)

_module = import_module(ENGINE.core)
_exported: dict[str, Any] = {name: getattr(_module, name) for name in NAMES}
globals().update(_exported)
__all__ = list(NAMES)
