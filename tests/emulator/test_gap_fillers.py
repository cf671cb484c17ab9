"""The emulator's gap fillers, directly through boto3: AWS's response shapes and errors."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from devtools.emulator.process import boto3_client

# ``endpoint``: the lane's emulator (tests/emulator/conftest.py).

def _table(ddb, name: str, stream: str | None = "NEW_AND_OLD_IMAGES") -> None:  # type: ignore[no-untyped-def]
    kwargs = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": stream}} if stream else {}
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}],
                     BillingMode="PAY_PER_REQUEST", **kwargs)


def _code(error: pytest.ExceptionInfo[ClientError]) -> str:
    return error.value.response["Error"]["Code"]


def test_contributor_insights(endpoint: str) -> None:
    ddb = boto3_client("dynamodb", endpoint)
    _table(ddb, "insights")
    assert ddb.describe_contributor_insights(TableName="insights")["ContributorInsightsStatus"] == "DISABLED"
    enabled = ddb.update_contributor_insights(TableName="insights", IndexName="ByG", ContributorInsightsAction="ENABLE")
    assert (enabled["TableName"], enabled["IndexName"], enabled["ContributorInsightsStatus"]) == ("insights", "ByG", "ENABLED")
    described = ddb.describe_contributor_insights(TableName="insights", IndexName="ByG")
    assert described["ContributorInsightsStatus"] == "ENABLED" and len(described["ContributorInsightsRuleList"]) == 4
    listed = ddb.list_contributor_insights(TableName="insights")["ContributorInsightsSummaries"]
    assert listed == [{"TableName": "insights", "IndexName": "ByG", "ContributorInsightsStatus": "ENABLED"}]
    with pytest.raises(ClientError) as missing:
        ddb.update_contributor_insights(TableName="nope", ContributorInsightsAction="ENABLE")
    assert _code(missing) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as no_index:
        ddb.describe_contributor_insights(TableName="nope")
    assert _code(no_index) == "ResourceNotFoundException"


def test_replicas(endpoint: str) -> None:
    ddb, west = boto3_client("dynamodb", endpoint), boto3_client("dynamodb", endpoint, "us-west-2")
    _table(ddb, "global")
    ddb.update_table(TableName="global", ReplicaUpdates=[{"Create": {"RegionName": "us-west-2",
                                                                     "KMSMasterKeyId": "arn:aws:kms:us-west-2:123456789012:key/k"}}])
    replicas = ddb.describe_table(TableName="global")["Table"]["Replicas"]
    assert replicas == [{"RegionName": "us-west-2", "ReplicaStatus": "ACTIVE",
                         "KMSMasterKeyId": "arn:aws:kms:us-west-2:123456789012:key/k"}]
    copy = west.describe_table(TableName="global")["Table"]
    assert copy["TableArn"].startswith("arn:aws:dynamodb:us-west-2:") and copy["Replicas"][0]["RegionName"] == "us-east-1"
    assert [g["IndexName"] for g in copy["GlobalSecondaryIndexes"]] == ["ByG"]
    for spec, fragment in (({"RegionName": "us-east-1"}, "source region"), ({"RegionName": "us-west-2"}, "already exists")):
        with pytest.raises(ClientError) as refused:
            ddb.update_table(TableName="global", ReplicaUpdates=[{"Create": spec}])
        assert _code(refused) == "ValidationException" and fragment in str(refused.value)
    west.update_table(TableName="global", DeletionProtectionEnabled=True)
    with pytest.raises(ClientError, match="DeletionProtectionEnabled"):
        ddb.update_table(TableName="global", ReplicaUpdates=[{"Delete": {"RegionName": "us-west-2"}}])
    west.update_table(TableName="global", DeletionProtectionEnabled=False)
    ddb.update_table(TableName="global", ReplicaUpdates=[{"Delete": {"RegionName": "us-west-2"}}])
    assert "Replicas" not in ddb.describe_table(TableName="global")["Table"]
    assert "global" not in west.list_tables()["TableNames"]
    _table(ddb, "nostream", stream="KEYS_ONLY")
    with pytest.raises(ClientError, match="NEW_AND_OLD_IMAGES"):
        ddb.update_table(TableName="nostream", ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])


def test_replica_encryption_is_the_replica_regions(endpoint: str) -> None:
    """A replica given no key uses its own region's AWS managed key (alias/aws/dynamodb there) when
    the table is KMS-encrypted, and the AWS owned key when the table is; a given key (ID, ARN or
    alias) is resolved to its ARN in the replica's region."""
    ddb, west = boto3_client("dynamodb", endpoint), boto3_client("dynamodb", endpoint, "us-west-2")
    west_kms = boto3_client("kms", endpoint, "us-west-2")
    for name, sse in (("managed-global", {"Enabled": True}), ("owned-global", None), ("keyed-global", {"Enabled": True})):
        ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                         StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                         **({"SSESpecification": sse} if sse else {}))
    west_key = west_kms.create_key(Description="west replica key")["KeyMetadata"]
    west_kms.create_alias(AliasName="alias/west-replica", TargetKeyId=west_key["KeyId"])
    for name, key in (("managed-global", None), ("owned-global", None), ("keyed-global", "alias/west-replica")):
        create = {"RegionName": "us-west-2", **({"KMSMasterKeyId": key} if key else {})}
        ddb.update_table(TableName=name, ReplicaUpdates=[{"Create": create}])

    west_managed = west_kms.describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]["Arn"]
    assert west_managed.startswith("arn:aws:kms:us-west-2:")
    assert west.describe_table(TableName="managed-global")["Table"]["SSEDescription"]["KMSMasterKeyArn"] == west_managed
    assert "SSEDescription" not in west.describe_table(TableName="owned-global")["Table"]
    assert west.describe_table(TableName="keyed-global")["Table"]["SSEDescription"]["KMSMasterKeyArn"] == west_key["Arn"]


def test_replica_table_class_is_the_tables_unless_overridden(endpoint: str) -> None:
    """CreateReplicationGroupMemberAction.TableClassOverride: the replica's class, reported by the
    table as the replica's ReplicaTableClassSummary; without one the replica has the table's class."""
    ddb = boto3_client("dynamodb", endpoint)
    ddb.create_table(TableName="classy-global", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                     TableClass="STANDARD_INFREQUENT_ACCESS")
    with pytest.raises(ClientError) as bad:
        ddb.update_table(TableName="classy-global", ReplicaUpdates=[{"Create": {"RegionName": "us-west-2", "TableClassOverride": "COLD"}}])
    assert _code(bad) == "ValidationException"
    ddb.update_table(TableName="classy-global", ReplicaUpdates=[{"Create": {"RegionName": "us-west-2", "TableClassOverride": "STANDARD"}},
                                                                {"Create": {"RegionName": "eu-west-1"}}])
    replicas = {r["RegionName"]: r for r in ddb.describe_table(TableName="classy-global")["Table"]["Replicas"]}
    assert replicas["us-west-2"]["ReplicaTableClassSummary"]["TableClass"] == "STANDARD"
    assert "ReplicaTableClassSummary" not in replicas["eu-west-1"]
    west = boto3_client("dynamodb", endpoint, "us-west-2").describe_table(TableName="classy-global")["Table"]
    ireland = boto3_client("dynamodb", endpoint, "eu-west-1").describe_table(TableName="classy-global")["Table"]
    assert west["TableClassSummary"]["TableClass"] == "STANDARD"
    assert ireland["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"


def test_backup_selections(endpoint: str) -> None:
    backup = boto3_client("backup", endpoint)
    backup.create_backup_vault(BackupVaultName="v", BackupVaultTags={"Team": "data"})
    plan = backup.create_backup_plan(BackupPlan={"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "v"}]})
    plan_id = plan["BackupPlanId"]
    created = backup.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
        "SelectionName": "tables", "IamRoleArn": "arn:aws:iam::123456789012:role/backup", "Resources": ["arn:a"]})
    got = backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
    assert got["BackupSelection"]["Resources"] == ["arn:a"] and got["BackupPlanId"] == plan_id
    assert [s["SelectionName"] for s in backup.list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"]] == ["tables"]
    with pytest.raises(ClientError) as busy:
        backup.delete_backup_plan(BackupPlanId=plan_id)
    assert _code(busy) == "InvalidRequestException"
    backup.delete_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
    with pytest.raises(ClientError) as gone:
        backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
    assert _code(gone) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as no_plan:
        backup.create_backup_selection(BackupPlanId="missing", BackupSelection={"SelectionName": "x", "IamRoleArn": "r"})
    assert _code(no_plan) == "ResourceNotFoundException"
    backup.delete_backup_plan(BackupPlanId=plan_id)
    vault_arn = backup.describe_backup_vault(BackupVaultName="v")["BackupVaultArn"]
    assert backup.list_tags(ResourceArn=vault_arn)["Tags"] == {"Team": "data"}


def test_autoscaling_tags(endpoint: str) -> None:
    scaling = boto3_client("application-autoscaling", endpoint)
    arn = scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/t",
                                           ScalableDimension="dynamodb:table:ReadCapacityUnits", MinCapacity=1,
                                           MaxCapacity=5, Tags={"Env": "test"})["ScalableTargetARN"]
    assert scaling.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Env": "test"}
    scaling.tag_resource(ResourceARN=arn, Tags={"Team": "data"})
    scaling.untag_resource(ResourceARN=arn, TagKeys=["Env"])
    assert scaling.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Team": "data"}
    with pytest.raises(ClientError) as missing:
        scaling.list_tags_for_resource(ResourceARN=arn.rsplit("/", 1)[0] + "/unknown")
    assert _code(missing) == "ResourceNotFoundException"


def test_kinesis_create_stream_keeps_its_tags(endpoint: str) -> None:
    kinesis = boto3_client("kinesis", endpoint)
    kinesis.create_stream(StreamName="tagged", StreamModeDetails={"StreamMode": "ON_DEMAND"}, Tags={"Project": "tour"})
    assert kinesis.list_tags_for_stream(StreamName="tagged")["Tags"] == [{"Key": "Project", "Value": "tour"}]
    kinesis.create_stream(StreamName="untagged", ShardCount=1)
    assert kinesis.list_tags_for_stream(StreamName="untagged")["Tags"] == []
