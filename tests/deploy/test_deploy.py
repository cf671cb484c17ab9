"""Deploy lane: every environment stack applied to the local emulator with the real terraform and
AWS provider, re-planned (no changes allowed), checked through boto3, then destroyed — or, for
prod, shown to refuse destruction. dev goes through ``make deploy|diff|destroy`` (devtools/deploy.py)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import pytest

from devtools.emulator.process import boto3_client
from tests.support.deploy import DEPLOY_TIMES, Deployment
from tests.support.paths import ROOT


def _deploy(app_outdir: Path, tmp_path: Path, endpoint: str, env: str) -> Deployment:
    times = DEPLOY_TIMES.setdefault(env, {})
    deployment = Deployment(app_outdir / "stacks" / env, tmp_path, endpoint)
    start = time.monotonic()
    deployment.init()
    deployment.apply()
    times["apply_s"] = time.monotonic() - start
    start = time.monotonic()
    deployment.replan_clean()
    times["replan_s"] = time.monotonic() - start
    return deployment


def _destroy(deployment: Deployment, endpoint: str, env: str) -> None:
    start = time.monotonic()
    deployment.destroy()
    DEPLOY_TIMES[env]["destroy_s"] = time.monotonic() - start
    assert _tables(endpoint, env) == {}


def _tables(endpoint: str, env: str, region: str = "us-east-1") -> dict[str, dict]:
    client = boto3_client("dynamodb", endpoint, region)
    names = [n for n in client.list_tables()["TableNames"] if n.startswith(f"dynamo-{env}-")]
    return {n.removeprefix(f"dynamo-{env}-"): client.describe_table(TableName=n)["Table"] for n in names}


def _indexes(table: dict) -> dict[str, list[str]]:
    return {g["IndexName"]: [k["AttributeName"] for k in g["KeySchema"]] for g in table.get("GlobalSecondaryIndexes", [])}


def _common_checks(endpoint: str, env: str) -> dict[str, dict]:
    tables = _tables(endpoint, env)
    assert sorted(tables) == ["audit-trail", "budget-tracking", "jobs", "media-metadata"]
    jobs = tables["jobs"]
    assert [k["AttributeName"] for k in jobs["KeySchema"]] == ["jobId"]
    assert _indexes(jobs) == {"StatusIndex": ["status", "createdAt"], "UserIndex": ["userId", "createdAt"]}
    ddb = boto3_client("dynamodb", endpoint)
    ttl = ddb.describe_time_to_live(TableName=f"dynamo-{env}-jobs")["TimeToLiveDescription"]
    assert (ttl["AttributeName"], ttl["TimeToLiveStatus"]) == ("ttl", "ENABLED")
    status = ddb.get_item(TableName=f"dynamo-{env}-jobs", Key={"jobId": {"S": "SYSTEM#status"}})["Item"]
    assert status["status"] == {"S": "healthy"}
    audit = tables["audit-trail"]
    assert audit["SSEDescription"]["SSEType"] == "KMS" and ":key/" in audit["SSEDescription"]["KMSMasterKeyArn"]
    assert audit["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    _audit_is_append_only(endpoint, env, audit["TableArn"])
    cloudwatch = boto3_client("cloudwatch", endpoint)
    body = json.loads(cloudwatch.get_dashboard(DashboardName=f"dynamo-{env}-dynamodb")["DashboardBody"])
    rows = [w["properties"]["markdown"] for w in body["widgets"] if w["type"] == "text"][1:]
    assert sorted(rows) == sorted(f"### dynamo-{env}-{name}" for name in tables)
    alarms = cloudwatch.describe_alarms(AlarmNamePrefix=f"dynamo-{env}-")["MetricAlarms"]
    for name in tables:
        mine = [a for a in alarms if a["AlarmName"].startswith(f"dynamo-{env}-{name}-")]
        assert len(mine) >= 3 and all(a["AlarmActions"] for a in mine), name
    return tables


def _audit_is_append_only(endpoint: str, env: str, arn: str) -> None:
    """The audit trail's deny reached the table, and the application's grant appends only."""
    policy = json.loads(boto3_client("dynamodb", endpoint).get_resource_policy(ResourceArn=arn)["Policy"])
    [deny] = policy["Statement"]
    assert (deny["Sid"], deny["Effect"], deny["Principal"]) == ("AuditAppendOnly", "Deny", {"AWS": "*"})
    assert sorted(deny["Action"]) == ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PartiQLDelete",
                                      "dynamodb:PartiQLUpdate", "dynamodb:UpdateItem"]
    assert deny["Resource"] == [arn, f"{arn}/index/*"]
    assert list(deny["Condition"]) == ["ArnNotLike"]  # no break-glass principal configured: replication only
    iam = boto3_client("iam", endpoint)
    grants = {p["PolicyName"]: p for p in iam.list_policies(Scope="Local", MaxItems=1000)["Policies"]}
    grant = grants[f"dynamo-{env}-audit-trail-append"]
    version = iam.get_policy_version(PolicyArn=grant["Arn"], VersionId=grant["DefaultVersionId"])["PolicyVersion"]
    document = version["Document"] if isinstance(version["Document"], dict) else json.loads(unquote(version["Document"]))
    assert document["Statement"][0]["Action"] == ["dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PutItem"]
    assert document["Statement"][0]["Resource"] == [arn, f"{arn}/index/*"]
    assert f"dynamo-{env}-audit-trail-read-write" not in grants and f"dynamo-{env}-audit-trail-read" in grants


def _pitr(endpoint: str, table: str, region: str = "us-east-1") -> dict:
    backups = boto3_client("dynamodb", endpoint, region).describe_continuous_backups(TableName=table)
    return backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]


def test_deploy_prod(app_outdir: Path, tmp_path: Path, endpoint: str) -> None:
    """The suite's critical path (its own process in ``make test``): after the apply, the clean
    re-plan and the refused destroy run side by side, the latter in a copy of the work folder
    (both only read the state; neither may wait on the other's state lock)."""
    times = DEPLOY_TIMES.setdefault("prod", {})
    deployment = Deployment(app_outdir / "stacks" / "prod", tmp_path, endpoint)
    start = time.monotonic()
    deployment.init()
    deployment.apply()
    times["apply_s"] = time.monotonic() - start
    guarded = deployment.copy(tmp_path / "refusal")
    with ThreadPoolExecutor(max_workers=2) as pool:
        start = time.monotonic()
        replan = pool.submit(deployment.replan)
        # Terraform refuses to plan the destruction (prevent_destroy) ...
        refused = pool.submit(guarded.terraform, "destroy", "-auto-approve", "-refresh=false", check=False)
        tables = _common_checks(endpoint, "prod")
        plan, refusal = replan.result(), refused.result()
        times["replan_and_refused_destroy_s"] = time.monotonic() - start
    assert plan.returncode == 0, f"re-plan after apply is not clean (exit {plan.returncode}):\n{plan.stdout[-6000:]}\n{plan.stderr}"
    assert refusal.returncode != 0 and "prevent_destroy" in refusal.stderr
    assert all(t["DeletionProtectionEnabled"] for t in tables.values())
    assert _pitr(endpoint, "dynamo-prod-audit-trail")["PointInTimeRecoveryStatus"] == "ENABLED"
    assert tables["audit-trail"]["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    media = tables["media-metadata"]
    assert [(r["RegionName"], r["ReplicaStatus"]) for r in media["Replicas"]] == [("us-west-2", "ACTIVE")]
    replica = boto3_client("dynamodb", endpoint, "us-west-2").describe_table(TableName="dynamo-prod-media-metadata")["Table"]
    assert replica["DeletionProtectionEnabled"] is True and ":us-west-2:" in replica["SSEDescription"]["KMSMasterKeyArn"]
    assert _pitr(endpoint, "dynamo-prod-media-metadata", "us-west-2")["PointInTimeRecoveryStatus"] == "ENABLED"
    targets = boto3_client("application-autoscaling", endpoint).describe_scalable_targets(ServiceNamespace="dynamodb")
    scaled = {(t["ResourceId"], t["ScalableDimension"]) for t in targets["ScalableTargets"]}
    for name in ("audit-trail", "budget-tracking"):
        for index in [None, *_indexes(tables[name])]:
            resource = f"table/dynamo-prod-{name}" + (f"/index/{index}" if index else "")
            kind = "index" if index else "table"
            assert {(resource, f"dynamodb:{kind}:ReadCapacityUnits"), (resource, f"dynamodb:{kind}:WriteCapacityUnits")} <= scaled
    # ... and AWS refuses DeleteTable while deletion protection is on.
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError, match="[Dd]eletion protection|DeletionProtection"):
        boto3_client("dynamodb", endpoint).delete_table(TableName="dynamo-prod-jobs")
    assert "jobs" in _tables(endpoint, "prod")


def _make(command: str, endpoint: str, output: Path, expect: int = 0, terminal_answer: str | None = None,
          **variables: str) -> subprocess.CompletedProcess[str]:
    """``make <command> ENV=dev`` (devtools/deploy.py): synth, plan, review, confirm, apply the plan, offline.
    ``terminal_answer``: run on a pseudo-terminal and type this answer; else stdin is no terminal."""
    env = {**os.environ, "AWS_ENDPOINT_URL": endpoint, **variables}
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AUTO_APPROVE", "CONFIRM_STACK"):
        if name not in variables:
            env.pop(name, None)  # devtools/deploy.py fills in the emulator's test credentials
    args = [sys.executable, "-m", "devtools.deploy", command, "dev", "--output", str(output)]
    if terminal_answer is None:
        done = subprocess.run(args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=900, check=False)
    else:
        controller, terminal = pty.openpty()
        try:
            os.write(controller, f"{terminal_answer}\n".encode())  # waits in the terminal until read
            done = subprocess.run(args, cwd=ROOT, env=env, stdin=terminal, capture_output=True, text=True,
                                  timeout=900, check=False)
        finally:
            os.close(terminal)
            os.close(controller)
    assert done.returncode == expect, f"{command}: exit {done.returncode}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


def test_deploy_dev_through_make_offline(tmp_path: Path, endpoint: str) -> None:
    """dev goes through ``make deploy|diff|destroy``: the app synthesized as the CDKTF CLI does it,
    Terraform with the provider from the local mirror (no registry reachable), each plan shown and
    reviewed before anything is applied; without a terminal only an explicit AUTO_APPROVE=1 goes on,
    and a destroy that deletes a table holding items needs the stack's name typed back."""
    output, times = tmp_path / "cdktf.out", DEPLOY_TIMES.setdefault("dev", {})
    start = time.monotonic()
    deployed = _make("deploy", endpoint, output, AUTO_APPROVE="1")
    times["apply_s"] = time.monotonic() - start
    lines = deployed.stdout.splitlines()
    synthesized = json.loads((output / "stacks" / "dev" / "cdk.tf.json").read_text())
    resources = sum(len(named) for named in synthesized["resource"].values())
    # A few lines per stage on the terminal; Terraform's own output in the log, whose path comes first.
    log = output / "stacks" / "dev" / "make-deploy.log"
    assert lines[:5] == ["deploy dev: synthesizing the app (.venv/bin/python main.py)",
                         f"deploy dev: stack dev: {resources} resources in {output / 'stacks' / 'dev'}",
                         f"deploy dev: Terraform's output (init, the plan in full, apply) goes to {log}",
                         "deploy dev: terraform init", "deploy dev: terraform plan"]
    assert f"deploy dev: Plan: {resources} to add, 0 to change, 0 to destroy." in lines
    assert "Review of this plan (dynamo-constructs plan):" in lines
    assert "  create aws_dynamodb_table.jobs_table_2F90D8E7" in lines[lines.index("Resources:"):]
    assert "  table dynamo-dev-jobs: create  (aws_dynamodb_table.jobs_table_2F90D8E7)" in lines
    assert lines[-2:] == ["deploy dev: terraform apply (exactly the plan shown above)",
                          f"deploy dev: Apply complete! Resources: {resources} added, 0 changed, 0 destroyed."]
    written = log.read_text()
    assert "# aws_dynamodb_table.jobs_table_2F90D8E7 will be created" in written, "the whole plan is in the log"
    assert "will be created" not in deployed.stdout and "Creation complete" in written
    tables = _common_checks(endpoint, "dev")
    assert all(t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST" for t in tables.values())
    assert _pitr(endpoint, "dynamo-dev-jobs")["PointInTimeRecoveryStatus"] == "DISABLED"
    start = time.monotonic()
    assert "diff dev: No changes. Your infrastructure matches the configuration." in \
        _make("diff", endpoint, output).stdout.splitlines(), "re-plan after deploy is not clean"
    times["replan_s"] = time.monotonic() - start
    # No terminal, no AUTO_APPROVE: the plan and its review are shown, nothing is destroyed, and the
    # table holding an item (the jobs status item) is named.
    start = time.monotonic()
    refused = _make("destroy", endpoint, output, expect=1)
    assert "  table dynamo-dev-jobs: destroy — DATA LOSS; holds items  (aws_dynamodb_table.jobs_table_2F90D8E7)" \
        in refused.stdout.splitlines()
    assert refused.stderr.splitlines()[0] == (
        "refusing to destroy stack 'dev' unseen: there is no terminal to confirm on, and this plan deletes tables "
        "holding data (dynamo-dev-jobs: holds items). Read the plan and the review above, then say so explicitly: "
        "make destroy ENV=dev AUTO_APPROVE=1 CONFIRM_STACK=dev")
    assert sorted(_tables(endpoint, "dev")) == sorted(tables)
    times["refused_destroy_s"] = time.monotonic() - start
    # On a terminal, the stack's name typed back destroys it.
    start = time.monotonic()
    destroyed = _make("destroy", endpoint, output, terminal_answer="dev")
    assert "Type the stack's name (dev) to destroy it with this plan: " in destroyed.stdout
    assert "this plan deletes tables holding data (dynamo-dev-jobs: holds items)" in destroyed.stdout
    times["destroy_s"] = time.monotonic() - start
    assert _tables(endpoint, "dev") == {}


def test_deploy_staging(app_outdir: Path, tmp_path: Path, endpoint: str) -> None:
    deployment = _deploy(app_outdir, tmp_path, endpoint, "staging")
    tables = _common_checks(endpoint, "staging")
    pitr = _pitr(endpoint, "dynamo-staging-budget-tracking")
    assert pitr["PointInTimeRecoveryStatus"] == "ENABLED"
    assert all(t["SSEDescription"]["SSEType"] == "KMS" for t in tables.values())
    backup = boto3_client("backup", endpoint)
    plan = next(p for p in backup.list_backup_plans()["BackupPlansList"] if p["BackupPlanName"] == "dynamo-staging-dynamodb")
    selections = backup.list_backup_selections(BackupPlanId=plan["BackupPlanId"])["BackupSelectionsList"]
    selection = backup.get_backup_selection(BackupPlanId=plan["BackupPlanId"], SelectionId=selections[0]["SelectionId"])
    assert sorted(selection["BackupSelection"]["Resources"]) == sorted(t["TableArn"] for t in tables.values())
    insights = boto3_client("dynamodb", endpoint).describe_contributor_insights(TableName="dynamo-staging-jobs")
    assert insights["ContributorInsightsStatus"] == "ENABLED"
    _destroy(deployment, endpoint, "staging")
