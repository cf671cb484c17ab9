"""Data safety through change, proven with the real terraform and provider against the emulator:
a renamed construct keeps its table and items, every switch-off reaches the live table with a
clean re-plan, CMK -> AWS-owned leaves the table on the AWS-owned key, indexes come and go on an
autoscaled table with its items intact, and a killed apply converges with ``dynamo-constructs adopt``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from dynamo_constructs import (
    Attribute,
    BackupSettings,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Projection,
    StreamViewType,
    Table,
    TableBackups,
    TableClass,
    TableEncryption,
)
from dynamo_constructs.adopt import IMPORTS_FILE, adopt

import pytest
from botocore.exceptions import ClientError

from devtools import terraform_cli
from devtools.emulator.process import boto3_client
from tests.support.deploy import StackRun
from tests.support.holding_proxy import HoldingProxy

PK = Attribute.string("pk")
ITEMS = 100
KILL_TIMEOUT = 120.0


def put_items(endpoint: str, table: str, count: int = ITEMS) -> None:
    ddb = boto3_client("dynamodb", endpoint)
    for start in range(0, count, 25):
        ddb.batch_write_item(RequestItems={table: [
            {"PutRequest": {"Item": {"pk": {"S": f"item-{i:03d}"}, "a": {"S": f"a{i % 7}"}, "b": {"S": f"b{i % 5}"}}}}
            for i in range(start, min(start + 25, count))]})


def count_items(endpoint: str, table: str) -> int:
    return int(boto3_client("dynamodb", endpoint).scan(TableName=table, Select="COUNT")["Count"])


def describe(endpoint: str, table: str) -> dict[str, Any]:
    return boto3_client("dynamodb", endpoint).describe_table(TableName=table)["Table"]  # type: ignore[no-any-return]


def test_renaming_a_construct_with_moved_from_keeps_the_table_and_its_items(tmp_path: Path, endpoint: str) -> None:
    run = StackRun(tmp_path, endpoint, "rename")
    run.apply(lambda s: Table(s, "orders", partition_key=PK, encryption=TableEncryption.customer_managed_key(),
                              deletion_protection=False))
    put_items(endpoint, "orders")
    actions = run.plan_actions(lambda s: Table(s, "orders_v2", moved_from="orders", partition_key=PK,
                                               encryption=TableEncryption.customer_managed_key(), deletion_protection=False))
    assert actions == {}, f"a move must plan no create, update or destroy: {actions}"
    run.apply()
    assert count_items(endpoint, "orders") == ITEMS
    run.replan_clean()
    # Without moved_from the same rename plans the table's destruction: what the review flags.
    actions = run.plan_actions(lambda s: Table(s, "orders_v3", table_name="orders", partition_key=PK,
                                               encryption=TableEncryption.customer_managed_key(), deletion_protection=False))
    assert {"delete", "create"} <= set(actions.values())


def test_every_setting_reaches_the_live_table_on_and_off(tmp_path: Path, endpoint: str) -> None:
    run = StackRun(tmp_path, endpoint, "flags")
    name = "flags"
    ddb = boto3_client("dynamodb", endpoint)
    on: dict[str, Any] = {
        "time_to_live_attribute": "expires", "stream": StreamViewType.NEW_AND_OLD_IMAGES,
        "table_class": TableClass.STANDARD_INFREQUENT_ACCESS, "recovery_period_days": 7,
        "encryption": TableEncryption.customer_managed_key(deletion_window_in_days=7), "contributor_insights": True,
        "billing": Billing.on_demand(max_read_request_units=100, max_write_request_units=50)}
    run.apply(lambda s: Table(s, name, partition_key=PK, **on))
    table = describe(endpoint, name)
    assert table["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert table["SSEDescription"]["SSEType"] == "KMS" and ":key/" in table["SSEDescription"]["KMSMasterKeyArn"]
    assert table["OnDemandThroughput"] == {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50}
    assert ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
    pitr = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert (pitr["PointInTimeRecoveryStatus"], pitr["RecoveryPeriodInDays"]) == ("ENABLED", 7)
    assert ddb.describe_contributor_insights(TableName=name)["ContributorInsightsStatus"] == "ENABLED"
    assert table["DeletionProtectionEnabled"] is True
    run.replan_clean()

    # Off: the window back to its default, caps removed (one apply with UNLIMITED), the rest off. The
    # created key stays until the table is re-encrypted (deleting it in the same apply races the
    # re-encryption and can leave the table inaccessible: the review flags that as data loss).
    unlimited = Billing.on_demand(max_read_request_units=Billing.UNLIMITED, max_write_request_units=Billing.UNLIMITED)
    off: dict[str, Any] = {"deletion_protection": False, "retain_previous_key": True, "billing": unlimited,
                           "time_to_live_attribute": "expires", "time_to_live_enabled": False}  # AWS needs the name to disable
    run.apply(lambda s: Table(s, name, partition_key=PK, **off))
    table = describe(endpoint, name)
    assert table["TableClassSummary"]["TableClass"] == "STANDARD"
    assert "StreamSpecification" not in table or table["StreamSpecification"]["StreamEnabled"] is False
    assert "SSEDescription" not in table, "back on the AWS-owned key"
    assert "OnDemandThroughput" not in table or table["OnDemandThroughput"] == {}
    assert ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"
    pitr = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert (pitr["PointInTimeRecoveryStatus"], pitr["RecoveryPeriodInDays"]) == ("ENABLED", 35)
    assert ddb.describe_contributor_insights(TableName=name)["ContributorInsightsStatus"] == "DISABLED"
    assert table["DeletionProtectionEnabled"] is False
    run.apply(lambda s: Table(s, name, partition_key=PK, deletion_protection=False, point_in_time_recovery=False))
    pitr = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert pitr["PointInTimeRecoveryStatus"] == "DISABLED"
    run.replan_clean()
    # And back on: a stream can be re-enabled, and the table still takes writes.
    run.apply(lambda s: Table(s, name, partition_key=PK, deletion_protection=False, stream=StreamViewType.KEYS_ONLY))
    assert describe(endpoint, name)["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"
    put_items(endpoint, name, 5)
    run.replan_clean()


def test_a_created_key_can_be_retired_safely(tmp_path: Path, endpoint: str) -> None:
    """CMK -> AWS-owned: the table lands on the AWS-owned key; retain_previous_key keeps the old key
    (and its alias) for restores of older recovery points, until it is dropped on purpose."""
    run = StackRun(tmp_path, endpoint, "rekey")
    run.apply(lambda s: Table(s, "rekey", partition_key=PK, deletion_protection=False,
                              encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7)))
    key_arn = describe(endpoint, "rekey")["SSEDescription"]["KMSMasterKeyArn"]
    put_items(endpoint, "rekey")
    actions = run.plan_actions(lambda s: Table(s, "rekey", partition_key=PK, deletion_protection=False, retain_previous_key=True))
    kms_actions = [a for address, a in actions.items() if address.startswith(("aws_kms_key.", "aws_kms_alias."))]
    assert not {"delete", "replace"} & set(kms_actions), f"the key and its alias stay: {actions}"
    run.apply()
    assert "SSEDescription" not in describe(endpoint, "rekey")
    kms = boto3_client("kms", endpoint)
    assert kms.describe_key(KeyId=key_arn)["KeyMetadata"]["KeyState"] == "Enabled"
    assert count_items(endpoint, "rekey") == ITEMS
    run.replan_clean()
    run.apply(lambda s: Table(s, "rekey", partition_key=PK, deletion_protection=False))
    assert kms.describe_key(KeyId=key_arn)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert count_items(endpoint, "rekey") == ITEMS
    run.replan_clean()


def _autoscaled(*indexes: str, projection: Projection | None = None, keys: dict[str, str] | None = None,
                maintenance: bool | None = None) -> Any:
    """An autoscaled table with an index per name in ``indexes`` (``keys``: an index's partition key, by
    name; ``projection``: every index's); ``maintenance`` None leaves index_maintenance at its default."""
    auto = Capacity.autoscaled(minimum=2, maximum=20)
    option = {} if maintenance is None else {"index_maintenance": maintenance}

    def build(stack: Any) -> None:
        Table(stack, "scaled", partition_key=PK, deletion_protection=False,
              billing=Billing.provisioned(read_capacity=auto, write_capacity=auto), **option,
              global_indexes=[GlobalSecondaryIndex(name=f"By{x.upper()}", partition_key=Attribute.string((keys or {}).get(x, x)),
                                                   projection=projection or Projection.keys_only()) for x in indexes])
    return build


def test_indexes_come_and_go_on_an_autoscaled_table_with_items_intact(tmp_path: Path, endpoint: str) -> None:
    """No flag to remember: adding, re-projecting, re-keying and removing an index on an autoscaled
    table plans and applies on the first try, keeps the capacities the scaler chose, never touches the
    table's data and re-plans clean."""
    run = StackRun(tmp_path, endpoint, "scaled")
    scaling, ddb = boto3_client("application-autoscaling", endpoint), boto3_client("dynamodb", endpoint)
    run.apply(_autoscaled("a"))  # reading the live capacities is safe on a first deploy too
    run.replan_clean()
    put_items(endpoint, "scaled")
    # Autoscaling moves the index capacity behind Terraform's back (as it does on AWS).
    ddb.update_table(TableName="scaled", GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "ByA", "ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 6}}}])
    run.replan_clean()

    def indexes() -> dict[str, dict[str, Any]]:
        return {i["IndexName"]: i for i in describe(endpoint, "scaled")["GlobalSecondaryIndexes"]}

    created = describe(endpoint, "scaled")["CreationDateTime"]
    for step, build in (("add", _autoscaled("a", "b")), ("re-project", _autoscaled("a", "b", projection=Projection.all())),
                        ("re-key", _autoscaled("a", "b", projection=Projection.all(), keys={"b": "c"}))):
        run.apply(build)  # one apply: its plan would fail here if the index change could not be planned
        assert describe(endpoint, "scaled")["CreationDateTime"] == created, f"{step}: the table was not replaced"
        live = indexes()
        throughput = live["ByA"]["ProvisionedThroughput"]
        assert (throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]) == (7, 6), f"{step}: live capacity kept"
        assert count_items(endpoint, "scaled") == ITEMS, step
        run.replan_clean()
    throughput = live["ByB"]["ProvisionedThroughput"]
    assert (throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]) == (2, 2), "a new index at the minimum"
    assert live["ByB"]["Projection"]["ProjectionType"] == "ALL"
    assert [k["AttributeName"] for k in live["ByB"]["KeySchema"]] == ["c"]
    targets = {t["ResourceId"] for t in scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]}
    assert {"table/scaled/index/ByA", "table/scaled/index/ByB"} <= targets
    run.apply(_autoscaled("b", projection=Projection.all(), keys={"b": "c"}))  # and an index removed
    assert list(indexes()) == ["ByB"]
    assert count_items(endpoint, "scaled") == ITEMS
    run.replan_clean()
    run.apply(_autoscaled("b", projection=Projection.all(), keys={"b": "c"}, maintenance=False))  # the opt-out: ignore the set
    run.replan_clean()


def _recoverable(stack: Any) -> None:
    table = Table(stack, "recover", partition_key=PK, deletion_protection=False, prevent_destroy=False,
                  encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7))
    TableBackups(stack, "backups", name="recover", tables=[table], settings=BackupSettings())


def test_a_killed_apply_converges_with_adopt(tmp_path: Path, endpoint: str) -> None:
    run = StackRun(tmp_path, endpoint, "recover")
    run.synth(_recoverable)
    run.init()
    # The apply talks to the emulator through a proxy that, once AWS has answered CreateTable and
    # CreateBackupVault, holds the provider's follow-ups (DynamoDB's waits, the vault's read-back):
    # both exist in AWS, neither reaches the state, then Terraform is killed (racing the kill against
    # the provider loses on a slow host). Its own process group: the kill takes terraform and its
    # provider processes, as a killed CI job does (killing terraform alone would leave a ~440 MB
    # provider process behind).
    proxy = HoldingProxy(endpoint, {"DynamoDB_20120810.CreateTable": "DynamoDB_20120810.",
                                    "PUT /backup-vaults/recover": "GET /backup-vaults/recover"})
    try:
        env = terraform_cli.environment({**run.env, "AWS_ENDPOINT_URL": proxy.endpoint})
        apply = subprocess.Popen([terraform_cli.terraform_binary(), "apply", "-auto-approve", "-input=false", "-no-color"],
                                 cwd=run.dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        assert proxy.holding.wait(KILL_TIMEOUT), f"the apply never created the table and the vault: {proxy.pending}"
        os.killpg(apply.pid, signal.SIGKILL)
        apply.wait(timeout=30)
    finally:
        proxy.close()
    ddb = boto3_client("dynamodb", endpoint)
    assert "recover" in ddb.list_tables()["TableNames"], "the table was created before the kill"
    # Terraform creates the state file empty when it takes the lock; killed before its first write,
    # the file stays empty, which Terraform itself reads as "no state".
    state = [json.loads(text) for f in run.dir.glob("*.tfstate") if (text := f.read_text()).strip()]
    recorded = {r["type"] for document in state for r in document.get("resources", []) if r["instances"]}
    assert not {"aws_dynamodb_table", "aws_backup_vault"} & recorded, f"the state knows them: {sorted(recorded)}"
    failed = run.terraform("apply", "-auto-approve", check=False)
    assert failed.returncode != 0 and "already exists" in (failed.stderr + failed.stdout).lower()
    report, imports = adopt(run.dir, session=_session(endpoint))
    assert imports == run.dir / IMPORTS_FILE
    found = {f.address.split(".")[0] for f in report.found}
    assert {"aws_dynamodb_table", "aws_backup_vault", "aws_kms_key", "aws_kms_alias", "aws_iam_role"} <= found
    run.terraform("apply", "-auto-approve")
    run.replan_clean()
    assert count_items(endpoint, "recover") == 0 and describe(endpoint, "recover")["TableStatus"] == "ACTIVE"


def _session(endpoint: str) -> Any:
    import boto3

    class Session:
        """boto3 clients on the emulator (what AWS_ENDPOINT_URL does for a real run)."""

        region_name = "us-east-1"

        def client(self, service: str, region_name: str | None = None) -> Any:
            return boto3_client(service, endpoint, region_name or self.region_name)

    del boto3
    return Session()


def test_protections_refuse_a_destroy(tmp_path: Path, endpoint: str) -> None:
    """The defaults: Terraform refuses the plan (prevent_destroy) and AWS refuses DeleteTable."""
    run = StackRun(tmp_path, endpoint, "guarded")
    run.apply(lambda s: Table(s, "guarded", partition_key=PK))
    refused = run.terraform("destroy", "-auto-approve", "-refresh=false", check=False)
    assert refused.returncode != 0 and "prevent_destroy" in refused.stderr
    with pytest.raises(ClientError, match="[Dd]eletion protection|DeletionProtection"):
        boto3_client("dynamodb", endpoint).delete_table(TableName="guarded")
