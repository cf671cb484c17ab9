"""One JSON snapshot per synthesized stack, reviewed in pull requests.

An intended change is recorded with ``make snapshot-update`` (pytest --snapshot-update);
any other difference fails here. The failure message leads with what the change does to the
deployed stack — the offline review of the recorded snapshot (BEFORE) against the new synth
(AFTER): replacements, data loss — then syrupy's diff of the JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"


@pytest.fixture
def snapshot_json(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(JSONSnapshotExtension)


def recorded_snapshot(environment: str) -> dict[str, Any] | None:
    path = SNAPSHOTS / f"test_environment_stack_snapshot[{environment}].json"
    return json.loads(path.read_text()) if path.is_file() else None


def review_message(environment: str, synthesized: dict[str, Any]) -> str:
    """The review of recorded -> synthesized, as the first lines of the failure message."""
    from dynamo_constructs.review import plain_summary, review_documents

    recorded = recorded_snapshot(environment)
    if recorded is None:
        return f"no snapshot recorded for stack {environment!r}: record it with `make snapshot-update`"
    summary = plain_summary(review_documents(recorded, synthesized, environment))
    return (f"snapshot of stack {environment!r} differs. What the change does to a deployed {environment} "
            f"(dynamo-constructs review, recorded snapshot -> new synth):\n{summary}\n"
            "If intended, record it with `make snapshot-update` and commit it with the code; the JSON diff follows.")


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_environment_stack_snapshot(app_stacks: dict[str, dict], environment: str, snapshot_json) -> None:  # type: ignore[no-untyped-def]
    synthesized = app_stacks[environment]
    assert synthesized == snapshot_json, review_message(environment, synthesized)


def test_snapshot_failure_message_leads_with_the_review() -> None:
    """A table rename in the new synth is reported as a replacement with data loss, first."""
    import copy

    changed = copy.deepcopy(recorded_snapshot("prod"))
    assert changed is not None
    table = next(iter(changed["resource"]["aws_dynamodb_table"].values()))
    table["name"] = "renamed-by-the-test"
    message = review_message("prod", changed)
    lines = message.splitlines()
    assert lines[0].startswith("snapshot of stack 'prod' differs")
    assert lines[1] == "1 table replaced/destroyed — DATA LOSS"
    assert any(line.startswith("  replace prod/aws_dynamodb_table.") and "[DATA LOSS]" in line for line in lines)


def test_output_is_machine_independent(app_stacks: dict[str, dict]) -> None:
    """No absolute path of the synthesizing machine may leak into the JSON (snapshots would differ)."""
    from tests.support.paths import ROOT

    for doc in app_stacks.values():
        assert str(ROOT) not in json.dumps(doc)
