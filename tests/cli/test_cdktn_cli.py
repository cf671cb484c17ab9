"""CDK Terrain's own CLI (``cdktn`` on Node 22, from tools/cdktn) runs this app: ``cdktn synth``
writes the same bytes as ``python main.py``, and ``cdktn diff`` plans offline.

``cdktf.json`` names ``.venv``'s Python as the app; on cdktn the CLI is given this venv's with
``--app``. The diff uses the local provider mirror (``TF_CLI_CONFIG_FILE``) and
``--skip-provider-lock``: without it the CLI runs ``terraform providers lock``, which ignores a
mirror and asks the registry. Plans read the AWS account, so the emulator answers on loopback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import engines, terraform_cli
from devtools.emulator.process import aws_env, running_emulator
from tests.support.paths import ROOT

pytestmark = pytest.mark.engine("cdktn")  # the cdktn CLI runs this app on cdktn; cdktf: test_cdktf_cli.py

CLI_TIMEOUT = 300


def run_cli(*args: str, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cli = engines.cli("cdktn")
    assert cli.exists(), "the cdktn CLI is missing: `make install ENGINE=cdktn` provides tools/cdktn/node_modules/.bin/cdktn"
    assert engines.node22().exists(), "Node 22 is missing: `make install ENGINE=cdktn` provides it in tools/cdktn"
    full_env = engines.environment("cdktn", {**os.environ, "CI": "true", **(env or {})})
    done = subprocess.run([str(cli), *args, "--app", f"{sys.executable} main.py", "--output", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False, env=full_env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_cdktn_synth_matches_python_main(app_outdir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.out"
    run_cli("synth", out=out)
    for stack in ("dev", "staging", "prod"):
        cli_json = (out / "stacks" / stack / "cdk.tf.json").read_bytes()
        assert cli_json == (app_outdir / "stacks" / stack / "cdk.tf.json").read_bytes(), stack


def test_cdktn_diff_plans_offline_against_the_provider_mirror(tmp_path: Path) -> None:
    out = tmp_path / "cli.out"
    with running_emulator(tmp_path / "emulator.log") as endpoint:
        done = run_cli("diff", "dev", "--skip-provider-lock", out=out,
                       env={"TF_CLI_CONFIG_FILE": str(terraform_cli.cli_config_file()), **aws_env(endpoint)})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    planned = re.search(r"Plan: (\d+) to add, 0 to change, 0 to destroy", plain)
    assert planned is not None, plain[-3000:]
    resources = json.loads((out / "stacks" / "dev" / "cdk.tf.json").read_text())["resource"]
    assert int(planned.group(1)) == sum(len(of_type) for of_type in resources.values())
