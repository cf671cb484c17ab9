"""What a user sees of the release and the runtime: ``__version__``, ``--version``, and no Node banner
(``node_runtime``: the variable jsii reads is set before the kernel starts, unless the user set it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version

import dynamo_constructs
from dynamo_constructs import cli
from dynamo_constructs.node_runtime import SILENCE_END_OF_LIFE, quiet_end_of_life_banner

import pytest


def test_version_is_the_installed_metadata() -> None:
    assert dynamo_constructs.__version__ == version("dynamo-constructs")
    assert "__version__" in dir(dynamo_constructs)


def test_the_command_prints_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"dynamo-constructs {version('dynamo-constructs')}\n"


@pytest.mark.parametrize(("given", "kept"), [(None, "20"), ("18", "18"), ("", "")])
def test_the_banner_is_silenced_for_node_20_unless_the_user_chose(given: str | None, kept: str) -> None:
    environ = {} if given is None else {SILENCE_END_OF_LIFE: given}
    quiet_end_of_life_banner(environ)
    assert environ == {SILENCE_END_OF_LIFE: kept}


def test_importing_the_package_sets_it_before_jsii_starts_node() -> None:
    """The kernel reads its environment once, when it starts: the package must set it before."""
    script = ("import json, os, dynamo_constructs\n"
              "from jsii import _reference_map\n"
              f"print(json.dumps([os.environ.get({SILENCE_END_OF_LIFE!r}), bool(_reference_map._assembly_to_module)]))")
    env = {k: v for k, v in os.environ.items() if k != SILENCE_END_OF_LIFE}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == ["20", False]
