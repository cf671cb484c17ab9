"""Two engines, one code base: CDK for Terraform and CDK Terrain write the same stacks.

The cross-engine test runs ``python main.py`` in the other engine's virtual environment (``.venv``
or ``.venv-cdktn``, from ``make install [ENGINE=cdktn]``) and compares every stack with this run's,
apart from the engine's version in the ``"//"`` metadata. In CI a missing environment is a failure,
not a skip: CI builds both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import import_module, metadata
from pathlib import Path

from dynamo_constructs import engine
from dynamo_constructs.engine import ENGINE, ENGINES

import pytest

from devtools import engines
from tests.support.neutral import read_stack
from tests.support.paths import ROOT

OTHER = next(name for name in ENGINES if name != ENGINE.name)
TIMEOUT = 300


def stacks(outdir: Path) -> dict[str, dict[str, object]]:
    return {p.parent.name: read_stack(p) for p in sorted(outdir.glob("stacks/*/cdk.tf.json"))}


def test_the_other_engine_writes_the_same_stacks(app_outdir: Path, tmp_path: Path) -> None:
    python = engines.python(OTHER)
    if not python.exists():
        message = f"{python.relative_to(ROOT)} is missing: `make install ENGINE={OTHER}` creates it"
        if os.environ.get("CI"):
            pytest.fail(f"CI compares both engines: {message}")
        pytest.skip(message)
    done = subprocess.run([str(python), str(ROOT / "main.py")], cwd=tmp_path, env=engines.environment(OTHER),
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    theirs, ours = stacks(tmp_path / "cdktf.out"), stacks(app_outdir)
    assert sorted(theirs) == sorted(ours) == ["dev", "prod", "staging"]
    for name, doc in ours.items():
        assert theirs[name] == doc, f"{OTHER} and {ENGINE.name} differ in stack {name!r}"
    versions = {json.loads((out / "stacks" / "dev" / "cdk.tf.json").read_text())["//"]["metadata"]["version"]
                for out in (tmp_path / "cdktf.out", app_outdir)}
    assert len(versions) == 2, "the two runs used the same engine"


def test_the_other_engines_names_are_this_engines(tmp_path: Path) -> None:
    """``from cdktf import App`` on cdktn (and the reverse) gives the selected engine's class: one engine per process."""
    other = ENGINES[OTHER]
    assert import_module(other.core) is import_module(ENGINE.core)
    assert import_module(f"{other.provider}.dynamodb_table") is import_module(f"{ENGINE.provider}.dynamodb_table")


@pytest.mark.parametrize("value", ["cdktf", "cdktn", " CDKTN "])
def test_the_environment_variable_picks_the_engine(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """The named engine, or (not installed here) a clear error naming the extra to install."""
    monkeypatch.setenv(engine.ENV, value)
    name = value.strip().lower()
    if _distribution(name):
        assert engine.select() is ENGINES[name]
    else:
        with pytest.raises(ImportError, match=rf"pip install 'dynamo-constructs\[{name}\]'"):
            engine.select()


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine.ENV, "pulumi")
    with pytest.raises(ImportError, match="expected one of cdktf, cdktn"):
        engine.select()


def test_without_the_variable_the_installed_engine_is_picked(tmp_path: Path) -> None:
    """cdktf when installed, else cdktn (a fresh process: this one has the aliases in place)."""
    env = {k: v for k, v in os.environ.items() if k != engine.ENV}
    done = subprocess.run([sys.executable, "-c", "from dynamo_constructs.engine import ENGINE; print(ENGINE.name)"],
                          cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60, check=True)
    has_cdktf = all(_distribution(name) for name in ("cdktf", "cdktf-cdktf-provider-aws"))
    assert done.stdout.strip() == ("cdktf" if has_cdktf else "cdktn")


def _distribution(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True
