"""The deploy lane's moving parts: Terraform work folders against the emulator (the emulator process
itself is dev tooling: ``devtools.emulator.process``)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from devtools import terraform_cli
from devtools.emulator.process import aws_env

DEPLOY_TIMES: dict[str, dict[str, float]] = {}  # stack -> step -> seconds, printed at the end of a run
PLAN_FILE = "plan.bin"


def with_flags(command: str, *args: str) -> list[str]:
    """``terraform <command>`` non-interactive and plain, options first (a saved plan file comes last)."""
    flags = ["-no-color"] if command == "show" else ["-input=false", "-no-color"]
    return [command, *flags, *args]


class WorkFolder:
    """A Terraform work folder against the emulator: real terraform, the provider from the mirror,
    initialized once (throw-away lock file), each command with one provider process."""

    def __init__(self, folder: Path, endpoint: str) -> None:
        self.dir = folder
        self.env = aws_env(endpoint)
        self._initialized = False

    def init(self) -> None:
        if not self._initialized:
            terraform_cli.init_throwaway(self.dir, env=self.env)
            self._initialized = True

    def terraform(self, command: str, *args: str, timeout: float = 900, check: bool = True) -> terraform_cli.Result:
        self.init()
        return terraform_cli.run_served(with_flags(command, *args), self.dir, env=self.env, timeout=timeout, check=check)

    def replan(self) -> terraform_cli.Result:
        """``plan -detailed-exitcode``: 0 means no changes, 2 means drift (1 is an error)."""
        return self.terraform("plan", "-detailed-exitcode", check=False)

    def replan_clean(self) -> None:
        result = self.replan()
        assert result.returncode == 0, f"re-plan is not clean (exit {result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr}"


class Deployment(WorkFolder):
    """One synthesized stack, copied to a work folder, driven by terraform against the emulator."""

    def __init__(self, stack_dir: Path, workdir: Path, endpoint: str) -> None:
        super().__init__(workdir / stack_dir.name, endpoint)
        shutil.copytree(stack_dir, self.dir, symlinks=True)

    def copy(self, workdir: Path) -> Deployment:
        """The same folder (configuration, state, initialized providers) elsewhere: a second
        terraform reads it without waiting on this one's state lock."""
        twin = Deployment(self.dir, workdir, self.env["AWS_ENDPOINT_URL"])
        twin._initialized = self._initialized
        return twin

    def apply(self) -> None:
        self.terraform("apply", "-auto-approve")

    def destroy(self, check: bool = True) -> terraform_cli.Result:
        return self.terraform("destroy", "-auto-approve", check=check)


class StackRun(WorkFolder):
    """A stack built by a Python function with the library, applied to the emulator, then changed.

    Each ``apply(build)`` synthesizes ``build`` into a fresh app and applies it in the same working
    folder (same state), as a user editing their app and running ``terraform apply`` would.
    """

    def __init__(self, workdir: Path, endpoint: str, name: str) -> None:
        super().__init__(workdir / name, endpoint)
        self.name = name
        self.dir.mkdir(parents=True)
        self._synths = 0
        self._saved_plan = False

    def synth(self, build: Callable[..., object]) -> dict[str, object]:
        from dynamo_constructs import aws_provider, local_state
        from dynamo_constructs._core import App, TerraformStack

        self._synths += 1
        outdir = self.dir.parent / f"{self.name}.synth{self._synths}"
        app = App(outdir=str(outdir))
        stack = TerraformStack(app, self.name)
        aws_provider(stack, "us-east-1")
        local_state(stack)
        build(stack)
        app.synth()
        self._saved_plan = False
        document = (outdir / "stacks" / self.name / "cdk.tf.json").read_text()
        (self.dir / "cdk.tf.json").write_text(document)
        return json.loads(document)  # type: ignore[no-any-return]

    def apply(self, build: Callable[..., object] | None = None) -> None:
        """Apply ``build`` (synthesized first), or the plan ``plan_actions`` just saved, as a user
        applies the plan they reviewed; otherwise the current configuration."""
        if build is not None:
            self.synth(build)
        if self._saved_plan:
            self._saved_plan = False
            self.terraform("apply", PLAN_FILE)
        else:
            self.terraform("apply", "-auto-approve")

    def plan_actions(self, build: Callable[..., object] | None = None) -> dict[str, str]:
        """address -> the action Terraform plans (its machine-readable plan's words: create, update,
        replace, delete, ...), from one ``plan -json``; moves without a change are left out. The plan
        is saved: the next ``apply()`` applies exactly it."""
        if build is not None:
            self.synth(build)
        messages = [json.loads(line) for line in self.terraform("plan", "-json", f"-out={PLAN_FILE}").stdout.splitlines()
                    if line.startswith("{")]
        self._saved_plan = True
        return {m["change"]["resource"]["addr"]: m["change"]["action"] for m in messages
                if m.get("type") == "planned_change" and m["change"]["action"] not in ("move", "noop")}

