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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Name each stack's deploy-lane result and timings at the end of the run."""
    from tests.test_deploy import DEPLOY_TIMES

    if not DEPLOY_TIMES:
        return
    terminalreporter.section("deploy lane (local emulator)")
    for env, times in DEPLOY_TIMES.items():
        parts = ", ".join(f"{k.removesuffix('_s')} {v:.1f}s" for k, v in times.items())
        terminalreporter.write_line(f"{env}: {parts}")
