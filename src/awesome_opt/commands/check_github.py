"""``awesome-opt check-github``: stars, archived state, last push, license and default branch of every
GitHub repository the list links (code entries and papers' code URLs).

Requests are conditional (ETag), so unchanged repositories cost nothing; ``GITHUB_TOKEN`` is used
when set. When the quota runs out the run stops cleanly and lists what it left unchecked.
``--write`` stores the figures in ``data/metrics.json`` for the README and site. Exit 1 when a
repository is gone (404); archived repositories are warnings unless ``--strict``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.checks.cache import DEFAULT_CACHE_DIR, JsonCache
from awesome_opt.checks.changes import changed_files
from awesome_opt.checks.github import API_ENV, DEFAULT_API, GithubApi, GithubStopped, RepoResult
from awesome_opt.checks.http import HttpClient
from awesome_opt.commands import Subparsers, add_format_option, repository_root
from awesome_opt.errors import Problem
from awesome_opt.metrics import github_repo, read_metrics, write_metrics
from awesome_opt.report import format_problems

SLEEP: Callable[[float], None] = time.sleep
ETAG_MAX_AGE = 365 * 86400.0
Place = tuple[str, str, int]  # entry id, file label, line


def repositories(catalog: Catalog, only: set[Path] | None = None) -> dict[str, list[Place]]:
    """``owner/repo`` -> where the list links it (code entries' url, papers' code URLs)."""
    found: dict[str, list[Place]] = {}
    for item in catalog:
        if only is not None and item.source.path.resolve() not in only:
            continue
        source = item.source
        links = [(url, source.line_of(*path)) for path, url in item.entry.repository_urls()]
        for url, line in links:
            repo = github_repo(url)
            if repo:
                found.setdefault(repo, []).append((item.id, source.label, line))
    return dict(sorted(found.items()))


def check_all(api: GithubApi, repos: list[str]) -> tuple[list[RepoResult], list[str], str]:
    """Results in order until the quota runs out or the API fails; also the repos left unchecked and why."""
    results: list[RepoResult] = []
    for index, repo in enumerate(repos):
        try:
            results.append(api.fetch(repo))
        except GithubStopped as exc:  # quota exhausted or API unreachable: stop cleanly
            return results, repos[index:], str(exc)
    return results, [], ""


def _problems(results: list[RepoResult], places: dict[str, list[Place]], strict: bool) -> list[Problem]:
    problems = []
    for result in results:
        if result.status == "ok":
            continue
        severity = "error" if result.status == "not-found" or strict else "warning"
        message = f"github.com/{result.repo}: {result.status}"
        note = result.note or ("read-only since it was archived" if result.status == "archived" else "")
        for entry_id, label, line in places[result.repo]:
            problems.append(Problem(label, line, 1, f"{entry_id}: {message}", note, severity))
    return sorted(problems)


def _write(data_dir: Path, results: list[RepoResult], known: set[str]) -> int:
    figures = {repo: f for repo, f in read_metrics(data_dir).items() if repo in known}
    figures.update({r.repo: r.figures for r in results if r.figures is not None})
    write_metrics(data_dir, figures)
    return len(figures)


def _print(
    args: argparse.Namespace, rows: list[dict[str, Any]], problems: list[Problem], out: TextIO
) -> None:
    if args.format == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif problems:
        out.write(format_problems(problems, args.format) + "\n")


def _api(args: argparse.Namespace, root: Path) -> GithubApi:
    """The client the options and environment describe (GITHUB_TOKEN, AWESOME_OPT_GITHUB_API)."""
    cache_path = None if args.no_cache else Path(args.cache or root / DEFAULT_CACHE_DIR / "github.json")
    client = HttpClient(timeout=args.timeout, sleep=SLEEP)
    base = args.api_url or os.environ.get(API_ENV) or DEFAULT_API
    return GithubApi(
        base, client, JsonCache(cache_path, ETAG_MAX_AGE), os.environ.get("GITHUB_TOKEN") or None
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check every linked repository; optionally write data/metrics.json."""
    catalog = build_catalog(args.data_dir)
    root = repository_root(args.data_dir)
    places = repositories(catalog, changed_files(root, args.base) if args.changed_only else None)
    api = _api(args, root)
    results, unchecked, reason = check_all(api, list(places))
    api.cache.save()
    problems = _problems(results, places, args.strict)
    rows = [{"repo": r.repo, "status": r.status, "figures": r.figures, "note": r.note} for r in results]
    rows += [{"repo": repo, "status": "unchecked", "figures": None, "note": reason} for repo in unchecked]
    _print(args, rows, problems, out)
    if unchecked:
        err.write(f"check-github: {reason}; stopped with {len(unchecked)} repositories unchecked\n")
    if args.write:
        count = _write(args.data_dir, results, set(repositories(catalog)))
        err.write(
            f"check-github: wrote figures of {count} repositories to {args.data_dir / 'metrics.json'}\n"
        )
    if args.format == "text":
        gone = sum(r.status == "not-found" for r in results)
        archived = sum(r.status == "archived" for r in results)
        out.write(
            f"check-github: {len(results)} of {len(places)} repositories checked: {archived} archived, "
            f"{gone} not found; {api.requests} request(s), {api.not_modified} unchanged (304)\n"
        )
    failed = any(p.severity == "error" for p in problems) or (args.strict and bool(unchecked))
    return 1 if failed else 0


def add_parser(commands: Subparsers) -> None:
    """Register ``check-github``."""
    sub = commands.add_parser("check-github", help="stars, archived state and more of linked GitHub repos")
    sub.add_argument("--api-url", help=f"GitHub API base URL (default: ${API_ENV} or {DEFAULT_API})")
    sub.add_argument("--write", action="store_true", help="store the figures in data/metrics.json")
    sub.add_argument(
        "--strict", action="store_true", help="archived and unchecked repositories fail the run too"
    )
    sub.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: 20)")
    sub.add_argument("--no-cache", action="store_true", help="no ETags: every repository costs a request")
    sub.add_argument("--cache", metavar="FILE", help="cache file (default: .cache/awesome-opt/github.json)")
    sub.add_argument("--changed-only", action="store_true", help="only entries changed since --base")
    sub.add_argument(
        "--base", default="origin/main", help="git ref for --changed-only (default: origin/main)"
    )
    add_format_option(sub)
    sub.set_defaults(runner=run)
