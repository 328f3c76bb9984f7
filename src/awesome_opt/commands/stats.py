"""``awesome-opt stats``: counts per section, year and axis."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.commands.options import add_format_option
from awesome_opt.stats import catalog_stats, format_stats


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print statistics as a table or JSON."""
    catalog = build_catalog(args.data_dir)
    stats = catalog_stats(catalog)
    text = json.dumps(stats, indent=2) if args.format == "json" else format_stats(stats, catalog)
    out.write(text + "\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``stats``."""
    add_format_option(sub, ("text", "json"))
    sub.set_defaults(runner=run)
