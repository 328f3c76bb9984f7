"""``awesome-opt check-links``: check every URL of the catalog, of Markdown/HTML files or of a list.

Exit 1 when a link is broken (with ``--strict`` also when one is transient), else 0.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from awesome_opt.commands import repository_root
from awesome_opt.commands.options import (
    add_checker_options,
    add_format_option,
    cache_from,
    count,
    http_client,
    parse_shard,
    positive,
)
from awesome_opt.errors import UsageError

if TYPE_CHECKING:
    from awesome_opt.checks.arxiv.api import ArxivApi
    from awesome_opt.checks.github.api import GithubApi
    from awesome_opt.checks.http import HttpClient
    from awesome_opt.checks.links import LinkResult
    from awesome_opt.checks.policy import LinkPolicy
    from awesome_opt.checks.urls import Link
    from awesome_opt.checks.verdict import BatchChecker
    from awesome_opt.runtime import Runtime

DOCS_PAGES = Path("site") / "docs"
DESCRIPTION = (
    "Check every URL of the catalog (entry links, code, benchmarks, docs pages), of Markdown/HTML files, "
    "or of a list. Each URL is ok, redirected, broken, transient or skipped (see data/link-policy.yaml). "
    "Exit 1 when a link is broken (with --strict also when one is transient). arxiv.org abs/pdf links are "
    "confirmed through the arXiv API, 100 ids a request ($AWESOME_OPT_ARXIV_API), and github.com "
    "repository links through the GitHub API ($AWESOME_OPT_GITHUB_API, $GITHUB_TOKEN); when an API fails, "
    "its links are transient."
)


def collect(args: argparse.Namespace) -> list[Link]:
    """The URLs named by the arguments: files, a list, or (by default) the catalog and docs pages."""
    from awesome_opt.checks.urls import catalog_urls, file_urls, list_urls, merge

    found = file_urls(Path(f) for f in args.files) if args.files else []
    if args.urls_from:
        found += merge(list_urls(Path(args.urls_from)))
    if not args.files and not args.urls_from:
        from awesome_opt.catalog import build_catalog

        found = catalog_urls(build_catalog(args.data_dir))
        docs = repository_root(args.data_dir) / DOCS_PAGES
        found += file_urls(sorted(docs.rglob("*.md"))) if docs.is_dir() else []
    return merge((link.url, source) for link in found for source in link.sources)


def select(links: list[Link], args: argparse.Namespace) -> list[Link]:
    """Only the links of changed files (``--changed-only``) and of this shard (``--shard``)."""
    from awesome_opt.checks.links import shard_of

    if args.changed_only:
        from awesome_opt.checks.changes import changed_files

        changed = changed_files(args.data_dir if args.data_dir.is_dir() else Path.cwd(), args.base)
        links = [link for link in links if any(s.path.resolve() in changed for s in link.sources)]
    if args.shard:
        index, total = args.shard
        links = [link for link in links if shard_of(link.url, total) == index - 1]
    return links


def plugins(client: HttpClient, runtime: Runtime) -> list[BatchChecker]:
    """The plug-ins, a plain list: arXiv and GitHub links confirmed through their APIs in batches.

    Each API client is made when its plug-in has links to check. The GitHub plug-in's ETag cache
    lives for one run: ``check-links`` itself reuses ok results.
    """
    from awesome_opt.checks.arxiv.links import ArxivLinkChecker
    from awesome_opt.checks.github.links import GithubLinkChecker

    environ = runtime.environ

    def arxiv() -> ArxivApi:
        from awesome_opt.checks.arxiv import API_ENV, DEFAULT_API, DEFAULT_DELAY
        from awesome_opt.checks.arxiv.api import ArxivApi

        base = environ.get(API_ENV) or DEFAULT_API
        return ArxivApi(base, client, delay=DEFAULT_DELAY, sleep=runtime.sleep, clock=runtime.monotonic)

    def github() -> GithubApi:
        from awesome_opt.checks.cache import JsonCache
        from awesome_opt.checks.github import API_ENV, DEFAULT_API
        from awesome_opt.checks.github.api import GithubApi

        base = environ.get(API_ENV) or DEFAULT_API
        return GithubApi(base, client, JsonCache(None, 0), environ.get("GITHUB_TOKEN") or None)

    return [ArxivLinkChecker(arxiv), GithubLinkChecker(github)]


def _policy(args: argparse.Namespace) -> LinkPolicy:
    from awesome_opt.checks.policy import POLICY_FILE, PolicyError, load_policy

    path = Path(args.policy) if args.policy else args.data_dir / POLICY_FILE
    if args.policy and not path.is_file():
        raise UsageError(f"--policy {args.policy}: no such file")
    try:
        return load_policy(path).with_exclusions(args.exclude)
    except PolicyError as exc:
        raise UsageError(f"--exclude: {exc}") from exc


def check(args: argparse.Namespace, links: list[Link], err: TextIO) -> list[LinkResult]:
    """Check ``links`` as the options say."""
    from awesome_opt.checks.limits import HostLimiter, HostLimits
    from awesome_opt.checks.links import LinkOptions, LinkRun
    from awesome_opt.output.progress import ProgressBar

    policy = _policy(args)
    limiter = HostLimiter(HostLimits(args.per_host, policy.limits))
    client = http_client(args, retries=args.retries, limiter=limiter)
    options = LinkOptions(concurrency=args.concurrency, per_host=args.per_host)
    cache = cache_from(args, repository_root(args.data_dir), args.max_age)
    runner = LinkRun(client, policy, options, cache, plugins(client, args.runtime), ProgressBar(err))
    return runner.run(links)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Collect, select, check and report; the exit code says whether a link is broken."""
    from awesome_opt.output.links import github_report, json_report, step_summary, text_report
    from awesome_opt.output.summary import append_job_summary

    start = time.perf_counter()
    results = check(args, select(collect(args), args), err)
    elapsed = time.perf_counter() - start
    if args.format == "json":
        out.write(json_report(results))
    elif args.format == "github":
        out.write(github_report(results))
    (out if args.format == "text" else err).write(text_report(results, elapsed))
    append_job_summary(args.runtime.environ, step_summary(results, elapsed))
    return 1 if any(r.status.fails(args.strict) for r in results) else 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``check-links``."""
    sub.description = DESCRIPTION
    sub.add_argument("files", nargs="*", metavar="FILE", help="Markdown or HTML files (default: the catalog)")
    sub.add_argument("--urls-from", metavar="FILE", help="check the URLs listed in FILE, one a line")
    sub.add_argument(
        "--concurrency", type=positive, default=32, metavar="N", help="requests at once (default 32)"
    )
    sub.add_argument(
        "--per-host", type=positive, default=4, metavar="N", help="requests at once per host (default 4)"
    )
    sub.add_argument(
        "--retries", type=count, default=2, metavar="N", help="retries of timeouts, 429, 5xx (default 2)"
    )
    add_checker_options(
        sub,
        timeout=10.0,
        cache_file="links.json",
        max_age=86400.0,
        max_age_help="reuse ok results this long: 3600, 6h, 1d (default)",
        what="links",
    )
    sub.add_argument("--shard", type=parse_shard, metavar="I/N", help="check only the I-th of N slices")
    sub.add_argument("--exclude", action="append", default=[], metavar="REGEX", help="skip matching URLs")
    sub.add_argument("--policy", metavar="FILE", help="link policy (default data/link-policy.yaml)")
    sub.add_argument("--strict", action="store_true", help="fail on transient failures too")
    add_format_option(sub)
    sub.set_defaults(runner=run)
