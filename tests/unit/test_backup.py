"""Backups: vault, plan, role and selection, and the rules they enforce."""

from __future__ import annotations

import json
from typing import Any

from dynamo_constructs import Attribute, BackupSettings, Table, TableBackups, TableConfigError

import pytest

from tests.support.helpers import new_stack, only, resources, synth


def _backups(settings: BackupSettings, name: str = "orders-backup") -> dict[str, Any]:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=Attribute.string("pk"))
    TableBackups(stack, "backups", name=name, tables=[table, "arn:aws:dynamodb:us-east-1:123456789012:table/other"],
                 settings=settings)
    return synth(stack)


def test_backup_plan_vault_role_and_selection() -> None:
    doc = _backups(BackupSettings(cold_storage_after_days=30, delete_after_days=365,
                                  copy_to_vault_arn="arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
    vault = only(doc, "aws_backup_vault")
    assert vault["kms_key_arn"].startswith("${aws_kms_key.")
    rule = only(doc, "aws_backup_plan")["rule"][0]
    assert rule["lifecycle"] == {"cold_storage_after": 30, "delete_after": 365}
    assert rule["copy_action"][0]["destination_vault_arn"].endswith(":backup-vault:dr")
    assert rule["schedule"] == "cron(0 3 * * ? *)"
    table_id = next(iter(resources(doc, "aws_dynamodb_table")))
    assert only(doc, "aws_backup_selection")["resources"] == [f"${{aws_dynamodb_table.{table_id}.arn}}",
                                                              "arn:aws:dynamodb:us-east-1:123456789012:table/other"]
    policies = sorted(a["policy_arn"].rsplit("/", 1)[1] for a in resources(doc, "aws_iam_role_policy_attachment").values())
    assert policies == ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"]
    trust = json.loads(only(doc, "aws_iam_role")["assume_role_policy"])["Statement"]
    assert trust == [{"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}]


@pytest.mark.parametrize(("settings", "field"), [
    (BackupSettings(cold_storage_after_days=30, delete_after_days=100), "backup delete_after_days"),
    (BackupSettings(schedule="daily"), "backup schedule"),
    (BackupSettings(delete_after_days=0), "backup delete_after_days"),
    (BackupSettings(copy_to_vault_arn="vault"), "backup copy_to_vault_arn"),
    (BackupSettings(copy_delete_after_days=5), "backup copy_delete_after_days"),
    (BackupSettings(start_window_minutes=30), "backup start_window_minutes"),
    (BackupSettings(completion_window_minutes=90), "backup completion_window_minutes"),
])
def test_backup_rules(settings: BackupSettings, field: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        _backups(settings)
    assert caught.value.field == field


def test_backup_name_rule() -> None:
    with pytest.raises(TableConfigError) as caught:
        _backups(BackupSettings(), name="x" * 44)
    assert caught.value.field == "backup name"
