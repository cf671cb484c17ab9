"""A bad configuration is one clean line however the app is run: ``python main.py``, ``cdktf synth``
(on cdktf), ``cdktn synth`` (on cdktn). The app is a copy of this repository's (main.py, stacks/)
with a cdktf.json whose context has ``environments.prod.kms_deletion_window_days: null``.

The CLIs run the app as a child: they log its stderr as it comes and repeat it in their failure
summary ("Command output on stderr"), so there the line shows in both places; the app itself
writes that one line and nothing else (no traceback).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import engines
from tests.support.paths import ROOT

TIMEOUT = 300
LINE = ("error: cdktf.json context: invalid environments.prod.kms_deletion_window_days=None; "
        "expected an integer (null is not allowed here)")


def bad_app(folder: Path) -> Path:
    """The repository's app in ``folder``, its context with one bad value."""
    shutil.copy(ROOT / "main.py", folder / "main.py")
    shutil.copytree(ROOT / "stacks", folder / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    config = json.loads((ROOT / "cdktf.json").read_text())
    config["context"]["environments"] = {"prod": {"kms_deletion_window_days": None}}
    config["app"] = f"{sys.executable} main.py"
    (folder / "cdktf.json").write_text(json.dumps(config))
    return folder


def app_output_in_summary(text: str) -> list[str]:
    """The app's stderr as the CLI repeats it under "Command output on stderr" (indented block)."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    block = plain.split("Command output on stderr:", 1)[1].lstrip("\n")
    lines = []
    for line in block.splitlines():
        if not line.startswith("    "):
            break
        lines.append(line.strip())
    return lines


def test_python_main_prints_one_line(tmp_path: Path) -> None:
    app = bad_app(tmp_path)
    done = subprocess.run([sys.executable, "main.py"], cwd=app, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False, env={**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"})
    assert (done.returncode, done.stdout, done.stderr) == (1, "", LINE + "\n")
    assert not list(app.glob("cdktf.out/stacks/*")), "nothing synthesized"


def test_the_traceback_is_there_when_asked_for(tmp_path: Path) -> None:
    app = bad_app(tmp_path)
    done = subprocess.run([sys.executable, "main.py"], cwd=app, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False, env={**os.environ, "DYNAMO_CONSTRUCTS_TRACEBACK": "1",
                                            "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"})
    assert done.returncode == 1
    assert done.stderr.startswith("Traceback") and LINE.removeprefix("error: ") in done.stderr.splitlines()[-1]


def run_cli(engine: str, app: Path) -> subprocess.CompletedProcess[str]:
    cli = engines.cli(engine)
    assert cli.exists(), f"the {engine} CLI is missing: `make install ENGINE={engine}` provides it"
    env = engines.environment(engine, {**os.environ, "CI": "true"})
    return subprocess.run([str(cli), "synth", "--app", f"{sys.executable} main.py"], cwd=app, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False, env=env)


@pytest.mark.parametrize("engine", [pytest.param(name, marks=pytest.mark.engine(name)) for name in ("cdktf", "cdktn")])
def test_the_engine_cli_shows_the_apps_one_line(engine: str, tmp_path: Path) -> None:
    done = run_cli(engine, bad_app(tmp_path))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output[-3000:]
    assert "Traceback" not in output
    assert app_output_in_summary(output) == [LINE]
    assert output.count(LINE) == 2, "logged once as it came, repeated once in the failure summary"
