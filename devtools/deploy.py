"""``make deploy|diff|destroy ENV=<stack>``: nothing deploys or destroys unseen.

1. With ``AWS_ENDPOINT_URL`` set (the local emulator), something must answer there: checked in a
   few seconds, with what to start if nothing does (instead of the provider's retries).
2. The app is synthesized as the CDKTF CLI does it: ``cdktf.json``'s ``app`` command with
   ``CDKTF_OUTDIR`` (default ``cdktf.out``), so the stack folders and their local state are the ones
   ``cdktf deploy`` uses.
3. Terraform plans into a saved plan file (``-destroy`` for destroy); ``dynamo-constructs plan`` reviews
   that plan: the verdict, one line per resource the plan changes (with the review's reasons), one
   line per table (a table the plan deletes is looked up: does it hold items?), each finding with its fix.
4. ``diff`` stops there (exit status: the review's, 0 / 1 data loss / 3 refused). ``deploy`` and
   ``destroy`` ask: on a terminal, ``yes`` — or the stack's name typed back when the plan deletes a
   table holding items (or a deploy loses data any other way). Without a terminal they refuse unless
   ``AUTO_APPROVE=1``, and such a plan also needs ``CONFIRM_STACK=<stack>``.
5. Terraform applies exactly that saved plan (a stale plan is refused by Terraform itself).

What it prints is a few lines per stage — synth (the stack and its resource count), init, plan (Terraform's
summary line), the review, apply (Terraform's summary line) — not Terraform's thousands: Terraform's own
output (init, the full plan as ``terraform show`` prints it, apply) goes to a log file in the stack's folder,
``make-<command>.log``, whose path is printed first; a failing step also shows the end of its output.

Offline: Terraform gets a CLI configuration that installs providers from the local filesystem
mirror (``DYNAMO_TF_MIRROR``, or the mirror found on the machine); without a mirror, the registry
as usual. Telemetry is off. Against the emulator, test credentials are filled in when none are set.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("deploy", "diff", "destroy")
TIMEOUT_SECONDS = 60 * 60
SYNTH_TIMEOUT = 15 * 60
REACH_TIMEOUT = 2.0  # per address tried; the check as a whole stays within 5 s
PLAN_FILE = "dynamo-constructs.tfplan"
ERROR_TAIL_LINES = 30  # of a failing Terraform step's output, shown besides the log
SUMMARY_PREFIXES = ("Plan: ", "No changes.", "Apply complete!", "Destroy complete!")
TABLE = "aws_dynamodb_table"
EXIT_OK, EXIT_REFUSED, EXIT_SETUP = 0, 1, 2


class SetupError(RuntimeError):
    """Something to fix before anything runs (one line, exit status 2)."""


# ----- 1. is anything there? ----------------------------------------------------------------------


def endpoint_problem(url: str, timeout: float = REACH_TIMEOUT) -> str | None:
    """None when a TCP connection to ``url``'s host and port opens, else what to do about it."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if not parts.hostname:
        return f"AWS_ENDPOINT_URL={url} is not a URL (expected e.g. http://127.0.0.1:4566)"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except OSError as error:
        why = "nothing answers" if isinstance(error, (ConnectionRefusedError, TimeoutError, socket.timeout)) \
            else f"cannot connect ({error.strerror or error})"
        return (f"AWS_ENDPOINT_URL={url}: {why} at {parts.hostname}:{port}. Start the local emulator first "
                f"(`make emulator PORT={port}` in another terminal), or unset AWS_ENDPOINT_URL to use your AWS account.")


# ----- 2. synthesize --------------------------------------------------------------------------------


def app_command(root: Path = ROOT) -> list[str]:
    """The ``app`` command of ``cdktf.json`` (what ``cdktf synth`` runs)."""
    try:
        app = json.loads((root / "cdktf.json").read_text())["app"]
    except (OSError, ValueError, KeyError) as error:
        raise SetupError(f"cannot read the app command from {root / 'cdktf.json'}: {error}") from error
    return shlex.split(app)


def environment(endpoint: str | None) -> dict[str, str]:
    """The tools' environment: telemetry off, the mirror when there is one, emulator credentials."""
    from devtools import terraform_cli

    env = {**terraform_cli.GO_RUNTIME, **os.environ, "CHECKPOINT_DISABLE": "1",
           "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    try:
        env["TF_CLI_CONFIG_FILE"] = str(terraform_cli.cli_config_file())
    except terraform_cli.TerraformError as error:
        if os.environ.get(terraform_cli.MIRROR_ENV):
            raise
        print(f"no provider mirror ({error}); Terraform installs providers from the registry", file=sys.stderr)
        if not Path(env.get("TF_CLI_CONFIG_FILE", "")).is_file():
            env.pop("TF_CLI_CONFIG_FILE", None)  # a configured file that does not exist only produces warnings
    if endpoint:
        env["AWS_ENDPOINT_URL"] = endpoint
        env.setdefault("AWS_ACCESS_KEY_ID", "test")
        env.setdefault("AWS_SECRET_ACCESS_KEY", "test")
        env.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    return env


def synthesize(output: Path, env: Mapping[str, str], stack: str) -> Path:
    """Run the app into ``output``; the stack's folder (it holds the stack's local state)."""
    done = subprocess.run(app_command(), cwd=ROOT, env={**env, "CDKTF_OUTDIR": str(output)}, capture_output=True,
                          text=True, timeout=SYNTH_TIMEOUT, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SetupError(f"synth failed ({done.returncode}): {' '.join(app_command())}")
    folder = output / "stacks" / stack
    if not (folder / "cdk.tf.json").is_file():
        known = sorted(p.name for p in (output / "stacks").iterdir() if (p / "cdk.tf.json").is_file()) \
            if (output / "stacks").is_dir() else []
        raise SetupError(f"no stack {stack!r} in the app (stacks: {', '.join(known) or 'none'})")
    return folder


def stack_summary(folder: Path) -> str:
    """"stack dev: 31 resources in cdktf.out/stacks/dev" (what the synth wrote for the stack)."""
    document = json.loads((folder / "cdk.tf.json").read_text())
    count = sum(len(named) for named in (document.get("resource") or {}).values())
    return f"stack {folder.name}: {count} resource{'' if count == 1 else 's'} in {shown_path(folder)}"


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ----- 3. plan and review -----------------------------------------------------------------------


@dataclass
class Terraform:
    """Terraform in the stack's folder, its output appended to ``log`` (never on the terminal)."""

    folder: Path
    env: Mapping[str, str]
    log: Path

    def run(self, *args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
        """One command; ``capture`` keeps its stdout (``show -json``) out of the log. The result's
        stdout holds what it wrote (read back from the log), so a summary line can be shown."""
        from devtools import terraform_cli

        command = [terraform_cli.terraform_binary(), args[0], "-no-color", *args[1:]]
        env = {**self.env, "TF_IN_AUTOMATION": "1"}
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"\n$ terraform {' '.join(args)}\n")
            log.flush()
            start = log.tell()
            if capture:
                done = subprocess.run(command, cwd=self.folder, env=env, text=True, capture_output=True,
                                      timeout=TIMEOUT_SECONDS, check=False)
                log.write(done.stderr)
                return done
            done = subprocess.run(command, cwd=self.folder, env=env, text=True, stdout=log, stderr=subprocess.STDOUT,
                                  timeout=TIMEOUT_SECONDS, check=False)
        with self.log.open(encoding="utf-8") as log:
            log.seek(start)
            return subprocess.CompletedProcess(done.args, done.returncode, log.read(), "")


def summary_line(output: str) -> str | None:
    """Terraform's own summary of a plan or an apply ("Plan: 3 to add, ...", "No changes. ...",
    "Apply complete! Resources: ..."), the last one it printed."""
    found = [line.strip() for line in output.splitlines() if line.strip().startswith(SUMMARY_PREFIXES)]
    return found[-1] if found else None


def failed(step: str, done: subprocess.CompletedProcess[str], log: Path) -> int:
    """A Terraform step that failed: the end of its output on stderr, the log named."""
    tail = [line for line in done.stdout.splitlines() if line.strip()][-ERROR_TAIL_LINES:]
    sys.stderr.write("\n".join(tail) + "\n")
    print(f"terraform {step} failed (exit {done.returncode}); its whole output: {shown_path(log)}", file=sys.stderr)
    return done.returncode or 1


@dataclass(frozen=True)
class TableAtStake:
    address: str
    name: str
    region: str | None
    action: str


def tables_deleted(plan: Mapping[str, Any]) -> list[TableAtStake]:
    """The tables a plan deletes (destroy, or replace: the old table goes first)."""
    found = []
    for entry in plan.get("resource_changes") or []:
        actions = entry.get("change", {}).get("actions", [])
        before = entry.get("change", {}).get("before") or {}
        if entry.get("type") == TABLE and entry.get("mode") == "managed" and "delete" in actions and before.get("name"):
            arn = str(before.get("arn") or "").split(":")
            found.append(TableAtStake(str(entry["address"]), str(before["name"]), arn[3] if len(arn) > 5 else None,
                                      "replace" if "create" in actions else "destroy"))
    return found


def items_held(tables: Sequence[TableAtStake], env: Mapping[str, str]) -> dict[str, str]:
    """Table name -> why it counts as holding data ("holds items", or why it could not be checked);
    empty tables are left out. One ``Scan`` of at most one item per table."""
    held: dict[str, str] = {}
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        return {t.name: "could not check (boto3 is not installed)" for t in tables}
    config = Config(connect_timeout=5, read_timeout=20, retries={"max_attempts": 2})
    for table in tables:
        try:
            session = boto3.session.Session(aws_access_key_id=env.get("AWS_ACCESS_KEY_ID"),
                                            aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY"),
                                            aws_session_token=env.get("AWS_SESSION_TOKEN"),
                                            profile_name=env.get("AWS_PROFILE") or None,
                                            region_name=table.region or env.get("AWS_REGION") or "us-east-1")
            client = session.client("dynamodb", endpoint_url=env.get("AWS_ENDPOINT_URL") or None, config=config)
            if client.scan(TableName=table.name, Limit=1, Select="COUNT").get("Count", 0) > 0:
                held[table.name] = "holds items"
        except Exception as error:  # any failure to look counts as "may hold data"
            if "ResourceNotFoundException" not in repr(error):
                held[table.name] = f"could not check ({type(error).__name__}: {str(error)[:120]})"
    return held


def review_lines(plan: Mapping[str, Any], held: Mapping[str, str]) -> tuple[list[str], Any]:
    """The review of the plan for a terminal: verdict, one line per table, each finding with its fix."""
    from dynamo_constructs.review import Action, review_plan
    from dynamo_constructs.review.markdown import summary_lines

    report = review_plan(plan)
    names = {e.get("address"): ((e.get("change", {}).get("after") or {}).get("name")
                                or (e.get("change", {}).get("before") or {}).get("name"))
             for e in plan.get("resource_changes") or []}
    lines = ["", "Review of this plan (dynamo-constructs plan):", *(f"  {s.replace('**', '')}" for s in summary_lines(report))]
    changed = [c for c in report.changes if c.action is not Action.NO_OP]
    if changed:
        lines.append("Resources:")
    for change in changed:
        lines.append(f"  {change.action.value} {change.address}")
        lines += [f"      {reason}" for reason in change.reasons]
    tables = [c for c in report.changes if c.type in (TABLE, "aws_dynamodb_table_replica")]
    if tables:
        lines.append("Tables:")
    for change in tables:
        name = names.get(change.address) or change.address
        marks = [m for m, on in (("DATA LOSS", change.data_loss), ("FAILS", change.fails)) if on]
        marks += [held[name]] if isinstance(name, str) and name in held else []
        what = "replica" if change.type != TABLE else "table"
        lines.append(f"  {what} {name}: {change.action.value}" + (f" — {'; '.join(marks)}" if marks else "")
                     + ("" if change.action is Action.NO_OP else f"  ({change.address})"))
    findings = [c for c in report.changes if c.data_loss or c.fails]
    if findings:
        lines.append("Findings:")
    for change in findings:
        lines += [f"  {failure.kind.value}: {failure.text}" for failure in change.failures]
        lines += [f"  DATA LOSS: {loss.text}" for loss in change.losses]
    fixes = list(dict.fromkeys(fix for change in findings for fix in change.fixes()))
    if fixes:
        lines.append("How to avoid them:")
        lines += [f"  - {fix}" for fix in fixes]
    return lines, report


# ----- 4. ask ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What a deploy or destroy needs before it applies: nothing, ``yes``, the stack name, or a refusal."""

    go: bool
    ask: str | None = None  # "yes" or "stack": what to type on the terminal
    message: str = ""


def decide(command: str, stack: str, *, data_loss: bool, held: Mapping[str, str], terminal: bool,
           env: Mapping[str, str]) -> Decision:
    """The confirmation rule for a plan with changes (see the module docstring), without input or output."""
    strong = bool(held) or (command == "deploy" and data_loss)
    why = (f"this plan deletes tables holding data ({', '.join(f'{n}: {r}' for n, r in sorted(held.items()))})"
           if held else "the review finds data loss in this plan")
    if terminal:
        return Decision(go=True, ask="stack" if strong else "yes", message=why if strong else "")
    if env.get("AUTO_APPROVE") != "1":
        return Decision(go=False, message=(
            f"refusing to {command} stack {stack!r} unseen: there is no terminal to confirm on"
            + (f", and {why}" if strong else "") + ". Read the plan and the review above, then say so explicitly: "
            f"make {command} ENV={stack} AUTO_APPROVE=1" + (f" CONFIRM_STACK={stack}" if strong else "")))
    if strong and env.get("CONFIRM_STACK") != stack:
        return Decision(go=False, message=(
            f"refusing to {command} stack {stack!r}: {why}. Without a terminal to type the stack's name on, name it: "
            f"make {command} ENV={stack} AUTO_APPROVE=1 CONFIRM_STACK={stack}"))
    return Decision(go=True, message=f"AUTO_APPROVE=1{' CONFIRM_STACK=' + stack if strong else ''}: applying the plan "
                                     "shown above")


def confirmed(decision: Decision, command: str, stack: str, read: Callable[[str], str] = input) -> bool:
    """Ask on the terminal; only the exact answer goes on."""
    if decision.ask is None:
        return decision.go
    if decision.ask == "stack":
        print(f"\n{decision.message}.")
        prompt, expected = f"Type the stack's name ({stack}) to {command} it with this plan: ", stack
    else:
        prompt, expected = f"\n{command.capitalize()} stack {stack!r} with this plan? Only 'yes' goes on: ", "yes"
    try:
        answer = read(prompt)
    except EOFError:
        return False
    return answer.strip() == expected


# ----- the command ----------------------------------------------------------------------------------


def run(command: str, stack: str, output: Path, *, terminal: bool, read: Callable[[str], str] = input) -> int:
    def say(text: str) -> None:
        print(f"{command} {stack}: {text}", flush=True)

    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        problem = endpoint_problem(endpoint)
        if problem:
            raise SetupError(problem)
    env = environment(endpoint)
    say(f"synthesizing the app ({' '.join(app_command())})")
    folder = synthesize(output, env, stack)
    log = folder / f"make-{command}.log"
    log.write_text(f"make {command} ENV={stack}: Terraform's output, in {folder}\n", encoding="utf-8")
    say(stack_summary(folder))
    say(f"Terraform's output (init, the plan in full, apply) goes to {shown_path(log)}")
    terraform = Terraform(folder, env, log)
    say("terraform init")
    init = terraform.run("init", "-input=false")
    if init.returncode != 0:
        return failed("init", init, log)
    plan_file = folder / PLAN_FILE
    try:
        say("terraform plan" + (" -destroy" if command == "destroy" else ""))
        planned = terraform.run("plan", "-input=false", f"-out={PLAN_FILE}", *(["-destroy"] if command == "destroy" else []))
        if planned.returncode != 0:
            return failed("plan", planned, log)
        say(summary_line(planned.stdout) or "planned")
        shown = terraform.run("show", "-json", PLAN_FILE, capture=True)
        if shown.returncode != 0:
            return failed("show", shown, log)
        plan = json.loads(shown.stdout)
        held = items_held(tables_deleted(plan), env)
        lines, report = review_lines(plan, held)
        print("\n".join(lines), flush=True)
        if command == "diff":
            from dynamo_constructs.review.commands import status

            return status(report)
        if not any(c.action.value != "no-op" for c in report.changes):
            print("No changes: nothing to apply.")
            return EXIT_OK
        decision = decide(command, stack, data_loss=report.data_loss, held=held, terminal=terminal, env=os.environ)
        if decision.ask is None:
            print(decision.message, file=sys.stdout if decision.go else sys.stderr, flush=True)
        if not confirmed(decision, command, stack, read):
            print(f"Not {'applied' if command == 'deploy' else 'destroyed'}: stack {stack!r} is unchanged.",
                  file=sys.stderr)
            return EXIT_REFUSED
        say("terraform apply (exactly the plan shown above)")
        applied = terraform.run("apply", "-input=false", PLAN_FILE)
        if applied.returncode != 0:
            return failed("apply", applied, log)
        say(summary_line(applied.stdout) or "applied")
        return EXIT_OK
    finally:
        plan_file.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("stack", help="the stack to act on (dev, staging or prod)")
    parser.add_argument("--output", type=Path, default=ROOT / "cdktf.out",
                        help="the synth output folder (default: cdktf.out); each stack's local state is kept there")
    args = parser.parse_args(argv)
    try:
        return run(args.command, args.stack, args.output.resolve(), terminal=sys.stdin.isatty())
    except SetupError as error:
        print(f"make {args.command}: {error}", file=sys.stderr)
        return EXIT_SETUP


if __name__ == "__main__":
    sys.exit(main())
