"""The ``review`` and ``plan`` subcommands of the ``dynamo-constructs`` CLI.

Exit status: 0 no data loss and nothing refused, 1 data loss, 2 bad input (one line on stderr),
3 Terraform would refuse the plan or AWS the apply (without data loss).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .inputs import InputError, read_json
from .markdown import TITLE, render
from .model import Report
from .plan_json import review_plan
from .reviewer import review_paths

EXIT_OK, EXIT_DATA_LOSS, EXIT_BAD_INPUT, EXIT_REFUSED = 0, 1, 2, 3
STATUS_HELP = "Exit status: 0 no data loss, 1 data loss, 2 bad input, 3 terraform or AWS would refuse the change."
BAD_INPUT: tuple[type[Exception], ...] = (InputError,)


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``review`` and ``plan`` to the CLI (see ``dynamo_constructs.cli``)."""
    review = subcommands.add_parser(
        "review", help="what a change does to each table, from two synthesized configurations",
        description="Review the change from BEFORE to AFTER (a cdk.tf.json file, a stack directory, or a "
                    f"cdktf.out directory whose stacks are matched by name). {STATUS_HELP}")
    review.add_argument("before", type=Path, help="the applied configuration")
    review.add_argument("after", type=Path, help="the configuration to apply")
    review.add_argument("--json", action="store_true",
                        help="print JSON instead of Markdown (every address, no-ops included)")
    review.add_argument("--title", default=TITLE, help=f"the Markdown heading (default: {TITLE!r})")
    review.set_defaults(handler=run_review)
    plan = subcommands.add_parser(
        "plan", help="the same report from terraform show -json <planfile>",
        description="Review a saved plan (terraform show -json output, a file or '-' for stdin), including "
                    f"tables deleted outside Terraform. {STATUS_HELP}")
    plan.add_argument("plan_json", help="terraform show -json output ('-': stdin)")
    plan.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    plan.add_argument("--title", default=TITLE, help=f"the Markdown heading (default: {TITLE!r})")
    plan.set_defaults(handler=run_plan)


def status(report: Report) -> int:
    """The exit status for a report (see the module docstring): data loss first, then a refusal."""
    return EXIT_DATA_LOSS if report.data_loss else EXIT_REFUSED if report.fails else EXIT_OK


def emit(report: Report, as_json: bool, title: str = "") -> int:
    sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n" if as_json else render(report, title or TITLE))
    return status(report)


def run_review(args: argparse.Namespace) -> int:
    return emit(review_paths(args.before, args.after), args.json, args.title)


def run_plan(args: argparse.Namespace) -> int:
    if args.plan_json == "-":
        try:
            doc = json.loads(sys.stdin.read())
        except ValueError as exc:
            raise InputError(f"stdin: not valid JSON ({exc})") from exc
    else:
        doc = read_json(Path(args.plan_json))
    return emit(review_plan(doc), args.json, args.title)
