"""Every example stack passes the real ``terraform validate`` (hashicorp/aws from the local mirror)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.examples import EXAMPLE_STACKS


@pytest.mark.parametrize(("example", "name"), EXAMPLE_STACKS, ids=[f"{e}-{s}" for e, s in EXAMPLE_STACKS])
def test_example_is_valid_terraform(examples_out: Path, example: str, name: str,
                                    validate: Callable[[Path], dict[str, object]]) -> None:
    assert validate(examples_out / example / "stacks" / name)["valid"] is True
