"""``make review BASE=<git ref>``: what the working tree's change does to each table, against BASE.

Checks BASE out into a temporary git worktree, synthesizes the app there and in the working
tree (``python main.py``, each into its own temporary ``cdktf.out`` through ``CDKTF_OUTDIR``),
reviews every stack (matched by name) and prints the Markdown report. Exits with the review's
status: 0 no data loss, 1 data loss, 2 bad input (an unknown ref, a failing synth), 3 terraform
or AWS would refuse the change. The
worktree and the synth output are removed whatever happens.

While it works it says so on stderr, a line per stage (the base's commit, each synth and its stacks,
the review's count), so stdout holds the report alone (``--json`` stays parseable, the Markdown can go
straight into a pull-request comment).

Usage: ``python -m devtools.review_ref BASE [--json] [--repo PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from dynamo_constructs.review import InputError, render, review_paths  # noqa: E402
from dynamo_constructs.review.commands import status  # noqa: E402

SYNTH_TIMEOUT = 600.0
GIT_TIMEOUT = 120.0
EXIT_BAD_INPUT = 2


class RefError(RuntimeError):
    """BASE cannot be checked out or synthesized."""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT,
                          check=False)
    if done.returncode != 0:
        raise RefError(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


@contextmanager
def worktree(repo: Path, ref: str) -> Iterator[Path]:
    """A detached worktree of ``ref`` in a temporary folder, removed afterwards."""
    commit = git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    folder = Path(tempfile.mkdtemp(prefix="review-base-"))
    path = folder / "base"
    try:
        git(repo, "worktree", "add", "--detach", str(path), commit)
        yield path
    finally:
        subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(path)], capture_output=True,
                       timeout=GIT_TIMEOUT, check=False)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["git", "-C", str(repo), "worktree", "prune"], capture_output=True, timeout=GIT_TIMEOUT,
                       check=False)


def say(base: str, text: str) -> None:
    """One progress line on stderr."""
    print(f"review {base}: {text}", file=sys.stderr, flush=True)


def stacks_in(outdir: Path) -> list[str]:
    return sorted(p.name for p in (outdir / "stacks").iterdir() if (p / "cdk.tf.json").is_file())


def synthesize(app_dir: Path, outdir: Path) -> Path:
    """``python main.py`` in ``app_dir`` (its own modules first on the path), output in ``outdir``."""
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir), "PYTHONPATH": str(app_dir),
           "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", "CHECKPOINT_DISABLE": "1"}
    try:
        done = subprocess.run([sys.executable, "main.py"], cwd=app_dir, env=env, capture_output=True, text=True,
                              timeout=SYNTH_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RefError(f"synth of {app_dir} took longer than {SYNTH_TIMEOUT:.0f}s") from exc
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["(no output)"]
        raise RefError(f"synth of {app_dir} failed ({done.returncode}): {last[0]}")
    if not (outdir / "stacks").is_dir():
        raise RefError(f"synth of {app_dir} wrote no stacks into {outdir}")
    return outdir


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Review the working tree's change against a git ref.")
    parser.add_argument("base", help="git ref to compare with (e.g. origin/main, HEAD~1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the repository (default: this one)")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    out = Path(tempfile.mkdtemp(prefix="review-synth-"))
    try:
        with worktree(repo, args.base) as base_dir:
            commit = git(base_dir, "rev-parse", "--short", "HEAD").strip()
            say(args.base, f"synthesizing {args.base} ({commit}) in a temporary worktree")
            before = synthesize(base_dir, out / "base")
            say(args.base, f"{args.base}: stacks {', '.join(stacks_in(before))}")
        say(args.base, "synthesizing the working tree")
        after = synthesize(repo, out / "work")
        say(args.base, f"working tree: stacks {', '.join(stacks_in(after))}")
        report = review_paths(before, after)
        changed = sum(1 for change in report.changes if change.action.value != "no-op")
        say(args.base, f"reviewed {len(report.changes)} resources: {changed} change"
                       f"{'' if changed == 1 else 's'}, data loss: {'yes' if report.data_loss else 'no'}")
    except (RefError, InputError) as exc:
        print(f"review {args.base}: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print(render(report, title=f"dynamo-constructs review: {args.base} → working tree"), end="")
    return status(report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
