"""The ``migrate`` subcommand of the ``dynamo-constructs`` console script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DEFAULT_STACK, MigrateError, Migration, from_aws_tables, from_state_file, write

BAD_INPUT: tuple[type[Exception], ...] = (MigrateError,)
EXIT_LEFT_OUT = 1


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``migrate`` to the CLI (see ``dynamo_constructs.cli``)."""
    command = subcommands.add_parser(
        "migrate", help="take over existing tables: live AWS or another Terraform state -> library code + imports",
        description="Read existing DynamoDB tables (from AWS, or from `terraform show -json` or the raw "
                    "state of another configuration) and write a library app that imports them unchanged: main.py, cdktf.json, "
                    "MIGRATION.md and, from a state, old-config/removed.tf. Exit 0: every table migrated; 1: some "
                    "were left out (MIGRATION.md says why); 2: bad input, nothing written.")
    source = command.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-aws", action="store_true", help="read live tables (the usual AWS credentials; "
                        "AWS_ENDPOINT_URL is honoured)")
    source.add_argument("--from-state", type=Path, action="append", metavar="STATE_JSON",
                        help="the output of `terraform show -json`, or a raw state file (`terraform state pull`, "
                             "terraform.tfstate); once")
    command.add_argument("--region", help="with --from-aws: the Region to read")
    command.add_argument("--table", action="append", default=[], metavar="NAME",
                         help="with --from-aws: a table to read (repeat; default: every table of the Region)")
    command.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the app into")
    command.add_argument("--stack", default=DEFAULT_STACK, help=f"the stack's name (default: {DEFAULT_STACK})")
    command.add_argument("--force", action="store_true", help="overwrite an app already in --out")
    command.set_defaults(handler=run)


def _session(region: str) -> object:
    try:
        import boto3  # type: ignore[import-untyped]
    except ImportError:
        raise MigrateError("--from-aws needs boto3: pip install 'dynamo-constructs[migrate]'") from None
    return boto3.session.Session(region_name=region)


def run(args: argparse.Namespace) -> int:
    if args.from_aws:
        if not args.region:
            raise MigrateError("--from-aws needs --region")
        print(f"migrate: reading {', '.join(args.table) or 'every table'} in {args.region}", file=sys.stderr)
        migration = from_aws_tables(_session(args.region), args.region, args.table, args.stack)
    else:
        if args.region or args.table:
            raise MigrateError("--region and --table go with --from-aws (a state names its tables and Regions)")
        if len(args.from_state) > 1:  # argparse would keep the last one silently
            raise MigrateError(f"--from-state given {len(args.from_state)} times ({', '.join(map(str, args.from_state))}): "
                               "one state per run; migrate each into its own --out folder (its removed.tf belongs "
                               "to that old configuration)")
        state = args.from_state[0]
        print(f"migrate: reading {state}", file=sys.stderr)
        migration = from_state_file(state, args.stack)
    write(migration, args.out, force=args.force)
    _report(migration)
    return EXIT_LEFT_OUT if migration.left_out else 0


def _report(migration: Migration) -> None:
    for code in migration.codes:
        table = code.table
        status = f"LEFT OUT: {table.problems[0]}" if table.problems else f"{code.construct}, adopt_existing=True"
        print(f"  {table.name} ({table.region}): {status}")
    print(f"wrote {', '.join(str(p) for p in migration.written)}")
    guide = next((p for p in migration.written if p.name == "MIGRATION.md"), "MIGRATION.md")
    print(f"{len(migration.moved)} migrated, {len(migration.left_out)} left out; next: read {guide}, "
          "then `python main.py` and review the plan")
