"""``make deploy|diff|destroy ENV=<stack>``: the CDKTF CLI as a user runs it, working offline.

The CLI (``node_modules/.bin/cdktf``) synthesizes the app and runs Terraform. Two things make it
work without a registry: Terraform gets a CLI configuration that installs providers from the
local filesystem mirror (``DYNAMO_TF_MIRROR``, or the mirror found on the machine), and the CLI
gets ``--skip-provider-lock`` (otherwise it runs ``terraform providers lock``, which ignores
mirrors and asks the registry). Telemetry is off (``CHECKPOINT_DISABLE=1``).

Against the local emulator: ``make emulator`` in one terminal, then
``AWS_ENDPOINT_URL=http://127.0.0.1:4566 make deploy ENV=dev`` (test credentials are filled in
when an endpoint is set and none are). Against a real account: your usual AWS credentials; with
no mirror on the machine, Terraform installs hashicorp/aws from the registry as usual.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "node_modules" / ".bin" / "cdktf"
COMMANDS = ("deploy", "diff", "destroy")
TIMEOUT_SECONDS = 60 * 60


def environment(endpoint: str | None) -> dict[str, str]:
    """The CLI's environment: telemetry off, the mirror when there is one, emulator credentials."""
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


def command_line(command: str, stack: str, output: str | None = None) -> list[str]:
    args = [str(CLI), command, stack, "--skip-provider-lock", *(["--output", output] if output else [])]
    if command in ("deploy", "destroy"):
        args.append("--auto-approve")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("stack", help="the stack to act on (dev, staging or prod)")
    parser.add_argument("--output", help="the CLI's output folder (default: cdktf.out); state is kept there")
    args = parser.parse_args(argv)
    if not CLI.exists():
        print(f"the CDKTF CLI is missing at {CLI}: run `make install`", file=sys.stderr)
        return 2
    env = environment(os.environ.get("AWS_ENDPOINT_URL"))
    done = subprocess.run(command_line(args.command, args.stack, args.output), cwd=ROOT, env=env, timeout=TIMEOUT_SECONDS, check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
