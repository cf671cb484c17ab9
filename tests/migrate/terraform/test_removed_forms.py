"""What terraform 1.11 refuses in ``removed { from = ... lifecycle { destroy = false } }``
(the accepted forms are proven on real state by test_legacy_modules.py). About 15 s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools import terraform_cli
from tests.support.deploy import WorkFolder

pytestmark = pytest.mark.legacy_terraform

CONFIG = """
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_dynamodb_table" "kept" {
  name         = "legacy-removed-forms"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}
"""


def removed(address: str) -> str:
    return f"removed {{\n  from = {address}\n\n  lifecycle {{\n    destroy = false\n  }}\n}}\n"


def validate(folder: WorkFolder) -> terraform_cli.Result:
    return terraform_cli.run(["validate", "-no-color"], folder.dir, env=folder.env, check=False)


@pytest.fixture
def folder(tmp_path: Path, endpoint: str) -> WorkFolder:
    (tmp_path / "main.tf").write_text(CONFIG)
    work = WorkFolder(tmp_path, endpoint)
    work.init()  # before any removed.tf: init refuses a configuration validate would refuse
    return work


def test_instance_keys_are_refused_and_every_other_address_form_validates(folder: WorkFolder) -> None:
    refusals = {'aws_dynamodb_table.gone["a"]': "Resource instance keys not allowed",
                "aws_dynamodb_table.gone[0]": "Resource instance keys not allowed",
                "module.gone[0]": "Module instance keys not allowed",
                'module.gone["a"].aws_dynamodb_table.t': "Module instance keys not allowed"}
    for address, error in refusals.items():
        (folder.dir / "removed.tf").write_text(removed(address))
        result = validate(folder)
        assert result.returncode == 1 and error in result.stderr, (address, result.stderr)
    for address in ("aws_dynamodb_table.gone", "module.gone", "module.gone.aws_dynamodb_table.t", "module.a.module.b"):
        (folder.dir / "removed.tf").write_text(removed(address))
        assert validate(folder).returncode == 0, address


def test_a_removed_block_for_a_resource_still_configured_fails_the_plan(folder: WorkFolder) -> None:
    (folder.dir / "removed.tf").write_text(removed("aws_dynamodb_table.kept"))
    result = folder.terraform("plan", check=False)
    assert result.returncode == 1 and "Removed resource still exists" in result.stderr, result.stderr
