"""``awesome-opt validate``: load and cross-check every entry."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.commands.options import add_format_option


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Validate ``data/``; problems surface as DataError for the CLI to print."""
    catalog = build_catalog(args.data_dir)
    if args.format == "json":
        out.write(json.dumps({"valid": True, "entries": len(catalog)}) + "\n")
    elif args.format == "text":
        out.write(f"ok: {len(catalog)} entries in {len(catalog.taxonomy.sections)} sections are valid\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``validate``."""
    add_format_option(sub)
    sub.set_defaults(runner=run)
