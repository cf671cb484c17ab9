"""``make release-check``'s wheel inspection: the package and its metadata, nothing else."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from devtools.release_check import ReleaseCheckError, check_wheel, project_version

GOOD = ["dynamo_constructs/__init__.py", "dynamo_constructs/py.typed", "dynamo_constructs-1.2.3.dist-info/METADATA",
        "dynamo_constructs-1.2.3.dist-info/entry_points.txt"]


def wheel(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "dynamo_constructs-1.2.3-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "")
    return path


def test_a_wheel_of_the_package_alone_passes(tmp_path: Path) -> None:
    check_wheel(wheel(tmp_path, GOOD), "1.2.3")


@pytest.mark.parametrize(("names", "message"), [
    ([*GOOD, "stacks/__init__.py"], "holds files outside dynamo_constructs/: ['stacks/__init__.py']"),
    ([n for n in GOOD if not n.endswith("py.typed")], "lacks dynamo_constructs/py.typed"),
])
def test_a_stray_or_missing_file_fails(tmp_path: Path, names: list[str], message: str) -> None:
    with pytest.raises(ReleaseCheckError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_wheel(wheel(tmp_path, names), "1.2.3")


def test_a_wheel_of_another_version_fails(tmp_path: Path) -> None:
    with pytest.raises(ReleaseCheckError, match="holds files outside dynamo_constructs/"):
        check_wheel(wheel(tmp_path, GOOD), "1.2.4")


def test_the_version_checked_is_pyprojects_and_the_packages() -> None:
    import dynamo_constructs

    assert project_version() == dynamo_constructs.__version__
