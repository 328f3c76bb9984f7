"""``awesome-opt discover --since DATE``: search arXiv with each section's keywords (within cs.CL,
cs.LG and cs.AI), drop what the list already has, rank by keyword evidence, and write
``discover.md`` and ``candidates.yaml`` to ``-o DIR`` for a maintainer to turn into entries with
``awesome-opt add``. One request per section, ``--delay`` seconds apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.checks.retry import TransientHttpError
from awesome_opt.commands import check_arxiv, repository_root
from awesome_opt.discovery import candidates_yaml, discover, report_markdown
from awesome_opt.errors import DataError, Problem, UsageError
from awesome_opt.fileio import write_atomic


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"'{text}' is not a date (YYYY-MM-DD)") from exc


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Search, rank and write the report and candidates file."""
    since = _date(args.since)
    until = _date(args.until) if args.until else dt.date.today()
    if since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if not 1 <= args.max_results <= 2000:
        raise UsageError("--max-results must be between 1 and 2000")
    catalog = build_catalog(args.data_dir)
    api = check_arxiv.make_api(args)
    try:
        candidates = discover(api, catalog, since, until, args.max_results)
    except TransientHttpError as exc:
        raise DataError([Problem(api.base_url, 0, 0, f"arXiv search failed: {exc}", in_file=False)]) from exc
    folder = Path(args.output) if args.output else repository_root(args.data_dir) / "build" / "discover"
    write_atomic(folder / "discover.md", report_markdown(candidates, since, until))
    write_atomic(folder / "candidates.yaml", candidates_yaml(candidates))
    out.write(
        f"{len(candidates)} candidate(s) from {api.requests} request(s); wrote {folder}/discover.md "
        f"and {folder}/candidates.yaml\n"
    )
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``discover``."""
    sub.add_argument("--since", required=True, help="first submission date to search (YYYY-MM-DD)")
    sub.add_argument("--until", help="last submission date (default: today)")
    sub.add_argument("--max-results", type=int, default=50, help="results per section (default: 50)")
    sub.add_argument("-o", "--output", metavar="DIR", help="where to write (default: build/discover)")
    sub.add_argument("--delay", type=float, default=3.0, help="seconds between requests (default: 3)")
    sub.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: 30)")
    check_arxiv.add_arxiv_api_option(sub)
    sub.set_defaults(runner=run)
