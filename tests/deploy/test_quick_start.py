"""Deploy lane: the README's Quick start, run as written, deploys to the emulator with the real terraform and
provider — the table, its created key, autoscaling, and the role it grants to — and re-plans clean.
(Its table keeps the library's protective defaults, so it is not destroyed: its names are its own.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from devtools.emulator.process import boto3_client
from devtools.markdown_blocks import ROOT, section_block
from tests.support.deploy import Deployment

REGION = "eu-west-1"


def test_the_quick_start_deploys_as_written(tmp_path: Path, endpoint: str) -> None:
    block = section_block(ROOT / "README.md", "Quick start")
    app = tmp_path / "app"
    app.mkdir()
    (app / "app.py").write_text(block.code)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "app.py"], cwd=app, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    deployment = Deployment(app / "cdktf.out" / "stacks" / "orders", tmp_path, endpoint)
    deployment.apply()
    deployment.replan_clean()

    table = boto3_client("dynamodb", endpoint, REGION).describe_table(TableName="orders")["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert table["SSEDescription"]["SSEType"] == "KMS" and table["DeletionProtectionEnabled"] is True
    assert [index["IndexName"] for index in table["GlobalSecondaryIndexes"]] == ["ByCustomer"]
    targets = boto3_client("application-autoscaling", endpoint, REGION).describe_scalable_targets(
        ServiceNamespace="dynamodb")["ScalableTargets"]
    assert {(t["ResourceId"], t["MinCapacity"], t["MaxCapacity"]) for t in targets if t["ResourceId"].startswith("table/orders")} \
        >= {("table/orders", 5, 100)}
    attached = boto3_client("iam", endpoint, REGION).list_attached_role_policies(RoleName="orders-service")["AttachedPolicies"]
    assert len(attached) == 1
    policy = boto3_client("iam", endpoint, REGION).get_policy(PolicyArn=attached[0]["PolicyArn"])["Policy"]
    version = boto3_client("iam", endpoint, REGION).get_policy_version(
        PolicyArn=policy["Arn"], VersionId=policy["DefaultVersionId"])["PolicyVersion"]["Document"]
    statements = version["Statement"] if isinstance(version, dict) else []
    assert any(table["TableArn"] in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
               and "dynamodb:PutItem" in s["Action"] for s in statements)
