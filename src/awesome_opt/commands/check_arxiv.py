"""``awesome-opt check-arxiv``: compare titles, authors, years and months with arXiv.

Online (default) it asks the export API in batches of ``--batch-size`` ids, one request at a time
and ``--delay`` seconds apart, caching each record for ``--max-age``. ``--offline`` compares with
the committed snapshot ``data/arxiv-snapshot.jsonl`` instead and lists the entries it does not
cover; ``--write-snapshot`` refreshes that snapshot from the API. ``--fix`` writes arXiv's values
into the entry files, changing nothing else. Online, an entry whose abstract or arXiv comment names
a GitHub repository it does not link is reported as ``code-unlinked`` (a warning: only a person can
tell the official code from a repository the paper merely cites), and one whose abstract introduces a
name (its method, model or data set) that the entry's title, summary and why_read never mention as
``name-missing`` (a warning too), and one with no ``venue`` whose arXiv record gives a journal
reference or a comment reporting where it appeared ("Accepted at ICLR 2025") as ``venue-unnamed``
(a warning: a person writes the venue). Exit 1 on any
mismatch or unknown id, and with ``--strict`` also when an entry was left unchecked (the API failed).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from awesome_opt.checks.arxiv import API_ENV, DEFAULT_API, SNAPSHOT_FILE
from awesome_opt.commands import repository_root
from awesome_opt.commands.options import (
    add_api_option,
    add_checker_options,
    add_format_option,
    api_url,
    cache_from,
    http_client,
)
from awesome_opt.errors import UsageError

if TYPE_CHECKING:
    from awesome_opt.checks.arxiv.api import ArxivApi
    from awesome_opt.checks.arxiv.run import Outcome
    from awesome_opt.runtime import Runtime


def make_api(args: argparse.Namespace) -> ArxivApi:
    """The API client the options describe (also used by ``add`` and ``discover``)."""
    from awesome_opt.checks.arxiv.api import ArxivApi

    runtime: Runtime = args.runtime
    delay = float(getattr(args, "delay", 3.0))
    client = http_client(args, retries=3, backoff=max(delay, 0.5))
    return ArxivApi(
        api_url(args, runtime.environ, API_ENV, DEFAULT_API),
        client,
        batch_size=int(getattr(args, "batch_size", 100)),
        delay=delay,
        sleep=runtime.sleep,
        clock=runtime.monotonic,
    )


def _outcomes(args: argparse.Namespace, api: ArxivApi | None) -> tuple[list[Outcome], str]:
    from awesome_opt.catalog import build_catalog
    from awesome_opt.checks.arxiv import run as arxiv_run
    from awesome_opt.checks.arxiv.compare import ArxivStatus
    from awesome_opt.checks.arxiv.snapshot import read_snapshot, write_snapshot
    from awesome_opt.checks.cache import JsonCache
    from awesome_opt.checks.changes import changed_files

    catalog = build_catalog(args.data_dir)
    root = repository_root(args.data_dir)
    only = changed_files(root, args.base) if args.changed_only else None
    chosen = arxiv_run.targets(catalog, only)
    snapshot_path = Path(args.snapshot) if args.snapshot else args.data_dir / SNAPSHOT_FILE
    if args.offline:
        snapshot = read_snapshot(snapshot_path)
        outcomes = arxiv_run.run_checks(
            chosen, lambda _item, e: arxiv_run.offline_verdict(e, snapshot, e.arxiv or "")
        )
        covered = sum(1 for o in outcomes if o.verdict.status is not ArxivStatus.NOT_COVERED)
        return outcomes, f"the snapshot covers {covered} of {len(outcomes)} entries"
    assert api is not None
    ids = [entry.arxiv or "" for _item, entry in chosen]
    cache = JsonCache(None, 0) if args.write_snapshot else cache_from(args, root, args.max_age)
    found = arxiv_run.fetch_with_cache(api, ids, cache)
    linked = arxiv_run.linked_repositories(catalog)
    outcomes = arxiv_run.run_checks(
        chosen,
        lambda item, e: arxiv_run.verdict_for(e, e.added, e.arxiv or "", found, linked.get(item.id, set())),
    )
    note = f"{api.requests} request(s) to the arXiv API"
    if args.write_snapshot:
        written = write_snapshot(snapshot_path, found.records)
        note += f"; wrote {written} record(s) to {snapshot_path}"
    return outcomes, note


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check, optionally fix, print; exit 1 on a remaining mismatch or not-found (or, with
    ``--strict``, an entry left unchecked)."""
    from awesome_opt.checks.arxiv.compare import ArxivStatus
    from awesome_opt.checks.arxiv.run import fix_entry
    from awesome_opt.output.arxiv import print_outcomes

    if args.offline and args.write_snapshot:
        raise UsageError("--offline and --write-snapshot exclude each other")
    if args.batch_size < 1 or args.batch_size > 500:
        raise UsageError("--batch-size must be between 1 and 500 (arXiv refuses very long id lists)")
    api = None if args.offline else make_api(args)
    outcomes, note = _outcomes(args, api)
    if args.fix:
        for outcome in outcomes:
            if outcome.verdict.status is ArxivStatus.MISMATCH:
                outcome.fixed = fix_entry(outcome)
    print_outcomes(outcomes, note, args.format, out)
    return 1 if any(o.verdict.status.fails(args.strict) and not o.fixed for o in outcomes) else 0


def add_arxiv_api_option(sub: argparse.ArgumentParser) -> None:
    """``--api-url`` for the arXiv export API (also offered by ``add`` and ``discover``)."""
    add_api_option(sub, API_ENV, DEFAULT_API, "arXiv API query")


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``check-arxiv``."""
    add_arxiv_api_option(sub)
    sub.add_argument("--batch-size", type=int, default=100, help="ids per request (default: 100)")
    sub.add_argument("--delay", type=float, default=3.0, help="seconds between requests (default: 3)")
    add_checker_options(
        sub,
        timeout=30.0,
        cache_file="arxiv.json",
        max_age=7 * 86400.0,
        max_age_help="reuse cached records younger than this (default: 7d)",
    )
    sub.add_argument("--fix", action="store_true", help="write arXiv's title, authors, year, month")
    sub.add_argument("--offline", action="store_true", help="compare with the committed snapshot only")
    sub.add_argument("--write-snapshot", action="store_true", help="refresh the snapshot from the API")
    sub.add_argument("--snapshot", metavar="FILE", help=f"snapshot file (default: data/{SNAPSHOT_FILE})")
    sub.add_argument("--strict", action="store_true", help="entries left unchecked fail the run too")
    add_format_option(sub)
    sub.set_defaults(runner=run)
