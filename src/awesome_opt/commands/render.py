"""``awesome-opt render``: regenerate README.md, or check that it is up to date."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.commands import repository_root
from awesome_opt.commands.options import add_format_option
from awesome_opt.fileio import write_or_check
from awesome_opt.render.readme import render_readme


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write README.md atomically; with ``--check`` write nothing and exit 1 when it is stale."""
    catalog = build_catalog(args.data_dir)
    text = render_readme(catalog)
    target = Path(args.output) if args.output else repository_root(args.data_dir) / "README.md"
    stale = write_or_check({target: text}, args.check)
    if args.check and stale:
        err.write(f"{target} is out of date: run `make site` (or `awesome-opt render`) and commit it\n")
        return 1
    if args.check:
        out.write(f"{target.name} is up to date\n")
    elif stale:
        out.write(f"wrote {target} ({len(catalog)} entries)\n")
    else:
        out.write(f"{target.name} already up to date\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``render``."""
    sub.add_argument("--check", action="store_true", help="write nothing; exit 1 if README.md is stale")
    sub.add_argument("-o", "--output", metavar="FILE", help="write here instead of README.md")
    add_format_option(sub)
    sub.set_defaults(runner=run)
