"""Operations new library features need, through boto3: resource policies, Kinesis streaming,
S3 import and export, restores, CloudWatch dashboards and Lambda mappings on a stream."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import Clients, error_code

KEY = [{"AttributeName": "pk", "KeyType": "HASH"}]
PK = [{"AttributeName": "pk", "AttributeType": "S"}]


def _table(ddb: Any, name: str, **extra: Any) -> dict[str, Any]:
    return ddb.create_table(TableName=name, KeySchema=KEY, AttributeDefinitions=PK,  # type: ignore[no-any-return]
                            BillingMode="PAY_PER_REQUEST", **extra)["TableDescription"]


def _policy(arn: str, action: str = "dynamodb:GetItem") -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": arn,
                                                               "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]})


def test_resource_policies_on_tables_and_streams(aws: Clients) -> None:
    ddb = aws("dynamodb")
    table = _table(ddb, "shared", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    arn, stream_arn = table["TableArn"], table["LatestStreamArn"]
    with pytest.raises(ClientError) as none_yet:
        ddb.get_resource_policy(ResourceArn=arn)
    assert error_code(none_yet) == "PolicyNotFoundException"

    first = ddb.put_resource_policy(ResourceArn=arn, Policy=_policy(arn), ExpectedRevisionId="NO_POLICY")["RevisionId"]
    assert ddb.get_resource_policy(ResourceArn=arn) | {"ResponseMetadata": None} == {
        "Policy": _policy(arn), "RevisionId": first, "ResponseMetadata": None}
    second = ddb.put_resource_policy(ResourceArn=arn, Policy=_policy(arn, "dynamodb:Query"), ExpectedRevisionId=first)["RevisionId"]
    assert second != first
    for stale in (first, "NO_POLICY"):
        with pytest.raises(ClientError) as mismatch:
            ddb.put_resource_policy(ResourceArn=arn, Policy=_policy(arn), ExpectedRevisionId=stale)
        assert error_code(mismatch) == "PolicyNotFoundException"

    stream_revision = ddb.put_resource_policy(ResourceArn=stream_arn, Policy=_policy(stream_arn, "dynamodb:GetRecords"))["RevisionId"]
    assert ddb.get_resource_policy(ResourceArn=stream_arn)["RevisionId"] == stream_revision
    with pytest.raises(ClientError) as unknown_stream:
        ddb.get_resource_policy(ResourceArn=arn + "/stream/2000-01-01T00:00:00.000")
    assert error_code(unknown_stream) == "ResourceNotFoundException"

    ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=second)
    with pytest.raises(ClientError) as gone:
        ddb.delete_resource_policy(ResourceArn=arn)
    assert error_code(gone) == "PolicyNotFoundException"
    ddb.delete_table(TableName="shared")
    _table(ddb, "shared")  # a new table of the same name starts without the old stream's policy
    with pytest.raises(ClientError) as fresh:
        ddb.get_resource_policy(ResourceArn=arn)
    assert error_code(fresh) == "PolicyNotFoundException"


def test_kinesis_streaming_destination(aws: Clients) -> None:
    ddb, kinesis = aws("dynamodb"), aws("kinesis")
    _table(ddb, "streaming")
    kinesis.create_stream(StreamName="changes", ShardCount=1)
    stream_arn = kinesis.describe_stream_summary(StreamName="changes")["StreamDescriptionSummary"]["StreamARN"]

    enabled = ddb.enable_kinesis_streaming_destination(
        TableName="streaming", StreamArn=stream_arn,
        EnableKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "MICROSECOND"})
    assert enabled["DestinationStatus"] == "ENABLING"
    described = ddb.describe_kinesis_streaming_destination(TableName="streaming")["KinesisDataStreamDestinations"]
    assert described == [{"StreamArn": stream_arn, "DestinationStatus": "ACTIVE", "ApproximateCreationDateTimePrecision": "MICROSECOND"}]
    with pytest.raises(ClientError) as twice:
        ddb.enable_kinesis_streaming_destination(TableName="streaming", StreamArn=stream_arn)
    assert error_code(twice) == "ResourceInUseException"

    updated = ddb.update_kinesis_streaming_destination(
        TableName="streaming", StreamArn=stream_arn,
        UpdateKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "MILLISECOND"})
    assert updated["UpdateKinesisStreamingConfiguration"]["ApproximateCreationDateTimePrecision"] == "MILLISECOND"
    assert ddb.disable_kinesis_streaming_destination(TableName="streaming", StreamArn=stream_arn)["DestinationStatus"] == "DISABLING"
    after = ddb.describe_kinesis_streaming_destination(TableName="streaming")["KinesisDataStreamDestinations"]
    assert [(d["DestinationStatus"], d["ApproximateCreationDateTimePrecision"]) for d in after] == [("DISABLED", "MILLISECOND")]

    with pytest.raises(ClientError) as no_stream:
        ddb.enable_kinesis_streaming_destination(TableName="streaming", StreamArn=stream_arn.replace("changes", "missing"))
    assert error_code(no_stream) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as bad_precision:
        ddb.enable_kinesis_streaming_destination(TableName="streaming", StreamArn=stream_arn,
                                                 EnableKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "SECOND"})
    assert error_code(bad_precision) == "ValidationException"


def test_import_table_from_s3(aws: Clients) -> None:
    ddb, s3, kms = aws("dynamodb"), aws("s3"), aws("kms")
    s3.create_bucket(Bucket="imports")
    lines = [{"Item": {"pk": {"S": "a"}, "n": {"N": "1"}}}, {"Item": {"pk": {"S": "b"}, "g": {"S": "x"}}}, {"Item": {"n": {"N": "2"}}}]
    s3.put_object(Bucket="imports", Key="json/part-1.json.gz", Body=gzip.compress("\n".join(json.dumps(x) for x in lines).encode()))
    rows = io.StringIO()
    csv.writer(rows, delimiter=";").writerows([["pk", "colour", "size"], ["c", "red", "3"], ["d", "", "4"]])
    s3.put_object(Bucket="imports", Key="csv/part-1.csv", Body=rows.getvalue().encode())
    key_arn = kms.create_key()["KeyMetadata"]["Arn"]

    started = ddb.import_table(
        S3BucketSource={"S3Bucket": "imports", "S3KeyPrefix": "json/"}, InputFormat="DYNAMODB_JSON", InputCompressionType="GZIP",
        TableCreationParameters={
            "TableName": "from-json", "KeySchema": KEY, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [*PK, {"AttributeName": "g", "AttributeType": "S"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                        "Projection": {"ProjectionType": "ALL"}}],
            "SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_arn}})["ImportTableDescription"]
    assert started["ImportStatus"] == "IN_PROGRESS" and started["ImportArn"].startswith(started["TableArn"] + "/import/")
    done = ddb.describe_import(ImportArn=started["ImportArn"])["ImportTableDescription"]
    assert (done["ImportStatus"], done["ProcessedItemCount"], done["ImportedItemCount"], done["ErrorCount"]) == ("COMPLETED", 3, 2, 1)
    table = ddb.describe_table(TableName="from-json")["Table"]
    assert table["SSEDescription"]["KMSMasterKeyArn"] == key_arn and table["GlobalSecondaryIndexes"][0]["IndexName"] == "byG"
    assert sorted(i["pk"]["S"] for i in ddb.scan(TableName="from-json")["Items"]) == ["a", "b"]

    csv_import = ddb.import_table(
        S3BucketSource={"S3Bucket": "imports", "S3KeyPrefix": "csv/"}, InputFormat="CSV",
        InputFormatOptions={"Csv": {"Delimiter": ";"}},
        TableCreationParameters={"TableName": "from-csv", "KeySchema": KEY, "AttributeDefinitions": PK,
                                 "BillingMode": "PAY_PER_REQUEST"})["ImportTableDescription"]
    assert ddb.describe_import(ImportArn=csv_import["ImportArn"])["ImportTableDescription"]["ImportStatus"] == "COMPLETED"
    items = sorted(ddb.scan(TableName="from-csv")["Items"], key=lambda i: i["pk"]["S"])
    assert items == [{"pk": {"S": "c"}, "colour": {"S": "red"}, "size": {"S": "3"}}, {"pk": {"S": "d"}, "size": {"S": "4"}}]

    listed = ddb.list_imports()["ImportSummaryList"]
    assert {(i["ImportArn"], i["ImportStatus"]) for i in listed} >= {(started["ImportArn"], "COMPLETED"),
                                                                      (csv_import["ImportArn"], "COMPLETED")}
    for_table = ddb.list_imports(TableArn=started["TableArn"])["ImportSummaryList"]
    assert [i["ImportArn"] for i in for_table] == [started["ImportArn"]]
    with pytest.raises(ClientError) as exists:
        ddb.import_table(S3BucketSource={"S3Bucket": "imports"}, InputFormat="CSV",
                         TableCreationParameters={"TableName": "from-csv", "KeySchema": KEY, "AttributeDefinitions": PK,
                                                  "BillingMode": "PAY_PER_REQUEST"})
    assert error_code(exists) == "ResourceInUseException"
    no_bucket = ddb.import_table(S3BucketSource={"S3Bucket": "no-such-bucket"}, InputFormat="DYNAMODB_JSON",
                                 TableCreationParameters={"TableName": "never-imported", "KeySchema": KEY,
                                                          "AttributeDefinitions": PK, "BillingMode": "PAY_PER_REQUEST"})
    failed = ddb.describe_import(ImportArn=no_bucket["ImportTableDescription"]["ImportArn"])["ImportTableDescription"]
    assert failed["ImportStatus"] == "FAILED" and "never-imported" not in ddb.list_tables()["TableNames"]


def test_export_table_to_point_in_time(aws: Clients) -> None:
    ddb, s3 = aws("dynamodb"), aws("s3")
    table = _table(ddb, "exported")
    s3.create_bucket(Bucket="exports")
    for pk in ("a", "b"):
        ddb.put_item(TableName="exported", Item={"pk": {"S": pk}, "n": {"N": "7"}})
    with pytest.raises(ClientError) as no_pitr:
        ddb.export_table_to_point_in_time(TableArn=table["TableArn"], S3Bucket="exports")
    assert error_code(no_pitr) == "PointInTimeRecoveryUnavailableException"

    ddb.update_continuous_backups(TableName="exported", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    started = ddb.export_table_to_point_in_time(TableArn=table["TableArn"], S3Bucket="exports", S3Prefix="daily")["ExportDescription"]
    assert started["ExportArn"].startswith(table["TableArn"] + "/export/") and started["ExportFormat"] == "DYNAMODB_JSON"
    done = ddb.describe_export(ExportArn=started["ExportArn"])["ExportDescription"]
    assert (done["ExportStatus"], done["ItemCount"]) == ("COMPLETED", 2)
    assert done["ExportManifest"].startswith("daily/AWSDynamoDB/") and done["ExportManifest"].endswith("/manifest-summary.json")
    assert done["ExportTime"] and done["StartTime"] <= done["EndTime"]

    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="exports", Prefix="daily/AWSDynamoDB/")["Contents"]]
    data = [k for k in keys if "/data/" in k and k.endswith(".json.gz")]
    assert len(data) == 1 and any(k.endswith("/manifest-files.json") for k in keys) and done["ExportManifest"] in keys
    lines = gzip.decompress(s3.get_object(Bucket="exports", Key=data[0])["Body"].read()).decode().splitlines()
    assert sorted(json.loads(line)["Item"]["pk"]["S"] for line in lines) == ["a", "b"]
    summary = json.loads(s3.get_object(Bucket="exports", Key=done["ExportManifest"])["Body"].read())
    assert summary["exportArn"] == started["ExportArn"] and summary["itemCount"] == 2
    assert [e["ExportArn"] for e in ddb.list_exports(TableArn=table["TableArn"])["ExportSummaries"]] == [started["ExportArn"]]


def test_restores_keep_settings_and_apply_overrides(aws: Clients) -> None:
    ddb, kms = aws("dynamodb"), aws("kms")
    key_arn = kms.create_key()["KeyMetadata"]["Arn"]
    _table(ddb, "origin", TableClass="STANDARD_INFREQUENT_ACCESS", SSESpecification={"Enabled": True, "KMSMasterKeyId": key_arn},
           OnDemandThroughput={"MaxReadRequestUnits": 40, "MaxWriteRequestUnits": 20})
    ddb.put_item(TableName="origin", Item={"pk": {"S": "kept"}})
    with pytest.raises(ClientError) as no_pitr:
        ddb.restore_table_to_point_in_time(SourceTableName="origin", TargetTableName="never", UseLatestRestorableTime=True)
    assert error_code(no_pitr) == "PointInTimeRecoveryUnavailableException"

    ddb.update_continuous_backups(TableName="origin", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    source_arn = ddb.describe_table(TableName="origin")["Table"]["TableArn"]
    copy = ddb.restore_table_to_point_in_time(SourceTableArn=source_arn, TargetTableName="copy",
                                              UseLatestRestorableTime=True)["TableDescription"]
    assert copy["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert copy["SSEDescription"]["KMSMasterKeyArn"] == key_arn
    assert copy["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert copy["OnDemandThroughput"] == {"MaxReadRequestUnits": 40, "MaxWriteRequestUnits": 20}
    assert copy["RestoreSummary"]["SourceTableArn"] == source_arn
    assert ddb.get_item(TableName="copy", Key={"pk": {"S": "kept"}})["Item"]
    pitr = ddb.describe_continuous_backups(TableName="copy")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert pitr["PointInTimeRecoveryStatus"] == "DISABLED"  # not carried over

    backup_arn = ddb.create_backup(TableName="origin", BackupName="nightly")["BackupDetails"]["BackupArn"]
    restored = ddb.restore_table_from_backup(
        TargetTableName="from-backup", BackupArn=backup_arn, BillingModeOverride="PROVISIONED",
        ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 2},
        SSESpecificationOverride={"Enabled": False})["TableDescription"]
    assert restored["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert (restored["ProvisionedThroughput"]["ReadCapacityUnits"], restored["ProvisionedThroughput"]["WriteCapacityUnits"]) == (3, 2)
    assert "SSEDescription" not in restored and "OnDemandThroughput" not in restored
    assert restored["RestoreSummary"]["SourceBackupArn"] == backup_arn
    assert ddb.get_item(TableName="from-backup", Key={"pk": {"S": "kept"}})["Item"]


def test_cloudwatch_dashboards(aws: Clients) -> None:
    cloudwatch = aws("cloudwatch")
    body = json.dumps({"widgets": [{"type": "text", "x": 0, "y": 0, "width": 6, "height": 3, "properties": {"markdown": "tables"}}]})
    assert cloudwatch.put_dashboard(DashboardName="tables", DashboardBody=body)["DashboardValidationMessages"] == []
    got = cloudwatch.get_dashboard(DashboardName="tables")
    assert json.loads(got["DashboardBody"]) == json.loads(body) and got["DashboardArn"].endswith(":dashboard/tables")
    assert [d["DashboardName"] for d in cloudwatch.list_dashboards(DashboardNamePrefix="tables")["DashboardEntries"]] == ["tables"]
    cloudwatch.delete_dashboards(DashboardNames=["tables"])
    with pytest.raises(ClientError) as gone:
        cloudwatch.get_dashboard(DashboardName="tables")
    assert error_code(gone) == "ResourceNotFound"


def test_lambda_event_source_mapping_on_a_table_stream(aws: Clients) -> None:
    ddb, iam, lambda_ = aws("dynamodb"), aws("iam"), aws("lambda")
    stream = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    stream_arn = _table(ddb, "feeding", StreamSpecification=stream)["LatestStreamArn"]
    role = iam.create_role(RoleName="consumer", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("index.py", "def handler(event, context):\n    return None\n")
    lambda_.create_function(FunctionName="consumer", Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": archive.getvalue()})
    mapping = lambda_.create_event_source_mapping(EventSourceArn=stream_arn, FunctionName="consumer",
                                                  StartingPosition="TRIM_HORIZON", BatchSize=10)
    assert (mapping["State"], mapping["EventSourceArn"], mapping["BatchSize"]) == ("Enabled", stream_arn, 10)
    assert [m["UUID"] for m in lambda_.list_event_source_mappings(EventSourceArn=stream_arn)["EventSourceMappings"]] == [mapping["UUID"]]
    ddb.put_item(TableName="feeding", Item={"pk": {"S": "still-writable"}})  # no docker: no invocation, but no failure
    lambda_.delete_event_source_mapping(UUID=mapping["UUID"])
    assert lambda_.list_event_source_mappings(EventSourceArn=stream_arn)["EventSourceMappings"] == []
