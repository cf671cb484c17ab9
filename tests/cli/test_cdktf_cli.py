"""`cdktf synth` (the CDKTF CLI from package.json) runs this app and writes the same bytes as
`python main.py`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import ROOT

pytestmark = pytest.mark.engine("cdktf")  # the cdktf CLI runs this app on cdktf; cdktn: test_cdktn_cli.py

CLI = ROOT / "node_modules" / ".bin" / "cdktf"


def test_cdktf_synth_matches_python_main(app_outdir: Path, tmp_path: Path) -> None:
    assert CLI.exists(), "the CDKTF CLI is missing: `make install` (npm ci) provides node_modules/.bin/cdktf"
    out = tmp_path / "cli.out"
    done = subprocess.run([str(CLI), "synth", "--output", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False,
                          env={**os.environ, "CHECKPOINT_DISABLE": "1", "CI": "true",
                               "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for stack in ("dev", "staging", "prod"):
        cli_json = (out / "stacks" / stack / "cdk.tf.json").read_bytes()
        assert cli_json == (app_outdir / "stacks" / stack / "cdk.tf.json").read_bytes(), stack
