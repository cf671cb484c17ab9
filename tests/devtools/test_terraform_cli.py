"""The Terraform runner's shared CLI configuration: written once, atomically, mirror only."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools import terraform_cli


@pytest.fixture
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "mirror"
    (folder / "registry.terraform.io").mkdir(parents=True)
    monkeypatch.setenv(terraform_cli.MIRROR_ENV, str(folder))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    terraform_cli.find_provider_mirror.cache_clear()
    yield folder
    terraform_cli.find_provider_mirror.cache_clear()


def test_the_cli_config_names_only_the_mirror_and_is_replaced_whole(mirror: Path) -> None:
    write = terraform_cli.cli_config_file.__wrapped__  # the uncached function
    path = write()
    assert path.parent == mirror.parent
    assert path.read_text() == f'provider_installation {{\n  filesystem_mirror {{\n    path = "{mirror}"\n  }}\n}}\n'
    inode = path.stat().st_ino
    assert write() == path and path.stat().st_ino == inode, "the same content is not rewritten"
    path.write_text("stale")
    write()
    assert path.stat().st_ino != inode and f'path = "{mirror}"' in path.read_text(), "replaced, not truncated in place"
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(["mirror", path.name])


def test_a_mirror_variable_without_a_registry_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(terraform_cli.MIRROR_ENV, str(tmp_path))
    terraform_cli.find_provider_mirror.cache_clear()
    try:
        with pytest.raises(terraform_cli.TerraformError, match="has no registry.terraform.io folder"):
            terraform_cli.find_provider_mirror()
    finally:
        terraform_cli.find_provider_mirror.cache_clear()


def test_the_mirror_search_finds_the_shallowest_aws_mirror_within_its_depth(tmp_path: Path) -> None:
    for folder in ("b/x/y/registry.terraform.io/hashicorp/aws", "c/registry.terraform.io/hashicorp/other",
                   "d/x/registry.terraform.io/hashicorp/aws", "a/x/registry.terraform.io/hashicorp/aws"):
        (tmp_path / folder).mkdir(parents=True)
    assert terraform_cli.search_mirror(tmp_path, 4) == tmp_path / "a" / "x", "shallowest, then first by name"
    assert terraform_cli.search_mirror(tmp_path, 2) is None, "registry.terraform.io at depth 3 is beyond 2"
    assert terraform_cli.search_mirror(tmp_path / "b", 4) == tmp_path / "b" / "x" / "y"
    assert terraform_cli.search_mirror(tmp_path / "c", 4) is None, "a registry folder without hashicorp/aws"
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "link").symlink_to(tmp_path / "a")
    assert terraform_cli.search_mirror(tmp_path / "e", 4) is None, "symbolic links are not followed (as find)"
    assert terraform_cli.search_mirror(tmp_path / "missing", 4) is None


def test_throwaway_lock_files_keep_version_and_constraints_without_checksums() -> None:
    lock = ('# This file is maintained automatically by "terraform init".\n\n'
            'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n'
            '  constraints = ">= 5.100.0, < 7.0.0"\n  hashes = [\n    "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",\n'
            '    "zh:0123",\n  ]\n}\n')
    assert terraform_cli.without_checksums(lock) == (
        '# This file is maintained automatically by "terraform init".\n\n'
        'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n'
        '  constraints = ">= 5.100.0, < 7.0.0"\n}\n')


@pytest.mark.parametrize(("files", "single"), [
    ({"cdk.tf.json": {"provider": {"aws": [{"region": "us-east-1"}]}}}, True),
    ({"main.tf.json": {"provider": {"aws": {"region": "us-east-1"}}}}, True),
    ({"cdk.tf.json": {"provider": {"aws": [{"region": "us-east-1"}, {"alias": "west", "region": "us-west-2"}]}}}, False),
    ({"main.tf.json": {"provider": {"aws": {}}}, "other.tf.json": {"provider": {"aws": {"alias": "b"}}}}, False),
    ({"main.tf.json": {"resource": {}}}, False),
])
def test_one_served_provider_only_for_one_provider_configuration(tmp_path: Path, files: dict[str, object], single: bool) -> None:
    """Instances of a served provider share one process, hence one configuration: an alias means
    the ordinary process per instance."""
    import json

    for name, document in files.items():
        (tmp_path / name).write_text(json.dumps(document))
    assert terraform_cli.single_provider_configuration(tmp_path) is single


def test_hcl_files_are_not_looked_into(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text('{"provider": {"aws": {}}}')
    (tmp_path / "extra.tf").write_text('provider "aws" {\n  alias = "b"\n}\n')
    assert terraform_cli.single_provider_configuration(tmp_path) is False


def test_serving_needs_an_initialized_folder(tmp_path: Path) -> None:
    with pytest.raises(terraform_cli.TerraformError, match="run terraform init first"), \
            terraform_cli.served_provider(tmp_path, {}):
        pass
