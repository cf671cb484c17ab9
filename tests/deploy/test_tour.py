"""Deploy lane: the tour's hashicorp/aws 5.100 stack (resource policies, Kinesis destination, restore,
nightly export schedule, alarms and dashboard) applied to the emulator with the real terraform and
provider, re-planned clean, checked through boto3, then destroyed. (Its ``strong`` stack needs
hashicorp/aws >= 6.22, which the mirror here does not have.)"""

from __future__ import annotations

import json
from pathlib import Path

from devtools.emulator.process import boto3_client
from tests.support.deploy import DEPLOY_TIMES, Deployment
from tests.support.examples import synth_example


def test_deploy_tour_analytics(tmp_path: Path, endpoint: str) -> None:
    import time

    times = DEPLOY_TIMES.setdefault("tour-analytics", {})
    tour = synth_example("tour", tmp_path / "synth")  # only the tour (the other examples are not deployed)
    deployment = Deployment(tour / "stacks" / "analytics", tmp_path, endpoint)
    start = time.monotonic()
    deployment.init()
    deployment.apply()
    times["apply_s"] = time.monotonic() - start
    # hashicorp/aws 5.100 restores a table without its tags (RestoreTableToPointInTime takes none and
    # the provider tags nothing afterwards): the first plan after the restore adds them, and only them.
    deployment.terraform("plan", "-out=tags.plan")
    shown = json.loads(deployment.terraform("show", "-json", "tags.plan").stdout.splitlines()[-1])
    changed = {c["address"]: c["change"] for c in shown["resource_changes"] if c["change"]["actions"] != ["no-op"]}
    (address, change), = changed.items()
    assert address.startswith("aws_dynamodb_table.reporting_table_") and change["actions"] == ["update"]
    assert change["before"]["tags_all"] == {} and change["after"]["tags_all"] == {"Project": "tour"}
    deployment.terraform("apply", "tags.plan")  # the plan just reviewed
    deployment.replan_clean()

    ddb = boto3_client("dynamodb", endpoint)
    orders = ddb.describe_table(TableName="tour-orders")["Table"]
    table_policy = json.loads(ddb.get_resource_policy(ResourceArn=orders["TableArn"])["Policy"])
    assert [(s["Effect"], s["Principal"]["AWS"]) for s in table_policy["Statement"]] == [
        ("Allow", "arn:aws:iam::111122223333:root"), ("Deny", "arn:aws:iam::111122223333:root")]
    stream_policy = json.loads(ddb.get_resource_policy(ResourceArn=orders["LatestStreamArn"])["Policy"])
    assert stream_policy["Statement"][0]["Action"] == ["dynamodb:DescribeStream", "dynamodb:GetRecords",
                                                       "dynamodb:GetShardIterator"]
    destinations = ddb.describe_kinesis_streaming_destination(TableName="tour-orders")["KinesisDataStreamDestinations"]
    assert [(d["StreamArn"].rsplit("/", 1)[1], d["DestinationStatus"], d["ApproximateCreationDateTimePrecision"])
            for d in destinations] == [("tour-orders-changes", "ACTIVE", "MICROSECOND")]
    reporting = ddb.describe_table(TableName="tour-orders-reporting")["Table"]
    assert reporting["RestoreSummary"]["SourceTableArn"] == orders["TableArn"]
    schedule = boto3_client("scheduler", endpoint).get_schedule(Name="tour-orders-nightly-export")
    assert json.loads(schedule["Target"]["Input"])["TableArn"] == orders["TableArn"]
    dashboard = json.loads(boto3_client("cloudwatch", endpoint).get_dashboard(DashboardName="tour-dynamodb")["DashboardBody"])
    assert [w["properties"]["markdown"] for w in dashboard["widgets"] if w["type"] == "text"][1:] == [
        "### tour-orders", "### tour-orders-reporting", "### tour-ledger"]

    start = time.monotonic()
    deployment.destroy()
    times["destroy_s"] = time.monotonic() - start
    assert not {"tour-orders", "tour-orders-reporting"} & set(ddb.list_tables()["TableNames"])
