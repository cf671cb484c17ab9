"""``dynamo-constructs``: the console script (``pyproject.toml``: ``dynamo_constructs.cli:main``).

Subcommands live in their own modules; each has ``register(subcommands)``, which adds its
parsers and sets ``handler`` (a function of the parsed arguments returning the exit status),
and ``BAD_INPUT``, the exception types that mean the user's input is wrong. Adding a
subcommand is one line in ``COMMAND_MODULES``.

Errors a user can fix (bad input) print one line on stderr and exit with status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

COMMAND_MODULES = ("dynamo_constructs.review.commands", "dynamo_constructs.adopt", "dynamo_constructs.migrate.commands")
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and status 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> tuple[argparse.ArgumentParser, tuple[type[Exception], ...]]:
    """The parser with every subcommand, and the exception types that mean bad input."""
    from . import __version__

    parser = _Parser(prog="dynamo-constructs", description="Tools for dynamo-constructs stacks.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subcommands.required = True
    bad_input: list[type[Exception]] = []
    for name in COMMAND_MODULES:
        module = import_module(name)
        module.register(subcommands)
        bad_input.extend(getattr(module, "BAD_INPUT", ()))
    return parser, tuple(bad_input)


def main(argv: Sequence[str] | None = None) -> int:
    parser, bad_input = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except bad_input as exc:
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        print(f"dynamo-constructs {args.command}: error: {first_line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
