"""``awesome-opt check-github``: stars, archived state, last push, license and default branch of every
GitHub repository the list links (code entries and papers' code URLs).

Requests are conditional (ETag), so unchanged repositories cost nothing; ``GITHUB_TOKEN`` is used
when set. When the quota runs out the run stops cleanly and lists what it left unchecked.
``--write`` stores the figures in ``data/metrics.json`` for the README and site. ``--readmes`` also
reads the README of each paper's, benchmark's and data set's own repository, with the translated
READMEs and data-folder READMEs its root lists, and notes the data releases they link that the entry
does not (in JSON: rows with ``entry``, ``repo``, ``files`` and ``unlinked_data``). Exit 1 when a
repository is gone (404); with ``--strict`` also when one is archived, in error or left unchecked.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from awesome_opt.checks.github import API_ENV, DEFAULT_API
from awesome_opt.commands import repository_root
from awesome_opt.commands.options import (
    add_api_option,
    add_checker_options,
    add_format_option,
    api_url,
    cache_from,
    http_client,
)

if TYPE_CHECKING:
    from pathlib import Path

    from awesome_opt.catalog import Catalog
    from awesome_opt.checks.github.api import GithubApi
    from awesome_opt.checks.github.run import UnlinkedData
    from awesome_opt.runtime import Runtime

ETAG_MAX_AGE = 365 * 86400.0


def _api(args: argparse.Namespace) -> GithubApi:
    """The client the options and environment describe (GITHUB_TOKEN, AWESOME_OPT_GITHUB_API)."""
    from awesome_opt.checks.github.api import GithubApi

    runtime: Runtime = args.runtime
    client = http_client(args, retries=3)
    cache = cache_from(args, repository_root(args.data_dir), ETAG_MAX_AGE)
    base = api_url(args, runtime.environ, API_ENV, DEFAULT_API)
    return GithubApi(base, client, cache, runtime.environ.get("GITHUB_TOKEN") or None)


def _readme_pass(
    catalog: Catalog, api: GithubApi, only: set[Path] | None
) -> tuple[list[UnlinkedData], list[str], str]:
    """Read the README files of each entry's own repository; what they link that the entries do not."""
    from awesome_opt.checks.github.run import repositories, unlinked_releases

    places = repositories(catalog, only, releases=True)
    texts, unread, reason = api.fetch_readmes(list(places))
    found = unlinked_releases(catalog, places, dict(zip(places, texts, strict=False)))
    return found, unread, reason


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check every linked repository; optionally write data/metrics.json."""
    from awesome_opt.catalog import build_catalog
    from awesome_opt.checks.changes import changed_files
    from awesome_opt.checks.github.api import RepoStatus
    from awesome_opt.checks.github.run import repositories, store_figures
    from awesome_opt.errors import Severity
    from awesome_opt.output.github import data_problems, data_rows, print_results, repo_problems, result_rows

    catalog = build_catalog(args.data_dir)
    only = changed_files(repository_root(args.data_dir), args.base) if args.changed_only else None
    places = repositories(catalog, only)
    api = _api(args)
    results, unchecked, reason = api.fetch_all(list(places))
    problems = repo_problems(results, places, args.strict)
    rows = result_rows(results, unchecked, reason)
    if args.readmes and not unchecked:
        found, unread, reason = _readme_pass(catalog, api, only)
        problems = sorted(problems + data_problems(found))
        rows += data_rows(found)
        unchecked = unread
    api.cache.save()
    print_results(rows, problems, args.format, out)
    if unchecked:
        err.write(f"check-github: {reason}; stopped with {len(unchecked)} repositories unchecked\n")
    if args.write:
        written = store_figures(args.data_dir, results, set(repositories(catalog)))
        err.write(
            f"check-github: wrote figures of {written} repositories to {args.data_dir / 'metrics.json'}\n"
        )
    if args.format == "text":
        gone = sum(r.status is RepoStatus.NOT_FOUND for r in results)
        archived = sum(r.status is RepoStatus.ARCHIVED for r in results)
        out.write(
            f"check-github: {len(results)} of {len(places)} repositories checked: {archived} archived, "
            f"{gone} not found; {api.requests} request(s), {api.not_modified} unchanged (304)\n"
        )
        if args.readmes:
            noted = sum(p.severity is Severity.NOTICE for p in problems)
            out.write(f"check-github: {noted} entries link less data than their README\n")
    failed = any(p.severity is Severity.ERROR for p in problems)
    return 1 if failed or (unchecked and RepoStatus.UNCHECKED.fails(args.strict)) else 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``check-github``."""
    add_api_option(sub, API_ENV, DEFAULT_API, "GitHub API base")
    sub.add_argument("--write", action="store_true", help="store the figures in data/metrics.json")
    sub.add_argument(
        "--readmes",
        action="store_true",
        help="also read the README of each paper's, benchmark's and data set's own repository (with "
        "a translated README or a data folder's README beside it) and note data releases they link "
        "that the entry does not (two or more requests per repository)",
    )
    sub.add_argument(
        "--strict", action="store_true", help="archived and unchecked repositories fail the run too"
    )
    add_checker_options(sub, timeout=20.0, cache_file="github.json", max_age=None)
    add_format_option(sub)
    sub.set_defaults(runner=run)
