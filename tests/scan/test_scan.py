"""Security scan lane: checkov on every environment stack (its own virtual environment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools import scan
from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def scan_results(app_outdir: Path) -> dict[str, dict]:
    return scan.scan(app_outdir / "stacks")


@pytest.mark.parametrize("environment", ["staging", "prod"])
def test_staging_and_prod_have_zero_failed_checks(scan_results: dict[str, dict], environment: str) -> None:
    summary = scan_results[environment]["summary"]
    assert summary["failed"] == 0 and summary["passed"] > 50 and summary["parsing_errors"] == 0


def test_dev_fails_exactly_the_listed_checks(scan_results: dict[str, dict]) -> None:
    dev = scan_results["dev"]
    assert dev["unexpected"] == [] and dev["missing"] == []
    assert dev["summary"]["failed"] == len(scan.EXPECTED_FAILURES["dev"])


def test_readme_lists_every_expected_failure_with_its_reason() -> None:
    readme = (ROOT / "README.md").read_text()
    for check, table in scan.EXPECTED_FAILURES["dev"]:
        assert f"| {check} | {table} |" in readme, (check, table)
    for reason in set(scan.EXPECTED_FAILURES["dev"].values()):
        assert reason in readme


def test_evaluation_catches_new_and_vanished_failures() -> None:
    report = {"results": {"failed_checks": [{"check_id": "CKV_AWS_28", "resource": "resource.jobs_table_ABC"},
                                            {"check_id": "CKV_AWS_999", "resource": "resource.x_table_DEF"}]}}
    unexpected, missing = scan.evaluate("dev", report)
    assert unexpected == {("CKV_AWS_999", "x")}
    assert ("CKV_AWS_28", "budget_tracking") in missing and ("CKV_AWS_28", "jobs") not in missing
    assert scan.evaluate("prod", report)[0] == {("CKV_AWS_28", "jobs"), ("CKV_AWS_999", "x")}
