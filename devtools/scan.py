"""``make scan``: checkov over every synthesized stack; staging and prod must have zero failed
checks, and dev fails exactly the checks listed (with reasons) in EXPECTED_FAILURES and the README.

checkov runs from its own virtual environment (``.venv-checkov``; its pins clash with the test
tools), offline (``BC_SKIP_MAPPING=TRUE``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOV = Path(os.environ.get("CHECKOV_BIN", ROOT / ".venv-checkov" / "bin" / "checkov"))

# Dev trades these protections for cost and disposability; every other stack must pass them.
DEV_TABLES = ("jobs", "budget_tracking", "media_metadata", "audit_trail")
EXPECTED_FAILURES: dict[str, dict[tuple[str, str], str]] = {
    "dev": {
        **{("CKV_AWS_28", table): "dev profile turns point-in-time recovery off (disposable data, no PITR cost)"
           for table in DEV_TABLES},
        **{("CKV_AWS_119", table): "dev profile uses the AWS-owned key instead of a customer-managed KMS key "
                                    "(no $1/month key per table); AuditTrail keeps its CMK"
           for table in DEV_TABLES if table != "audit_trail"},
    },
}


def run_checkov(stacks_dir: Path) -> dict[str, dict]:
    """checkov's results for each stack folder's ``cdk.tf.json`` under ``stacks_dir``, from one run
    (checkov's start-up, ~4 CPU-s, is most of its cost):
    ``{stack: {"results": {"failed_checks": [...], ...}, "summary": {...}}}``."""
    if not CHECKOV.exists():
        raise SystemExit(f"checkov not found at {CHECKOV}; run `make scan` (it creates .venv-checkov)")
    stacks = sorted(p.name for p in stacks_dir.iterdir() if (p / "cdk.tf.json").exists())
    if not stacks:
        return {}
    files = [f"{stack}/cdk.tf.json" for stack in stacks]
    done = subprocess.run(
        [str(CHECKOV), *(arg for f in files for arg in ("-f", f)), "--framework", "terraform_json", "-o", "json"],
        capture_output=True, text=True, timeout=600, check=False, cwd=stacks_dir,
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"},
    )
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise RuntimeError(f"checkov failed on {files} in {stacks_dir} ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    reports = report if isinstance(report, list) else [report]
    if len(reports) != 1 or reports[0].get("summary", {}).get("parsing_errors"):
        raise RuntimeError(f"checkov could not parse {files} in {stacks_dir}: {reports}")
    per_stack: dict[str, dict] = {}
    for stack, file in zip(stacks, files, strict=True):
        mine = {kind: [c for c in checks if c["file_path"].lstrip("/") == file]
                for kind, checks in reports[0]["results"].items() if kind.endswith("_checks")}
        summary = {"passed": len(mine.get("passed_checks", [])), "failed": len(mine.get("failed_checks", [])),
                   "skipped": len(mine.get("skipped_checks", [])), "parsing_errors": 0}
        per_stack[stack] = {"results": {"failed_checks": [], **mine}, "summary": summary}
    return per_stack


def table_of(resource: str) -> str:
    """``resource.jobs_table_2F90D8E7`` -> ``jobs`` (the construct id the logical id starts with)."""
    logical = resource.split(".", 1)[-1]
    return logical.rsplit("_table_", 1)[0] if "_table_" in logical else logical


def evaluate(stack: str, report: dict) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(unexpected failures, expected failures that did not happen)."""
    failed = {(c["check_id"], table_of(c["resource"])) for c in report["results"]["failed_checks"]}
    expected = set(EXPECTED_FAILURES.get(stack, {}))
    return failed - expected, expected - failed


def scan(stacks_dir: Path) -> dict[str, dict]:
    results = {}
    for stack, report in run_checkov(stacks_dir).items():
        unexpected, missing = evaluate(stack, report)
        results[stack] = {"summary": report["summary"], "unexpected": sorted(unexpected), "missing": sorted(missing)}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stacks", nargs="?", default=str(ROOT / "cdktf.out" / "stacks"))
    args = parser.parse_args(argv)
    ok = True
    for stack, result in scan(Path(args.stacks)).items():
        summary = result["summary"]
        expected = len(EXPECTED_FAILURES.get(stack, {}))
        print(f"{stack}: {summary['passed']} passed, {summary['failed']} failed ({expected} expected, listed in README)")
        for check, table in result["unexpected"]:
            print(f"  UNEXPECTED failure: {check} on {table}")
        for check, table in result["missing"]:
            print(f"  expected failure no longer happens (update the list): {check} on {table}")
        ok = ok and not result["unexpected"] and not result["missing"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
