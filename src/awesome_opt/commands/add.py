"""``awesome-opt add ID_OR_URL --section S``: a new paper entry from arXiv in one command.

Fetches the title, authors and dates from the arXiv API (``--api-url`` or
``$AWESOME_OPT_ARXIV_API``), refuses a paper that is already listed, and writes
``data/papers/<slug>.yaml`` (``data/surveys/`` for the surveys section) only when the new
file passes validation together with the rest of the list. Without ``--summary`` it asks on a
terminal and fails (exit 2, nothing written) otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.commands import check_arxiv
from awesome_opt.errors import DataError, Problem, UsageError
from awesome_opt.fileio import write_atomic
from awesome_opt.newentry import (
    Choices,
    check_new_entry,
    duplicate_problem,
    entry_text,
    parse_arxiv_reference,
    slugify,
)
from awesome_opt.runtime import Runtime


def _fetch(args: argparse.Namespace, arxiv_id: str) -> ArxivRecord:
    api = check_arxiv.make_api(args)
    found = api.fetch([arxiv_id])
    if arxiv_id in found.records:
        return found.records[arxiv_id]
    reason = found.failed.get(arxiv_id) or found.rejected.get(arxiv_id) or "arXiv has no paper with this id"
    raise DataError([Problem(f"arXiv:{arxiv_id}", 0, 0, f"cannot add {arxiv_id}: {reason}", in_file=False)])


def _summary(args: argparse.Namespace, record: ArxivRecord, out: TextIO) -> str:
    if args.summary:
        return str(args.summary)
    runtime: Runtime = args.runtime
    if not runtime.is_terminal():
        raise UsageError("--summary is required when not run on a terminal (one sentence ending in a period)")
    out.write(f"{record.title}\n")
    return runtime.ask("Summary (one sentence in your own words, ending with a period): ").strip()


def _items(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _target(args: argparse.Namespace, catalog: Catalog, record: ArxivRecord) -> Path:
    """``data/papers/<slug>.yaml`` (``surveys/`` for the surveys section), never an existing file."""
    slug = args.id or slugify(record.title)
    if slug in catalog.by_id and not args.id:
        slug = f"{slug}-{record.year}"
    folder = "surveys" if args.section == "surveys" else "papers"
    path: Path = args.data_dir / folder / f"{slug}.yaml"
    if path.exists() or slug in catalog.by_id:
        raise UsageError(f"{path} already exists; choose another file name with --id")
    return path


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Fetch, check and write one new entry."""
    arxiv_id = parse_arxiv_reference(args.reference)
    catalog = build_catalog(args.data_dir)
    existing = catalog.find_arxiv(arxiv_id)
    if existing is not None:
        raise DataError([duplicate_problem(existing, arxiv_id)])
    record = _fetch(args, arxiv_id)
    choices = Choices(
        section=args.section,
        summary=_summary(args, record, out),
        provenance=args.provenance,
        role=args.role,
        signal=_items(args.signal),
        tags=_items(args.tags),
        also_in=_items(args.also_in),
    )
    path = _target(args, catalog, record)
    text = entry_text(record, choices, dt.date.today())
    check_new_entry(catalog, path, text)
    write_atomic(path, text)
    out.write(f"wrote {path}: {record.title}\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``add``."""
    sub.add_argument(
        "reference", metavar="ID_OR_URL", help="2402.03300, arXiv:2402.03300v2 or an arxiv.org URL"
    )
    sub.add_argument("--section", required=True, help="primary section id (a leaf of data/taxonomy.yaml)")
    sub.add_argument("--summary", help="one sentence in your own words, ending with a period")
    sub.add_argument("--provenance", help="on-policy, off-policy or hybrid")
    sub.add_argument("--role", help="support-expansion, policy-reshaping or consolidation")
    sub.add_argument("--signal", action="append", help="learning signal(s), comma-separated or repeated")
    sub.add_argument("--tags", action="append", help="tags, comma-separated or repeated")
    sub.add_argument("--also-in", action="append", help="secondary section(s)")
    sub.add_argument("--id", help="file name (entry id) instead of one made from the title")
    check_arxiv.add_arxiv_api_option(sub)
    sub.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: 30)")
    sub.set_defaults(runner=run, delay=0.0)
