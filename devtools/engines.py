"""Where each engine's tools live in this checkout, and the environment that runs them.

The Makefile, the CLI tests and the benchmark start processes on either engine: CDK for Terraform
in ``.venv`` (CLI from the root ``package.json``) or CDK Terrain in ``.venv-cdktn`` with Node 22 and
the cdktn CLI from ``tools/cdktn`` (``make install ENGINE=cdktn``). One place names those paths, so
a test and ``make`` cannot drift apart. Importing this module imports no engine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("cdktf", "cdktn")
NODE22_BIN = ROOT / "tools" / "cdktn" / "node_modules" / ".bin"
_VENVS = {"cdktf": ROOT / ".venv", "cdktn": ROOT / ".venv-cdktn"}
_CLIS = {"cdktf": ROOT / "node_modules" / ".bin" / "cdktf", "cdktn": NODE22_BIN / "cdktn"}


def venv(engine: str) -> Path:
    """The engine's virtual environment (made by ``make install ENGINE=<engine>``)."""
    return _VENVS[engine]


def python(engine: str) -> Path:
    return venv(engine) / "bin" / "python"


def cli(engine: str) -> Path:
    """The engine's own CLI (``cdktf`` or ``cdktn``), installed from the project's npm files."""
    return _CLIS[engine]


def node22() -> Path:
    """Node 22 from ``tools/cdktn`` (the cdktn CLI needs >= 22.19; Debian here has only older ones)."""
    return NODE22_BIN / "node"


def environment(engine: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's) set up for ``engine``: the engine pinned, telemetry off;
    on cdktn, Node 22 first on PATH (the CLI runs on it) and jsii's kernel on it (``JSII_NODE``)."""
    env = {**(os.environ if base is None else base), "DYNAMO_CONSTRUCTS_ENGINE": engine, "CHECKPOINT_DISABLE": "1",
           "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    if engine == "cdktn" and node22().exists():
        env["PATH"] = f"{NODE22_BIN}{os.pathsep}{env.get('PATH', '')}"
        env["JSII_NODE"] = str(node22())
    return env
