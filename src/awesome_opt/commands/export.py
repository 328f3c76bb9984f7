"""``awesome-opt export``: the catalog as JSON, BibTeX or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.fileio import write_atomic
from awesome_opt.render.exports import EXPORT_FORMATS, export


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the export to ``-o FILE`` (atomically) or to standard output."""
    text = export(build_catalog(args.data_dir), args.export_format)
    if args.output:
        write_atomic(Path(args.output), text)
        err.write(f"wrote {args.output}\n")
    else:
        out.write(text)
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``export``."""
    sub.add_argument("--format", dest="export_format", choices=EXPORT_FORMATS, required=True)
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    sub.set_defaults(runner=run, format="text")
