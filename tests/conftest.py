"""Session-wide set-up: lanes by folder, the app's stacks synthesized once per session.

Lanes (one folder each; ``make test-<lane>`` runs one): unit, synth, terraform, emulator,
deploy, scan, cli, review, devtools (the dev tooling's own tests). Each test is marked with its lane, so ``-m unit`` selects the same set.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import dynamo_constructs  # noqa: F401  - first: the provider import accelerator must precede the engine

import pytest

from tests.support.examples import EXAMPLES, synth_example
from tests.support.neutral import read_stack
from tests.support.paths import ROOT

LANES = ("unit", "synth", "terraform", "emulator", "deploy", "scan", "cli", "review", "devtools")


def pytest_configure(config: pytest.Config) -> None:
    for lane in LANES:
        config.addinivalue_line("markers", f"{lane}: the {lane} lane (tests/{lane}/)")
    config.addinivalue_line("markers", "engine(name): runs only on that engine (the other engine's run deselects it)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Lane markers by folder; tests of the other engine are deselected (not skipped: the other
    engine's run, in CI too, runs them)."""
    from dynamo_constructs.engine import ENGINE

    kept, other_engine = [], []
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in LANES:
            item.add_marker(parts[0])
        marker = item.get_closest_marker("engine")
        (other_engine if marker is not None and marker.args[0] != ENGINE.name else kept).append(item)
    if other_engine:
        config.hook.pytest_deselected(items=other_engine)
        items[:] = kept


@pytest.fixture(scope="session")
def app_outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's app (main.py with cdktf.json's context), synthesized once per session."""
    from main import build_app

    outdir = tmp_path_factory.mktemp("app") / "cdktf.out"
    build_app(outdir=str(outdir)).synth()
    return outdir


@pytest.fixture(scope="session")
def app_stacks(app_outdir: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """Each stack's JSON, engine-neutral (no engine version): the snapshots serve cdktf and cdktn alike."""
    return {stack.name: read_stack(stack / "cdk.tf.json") for stack in sorted((app_outdir / "stacks").iterdir())}


@pytest.fixture(scope="session")
def examples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example synthesized once, each into its own folder."""
    out = tmp_path_factory.mktemp("examples")
    for name in EXAMPLES:
        synth_example(name, out)
    return out


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Name each stack's deploy-lane result and timings at the end of the run."""
    from tests.support.deploy import DEPLOY_TIMES

    if not DEPLOY_TIMES:
        return
    terminalreporter.section("deploy lane (local emulator)")
    for env, times in DEPLOY_TIMES.items():
        parts = ", ".join(f"{k.removesuffix('_s')} {v:.1f}s" for k, v in times.items())
        terminalreporter.write_line(f"{env}: {parts}")
