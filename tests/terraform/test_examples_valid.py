"""Every example stack passes the real ``terraform validate`` (hashicorp/aws from the local mirror),
except stacks that need a newer provider than the mirror has. Those are not skipped silently: a test
proves their range starts above 5.100 and that terraform refuses to install the mirror's 5.100."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from devtools import terraform_cli
from tests.support.examples import NEWER_PROVIDER_STACKS, VALIDATED_STACKS


@pytest.mark.parametrize(("example", "name"), VALIDATED_STACKS, ids=[f"{e}-{s}" for e, s in VALIDATED_STACKS])
def test_example_is_valid_terraform(examples_out: Path, example: str, name: str,
                                    validate: Callable[[Path], dict[str, object]]) -> None:
    assert validate(examples_out / example / "stacks" / name)["valid"] is True


@pytest.mark.parametrize(("example", "name"), sorted(NEWER_PROVIDER_STACKS),
                         ids=[f"{e}-{s}" for e, s in sorted(NEWER_PROVIDER_STACKS)])
def test_newer_provider_stack_is_excluded_because_the_mirror_is_too_old(examples_out: Path, example: str, name: str,
                                                                        tmp_path: Path) -> None:
    """Not validated: it uses arguments hashicorp/aws 5.100 lacks, so its range starts at the version
    that has them, and terraform cannot install any provider for it from the 5.100 mirror. Its JSON
    is checked against the bindings' argument names instead (tests/unit/test_newer_features.py)."""
    stack_json = examples_out / example / "stacks" / name / "cdk.tf.json"
    version = json.loads(stack_json.read_text())["terraform"]["required_providers"]["aws"]["version"]
    assert version == f">= {NEWER_PROVIDER_STACKS[(example, name)]}, < 7.0.0"
    (tmp_path / "cdk.tf.json").write_text(stack_json.read_text())
    with pytest.raises(terraform_cli.TerraformError, match="no available releases match"):
        terraform_cli.init(tmp_path)
