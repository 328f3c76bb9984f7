"""The ``awesome-opt`` command line: parses arguments, hands over to one module per command,
and turns errors into messages and exit codes (0 ok, 1 data problems, 2 usage errors)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from awesome_opt import __version__
from awesome_opt.commands import (
    add,
    check_arxiv,
    check_github,
    check_links,
    discover,
    docs,
    export,
    render,
    resolve_data_dir,
    schema,
    stats,
    validate,
)
from awesome_opt.errors import DataError, InputError, UnknownRevision, UsageError
from awesome_opt.output.problems import print_problems
from awesome_opt.runtime import Runtime

Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]

# Each module registers its own sub-command with ``add_parser``; the order is the help order.
COMMANDS = (
    validate,
    render,
    stats,
    schema,
    export,
    check_arxiv,
    check_links,
    docs,
    check_github,
    add,
    discover,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="awesome-opt",
        description="Validate, render and check the awesome-opt list of on-policy post-training work.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: data/ of this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    runtime: Runtime | None = None,
) -> int:
    """Run the CLI and return its exit code; ``runtime`` replaces the real clock, environment and terminal."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
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
