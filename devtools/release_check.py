"""``make release-check``: what a user installs is what the repository tests.

1. Build the sdist and the wheel into ``dist/`` (``python -m build``: an isolated build from the sdist,
   as a package index would get it) and check both with ``twine check --strict`` (metadata, and the README
   rendering as the package's page).
2. Check the wheel holds the package and nothing else (``py.typed`` included), at pyproject.toml's version.
3. Install the wheel with the ``cdktf`` extra into a fresh virtual environment outside the repository,
   check ``dynamo-constructs --version`` and ``dynamo_constructs.__version__`` against the metadata.
4. Run the README's Quick start there, as written, in an empty folder: it must exit 0, write the stack's
   JSON (with the table) and print no Node banner.

Usage: ``python -m devtools.release_check [--keep]`` (``--keep`` leaves the virtual environment and the
Quick start's folder in place and prints where).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

from devtools.markdown_blocks import ROOT, section_block

DIST = ROOT / "dist"
PACKAGE = "dynamo_constructs"
DISTRIBUTION = "dynamo-constructs"
QUICK_START = "Quick start"
STACK = "orders"
BANNER = "end-of-life"  # jsii's Node banner
STEP_TIMEOUT = 20 * 60.0


class ReleaseCheckError(RuntimeError):
    """A step of the release check failed; the message says which and why."""


def run(args: Sequence[str | Path], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT,
                          check=False)
    if done.returncode != 0:
        raise ReleaseCheckError(f"{' '.join(str(a) for a in args)} failed ({done.returncode}):\n"
                                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def build() -> tuple[Path, Path]:
    """sdist and wheel into a clean dist/."""
    shutil.rmtree(DIST, ignore_errors=True)
    run([sys.executable, "-m", "build", "--outdir", DIST, ROOT])
    sdists, wheels = sorted(DIST.glob("*.tar.gz")), sorted(DIST.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        raise ReleaseCheckError(f"expected one sdist and one wheel in {DIST}, found {[p.name for p in DIST.iterdir()]}")
    return sdists[0], wheels[0]


def check_wheel(wheel: Path, version: str) -> None:
    """The wheel's files: the package (with py.typed) and its metadata, at ``version``."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    dist_info = f"{PACKAGE}-{version}.dist-info/"
    strays = [n for n in names if not n.startswith((f"{PACKAGE}/", dist_info))]
    if strays:
        raise ReleaseCheckError(f"{wheel.name} holds files outside {PACKAGE}/: {strays[:10]}")
    for needed in (f"{PACKAGE}/__init__.py", f"{PACKAGE}/py.typed", f"{dist_info}METADATA", f"{dist_info}entry_points.txt"):
        if needed not in names:
            raise ReleaseCheckError(f"{wheel.name} lacks {needed}")


def user_environment() -> dict[str, str]:
    """The environment a user's shell would have: none of this repository's settings."""
    dropped = ("PYTHONPATH", "VIRTUAL_ENV", "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION")
    return {k: v for k, v in os.environ.items() if k not in dropped}


def install(wheel: Path, venv: Path) -> Path:
    """A fresh virtual environment with the wheel and its cdktf extra; returns its python."""
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--no-compile", f"{wheel}[cdktf]"], env=user_environment())
    return python


def check_installed(python: Path, version: str, folder: Path) -> None:
    """The installed package is the wheel's (not the repository's), and says its version."""
    env = user_environment()
    script = f"import {PACKAGE}; print({PACKAGE}.__file__); print({PACKAGE}.__version__)"
    where, said = run([python, "-c", script], cwd=folder, env=env).stdout.split()
    if not Path(where).is_relative_to(python.parent.parent):
        raise ReleaseCheckError(f"the fresh environment imported {PACKAGE} from {where}, not from its own site-packages")
    cli = run([python.parent / DISTRIBUTION, "--version"], cwd=folder, env=env).stdout.strip()
    if said != version or cli != f"{DISTRIBUTION} {version}":
        raise ReleaseCheckError(f"version mismatch: pyproject.toml {version}, __version__ {said}, --version {cli!r}")


def run_quick_start(python: Path, folder: Path) -> dict[str, object]:
    """The README's Quick start, as written, in an empty folder; returns the stack's JSON."""
    block = section_block(ROOT / "README.md", QUICK_START)
    (folder / "app.py").write_text(block.code, encoding="utf-8")
    done = run([python, "app.py"], cwd=folder, env=user_environment())
    if BANNER in done.stderr:
        raise ReleaseCheckError(f"the Quick start printed jsii's Node banner:\n{done.stderr[-3000:]}")
    stack_file = folder / "cdktf.out" / "stacks" / STACK / "cdk.tf.json"
    if not stack_file.is_file():
        raise ReleaseCheckError(f"the Quick start wrote no {stack_file.relative_to(folder)}")
    stack: dict[str, object] = json.loads(stack_file.read_text(encoding="utf-8"))
    resources = stack.get("resource")
    tables = resources.get("aws_dynamodb_table", {}) if isinstance(resources, dict) else {}
    if len(tables) != 1 or next(iter(tables.values())).get("name") != STACK:
        raise ReleaseCheckError(f"{stack_file.name} should hold one aws_dynamodb_table named {STACK!r}: {list(tables)}")
    return stack


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--keep", action="store_true", help="keep the fresh virtual environment and the app folder")
    args = parser.parse_args(argv)
    version = project_version()
    work = Path(tempfile.mkdtemp(prefix="dynamo-constructs-release-"))
    started = time.monotonic()

    def step(message: str) -> None:
        print(f"release-check [{time.monotonic() - started:5.1f} s] {message}", flush=True)

    try:
        step(f"building {DISTRIBUTION} {version}: sdist and wheel into {DIST.relative_to(ROOT)}/")
        sdist, wheel = build()
        step(f"twine check --strict {sdist.name} {wheel.name}")
        run([sys.executable, "-m", "twine", "check", "--strict", sdist, wheel])
        check_wheel(wheel, version)
        step(f"installing {wheel.name}[cdktf] into a fresh virtual environment")
        python = install(wheel, work / "venv")
        app = work / "app"
        app.mkdir()
        check_installed(python, version, app)
        step("running the README's Quick start from the installed wheel")
        run_quick_start(python, app)
        step(f"ok: {sdist.name} and {wheel.name} pass; the Quick start wrote cdktf.out/stacks/{STACK}/cdk.tf.json")
        return 0
    except ReleaseCheckError as error:
        print(f"release-check: FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"release-check: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
