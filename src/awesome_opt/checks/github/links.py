"""Confirm github.com repository links through the API, one request per repository (a link plug-in).

The API client is made when there are links to check, as for the arXiv plug-in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from awesome_opt.checks.github.api import GithubApi, RepoResult, RepoStatus
from awesome_opt.checks.github.metrics import GITHUB_REPO, github_repo
from awesome_opt.checks.verdict import LinkStatus, LinkVerdict


def repo_link(url: str) -> tuple[str, str] | None:
    """``owner/repo`` (lower case) of a github.com repository URL and the rest of the URL after it."""
    repo = github_repo(url)
    match = GITHUB_REPO.match(url.strip())
    return (repo, url.strip()[match.end(2) :]) if repo and match else None


def link_verdict(url: str, result: RepoResult) -> LinkVerdict:
    """What the API said about a repository, for one link into it (archived repositories are ok)."""
    if result.status is RepoStatus.NOT_FOUND:
        return LinkVerdict(LinkStatus.BROKEN, 404, url, result.note)
    if result.status is RepoStatus.ERROR:
        return LinkVerdict(LinkStatus.TRANSIENT, None, url, result.note)
    found = repo_link(url)
    if found and result.full_name and result.full_name.lower() != result.repo:
        target = f"https://github.com/{result.full_name}{found[1]}"
        return LinkVerdict(LinkStatus.REDIRECTED, 301, target, f"renamed to {result.full_name}")
    return LinkVerdict(LinkStatus.OK, 200, url)


class GithubLinkChecker:
    """Claims github.com repository links and confirms each repository with one API request."""

    name = "github-api"

    def __init__(self, connect: Callable[[], GithubApi]) -> None:
        self.connect = connect

    def claims(self, url: str) -> bool:
        """True for ``https://github.com/<owner>/<repo>`` and any page inside it."""
        return repo_link(url) is not None

    def check(self, urls: Sequence[str]) -> dict[str, LinkVerdict]:
        """A verdict per URL; once the quota is gone or the API fails, the rest are ``transient``."""
        by_repo: dict[str, list[str]] = {}
        for url in urls:
            if (found := repo_link(url)) is not None:
                by_repo.setdefault(found[0], []).append(url)
        results, unchecked, reason = self.connect().fetch_all(list(by_repo))
        verdicts = {url: link_verdict(url, r) for r in results for url in by_repo[r.repo]}
        for repo in unchecked:
            stopped = LinkVerdict(LinkStatus.TRANSIENT, None, None, f"{self.name}: {reason}")
            verdicts.update(
                {url: LinkVerdict(stopped.status, None, url, stopped.error) for url in by_repo[repo]}
            )
        return verdicts
