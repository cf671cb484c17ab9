"""The app ``cdktf synth`` runs (and ``python main.py``): one stack per environment."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import dynamo_constructs

from cdktf import App

from stacks import EnvironmentStack, load_environments

ROOT = Path(__file__).resolve().parent


def read_context() -> dict[str, Any]:
    """cdktf.json's ``context``: ``cdktf synth`` passes it to the app, ``python main.py`` reads it here."""
    context = json.loads((ROOT / "cdktf.json").read_text()).get("context", {})
    return {k: v for k, v in context.items() if not k.startswith("cdktf")}


def build_app(context: dict[str, Any] | None = None, outdir: str | None = None) -> App:
    context = read_context() if context is None else context
    app = App(outdir=outdir) if outdir else App()
    for config in load_environments(context):
        EnvironmentStack(app, config.environment, config)
    return app


if __name__ == "__main__":
    with dynamo_constructs.exit_on_config_error():
        build_app().synth()
