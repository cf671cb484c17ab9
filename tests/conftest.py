"""Session-wide set-up: silence jsii's Node banner, synthesize the app's stacks once."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import dynamo_constructs  # noqa: E402,F401  - first: the provider import accelerator must precede cdktf
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def app_outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's app (main.py with cdktf.json's context), synthesized once per session."""
    from main import build_app

    outdir = tmp_path_factory.mktemp("app") / "cdktf.out"
    build_app(outdir=str(outdir)).synth()
    return outdir


@pytest.fixture(scope="session")
def app_stacks(app_outdir: Path) -> dict[str, dict]:
    return {
        stack.name: json.loads((stack / "cdk.tf.json").read_text())
        for stack in sorted((app_outdir / "stacks").iterdir())
    }
