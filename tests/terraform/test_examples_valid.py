"""Every example stack passes the real ``terraform validate`` (hashicorp/aws from the local mirror)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import terraform_cli
from tests.support.examples import EXAMPLE_STACKS


@pytest.mark.parametrize(("example", "name"), EXAMPLE_STACKS, ids=[f"{e}-{s}" for e, s in EXAMPLE_STACKS])
def test_example_is_valid_terraform(examples_out: Path, example: str, name: str) -> None:
    assert terraform_cli.validate(examples_out / example / "stacks" / name)["valid"] is True
