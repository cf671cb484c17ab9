"""``make review-corpus``: regenerate the review corpus from the real ``terraform plan``.

For each scenario in ``tests/review/scenarios.py``: synthesize BEFORE and AFTER with the
library, apply BEFORE to the project's emulator with the real terraform and hashicorp/aws (the
local provider mirror), plan AFTER against that state, run ``terraform show -json`` and store,
in ``tests/review/corpus/<scenario>/``:

- ``before.tf.json`` / ``after.tf.json``: the synthesized stacks (the top-level ``//`` metadata,
  which names the engine version, removed);
- ``plan.json``: the plan, trimmed to ``resource_changes``, ``resource_drift`` and each
  resource's provider configuration and region (random ids and timestamps masked so regeneration
  diffs stay small);
- ``expected.json``: the scenario's description, its data-loss verdict and rule, and the
  action per address in the review's vocabulary (with Terraform's own actions, action_reason
  and replace_paths beside it).

When terraform refuses the plan, each error is recorded per resource address in
``expected.json`` (``refused``: address -> Terraform's message). A ``prevent_destroy`` refusal
still gets its actions, from a second plan without ``prevent_destroy``; any other refusal (the
provider's checks, e.g. attributes against indexes) has no plan, so no ``plan.json``.

Scenarios run in parallel (one terraform working directory each, one emulator for all, every
table named after its scenario); every terraform call has a timeout and the whole run a
deadline. Usage: ``python -m devtools.review_corpus [--jobs N] [scenario ...]``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CHECKPOINT_DISABLE", "1")

import dynamo_constructs  # noqa: E402,F401  - first: the provider import accelerator

# isort: split
from dynamo_constructs._core import App  # noqa: E402
from dynamo_constructs.review.plan_json import action_of  # noqa: E402

from devtools import terraform_cli  # noqa: E402
from devtools.emulator.process import aws_env, boto3_client, running_emulator  # noqa: E402
from devtools.masking import mask  # noqa: E402
from tests.review.scenarios import SCENARIOS, STACK, Scenario, build_stack  # noqa: E402

CORPUS = ROOT / "tests" / "review" / "corpus"
DEADLINE_SECONDS = 25 * 60
APPLY_TIMEOUT = 600.0
PLAN_TIMEOUT = 300.0
KEPT_CHANGE_FIELDS = ("actions", "before", "after", "after_unknown", "replace_paths", "importing")
KEPT_RESOURCE_FIELDS = ("address", "previous_address", "mode", "type", "name", "provider_name", "action_reason")
PREVENT_DESTROY_ERROR = "Instance cannot be destroyed"
ADDRESS = r"((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)"
ERROR_ADDRESS = (re.compile(rf"^with {ADDRESS},"), re.compile(rf"^Resource {ADDRESS} has\b"))
_print_lock = threading.Lock()


def log(message: str) -> None:
    with _print_lock:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def synthesize(scenario: Scenario, side: str, outdir: Path) -> dict[str, Any]:
    outdir.mkdir(parents=True, exist_ok=True)
    app = App(outdir=str(outdir))
    build_stack(app, scenario, side)
    app.synth()
    doc: dict[str, Any] = json.loads((outdir / "stacks" / STACK / "cdk.tf.json").read_text())
    doc.pop("//", None)
    return doc


def without_prevent_destroy(doc: dict[str, Any]) -> dict[str, Any]:
    stripped = copy.deepcopy(doc)
    for named in stripped.get("resource", {}).values():
        for body in named.values():
            lifecycle = body.get("lifecycle")
            if isinstance(lifecycle, dict):
                lifecycle.pop("prevent_destroy", None)
    return stripped


def refusals(output: str) -> dict[str, str]:
    """Terraform's errors, per resource address: ``Error: <summary>`` and the message lines up to the
    blank line (a provider joining several errors writes one per line), then the address from the
    ``with <address>,`` line (or prevent_destroy's ``Resource <address> has ...``)."""
    found: dict[str, str] = {}
    message: list[str] | None = None
    in_detail = False
    for raw in output.splitlines():
        line = raw.strip(" │╷╵")
        if line.startswith("Error: "):
            message, in_detail = [line.removeprefix("Error: ").strip()], True
            continue
        if message is None:
            continue
        if in_detail and line and not any(pattern.match(line) for pattern in ERROR_ADDRESS):
            message.append(line)
            continue
        in_detail = False
        for pattern in ERROR_ADDRESS:
            match = pattern.match(line)
            if match:
                found.setdefault(match.group(1), "\n".join(message))
                message = None
                break
    return found


def trim_plan(plan: dict[str, Any]) -> dict[str, Any]:
    def resource(entry: dict[str, Any]) -> dict[str, Any]:
        kept = {k: entry[k] for k in KEPT_RESOURCE_FIELDS if k in entry}
        kept["change"] = {k: entry["change"][k] for k in KEPT_CHANGE_FIELDS if k in entry["change"]}
        return kept

    configuration = plan.get("configuration", {})
    providers = {key: {k: v for k, v in config.items() if k in ("name", "alias")}
                 | {"expressions": {k: v for k, v in config.get("expressions", {}).items() if k == "region"}}
                 for key, config in configuration.get("provider_config", {}).items()}
    resources = [{k: r[k] for k in ("address", "mode", "type", "provider_config_key") if k in r}
                 for r in configuration.get("root_module", {}).get("resources", [])]
    return {
        "format_version": plan.get("format_version"),
        "terraform_version": plan.get("terraform_version"),
        "resource_drift": [resource(e) for e in plan.get("resource_drift", [])],
        "resource_changes": [resource(e) for e in plan.get("resource_changes", [])],
        # Which provider configuration (and region) each resource uses: a region change shows up as
        # a table "deleted" on refresh, and only the region tells it from a table deleted outside.
        "configuration": {"provider_config": providers, "root_module": {"resources": resources}},
    }


class Runner:
    def __init__(self, work: Path, endpoint: str) -> None:
        self.work = work
        self.env = aws_env(endpoint)
        self.endpoint = endpoint

    def terraform(self, cwd: Path, *args: str, timeout: float, check: bool = True) -> terraform_cli.Result:
        return terraform_cli.run([*args], cwd, env=self.env, timeout=timeout, check=check)

    def run(self, scenario: Scenario, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
        started = time.monotonic()
        wd = self.work / scenario.name
        wd.mkdir(parents=True)
        (wd / "cdk.tf.json").write_text(json.dumps(before, indent=2))
        if scenario.drift == "create-table":
            self.create_tables(after)
        self.terraform(wd, "init", "-input=false", "-no-color", timeout=300)
        self.terraform(wd, "apply", "-auto-approve", "-input=false", "-no-color", timeout=APPLY_TIMEOUT)
        applied = time.monotonic()
        if scenario.drift == "delete-table":
            self.delete_tables(before)
        (wd / "cdk.tf.json").write_text(json.dumps(after, indent=2))
        plan_args = ("plan", "-out=plan.bin", "-input=false", "-no-color", "-lock=false")
        result = self.terraform(wd, *plan_args, timeout=PLAN_TIMEOUT, check=False)
        plan_error, refused = None, {}
        if result.returncode != 0:
            output = result.stderr + result.stdout
            refused = refusals(output)
            if not refused:
                raise terraform_cli.TerraformError(f"plan failed for {scenario.name}:\n{output[-4000:]}")
            plan_error = "; ".join(dict.fromkeys(message.splitlines()[0] for message in refused.values()))
            if any(PREVENT_DESTROY_ERROR not in message for message in refused.values()):
                version = json.loads(self.terraform(wd, "version", "-json", timeout=60).stdout)["terraform_version"]
                return {"plan": None, "plan_error": plan_error, "refused": refused, "terraform_version": version,
                        "apply_s": round(applied - started, 1), "plan_s": round(time.monotonic() - applied, 1)}
            (wd / "cdk.tf.json").write_text(json.dumps(without_prevent_destroy(after), indent=2))
            self.terraform(wd, *plan_args, timeout=PLAN_TIMEOUT)
        shown = self.terraform(wd, "show", "-json", "plan.bin", timeout=120)
        plan = json.loads(shown.stdout)
        return {"plan": plan, "plan_error": plan_error, "refused": refused,
                "apply_s": round(applied - started, 1), "plan_s": round(time.monotonic() - applied, 1)}

    def create_tables(self, doc: dict[str, Any]) -> None:
        """AFTER's tables, made outside Terraform as its configuration describes them (keys, billing, PITR)."""
        client = boto3_client("dynamodb", self.endpoint)
        for body in doc.get("resource", {}).get("aws_dynamodb_table", {}).values():
            keys = [{"AttributeName": body["hash_key"], "KeyType": "HASH"}]
            if body.get("range_key"):
                keys.append({"AttributeName": body["range_key"], "KeyType": "RANGE"})
            client.create_table(TableName=body["name"], KeySchema=keys, BillingMode=body["billing_mode"],
                                AttributeDefinitions=[{"AttributeName": a["name"], "AttributeType": a["type"]}
                                                      for a in body["attribute"]])
            pitr = body.get("point_in_time_recovery") or {}
            if (pitr[0] if isinstance(pitr, list) else pitr).get("enabled"):
                client.update_continuous_backups(
                    TableName=body["name"], PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})

    def delete_tables(self, doc: dict[str, Any]) -> None:
        client = boto3_client("dynamodb", self.endpoint)
        for body in doc.get("resource", {}).get("aws_dynamodb_table", {}).values():
            client.delete_table(TableName=body["name"])


def store(scenario: Scenario, before: dict[str, Any], after: dict[str, Any], outcome: dict[str, Any]) -> None:
    folder = CORPUS / scenario.name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    plan = json.loads(mask(json.dumps(trim_plan(outcome["plan"])))) if outcome["plan"] is not None else None
    terraform: dict[str, Any] = {}
    actions: dict[str, str] = {}
    for entry in plan["resource_changes"] if plan is not None else ():
        if entry.get("mode") != "managed":
            continue
        actions[entry["address"]] = action_of(entry).value
        terraform[entry["address"]] = {k: v for k, v in {
            "actions": entry["change"]["actions"],
            "action_reason": entry.get("action_reason"),
            "replace_paths": entry["change"].get("replace_paths"),
            "previous_address": entry.get("previous_address"),
            "importing": entry["change"].get("importing"),
        }.items() if v is not None}
    expected = {
        "scenario": scenario.name,
        "description": scenario.description,
        "data_loss": scenario.data_loss,
        "rule": scenario.rule,
        "drift": scenario.drift,
        "plan_error": outcome["plan_error"],
        "refused": dict(sorted(outcome["refused"].items())),
        "terraform_version": outcome["terraform_version"] if plan is None else plan.get("terraform_version"),
        "provider": "hashicorp/aws 5.100.0",
        "actions": dict(sorted(actions.items())),
        "terraform": dict(sorted(terraform.items())),
    }
    for name, doc in (("before.tf.json", before), ("after.tf.json", after), ("plan.json", plan),
                      ("expected.json", expected)):
        if doc is None:
            continue  # a refused plan: nothing to show
        (folder / name).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("REVIEW_CORPUS_JOBS", "8")))
    parser.add_argument("--keep", action="store_true", help="keep the terraform working directories")
    parser.add_argument("scenarios", nargs="*", help="only these (default: all)")
    args = parser.parse_args(argv)
    chosen = [s for s in SCENARIOS if not args.scenarios or s.name in args.scenarios]
    unknown = set(args.scenarios) - {s.name for s in SCENARIOS}
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    names = [s.name.replace("_", "-")[:24] for s in SCENARIOS]
    assert len(set(names)) == len(names), "scenario prefixes must be unique (table names derive from them)"
    begin = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="review-corpus-"))
    docs: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for scenario in chosen:
        docs[scenario.name] = (synthesize(scenario, "before", work / "synth" / scenario.name / "before"),
                               synthesize(scenario, "after", work / "synth" / scenario.name / "after"))
    log(f"synthesized {len(chosen)} scenarios in {time.monotonic() - begin:.0f}s; terraform with {args.jobs} jobs")
    failures: list[str] = []
    # Replicas and the operations scenario wait longest on the provider: start them first.
    ordered = sorted(chosen, key=lambda s: 0 if ("replica" in s.name or "operations" in s.name) else 1)
    try:
        with running_emulator(work / "emulator.log") as endpoint:
            runner = Runner(work / "tf", endpoint)
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
                futures = {pool.submit(runner.run, s, *docs[s.name]): s for s in ordered}
                remaining = DEADLINE_SECONDS - (time.monotonic() - begin)
                finished: set[str] = set()
                try:
                    for future in concurrent.futures.as_completed(futures, timeout=max(remaining, 1)):
                        scenario = futures[future]
                        finished.add(scenario.name)
                        try:
                            outcome = future.result()
                        except Exception as exc:  # report every scenario's failure, then exit 1
                            failures.append(f"{scenario.name}: {exc}"[:3000])
                            log(f"{scenario.name}: FAILED")
                            continue
                        store(scenario, *docs[scenario.name], outcome)
                        refused = f" (plan refused: {outcome['plan_error']})" if outcome["plan_error"] else ""
                        log(f"{scenario.name}: apply {outcome['apply_s']}s, plan {outcome['plan_s']}s{refused}")
                except concurrent.futures.TimeoutError:
                    for future, scenario in futures.items():
                        if scenario.name not in finished:
                            future.cancel()
                            failures.append(f"{scenario.name}: not finished before the deadline")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"working directories kept in {work}")
    log(f"{len(chosen) - len(failures)}/{len(chosen)} scenarios stored in {CORPUS.relative_to(ROOT)} "
        f"in {time.monotonic() - begin:.0f}s")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
