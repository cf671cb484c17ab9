"""``make deploy|diff|destroy`` (devtools/deploy.py) without terraform: the reachability check, which
tables a plan deletes, the review printed for a terminal, and the confirmation rule. The whole
command runs against the emulator in the deploy lane (tests/deploy/test_deploy.py)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devtools import deploy

CORPUS = Path(__file__).resolve().parents[1] / "review" / "corpus"
HELD = {"dynamo-dev-jobs": "holds items"}


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nothing listens on (bound, never listening: connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def test_an_endpoint_with_nothing_behind_it_says_what_to_start(closed_port: int) -> None:
    problem = deploy.endpoint_problem(f"http://127.0.0.1:{closed_port}")
    assert problem == (f"AWS_ENDPOINT_URL=http://127.0.0.1:{closed_port}: nothing answers at 127.0.0.1:{closed_port}. "
                       f"Start the local emulator first (`make emulator PORT={closed_port}` in another terminal), or "
                       "unset AWS_ENDPOINT_URL to use your AWS account.")
    assert deploy.endpoint_problem("http://") is not None


def test_an_endpoint_that_listens_passes() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        assert deploy.endpoint_problem(f"http://127.0.0.1:{server.getsockname()[1]}") is None


def test_an_unreachable_endpoint_stops_before_anything_runs(closed_port: int, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{closed_port}")
    monkeypatch.setattr(deploy, "synthesize", lambda *a: pytest.fail("synthesized despite no endpoint"))
    assert deploy.main(["deploy", "dev"]) == deploy.EXIT_SETUP
    assert capsys.readouterr().err.startswith(f"make deploy: AWS_ENDPOINT_URL=http://127.0.0.1:{closed_port}: nothing")


def test_the_app_command_is_cdktf_json_s() -> None:
    assert deploy.app_command() == [".venv/bin/python", "main.py"]


# ----- what the plan deletes, and the review for a terminal ---------------------------------------


def plan(name: str) -> dict:
    return json.loads((CORPUS / name / "plan.json").read_text())


def test_tables_deleted_are_destroyed_or_replaced_tables_with_their_region() -> None:
    (gone,) = deploy.tables_deleted(plan("table_removed"))
    assert (gone.name, gone.region, gone.action) == ("rv-table-removed-orders", "us-east-1", "destroy")
    (replaced,) = deploy.tables_deleted(plan("partition_key_changed"))
    assert replaced.action == "replace"
    assert deploy.tables_deleted(plan("gsi_added")) == []


def test_the_review_names_each_table_its_items_and_how_to_avoid_the_loss() -> None:
    lines, report = deploy.review_lines(plan("table_removed"), {"rv-table-removed-orders": "holds items"})
    assert report.data_loss
    resources = lines[lines.index("Resources:") + 1:lines.index("Tables:")]
    assert resources[0] == "  destroy aws_dynamodb_table.orders_table_46E4A621"
    assert "      no longer in the configuration" in resources[1:], "each changed resource with the review's reasons"
    assert "  table rv-table-removed-orders: destroy — DATA LOSS; holds items  (aws_dynamodb_table.orders_table_46E4A621)" \
        in lines
    fixes = lines[lines.index("How to avoid them:") + 1:]
    assert fixes and fixes[0].startswith("  - to stop managing the table but keep it: forget(table)")


def test_only_changed_resources_are_listed() -> None:
    lines, _ = deploy.review_lines(plan("gsi_added"), {})
    listed = [line for line in lines[lines.index("Resources:") + 1:lines.index("Tables:")] if not line.startswith("      ")]
    assert listed == ["  update aws_dynamodb_table.orders_table_46E4A621"]


# ----- Terraform's output: to the log, its summary on the terminal ----------------------------------


FAKE_TERRAFORM = """#!/bin/sh
echo "Initializing... $*"
echo "a warning" >&2
if [ "$1" = "show" ]; then echo '{"format_version": "1.2"}'; exit 0; fi
if [ "$1" = "apply" ]; then echo "Error: AccessDenied"; exit 1; fi
echo "Plan: 3 to add, 1 to change, 0 to destroy."
"""


@pytest.fixture
def terraform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> deploy.Terraform:
    binary = tmp_path / "terraform"
    binary.write_text(FAKE_TERRAFORM)
    binary.chmod(0o755)
    from devtools import terraform_cli

    monkeypatch.setattr(terraform_cli, "terraform_binary", lambda: str(binary))
    log = tmp_path / "make-deploy.log"
    log.write_text("make deploy ENV=dev\n")
    return deploy.Terraform(tmp_path, {"PATH": "/usr/bin:/bin"}, log)


def test_terraform_writes_to_the_log_and_the_summary_is_read_back(terraform: deploy.Terraform) -> None:
    planned = terraform.run("plan", "-input=false")
    assert planned.returncode == 0
    assert planned.stdout == "Initializing... plan -no-color -input=false\na warning\nPlan: 3 to add, 1 to change, 0 to destroy.\n"
    assert deploy.summary_line(planned.stdout) == "Plan: 3 to add, 1 to change, 0 to destroy."
    shown = terraform.run("show", "-json", "x.tfplan", capture=True)
    assert json.loads(shown.stdout.splitlines()[-1]) == {"format_version": "1.2"}
    assert terraform.log.read_text().splitlines() == [
        "make deploy ENV=dev", "", "$ terraform plan -input=false", "Initializing... plan -no-color -input=false",
        "a warning", "Plan: 3 to add, 1 to change, 0 to destroy.", "", "$ terraform show -json x.tfplan", "a warning"]


def test_a_failing_step_shows_its_end_and_names_the_log(terraform: deploy.Terraform,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    applied = terraform.run("apply", "x.tfplan")
    assert deploy.failed("apply", applied, terraform.log) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == "Error: AccessDenied"
    assert err[-1].startswith("terraform apply failed (exit 1); its whole output: ") and err[-1].endswith("make-deploy.log")
    assert deploy.summary_line("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n\nOutputs:\n") == \
        "Apply complete! Resources: 2 added, 0 changed, 0 destroyed."
    assert deploy.summary_line("nothing to see") is None


def test_the_stack_summary_counts_its_resources(tmp_path: Path) -> None:
    folder = tmp_path / "stacks" / "dev"
    folder.mkdir(parents=True)
    (folder / "cdk.tf.json").write_text(json.dumps({"resource": {"aws_dynamodb_table": {"a": {}, "b": {}},
                                                                 "aws_iam_policy": {"c": {}}}}))
    assert deploy.stack_summary(folder) == f"stack dev: 3 resources in {folder}"


# ----- the confirmation rule -------------------------------------------------------------------------


def test_without_a_terminal_nothing_goes_unless_auto_approved() -> None:
    refused = deploy.decide("deploy", "dev", data_loss=False, held={}, terminal=False, env={})
    assert not refused.go and refused.ask is None
    assert refused.message.endswith("make deploy ENV=dev AUTO_APPROVE=1")
    assert not deploy.decide("deploy", "dev", data_loss=False, held={}, terminal=False, env={"AUTO_APPROVE": "yes"}).go
    approved = deploy.decide("deploy", "dev", data_loss=False, held={}, terminal=False, env={"AUTO_APPROVE": "1"})
    assert approved.go and approved.ask is None


def test_deleting_tables_with_items_needs_the_stack_named() -> None:
    unseen = deploy.decide("destroy", "dev", data_loss=True, held=HELD, terminal=False, env={})
    assert not unseen.go and unseen.message == (
        "refusing to destroy stack 'dev' unseen: there is no terminal to confirm on, and this plan deletes tables "
        "holding data (dynamo-dev-jobs: holds items). Read the plan and the review above, then say so explicitly: "
        "make destroy ENV=dev AUTO_APPROVE=1 CONFIRM_STACK=dev")
    refused = deploy.decide("destroy", "dev", data_loss=True, held=HELD, terminal=False, env={"AUTO_APPROVE": "1"})
    assert not refused.go
    assert "deletes tables holding data (dynamo-dev-jobs: holds items)" in refused.message
    assert refused.message.endswith("make destroy ENV=dev AUTO_APPROVE=1 CONFIRM_STACK=dev")
    wrong = deploy.decide("destroy", "dev", data_loss=True, held=HELD, terminal=False,
                          env={"AUTO_APPROVE": "1", "CONFIRM_STACK": "prod"})
    assert not wrong.go
    named = deploy.decide("destroy", "dev", data_loss=True, held=HELD, terminal=False,
                          env={"AUTO_APPROVE": "1", "CONFIRM_STACK": "dev"})
    assert named.go
    # a destroy of empty tables needs only the usual approval; a deploy that loses data needs the name
    assert deploy.decide("destroy", "dev", data_loss=True, held={}, terminal=False, env={"AUTO_APPROVE": "1"}).go
    assert not deploy.decide("deploy", "dev", data_loss=True, held={}, terminal=False, env={"AUTO_APPROVE": "1"}).go


def test_on_a_terminal_only_the_exact_answer_goes_on() -> None:
    plain = deploy.decide("deploy", "dev", data_loss=False, held={}, terminal=True, env={"AUTO_APPROVE": "1"})
    assert plain.ask == "yes", "a terminal always asks, AUTO_APPROVE or not"
    prompts: list[str] = []

    def answer(text: str) -> Callable[[str], str]:
        def read(prompt: str) -> str:
            prompts.append(prompt)
            return text

        return read

    assert deploy.confirmed(plain, "deploy", "dev", answer("yes"))
    assert prompts[-1].endswith("Deploy stack 'dev' with this plan? Only 'yes' goes on: ")
    assert not deploy.confirmed(plain, "deploy", "dev", answer("y"))
    strong = deploy.decide("destroy", "dev", data_loss=True, held=HELD, terminal=True, env={})
    assert strong.ask == "stack"
    assert not deploy.confirmed(strong, "destroy", "dev", answer("yes"))
    assert deploy.confirmed(strong, "destroy", "dev", answer(" dev "))
    assert prompts[-1] == "Type the stack's name (dev) to destroy it with this plan: "

    def closed(prompt: str) -> str:
        raise EOFError

    assert not deploy.confirmed(plain, "deploy", "dev", closed)
