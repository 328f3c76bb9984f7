"""The ``awesome-opt`` command line: parses arguments, hands over to one module per command,
and turns errors into messages and exit codes (0 ok, 1 data problems, 2 usage errors).

Only the module of the command being run is imported, and it imports what it needs when it runs,
so ``awesome-opt --help`` and ``awesome-opt COMMAND --help`` answer at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TextIO

from awesome_opt import __version__
from awesome_opt.commands import COMMANDS, module_name, resolve_data_dir
from awesome_opt.errors import DataError, InputError, UnknownRevision, UsageError
from awesome_opt.output.problems import print_problems
from awesome_opt.runtime import Runtime

Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]


def build_parser(loaded: Collection[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The argument parser: every command with its help, the options of the ``loaded`` ones."""
    parser = argparse.ArgumentParser(
        prog="awesome-opt",
        description="Validate, render and check the awesome-opt list of on-policy post-training work.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: data/ of this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in COMMANDS.items():
        sub = commands.add_parser(name, help=summary)
        if name in loaded:
            importlib.import_module(module_name(name)).add_arguments(sub)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names after the global options, or None."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--data":
            next(tokens, None)
        elif not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    runtime: Runtime | None = None,
) -> int:
    """Run the CLI and return its exit code; ``runtime`` replaces the real clock, environment and terminal."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = sys.argv[1:] if argv is None else list(argv)
    command = command_in(argv)
    parser = build_parser([command] if command else [])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        args.runtime = runtime or Runtime()
        args.data_dir = resolve_data_dir(args.data)
        runner: Runner = args.runner
        return runner(args, out, err)
    except DataError as exc:
        print_problems(exc.problems, getattr(args, "format", "text"), out, err)
        return 1
    except UnknownRevision as exc:  # the library does not know which option named the revision
        err.write(f"awesome-opt: error: --base {exc.revision}: {exc}\n")
        return 2
    except (UsageError, InputError) as exc:
        err.write(f"awesome-opt: error: {exc}\n")
        return 2
