"""The real ``terraform validate`` (hashicorp/aws from the local mirror) on synthesized stacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from dynamo_constructs import (
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    Replica,
    Table,
    TableClass,
    TableEncryption,
    aws_provider,
    replica_provider,
)
from dynamo_constructs._core import App, TerraformStack

import pytest

from scripts import terraform_cli
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


CONFIGS: dict[str, Callable[[TerraformStack], None]] = {
    "minimal": minimal,
    "every_feature": every_feature,
    "provisioned_with_indexes": provisioned_with_indexes,
    "customer_managed_key": customer_managed_key,
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
