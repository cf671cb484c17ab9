"""``make review BASE=<ref>`` (devtools/review_ref.py) on a throwaway git repository.

The repository's ``main.py`` stands in for the app: it writes its stacks from a JSON file into
``$CDKTF_OUTDIR`` as a CDKTF synth would, so the test exercises the worktree, both synths, the
review over every stack and the clean-up, in seconds and without the engine.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from devtools import review_ref
from tests.review.docs import with_table

FAKE_APP = '''
import json, os, pathlib
out = pathlib.Path(os.environ["CDKTF_OUTDIR"])
for name, doc in json.loads(pathlib.Path("stacks.json").read_text()).items():
    (out / "stacks" / name).mkdir(parents=True, exist_ok=True)
    (out / "stacks" / name / "cdk.tf.json").write_text(json.dumps(doc))
'''


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.email", "t@example.com")
    git(root, "config", "user.name", "t")
    (root / "main.py").write_text(FAKE_APP)
    write_stacks(root, {"dev": with_table(), "prod": with_table()})
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def write_stacks(root: Path, stacks: dict[str, Any]) -> None:
    (root / "stacks.json").write_text(json.dumps(stacks))


def test_no_change_against_head_is_clean(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert review_ref.main(["HEAD", "--repo", str(repo)]) == 0
    out, err = capsys.readouterr()
    assert "**No data loss.**" in out and "#### Stack `prod`" in out
    commit = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert err.splitlines() == [  # a line per stage on stderr; stdout is the report alone
        f"review HEAD: synthesizing HEAD ({commit}) in a temporary worktree", "review HEAD: HEAD: stacks dev, prod",
        "review HEAD: synthesizing the working tree", "review HEAD: working tree: stacks dev, prod",
        "review HEAD: reviewed 2 resources: 0 changes, data loss: no"]
    assert git(repo, "worktree", "list").count("\n") == 1  # the temporary worktree is gone


def test_a_working_tree_change_is_reviewed_against_the_base(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_stacks(repo, {"dev": with_table(), "prod": with_table(name="renamed")})
    assert review_ref.main(["HEAD", "--repo", str(repo), "--json"]) == 1
    actions = {c["address"]: c["action"] for c in json.loads(capsys.readouterr().out)["changes"]}
    assert actions == {"dev/aws_dynamodb_table.t": "no-op", "prod/aws_dynamodb_table.t": "replace"}
    assert git(repo, "worktree", "list").count("\n") == 1


def test_unknown_ref_or_failing_synth_is_bad_input(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert review_ref.main(["no-such-ref", "--repo", str(repo)]) == 2
    assert "error:" in capsys.readouterr().err
    (repo / "main.py").write_text("raise SystemExit('synth broke')\n")
    assert review_ref.main(["HEAD", "--repo", str(repo)]) == 2
    *progress, error = capsys.readouterr().err.strip().splitlines()
    assert error.startswith("review HEAD: error: synth of ") and "synth broke" in error
    assert progress[-1] == "review HEAD: synthesizing the working tree", "the stage it failed in, then one error line"
    assert git(repo, "worktree", "list").count("\n") == 1
