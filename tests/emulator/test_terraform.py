"""The real provider (hashicorp/aws 5.100 from the mirror) against the emulator. SLOW: seconds per step.

Two flows run side by side, started with the lane's first test (conftest.terraform_flows) so
they overlap the quick tests; the provider mostly waits (30 s after an encryption change, 10 s
per Kinesis stream step):

* settings: every table setting switched on, a clean re-plan, then the renderings below switch it
  off again, checked through boto3, with a clean re-plan that also covers tables created with
  the "off" rendering from the start;
* resources: every resource the new features render, applied, checked, re-planned, destroyed.
"""

from __future__ import annotations

import gzip
import json
import zipfile
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import Clients, TerraformDir

pytestmark = pytest.mark.slow
FLOW_TIMEOUT = 900.0  # seconds; every terraform step is also bounded (conftest.TERRAFORM_TIMEOUT)

# What switches each setting off with hashicorp/aws 5.100 (omitting the block does NOT switch it off:
# server_side_encryption, ttl and point_in_time_recovery are Optional+Computed and keep their value).
# Each also plans clean on a table that never had the setting.
SSE_OFF = {"server_side_encryption": {"enabled": False}}  # AWS owned key
# TTL off needs the attribute's name: AWS's UpdateTimeToLive requires it to disable too; for a table
# that never had TTL the provider suppresses the name's diff, so this also plans clean there.
TTL_OFF = {"ttl": {"enabled": False, "attribute_name": "expires"}}
PITR_OFF = {"point_in_time_recovery": {"enabled": False}}
PITR_DEFAULT_PERIOD = {"point_in_time_recovery": {"enabled": True, "recovery_period_in_days": 35}}  # 35 must be explicit
STREAM_OFF = {"stream_enabled": False}  # and no stream_view_type
TABLE_CLASS_OFF = {"table_class": "STANDARD"}
# On-demand maxima: -1 removes them, but DynamoDB then reports none, so a config that keeps the -1
# block re-plans dirty forever. Removing maxima takes one apply with -1; afterwards (and for tables
# that never had maxima) the block is left out. Leaving it out alone never removes maxima.
UNLIMITED = {"max_read_request_units": -1, "max_write_request_units": -1}


def _attributes(*names: str) -> list[dict[str, str]]:
    return [{"name": n, "type": "S"} for n in names]


def _gsi(name: str, key: str, projection: str = "ALL", capacity: tuple[int, int] | None = None, **extra: Any) -> dict[str, Any]:
    gsi: dict[str, Any] = {"name": name, "hash_key": key, "projection_type": projection, **extra}
    if capacity:
        gsi.update(read_capacity=capacity[0], write_capacity=capacity[1])
    return gsi


def _table(name: str, **settings: Any) -> dict[str, Any]:
    return {"name": name, "hash_key": "pk", "billing_mode": "PAY_PER_REQUEST", "attribute": _attributes("pk"), **settings}


# --- settings: on, off, clean -------------------------------------------------------------------------

KEYS = {"flip": {"description": "flip table key", "deletion_window_in_days": 7},
        "keyed": {"description": "keyed table key", "deletion_window_in_days": 7}}
KEYED = _table("tf-keyed", server_side_encryption={"enabled": True, "kms_key_arn": "${aws_kms_key.keyed.arn}"})


def settings_on() -> dict[str, Any]:
    return {"aws_kms_key": KEYS, "aws_dynamodb_table": {
        "flip": _table("tf-flip", billing_mode="PROVISIONED", read_capacity=5, write_capacity=5,
                       attribute=_attributes("pk", "g", "h", "p"),
                       global_secondary_index=[_gsi("byG", "g", capacity=(2, 2)), _gsi("byH", "h", capacity=(2, 2)),
                                               _gsi("byP", "p", "KEYS_ONLY", capacity=(1, 1))],
                       stream_enabled=True, stream_view_type="NEW_AND_OLD_IMAGES", table_class="STANDARD_INFREQUENT_ACCESS",
                       server_side_encryption={"enabled": True, "kms_key_arn": "${aws_kms_key.flip.arn}"},
                       ttl={"attribute_name": "expires", "enabled": True},
                       point_in_time_recovery={"enabled": True, "recovery_period_in_days": 7}),
        "ondemand": _table("tf-ondemand", attribute=_attributes("pk", "g"),
                           on_demand_throughput={"max_read_request_units": 100, "max_write_request_units": 50},
                           global_secondary_index=[_gsi("byG", "g", on_demand_throughput={
                               "max_read_request_units": 30, "max_write_request_units": 20})],
                           server_side_encryption={"enabled": True},  # AWS managed key
                           point_in_time_recovery={"enabled": True, "recovery_period_in_days": 7}),
        "back": _table("tf-back", attribute=_attributes("pk", "g"), global_secondary_index=[_gsi("byG", "g")]),
        "keyed": KEYED,
    }}


def settings_off(removing_maxima: bool) -> dict[str, Any]:
    """The "off" renderings; ``removing_maxima``: the one apply that clears on-demand maxima."""
    flip_off = dict(attribute=_attributes("pk", "g", "p"), global_secondary_index=[_gsi("byG", "g"), _gsi("byP", "p")],
                    **STREAM_OFF, **TABLE_CLASS_OFF, **SSE_OFF, **TTL_OFF, **PITR_OFF)
    maxima: dict[str, Any] = {"on_demand_throughput": UNLIMITED} if removing_maxima else {}
    ondemand_off = dict(attribute=_attributes("pk", "g"), global_secondary_index=[_gsi("byG", "g", **maxima)],
                        **maxima, **SSE_OFF, **PITR_DEFAULT_PERIOD)
    return {"aws_kms_key": KEYS, "aws_dynamodb_table": {
        "flip": _table("tf-flip", **flip_off),
        "ondemand": _table("tf-ondemand", **ondemand_off),
        "back": _table("tf-back", billing_mode="PROVISIONED", read_capacity=4, write_capacity=3, attribute=_attributes("pk", "g"),
                       global_secondary_index=[_gsi("byG", "g", capacity=(2, 1))]),
        "keyed": KEYED,
        "never_off": _table("tf-never-off", **flip_off),
        "never_ondemand": _table("tf-never-ondemand", attribute=_attributes("pk", "g"), global_secondary_index=[_gsi("byG", "g")],
                                 **SSE_OFF, **PITR_DEFAULT_PERIOD),
    }}


def _describe(ddb: Any, name: str) -> dict[str, Any]:
    return ddb.describe_table(TableName=name)["Table"]  # type: ignore[no-any-return]


def _pitr(ddb: Any, name: str) -> dict[str, Any]:
    return ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]  # type: ignore[no-any-return]


def settings_flow(tf: TerraformDir, aws: Clients) -> dict[str, Any]:
    """Applies the settings on, then off; returns what AWS and Terraform reported at each step
    (the test asserts on it)."""
    ddb, kms = aws("dynamodb"), aws("kms")
    seen: dict[str, Any] = {}
    tf.apply(settings_on())
    seen["flip"] = _describe(ddb, "tf-flip")
    seen["flip key description"] = kms.describe_key(KeyId=seen["flip"]["SSEDescription"]["KMSMasterKeyArn"])["KeyMetadata"]["Description"]
    seen["flip ttl"] = ddb.describe_time_to_live(TableName="tf-flip")["TimeToLiveDescription"]
    seen["flip pitr"] = _pitr(ddb, "tf-flip")
    seen["ondemand"] = _describe(ddb, "tf-ondemand")
    seen["managed key"] = kms.describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]["Arn"]
    seen["replan on"] = tf.replan(settings_on())
    # The keyed table's key is disabled out of band: the table turns inaccessible until Terraform re-enables it.
    kms.disable_key(KeyId=_describe(ddb, "tf-keyed")["SSEDescription"]["KMSMasterKeyArn"])
    seen["keyed while disabled"] = _describe(ddb, "tf-keyed")["TableStatus"]
    seen["put while disabled"] = _put_error(ddb, "tf-keyed", "locked")
    tf.apply(settings_off(removing_maxima=True))
    seen["flip off"] = _describe(ddb, "tf-flip")
    seen["flip ttl off"] = ddb.describe_time_to_live(TableName="tf-flip")["TimeToLiveDescription"]
    seen["flip pitr off"] = _pitr(ddb, "tf-flip")
    seen["ondemand off"] = _describe(ddb, "tf-ondemand")
    seen["ondemand pitr off"] = _pitr(ddb, "tf-ondemand")
    seen["back"] = _describe(ddb, "tf-back")
    seen["keyed after"] = _describe(ddb, "tf-keyed")["TableStatus"]
    seen["put after"] = _put_error(ddb, "tf-keyed", "unlocked")
    seen["never ondemand pitr"] = _pitr(ddb, "tf-never-ondemand")
    seen["replan off"] = tf.replan(settings_off(removing_maxima=False))
    seen["timings"] = tf.timings()
    return seen


def _put_error(ddb: Any, table: str, key: str) -> str | None:
    """The error PutItem gets, or None when it succeeds."""
    try:
        ddb.put_item(TableName=table, Item={"pk": {"S": key}})
    except ClientError as error:
        return str(error)
    return None


# --- resources: apply, re-plan, destroy -------------------------------------------------------------------

def _policy(arn: str, action: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": action, "Resource": arn}]})


def resources(folder: Path) -> dict[str, Any]:
    with zipfile.ZipFile(folder / "function.zip", "w") as zipped:
        zipped.writestr("index.py", "def handler(event, context):\n    return None\n")
    (folder / "items.json.gz").write_bytes(gzip.compress(b'{"Item": {"pk": {"S": "a"}, "n": {"N": "1"}}}\n{"Item": {"pk": {"S": "b"}}}\n'))
    (folder / "items.csv").write_text("pk,colour\nc,red\nd,blue\n")
    bucket = "${aws_s3_bucket.data.bucket}"
    source, source_arn = "${aws_dynamodb_table.source.name}", "${aws_dynamodb_table.source.arn}"
    return {
        "aws_dynamodb_table": {
            "source": _table("tf-source", stream_enabled=True, stream_view_type="NEW_AND_OLD_IMAGES",
                             point_in_time_recovery={"enabled": True}),
            "restored": {**_table("tf-restored"), "restore_source_name": source, "restore_to_latest_time": True,
                         "depends_on": ["aws_dynamodb_table_item.seed"]},
            "imported": {**_table("tf-imported"), "depends_on": ["aws_s3_object.json"], "import_table": {
                "input_format": "DYNAMODB_JSON", "input_compression_type": "GZIP",
                "s3_bucket_source": {"bucket": bucket, "key_prefix": "json/"}}},
            "imported_csv": {**_table("tf-imported-csv"), "depends_on": ["aws_s3_object.csv"], "import_table": {
                "input_format": "CSV", "input_format_options": {"csv": {"delimiter": ","}},
                "s3_bucket_source": {"bucket": bucket, "key_prefix": "csv/"}}},
        },
        "aws_dynamodb_table_item": {"seed": {"table_name": source, "hash_key": "pk", "item": json.dumps({"pk": {"S": "seed"}})}},
        "aws_dynamodb_resource_policy": {
            "table": {"resource_arn": source_arn, "policy": _policy(source_arn, "dynamodb:GetItem")},
            "stream": {"resource_arn": "${aws_dynamodb_table.source.stream_arn}",
                       "policy": _policy("${aws_dynamodb_table.source.stream_arn}", "dynamodb:GetRecords")},
        },
        "aws_kinesis_stream": {"changes": {"name": "tf-changes", "shard_count": 1}},
        "aws_dynamodb_kinesis_streaming_destination": {"changes": {
            "table_name": source, "stream_arn": "${aws_kinesis_stream.changes.arn}",
            "approximate_creation_date_time_precision": "MICROSECOND"}},
        "aws_s3_bucket": {"data": {"bucket": "tf-table-data", "force_destroy": True}},
        "aws_s3_object": {"json": {"bucket": bucket, "key": "json/items.json.gz", "source": "items.json.gz"},
                          "csv": {"bucket": bucket, "key": "csv/items.csv", "source": "items.csv"}},
        "aws_dynamodb_table_export": {"source": {"table_arn": source_arn, "s3_bucket": bucket,
                                                 "s3_prefix": "exports", "depends_on": ["aws_dynamodb_table_item.seed"]}},
        "aws_cloudwatch_dashboard": {"tables": {"dashboard_name": "tf-tables", "dashboard_body": json.dumps({"widgets": [
            {"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {
                "metrics": [["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", "tf-source"]],
                "region": "us-east-1", "stat": "Sum", "period": 300}}]})}},
        "aws_iam_role": {"consumer": {"name": "tf-consumer", "assume_role_policy": json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})}},
        "aws_lambda_function": {"consumer": {"function_name": "tf-consumer", "role": "${aws_iam_role.consumer.arn}",
                                             "handler": "index.handler", "runtime": "python3.12", "filename": "function.zip",
                                             "source_code_hash": '${filebase64sha256("function.zip")}'}},
        "aws_lambda_event_source_mapping": {"source": {"event_source_arn": "${aws_dynamodb_table.source.stream_arn}",
                                                       "function_name": "${aws_lambda_function.consumer.arn}",
                                                       "starting_position": "LATEST", "batch_size": 10}},
    }


def resources_flow(tf: TerraformDir, aws: Clients) -> dict[str, Any]:
    """Applies every new resource, re-plans, destroys; returns what AWS and Terraform reported."""
    ddb, s3, cloudwatch, lambda_ = aws("dynamodb"), aws("s3"), aws("cloudwatch"), aws("lambda")
    config = resources(tf.path)
    seen: dict[str, Any] = {}
    tf.apply(config)
    source = seen["source"] = _describe(ddb, "tf-source")
    seen["restored item"] = ddb.get_item(TableName="tf-restored", Key={"pk": {"S": "seed"}}).get("Item")
    seen["restored"] = _describe(ddb, "tf-restored")
    seen["imported keys"] = sorted(i["pk"]["S"] for i in ddb.scan(TableName="tf-imported")["Items"])
    seen["imported csv colours"] = sorted(i["colour"]["S"] for i in ddb.scan(TableName="tf-imported-csv")["Items"])
    seen["table policy"] = ddb.get_resource_policy(ResourceArn=source["TableArn"])["Policy"]
    seen["stream policy"] = ddb.get_resource_policy(ResourceArn=source["LatestStreamArn"])["Policy"]
    seen["destinations"] = ddb.describe_kinesis_streaming_destination(TableName="tf-source")["KinesisDataStreamDestinations"]
    export = ddb.list_exports(TableArn=source["TableArn"])["ExportSummaries"]
    seen["export"] = ddb.describe_export(ExportArn=export[0]["ExportArn"])["ExportDescription"]
    seen["bucket keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="tf-table-data")["Contents"]]
    seen["dashboard"] = cloudwatch.get_dashboard(DashboardName="tf-tables")["DashboardName"]
    seen["mappings"] = lambda_.list_event_source_mappings(EventSourceArn=source["LatestStreamArn"])["EventSourceMappings"]
    seen["replan"] = tf.replan(config)
    tf.destroy()
    seen["tables after destroy"] = set(ddb.list_tables()["TableNames"])
    seen["mappings after destroy"] = lambda_.list_event_source_mappings(
        EventSourceArn=source["LatestStreamArn"])["EventSourceMappings"]
    seen["dashboards after destroy"] = cloudwatch.list_dashboards(DashboardNamePrefix="tf-")["DashboardEntries"]
    seen["timings"] = tf.timings()
    return seen


def test_settings_switch_on_then_off_with_clean_plans(terraform_flows: dict[str, Future[dict[str, Any]]]) -> None:
    seen = terraform_flows["settings"].result(timeout=FLOW_TIMEOUT)
    print("settings:", seen["timings"])
    flip = seen["flip"]
    assert flip["BillingModeSummary"]["BillingMode"] == "PROVISIONED" and flip["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert flip["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert flip["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert seen["flip key description"] == "flip table key"
    assert seen["flip ttl"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    assert seen["flip pitr"]["RecoveryPeriodInDays"] == 7
    ondemand = seen["ondemand"]
    assert ondemand["OnDemandThroughput"] == {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50}
    assert ondemand["GlobalSecondaryIndexes"][0]["OnDemandThroughput"] == {"MaxReadRequestUnits": 30, "MaxWriteRequestUnits": 20}
    assert ondemand["SSEDescription"]["KMSMasterKeyArn"] == seen["managed key"]
    assert seen["replan on"].returncode == 0, f"re-plan is not clean:\n{seen['replan on'].stdout}"
    assert seen["keyed while disabled"] == "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
    assert "KMS key access denied" in (seen["put while disabled"] or "")

    flip_off = seen["flip off"]
    assert flip_off["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert "LastUpdateToPayPerRequestDateTime" in flip_off["BillingModeSummary"]
    for throughput in [flip_off["ProvisionedThroughput"], *(g["ProvisionedThroughput"] for g in flip_off["GlobalSecondaryIndexes"])]:
        assert (throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]) == (0, 0)
    assert {a["AttributeName"] for a in flip_off["AttributeDefinitions"]} == {"pk", "g", "p"}
    assert {g["IndexName"]: g["Projection"]["ProjectionType"] for g in flip_off["GlobalSecondaryIndexes"]} == {"byG": "ALL", "byP": "ALL"}
    assert "StreamSpecification" not in flip_off and flip_off["LatestStreamArn"] == flip["LatestStreamArn"]
    assert flip_off.get("TableClassSummary", {"TableClass": "STANDARD"})["TableClass"] == "STANDARD"
    assert "SSEDescription" not in flip_off
    assert seen["flip ttl off"] == {"TimeToLiveStatus": "DISABLED"}
    assert seen["flip pitr off"]["PointInTimeRecoveryStatus"] == "DISABLED"
    ondemand_off = seen["ondemand off"]
    assert "OnDemandThroughput" not in ondemand_off and "OnDemandThroughput" not in ondemand_off["GlobalSecondaryIndexes"][0]
    assert "SSEDescription" not in ondemand_off and seen["ondemand pitr off"]["RecoveryPeriodInDays"] == 35
    back = seen["back"]
    assert back["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert (back["ProvisionedThroughput"]["ReadCapacityUnits"], back["ProvisionedThroughput"]["WriteCapacityUnits"]) == (4, 3)
    assert back["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"] == 1
    assert seen["keyed after"] == "ACTIVE"  # the apply re-enabled the key
    assert seen["put after"] is None
    assert seen["never ondemand pitr"]["RecoveryPeriodInDays"] == 35
    assert seen["replan off"].returncode == 0, f"re-plan is not clean:\n{seen['replan off'].stdout}"


def test_new_resources_apply_replan_destroy(terraform_flows: dict[str, Future[dict[str, Any]]]) -> None:
    seen = terraform_flows["resources"].result(timeout=FLOW_TIMEOUT)
    print("resources:", seen["timings"])
    source = seen["source"]
    assert seen["restored item"]
    assert seen["restored"]["RestoreSummary"]["SourceTableArn"] == source["TableArn"]
    assert seen["imported keys"] == ["a", "b"]
    assert seen["imported csv colours"] == ["blue", "red"]
    assert "GetItem" in seen["table policy"]
    assert "GetRecords" in seen["stream policy"]
    assert [(d["DestinationStatus"], d["ApproximateCreationDateTimePrecision"]) for d in seen["destinations"]] == [
        ("ACTIVE", "MICROSECOND")]
    assert (seen["export"]["ExportStatus"], seen["export"]["ItemCount"]) == ("COMPLETED", 1)
    assert seen["export"]["ExportManifest"] in seen["bucket keys"]
    assert seen["dashboard"] == "tf-tables"
    assert [(m["State"], m["BatchSize"]) for m in seen["mappings"]] == [("Enabled", 10)]
    assert seen["replan"].returncode == 0, f"re-plan is not clean:\n{seen['replan'].stdout}"
    assert not {"tf-source", "tf-restored", "tf-imported", "tf-imported-csv"} & seen["tables after destroy"]
    assert seen["mappings after destroy"] == []
    assert seen["dashboards after destroy"] == []
