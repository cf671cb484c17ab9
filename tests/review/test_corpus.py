"""The review agrees with the real ``terraform plan`` on every corpus scenario, refusals included.

``tests/review/corpus/<scenario>/`` holds BEFORE and AFTER as the library synthesized them,
the plan Terraform made (``plan.json``, trimmed ``terraform show -json``; absent when Terraform
refused to plan) and ``expected.json`` (Terraform's action per address in the review's
vocabulary, Terraform's errors per address under ``refused``, and the scenario's data-loss
verdict with its rule). Regenerate with ``python -m devtools.review_corpus <scenario ...>``;
no terraform runs here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dynamo_constructs.review import FailureKind, Report, review_documents, review_plan

import pytest

CORPUS = Path(__file__).parent / "corpus"
SCENARIOS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file()) if CORPUS.is_dir() else []
PLANNED = [s for s in SCENARIOS if (CORPUS / s / "plan.json").is_file()]
MIN_SCENARIOS = 30
# What a plan file cannot show: its JSON carries no lifecycle blocks, so `plan` cannot see
# prevent_destroy being removed (the configuration review can).
PLAN_BLIND = {"prevent_destroy_off"}
# The configuration review compares configurations: a table deleted outside Terraform is only
# visible to `plan` (resource_drift).
CONFIG_BLIND = {"table_deleted_outside"}


def load(name: str) -> dict[str, Any]:
    folder = CORPUS / name
    plan = folder / "plan.json"
    return {"expected": json.loads((folder / "expected.json").read_text()),
            "plan": json.loads(plan.read_text()) if plan.is_file() else None} | {
        side: json.loads((folder / f"{side}.tf.json").read_text()) for side in ("before", "after")}


def refused(name: str) -> dict[str, str]:
    return dict(load(name)["expected"].get("refused") or {})


def plan_failures(report: Report) -> dict[str, str]:
    return {c.address: "; ".join(f.text for f in c.failures if f.kind is FailureKind.PLAN)
            for c in report.changes if any(f.kind is FailureKind.PLAN for f in c.failures)}


def test_corpus_is_large_enough() -> None:
    assert len(SCENARIOS) >= MIN_SCENARIOS, f"only {len(SCENARIOS)} scenarios in {CORPUS}"


@pytest.mark.parametrize("name", [s for s in PLANNED if s not in CONFIG_BLIND])
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
    assert set(plan_failures(report)) == set(refused(name)), "the review predicts a refusal exactly where terraform refused"


@pytest.mark.parametrize("name", [s for s in SCENARIOS if refused(s)])
def test_refusals_match_terraform(name: str) -> None:
    """Terraform refused the plan: the review names each refused resource with Terraform's own words,
    a fix, a non-zero verdict, and the scenario's data-loss verdict."""
    data = load(name)
    report = review_documents(data["before"], data["after"])
    failing = plan_failures(report)
    assert set(failing) == set(refused(name))
    for address, message in refused(name).items():
        for line in message.splitlines():
            assert line in failing[address], (address, line, failing[address])
        change = report.by_address()[address]
        assert all(f.fix for f in change.failures), change.failures
    assert report.fails and report.data_loss is data["expected"]["data_loss"]


@pytest.mark.parametrize("name", [s for s in PLANNED if s not in CONFIG_BLIND])
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


@pytest.mark.parametrize("name", PLANNED)
def test_plan_review_matches_terraform(name: str) -> None:
    data = load(name)
    expected = data["expected"]
    report = review_plan(data["plan"])
    assert {c.address: c.action.value for c in report.changes} == expected["actions"]
    verdict = expected["data_loss"] and name not in PLAN_BLIND
    assert report.data_loss is verdict, f"{expected['rule']}: {report.to_json()}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_finding_says_how_to_avoid_it(name: str) -> None:
    """Each data-loss or failure finding, in either review, carries a fix line (``fix`` in --json)."""
    data = load(name)
    reports = [review_plan(data["plan"])] if data["plan"] is not None else []
    if name not in CONFIG_BLIND:
        reports.append(review_documents(data["before"], data["after"]))
    for report in reports:
        for change in report.to_json()["changes"]:
            if change["data_loss"] or change["fails"]:
                assert change["fix"] and all(isinstance(f, str) and f for f in change["fix"]), change


def test_deleted_table_is_not_a_routine_create() -> None:
    data = load("table_deleted_outside")
    drift = [e for e in data["plan"]["resource_drift"] if e["type"] == "aws_dynamodb_table"]
    assert drift and drift[0]["change"]["actions"] == ["delete"], "terraform reports the deletion as drift"
    (table,) = [c for c in review_plan(data["plan"]).changes if c.type == "aws_dynamodb_table"]
    assert table.action.value == "create" and table.data_loss
    assert table.reasons[0].startswith("deleted outside Terraform — this create makes an EMPTY table")


@pytest.mark.parametrize("name", ["region_changed", "region_changed_with_operations"])
def test_a_region_change_is_not_mistaken_for_a_table_deleted_outside(name: str) -> None:
    """Terraform reports the table as deleted on refresh in both cases; the provider's configured
    region against the ARN in state tells a region change from a deletion."""
    data = load(name)
    for report in (review_plan(data["plan"]), review_documents(data["before"], data["after"])):
        (table,) = [c for c in report.changes if c.type == "aws_dynamodb_table"]
        assert table.action.value == "create"
        assert [loss.kind.value for loss in table.losses] == ["table left behind in its old region"]
        assert "creates an EMPTY table" in table.losses[0].text and "us-east-1" in table.losses[0].text
        assert table.fixes()[0].startswith('to move the table to us-west-2: add Replica(region="us-west-2") first')
