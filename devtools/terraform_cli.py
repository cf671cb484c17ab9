"""Run the real ``terraform`` against synthesized stacks, offline, through a provider mirror.

Used by the tests, the deploy lane and ``make scan``; importing it does not load CDKTF.
The mirror comes from ``DYNAMO_TF_MIRROR`` or is found as the parent of a
``registry.terraform.io`` folder at most four levels below ``/`` (the shallowest).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MIRROR_ENV = "DYNAMO_TF_MIRROR"


class TerraformError(RuntimeError):
    """terraform failed; the message carries its output."""


MIRROR_SEARCH_DEPTH = 4
NOT_SEARCHED = frozenset({Path("/proc"), Path("/sys"), Path("/dev")})


@functools.cache
def find_provider_mirror() -> Path:
    """The filesystem mirror holding hashicorp/aws, or a clear error."""
    configured = os.environ.get(MIRROR_ENV)
    if configured:
        path = Path(configured)
        if not (path / "registry.terraform.io").is_dir():
            raise TerraformError(f"{MIRROR_ENV}={configured} has no registry.terraform.io folder")
        return path
    found = search_mirror(Path("/"), MIRROR_SEARCH_DEPTH)
    if found is None:
        raise TerraformError(
            f"no Terraform provider mirror found (no registry.terraform.io/hashicorp/aws within "
            f"{MIRROR_SEARCH_DEPTH} levels of /); set {MIRROR_ENV} to the mirror folder"
        )
    return found


def search_mirror(top: Path, depth: int) -> Path | None:
    """The parent of the shallowest ``registry.terraform.io/hashicorp/aws`` at most ``depth``
    levels below ``top`` (the first by name among equals), level by level: a mirror near the top
    is found without walking the whole tree (``find -maxdepth 4`` over ``/`` took 2.5 s here)."""
    level = [top]
    for _ in range(depth):
        hits, below = [], []
        for folder in level:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue  # unreadable or gone: not a mirror
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False) or Path(entry.path) in NOT_SEARCHED:
                    continue
                if entry.name == "registry.terraform.io" and Path(entry.path, "hashicorp", "aws").is_dir():
                    hits.append(Path(entry.path).parent)
                below.append(Path(entry.path))
        if hits:
            return min(hits)
        level = below
    return None


@functools.cache
def cli_config_file() -> Path:
    """A Terraform CLI config that installs providers only from the mirror."""
    mirror = find_provider_mirror()
    content = f'provider_installation {{\n  filesystem_mirror {{\n    path = "{mirror}"\n  }}\n}}\n'
    path = Path(tempfile.gettempdir()) / f"dynamo-constructs-{os.getuid()}.tfrc"
    if not path.is_file() or path.read_text() != content:
        # Atomically: lanes, workers and threads share this file, and a terraform that read it
        # half-written would fall back to the (unreachable) registry.
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_text(content)
        os.replace(partial, path)
    return path


def terraform_binary() -> str:
    binary = shutil.which("terraform")
    if binary is None:
        raise TerraformError("terraform is not on PATH; install Terraform >= 1.6")
    return binary


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


# Terraform and the AWS provider are Go programs that load the provider's ~1,500-resource schema on
# every command; a less eager garbage collector cuts their CPU by about a quarter (~40 MB more each).
GO_RUNTIME = {"GOGC": "400"}


def environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """terraform's environment: the mirror config, telemetry off, the Go settings, then ``env``."""
    return {**GO_RUNTIME, **os.environ, "TF_CLI_CONFIG_FILE": str(cli_config_file()), "TF_IN_AUTOMATION": "1",
            "CHECKPOINT_DISABLE": "1", **(env or {})}


def run(args: Sequence[str], cwd: Path, *, env: Mapping[str, str] | None = None, timeout: float = 600,
        check: bool = True) -> Result:
    """Run ``terraform <args>`` in ``cwd`` with the mirror config; raise with its output on failure."""
    full_env = environment(env)
    try:
        done = subprocess.run([terraform_binary(), *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise TerraformError(f"terraform {' '.join(args)} timed out after {timeout}s in {cwd}:\n{exc.stdout!s}\n{exc.stderr!s}") from exc
    result = Result(done.returncode, done.stdout, done.stderr)
    if check and done.returncode != 0:
        # The error (stderr) last: a failing lane prints its log's tail, which must hold the reason.
        raise TerraformError(f"terraform {' '.join(args)} failed ({done.returncode}) in {cwd}:\n{done.stdout}\n{done.stderr}")
    return result


def init(stack_dir: Path, *, backend: bool = False, env: Mapping[str, str] | None = None) -> Result:
    args = ["init", "-input=false", "-no-color"] + ([] if backend else ["-backend=false"])
    return run(args, stack_dir, env=env, timeout=300)


def init_throwaway(workdir: Path, *, env: Mapping[str, str] | None = None) -> Result:
    """``terraform init`` in a test's throwaway work folder, then the provider checksums dropped from
    its lock file. init has just verified the package against them; kept, they make Terraform
    re-hash the ~700 MB provider binary on every later command (~0.5 CPU-s each). The version and
    its constraints stay locked. Never for a user's folder."""
    result = init(workdir, backend=True, env=env)
    lock = workdir / ".terraform.lock.hcl"
    lock.write_text(without_checksums(lock.read_text()))
    return result


def without_checksums(lock_file: str) -> str:
    """A ``.terraform.lock.hcl`` without its ``hashes = [...]`` lists."""
    return re.sub(r"\n  hashes = \[[^\]]*\]\n", "\n", lock_file)


def validate_many(stack_dirs: Sequence[Path], workdir: Path) -> dict[Path, dict[str, object]]:
    """``terraform validate`` of several stacks with one provider start: each stack is copied into
    ``workdir`` as a child module of one root, validated in one run, and gets the diagnostics
    whose file lies in its module. Backend blocks are ignored in child modules (their warning is
    dropped); everything else is validated exactly as in the stack's own folder."""
    modules = {f"m{i}": stack_dir for i, stack_dir in enumerate(stack_dirs)}
    workdir.mkdir(parents=True, exist_ok=True)
    for name, stack_dir in modules.items():
        (workdir / name).mkdir(exist_ok=True)
        shutil.copyfile(stack_dir / "cdk.tf.json", workdir / name / "cdk.tf.json")
    (workdir / "main.tf.json").write_text(json.dumps({"module": {name: {"source": f"./{name}"} for name in modules}}))
    init(workdir)
    report = json.loads(run_served(["validate", "-json", "-no-color"], workdir, check=False).stdout)
    results: dict[Path, dict[str, object]] = {}
    for name, stack_dir in modules.items():
        mine = [d for d in report.get("diagnostics", [])
                if d.get("range", {}).get("filename", "").startswith(f"{name}/")
                and d.get("summary") != "Backend configuration ignored"]
        errors = [d for d in mine if d.get("severity") == "error"]
        results[stack_dir] = {"valid": not errors, "error_count": len(errors), "diagnostics": mine}
    unplaced = [d for d in report.get("diagnostics", []) if d.get("severity") == "error"
                and not d.get("range", {}).get("filename", "").startswith("m")]
    if unplaced:
        raise TerraformError(f"terraform validate failed in {workdir}:\n{json.dumps(unplaced, indent=1)}")
    return results


def validate(stack_dir: Path) -> dict[str, object]:
    """``terraform init`` + ``terraform validate -json``; raises unless the configuration is valid."""
    init(stack_dir)
    result = run_served(["validate", "-json", "-no-color"], stack_dir, check=False)
    report = json.loads(result.stdout)
    if not report.get("valid"):
        raise TerraformError(f"terraform validate failed in {stack_dir}:\n{json.dumps(report['diagnostics'], indent=1)}")
    return report


# --- one provider process per command (test work folders against the local emulator) ---------------

PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws"
REATTACH = re.compile(r"TF_REATTACH_PROVIDERS='(\{.*\})'")
PROVIDER_START_TIMEOUT = 60.0


def installed_provider(workdir: Path) -> Path:
    """The hashicorp/aws binary ``terraform init`` installed for ``workdir``."""
    found = sorted((workdir / ".terraform" / "providers" / PROVIDER_ADDRESS).glob("*/*/terraform-provider-aws_*"))
    if not found:
        raise TerraformError(f"no hashicorp/aws installed in {workdir} (run terraform init first)")
    return found[-1]


@contextlib.contextmanager
def served_provider(workdir: Path, env: Mapping[str, str]) -> Iterator[dict[str, str]]:
    """The folder's hashicorp/aws, started once and served to one terraform command through
    ``TF_REATTACH_PROVIDERS`` (the provider's own debug mode, as its acceptance tests run it);
    yields the variable to add to terraform's environment, stops the provider afterwards.

    Why: Terraform starts a provider process per provider instance and walk — three to five per
    command, each ~0.5 CPU-s of start-up for the 700 MB binary; served, one per command. Only for
    a configuration with a single hashicorp/aws configuration: instances of one process share its
    configuration. ``AWS_CA_BUNDLE`` is left out (a plain-HTTP loopback endpoint needs none, and
    with it the provider refuses to be configured a second time, which an apply does).
    """
    provider_env = {k: v for k, v in environment(env).items() if k != "AWS_CA_BUNDLE"}
    with tempfile.TemporaryFile("w+") as output:  # a file, not a pipe: nobody may have to keep reading
        process = subprocess.Popen([str(installed_provider(workdir)), "-debug"], cwd=workdir, env=provider_env,
                                   stdout=output, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + PROVIDER_START_TIMEOUT
            while True:
                output.seek(0)
                found = REATTACH.search(output.read())
                if found:
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    raise TerraformError(f"the provider did not start for {workdir}:\n{output.read()[-3000:]}")
                time.sleep(0.02)
            yield {"TF_REATTACH_PROVIDERS": found.group(1)}
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def single_provider_configuration(workdir: Path) -> bool:
    """Whether the folder's JSON configuration configures hashicorp/aws exactly once (HCL files:
    not looked into, so no)."""
    if any(workdir.glob("*.tf")):
        return False
    count = 0
    for path in workdir.glob("*.tf.json"):
        configurations = json.loads(path.read_text()).get("provider", {}).get("aws", [])
        count += len(configurations) if isinstance(configurations, list) else 1
    return count == 1


def run_served(args: Sequence[str], cwd: Path, *, env: Mapping[str, str] | None = None, timeout: float = 600,
               check: bool = True) -> Result:
    """``run`` with one provider process for the whole command (``served_provider``) when that is
    safe: ``validate`` and ``show`` (they configure no provider; a batch of child modules would
    otherwise start one process per module) or a folder that configures hashicorp/aws once.
    Otherwise as ``run``."""
    if args[0] not in ("validate", "show") and not single_provider_configuration(cwd):
        return run(args, cwd, env=env, timeout=timeout, check=check)
    with served_provider(cwd, env or {}) as reattach:
        return run(args, cwd, env={**(env or {}), **reattach}, timeout=timeout, check=check)
