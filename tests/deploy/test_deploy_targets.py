"""``make deploy|diff|destroy ENV=dev`` (scripts/deploy.py) through the CDKTF CLI, offline: the
provider from the local mirror, the emulator as AWS, no registry."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.deploy import boto3_client, running_emulator
from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_emulator(tmp_path_factory.mktemp("emulator") / "emulator.log") as url:
        yield url


def run(command: str, endpoint: str, output: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "AWS_ENDPOINT_URL": endpoint}
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy.py"), command, "dev", "--output", str(output)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


def test_deploy_diff_destroy_dev_offline(endpoint: str, tmp_path: Path) -> None:
    output = tmp_path / "cdktf.out"
    run("deploy", endpoint, output)
    ddb = boto3_client("dynamodb", endpoint)
    assert sorted(n for n in ddb.list_tables()["TableNames"] if n.startswith("dynamo-dev-")) == [
        "dynamo-dev-audit-trail", "dynamo-dev-budget-tracking", "dynamo-dev-jobs", "dynamo-dev-media-metadata"]
    assert "No changes" in run("diff", endpoint, output).stdout
    run("destroy", endpoint, output)
    assert [n for n in ddb.list_tables()["TableNames"] if n.startswith("dynamo-dev-")] == []
