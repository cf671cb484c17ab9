"""``dynamo-constructs review`` / ``plan``: inputs, exit status 0/1/2, the exact --json shape, Markdown."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from dynamo_constructs import cli

import pytest

from tests.review.docs import stack, table, with_table
from tests.support.paths import ROOT

CORPUS = Path(__file__).parent / "corpus"


def write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def cdktf_out(root: Path, stacks: dict[str, Any]) -> Path:
    for name, doc in stacks.items():
        write(root / "stacks" / name / "cdk.tf.json", doc)
    write(root / "manifest.json", {"stacks": {}})
    return root


def test_console_script_is_declared() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["dynamo-constructs"] == "dynamo_constructs.cli:main"
    assert callable(cli.main)


def test_exit_0_without_data_loss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = write(tmp_path / "a.json", with_table())
    after = write(tmp_path / "b.json", with_table(billing_mode="PROVISIONED", read_capacity=1, write_capacity=1))
    status, out, err = run(capsys, "review", str(before), str(after))
    assert status == 0 and err == ""
    assert "**No data loss.**" in out and "| `aws_dynamodb_table.t` | update | no |" in out


def test_exit_1_with_data_loss_and_the_summary_comes_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = write(tmp_path / "a.json", with_table())
    after = write(tmp_path / "b.json", with_table(name="renamed"))
    status, out, _ = run(capsys, "review", str(before), str(after))
    assert status == 1
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0].startswith("### ")
    assert lines[1].startswith("**1 table replaced/destroyed — DATA LOSS**")
    assert "| `aws_dynamodb_table.t` | **replace** | **yes** |" in out


@pytest.mark.parametrize("problem", ["missing", "not-json", "not-terraform", "empty-dir", "mixed"])
def test_exit_2_with_one_line_on_stderr(problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.json", with_table())
    bad = tmp_path / "bad"
    if problem == "not-json":
        bad.write_text("{ not json")
    elif problem == "not-terraform":
        write(bad, {"hello": 1})
    elif problem == "empty-dir":
        bad.mkdir()
    elif problem == "mixed":
        bad = cdktf_out(tmp_path / "out", {"dev": with_table()})
    status, out, err = run(capsys, "review", str(bad), str(good))
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "error:" in err and "Traceback" not in err


def test_usage_errors_are_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["review", "only-one"])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert len(err.strip().splitlines()) == 1 and "the following arguments are required" in err


def test_json_output_has_exactly_the_documented_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = write(tmp_path / "a.json", stack(aws_dynamodb_table={"t": table(), "u": table("other")}))
    after = write(tmp_path / "b.json", stack(aws_dynamodb_table={"t": table(name="renamed"), "u": table("other")}))
    status, out, _ = run(capsys, "review", str(before), str(after), "--json")
    doc = json.loads(out)
    assert status == 1
    assert set(doc) == {"changes", "data_loss", "fails"} and doc["data_loss"] is True and doc["fails"] is False
    for change in doc["changes"]:
        assert set(change) == {"address", "type", "action", "data_loss", "fails", "reasons", "fix"}
        for field in ("reasons", "fix"):
            assert isinstance(change[field], list) and all(isinstance(r, str) for r in change[field])
    by_address = {c["address"]: c for c in doc["changes"]}
    replaced = by_address["aws_dynamodb_table.t"]
    assert replaced["action"] == "replace" and replaced["data_loss"]
    assert replaced["fix"] == ['keep the live name with table_name="orders" (the default name comes from the construct '
                               "path; moved_from= keeps it when the construct moves)"]
    # no-op entries are listed too: the list covers every address, like terraform's resource_changes
    assert by_address["aws_dynamodb_table.u"] == {"address": "aws_dynamodb_table.u", "type": "aws_dynamodb_table",
                                                  "action": "no-op", "data_loss": False, "fails": False, "reasons": [],
                                                  "fix": []}


def test_exit_3_when_terraform_would_refuse_without_data_loss(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A GSI added while the table ignores its indexes: terraform plan fails; the review says so and why."""
    gsi = {"name": "ByStatus", "hash_key": "status", "projection_type": "ALL", "read_capacity": 5, "write_capacity": 5}
    scaled = {"billing_mode": "PROVISIONED", "read_capacity": 5, "write_capacity": 5,
              "lifecycle": {"ignore_changes": ["read_capacity", "write_capacity", "global_secondary_index"]}}
    before = write(tmp_path / "a.json", with_table(**scaled))
    after = write(tmp_path / "b.json", with_table(**scaled, global_secondary_index=[gsi],
                                                  attribute=[{"name": "pk", "type": "S"}, {"name": "status", "type": "S"}]))
    status, out, _ = run(capsys, "review", str(before), str(after), "--json")
    doc = json.loads(out)
    assert status == 3 and doc["fails"] is True and doc["data_loss"] is False
    (table_change,) = doc["changes"]
    assert table_change["reasons"][-1].startswith(
        'FAILS (terraform plan fails): all attributes must be indexed. Unused attributes: ["status"]')
    assert table_change["fix"][0].startswith("the table ignores global_secondary_index (autoscaled indexes with "
                                             "index_maintenance=False): leave index_maintenance on")
    status, markdown, _ = run(capsys, "review", str(before), str(after))
    assert status == 3
    assert "**terraform plan fails (1 resource) — this change cannot be applied as it is**  " in markdown.splitlines()
    assert "| `aws_dynamodb_table.t` | no-op<br>**fails** | no |" in markdown
    assert "<br>**Fix:** the table ignores global_secondary_index" in markdown


def test_cdktf_out_directories_match_stacks_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = cdktf_out(tmp_path / "a", {"dev": with_table(), "prod": with_table(), "old": with_table()})
    after = cdktf_out(tmp_path / "b", {"dev": with_table(), "prod": with_table(name="renamed"), "new": with_table()})
    status, out, _ = run(capsys, "review", str(before), str(after), "--json")
    actions = {c["address"]: c["action"] for c in json.loads(out)["changes"]}
    assert status == 1
    assert actions == {"dev/aws_dynamodb_table.t": "no-op", "prod/aws_dynamodb_table.t": "replace",
                       "old/aws_dynamodb_table.t": "destroy", "new/aws_dynamodb_table.t": "create"}
    status, markdown, _ = run(capsys, "review", str(before), str(after))
    assert "#### Stack `prod`" in markdown and "#### Stack `dev`" in markdown
    assert "<details><summary>1 resource unchanged</summary>" in markdown


def test_a_stack_directory_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = write(tmp_path / "a" / "cdk.tf.json", with_table()).parent
    status, out, _ = run(capsys, "review", str(before), str(before), "--json")
    assert status == 0 and json.loads(out)["changes"][0]["action"] == "no-op"


def test_plan_subcommand_reads_a_file_or_stdin(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    plan = CORPUS / "table_deleted_outside" / "plan.json"
    status, out, _ = run(capsys, "plan", str(plan), "--json")
    assert status == 1 and json.loads(out)["changes"][0]["action"] == "create"
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(plan.read_text()))
    status, out, _ = run(capsys, "plan", "-")
    assert status == 1 and "deleted outside Terraform" in out
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO('{"not": "a plan"}'))
    status, _, err = run(capsys, "plan", "-")
    assert status == 2 and len(err.splitlines()) == 1


def test_the_module_runs_as_a_program(tmp_path: Path) -> None:
    """``python -m dynamo_constructs.cli`` (what the console script calls) exits with the review's status."""
    before = write(tmp_path / "a.json", with_table())
    after = write(tmp_path / "b.json", with_table(name="renamed"))
    done = subprocess.run([sys.executable, "-m", "dynamo_constructs.cli", "review", str(before), str(after), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
                          env={"PATH": "/usr/bin:/bin", "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"})
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["data_loss"] is True
