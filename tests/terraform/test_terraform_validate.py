"""The real ``terraform validate`` (hashicorp/aws from the local mirror) on synthesized stacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    KinesisStreamingDestination,
    LocalSecondaryIndex,
    PolicyStatement,
    Principal,
    Projection,
    Replica,
    StreamConsumer,
    Table,
    TableAlarms,
    TableClass,
    TableDashboard,
    TableEncryption,
    TableExport,
    TableSource,
    Timeouts,
    account_limit_alarms,
    aws_provider,
    replica_provider,
)
from dynamo_constructs._core import App, TerraformStack
from dynamo_constructs.times import reference_time

import pytest

from devtools import terraform_cli
from tests.terraform.conftest import Validator

Validate = Callable[[Path], dict[str, object]]

PK = Attribute.string("pk")
SK = Attribute.string("sk")


def minimal(stack: TerraformStack) -> None:
    Table(stack, "minimal", partition_key=PK)


def every_feature(stack: TerraformStack) -> None:
    eu = replica_provider(stack, "eu-west-1")
    table = Table(
        stack, "full", partition_key=PK, sort_key=Attribute.number("ts"),
        global_indexes=[GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"),
                                             sort_key=Attribute.number("ts"), projection=Projection.include(["title"]),
                                             max_read_request_units=20, contributor_insights=True)],
        local_indexes=[LocalSecondaryIndex(name="ByOwner", sort_key=Attribute.string("owner"),
                                           projection=Projection.keys_only())],
        billing=Billing.on_demand(max_read_request_units=100, max_write_request_units=100),
        time_to_live_attribute="expires", recovery_period_days=14, table_class=TableClass.STANDARD_INFREQUENT_ACCESS,
        deletion_protection=True, contributor_insights=True, tags={"Team": "data"},
        encryption=TableEncryption.customer_managed_key(alias="alias/full-table"),
        replicas=[Replica(region="eu-west-1", provider=eu, deletion_protection=False)],
    )
    table.add_item("seed", {"pk": "a", "ts": 1, "title": "hello"})
    table.grant_read_write_data(role="app-role")
    table.grant_stream_read()


def provisioned_with_indexes(stack: TerraformStack) -> None:
    Table(
        stack, "prov", partition_key=PK, sort_key=SK,
        billing=Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=100),
                                    write_capacity=Capacity.fixed(5)),
        global_indexes=[
            GlobalSecondaryIndex(name="ByA", partition_key=Attribute.string("a")),
            GlobalSecondaryIndex(name="ByB", partition_key=Attribute.string("b"), projection=Projection.keys_only(),
                                 read_capacity=Capacity.fixed(2), write_capacity=Capacity.autoscaled(minimum=1, maximum=10)),
        ],
        local_indexes=[LocalSecondaryIndex(name="ByC", sort_key=Attribute.number("c"))],
    )


def customer_managed_key(stack: TerraformStack) -> None:
    Table(stack, "cmk_existing", partition_key=PK,
          encryption=TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/abcd-1234"))
    Table(stack, "cmk_created", partition_key=PK, encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7))
    Table(stack, "aws_managed", partition_key=PK, encryption=TableEncryption.aws_managed())


def resource_policies(stack: TerraformStack) -> None:
    west = replica_provider(stack, "us-west-2")
    table = Table(stack, "shared", partition_key=PK, stream="NEW_AND_OLD_IMAGES",
                  global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
                  encryption=TableEncryption.customer_managed_key(),
                  replicas=[Replica(region="us-west-2", provider=west)])
    partner = Principal.account("111122223333")
    table.grant_read_data(partner)
    table.grant_stream_read(partner)
    table.grant_actions(["dynamodb:GetItem", "dynamodb:DescribeStream"], id_="pipes",
                        principal=Principal.service("pipes.amazonaws.com"))
    table.add_to_resource_policy(PolicyStatement(
        sid="DenyInsecure", effect="Deny", principals=[partner], actions=["dynamodb:GetItem"],
        conditions={"Bool": {"aws:SecureTransport": "false"}}))


def access(stack: TerraformStack) -> None:
    table = Table(stack, "data", partition_key=PK, stream="KEYS_ONLY")
    table.grant_full_access(Principal.user("arn:aws:iam::123456789012:user/ops"))
    table.grant_actions(["dynamodb:*"], id_="break_glass", role="arn:aws:iam::123456789012:role/admin")
    other = Table.from_table_name(stack, "ledger", "ledger", index_names=["ByDay"],
                                  stream_arn="arn:aws:dynamodb:us-east-1:123456789012:table/ledger/stream/2026")
    other.grant_read_write_data(role="app")
    Table.from_table_arn(stack, "archive", "arn:aws:dynamodb:eu-west-1:123456789012:table/archive").grant_read_data()


def streaming_and_consumers(stack: TerraformStack) -> None:
    table = Table(stack, "events", partition_key=PK, stream="NEW_IMAGE")
    created = KinesisStreamingDestination(stack, "created", table=table, precision="MILLISECOND", shard_count=2,
                                          retention_hours=48)
    created.grant_read(role="analytics")
    KinesisStreamingDestination(stack, "given", table=table,
                                stream_arn="arn:aws:kinesis:us-east-1:123456789012:stream/existing")
    StreamConsumer(stack, "consumer", table=table, function="arn:aws:lambda:us-east-1:123456789012:function:f",
                   role="f-role", filter_patterns=[{"eventName": ["INSERT"]}], maximum_batching_window_seconds=5,
                   on_failure_destination_arn="arn:aws:sqs:us-east-1:123456789012:dlq")


def restore_import_export(stack: TerraformStack) -> None:
    with reference_time(datetime(2026, 11, 2, tzinfo=UTC)):  # the restore and export times lie in its PITR window
        source = Table(stack, "source", partition_key=PK, sort_key=SK, timeouts=Timeouts(create="1h", update="2h"))
        Table(stack, "latest", partition_key=PK, sort_key=SK, source=TableSource.point_in_time(source))
        Table(stack, "at_time", partition_key=PK, source=TableSource.point_in_time(
            "legacy", restore_date_time="2026-11-01T03:00:00Z"))
        Table(stack, "by_arn", partition_key=PK, source=TableSource.point_in_time(
            "arn:aws:dynamodb:us-west-2:123456789012:table/legacy"))
        Table(stack, "csv", partition_key=PK, timeouts=Timeouts(create="6h"), source=TableSource.s3_import(
            "seed-bucket", key_prefix="csv/", input_format="CSV", compression="GZIP", csv_delimiter=";",
            csv_header=["pk", "total"]))
        Table(stack, "ion", partition_key=PK, source=TableSource.s3_import("seed-bucket", input_format="ION",
                                                                           compression="ZSTD", bucket_owner="123456789012"))
        TableExport(stack, "once", table=source, bucket="analytics-bucket", prefix="full/", export_format="ION",
                    kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/k")
        TableExport(stack, "delta", table=source, bucket="analytics-bucket", incremental_from="2026-11-01T00:00:00Z",
                    incremental_to="2026-11-01T12:00:00Z")
        TableExport(stack, "nightly", table=source, bucket="analytics-bucket", prefix="nightly/",
                    schedule="cron(0 2 * * ? *)", timezone="Europe/Berlin")


def replica_options(stack: TerraformStack) -> None:
    eu = replica_provider(stack, "eu-west-1")
    Table(stack, "global", partition_key=PK, timeouts=Timeouts(create="2h", update="3h", delete="30m"),
          global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
          replicas=[Replica(region="eu-west-1", provider=eu, table_class="STANDARD_INFREQUENT_ACCESS",
                            point_in_time_recovery=False, deletion_protection=False, propagate_tags=False,
                            timeouts=Timeouts(create="90m"), contributor_insights=True,
                            index_contributor_insights={"ByX": True},
                            kinesis_stream_arn="arn:aws:kinesis:eu-west-1:123456789012:stream/global-eu")])


def observability(stack: TerraformStack) -> None:
    eu = replica_provider(stack, "eu-west-1")
    auto = Capacity.autoscaled(minimum=1, maximum=10)
    table = Table(stack, "watched", partition_key=PK, billing=Billing.provisioned(read_capacity=auto, write_capacity=auto),
                  global_indexes=[GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x"))],
                  replicas=[Replica(region="eu-west-1", provider=eu)])
    other = Table.from_table_name(stack, "ledger", "ledger", index_names=["ByDay"])
    topic = AlarmTopic(stack, "topic", name="alarms")
    settings = AlarmSettings(conditional_check_failed_threshold=10, online_index_alarms=True,
                             account_capacity_utilization_percent=80)
    TableAlarms(stack, "alarms", table=table, settings=settings, topic_arn=topic.arn)
    TableAlarms(stack, "ledger_alarms", table=other, settings=settings, topic_arn=topic.arn)
    account_limit_alarms(stack, "limits", name_prefix="watched", settings=settings, topic_arn=topic.arn)
    TableDashboard(stack, "dashboard", name="watched-tables", tables=[table, other])


CONFIGS: dict[str, Callable[[TerraformStack], None]] = {
    "minimal": minimal,
    "every_feature": every_feature,
    "provisioned_with_indexes": provisioned_with_indexes,
    "customer_managed_key": customer_managed_key,
    "resource_policies": resource_policies,
    "access": access,
    "streaming_and_consumers": streaming_and_consumers,
    "restore_import_export": restore_import_export,
    "replica_options": replica_options,
    "observability": observability,
}


@pytest.fixture(scope="module")
def table_configs(tmp_path_factory: pytest.TempPathFactory, validator: Validator) -> Path:
    outdir = tmp_path_factory.mktemp("configs")
    app = App(outdir=str(outdir))
    for name, factory in CONFIGS.items():
        stack = TerraformStack(app, name)
        aws_provider(stack, "us-east-1")
        factory(stack)
    app.synth()
    validator.start(sorted((outdir / "stacks").iterdir()))
    return outdir / "stacks"


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_table_configuration_is_valid_terraform(table_configs: Path, name: str, validate: Validate) -> None:
    report = validate(table_configs / name)
    assert report["valid"] is True and report["error_count"] == 0


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_environment_stack_is_valid_terraform(app_outdir: Path, environment: str, validate: Validate) -> None:
    report = validate(app_outdir / "stacks" / environment)
    assert report["valid"] is True and report["error_count"] == 0


def test_validate_reports_terraform_errors(tmp_path: Path) -> None:
    """The helper is not a rubber stamp: an invalid configuration raises with Terraform's diagnostics."""
    (tmp_path / "main.tf.json").write_text(
        '{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.100.0"}}},'
        ' "resource": {"aws_dynamodb_table": {"t": {"name": "t", "hash_key": "pk", "billing_mode": "SOMETIMES",'
        ' "attribute": [{"name": "pk", "type": "S"}]}}}}'
    )
    with pytest.raises(terraform_cli.TerraformError, match="billing_mode"):
        terraform_cli.validate(tmp_path)


def test_mirror_is_found_and_used() -> None:
    mirror = terraform_cli.find_provider_mirror()
    assert (mirror / "registry.terraform.io" / "hashicorp" / "aws").is_dir()
    assert str(mirror) in terraform_cli.cli_config_file().read_text()


def test_a_batch_attributes_errors_to_their_own_stack(tmp_path: Path) -> None:
    """Validating stacks together still fails the broken one, and only it."""
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder, mode in ((good, "PAY_PER_REQUEST"), (bad, "SOMETIMES")):
        folder.mkdir()
        (folder / "cdk.tf.json").write_text(json.dumps({
            "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.100.0"}},
                          "backend": {"local": {"path": "x.tfstate"}}},
            "resource": {"aws_dynamodb_table": {"t": {"name": "t", "hash_key": "pk", "billing_mode": mode,
                                                      "attribute": [{"name": "pk", "type": "S"}]}}}}))
    results = terraform_cli.validate_many([good, bad], tmp_path / "batch")
    assert results[good] == {"valid": True, "error_count": 0, "diagnostics": []}
    assert results[bad]["valid"] is False and "billing_mode" in json.dumps(results[bad]["diagnostics"])
