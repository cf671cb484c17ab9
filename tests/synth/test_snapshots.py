"""One JSON snapshot per synthesized stack, reviewed in pull requests.

An intended change is recorded with ``make snapshot-update`` (pytest --snapshot-update);
any other difference fails here with a diff of the synthesized Terraform JSON.
"""

from __future__ import annotations

import pytest
from syrupy.extensions.json import JSONSnapshotExtension


@pytest.fixture
def snapshot_json(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_environment_stack_snapshot(app_stacks: dict[str, dict], environment: str, snapshot_json) -> None:  # type: ignore[no-untyped-def]
    assert app_stacks[environment] == snapshot_json


def test_output_is_machine_independent(app_stacks: dict[str, dict]) -> None:
    """No absolute path of the synthesizing machine may leak into the JSON (snapshots would differ)."""
    import json

    from tests.support.paths import ROOT

    for doc in app_stacks.values():
        assert str(ROOT) not in json.dumps(doc)
