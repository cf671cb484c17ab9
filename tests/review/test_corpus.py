"""The review agrees with the real ``terraform plan`` on every corpus scenario.

``tests/review/corpus/<scenario>/`` holds BEFORE and AFTER as the library synthesized them,
the plan Terraform made (``plan.json``, trimmed ``terraform show -json``) and ``expected.json``
(Terraform's action per address in the review's vocabulary, and the scenario's data-loss
verdict with its rule). Regenerate with ``make review-corpus``; no terraform runs here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dynamo_constructs.review import review_documents, review_plan

import pytest

CORPUS = Path(__file__).parent / "corpus"
SCENARIOS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file()) if CORPUS.is_dir() else []
MIN_SCENARIOS = 30
# What a plan file cannot show: its JSON carries no lifecycle blocks, so `plan` cannot see
# prevent_destroy being removed (the configuration review can).
PLAN_BLIND = {"prevent_destroy_off"}
# The configuration review compares configurations: a table deleted outside Terraform is only
# visible to `plan` (resource_drift).
CONFIG_BLIND = {"table_deleted_outside"}


def load(name: str) -> dict[str, Any]:
    folder = CORPUS / name
    return {part: json.loads((folder / f"{part}.json").read_text())
            for part in ("expected", "plan")} | {
        side: json.loads((folder / f"{side}.tf.json").read_text()) for side in ("before", "after")}


def test_corpus_is_large_enough() -> None:
    assert len(SCENARIOS) >= MIN_SCENARIOS, f"only {len(SCENARIOS)} scenarios in {CORPUS}"


@pytest.mark.parametrize("name", [s for s in SCENARIOS if s not in CONFIG_BLIND])
def test_review_matches_terraform(name: str) -> None:
    data = load(name)
    expected = data["expected"]
    report = review_documents(data["before"], data["after"])
    actions = {change.address: change.action.value for change in report.changes}
    mismatches = {address: (expected["actions"].get(address), actions.get(address))
                  for address in set(actions) | set(expected["actions"])
                  if expected["actions"].get(address) != actions.get(address)}
    assert not mismatches, f"(terraform, review) per address: {mismatches}"
    assert report.data_loss is expected["data_loss"], f"{expected['rule']}: {report.to_json()}"


@pytest.mark.parametrize("name", [s for s in SCENARIOS if s not in CONFIG_BLIND])
def test_replacement_reasons_name_what_terraform_names(name: str) -> None:
    """Every attribute Terraform says forces replacement is named as such by the review."""
    data = load(name)
    report = review_documents(data["before"], data["after"]).by_address()
    for address, plan in data["expected"]["terraform"].items():
        for path in plan.get("replace_paths", []):
            root = str(path[0])
            reasons = report[address].reasons
            assert any(r.startswith(root) and r.endswith("forces replacement") for r in reasons), (address, root, reasons)


@pytest.mark.parametrize("name", [s for s in SCENARIOS if s in CONFIG_BLIND])
def test_drift_is_invisible_to_the_configuration_review(name: str) -> None:
    data = load(name)
    report = review_documents(data["before"], data["after"])
    assert {c.action.value for c in report.changes} == {"no-op"}


@pytest.mark.parametrize("name", SCENARIOS)
def test_plan_review_matches_terraform(name: str) -> None:
    data = load(name)
    expected = data["expected"]
    report = review_plan(data["plan"])
    assert {c.address: c.action.value for c in report.changes} == expected["actions"]
    verdict = expected["data_loss"] and name not in PLAN_BLIND
    assert report.data_loss is verdict, f"{expected['rule']}: {report.to_json()}"


@pytest.mark.parametrize("name", [s for s in SCENARIOS if load(s)["expected"]["plan_error"]])
def test_refused_plans_are_explained(name: str) -> None:
    """Terraform refused the plan (prevent_destroy); the review keeps the action and says why."""
    data = load(name)
    assert "prevent_destroy" in data["expected"]["plan_error"] or "cannot be destroyed" in data["expected"]["plan_error"]
    report = review_documents(data["before"], data["after"])
    refused = [c for c in report.changes if "terraform plan will refuse (prevent_destroy)" in c.reasons]
    assert refused and all(c.action.value == "replace" for c in refused)


def test_deleted_table_is_not_a_routine_create() -> None:
    data = load("table_deleted_outside")
    drift = [e for e in data["plan"]["resource_drift"] if e["type"] == "aws_dynamodb_table"]
    assert drift and drift[0]["change"]["actions"] == ["delete"], "terraform reports the deletion as drift"
    (table,) = [c for c in review_plan(data["plan"]).changes if c.type == "aws_dynamodb_table"]
    assert table.action.value == "create" and table.data_loss
    assert table.reasons[0].startswith("deleted outside Terraform — this create makes an EMPTY table")
