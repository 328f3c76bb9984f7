"""The GitHub API client: ``GET /repos/{owner}/{repo}`` with ETags and rate-limit awareness.

A conditional request (``If-None-Match``) answered 304 costs nothing against the quota, so the
ETag and the last body are cached per repository. When the quota runs out the checker stops
cleanly and says what it did not check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from awesome_opt.checks.cache import JsonCache
from awesome_opt.checks.github.readme import MAIN_README, companion_files
from awesome_opt.checks.http import HttpClient, Response
from awesome_opt.checks.retry import RequestFailure

T = TypeVar("T")
JSON = "application/vnd.github+json"
RAW = "application/vnd.github.raw+json"  # a file's bytes instead of its JSON description


class GithubStopped(Exception):
    """The API cannot answer further requests in this run; the rest stays unchecked."""


class Unreachable(GithubStopped):
    """The API could not be reached (DNS, refused connection, timeout, TLS)."""


class RateLimited(GithubStopped):
    """The API quota is exhausted; ``reset`` is when it refills (epoch seconds) if known."""

    def __init__(self, reset: int | None) -> None:
        when = dt.datetime.fromtimestamp(reset, dt.UTC).isoformat() if reset else "unknown"
        super().__init__(f"GitHub API rate limit exhausted (resets at {when})")
        self.reset = reset


class RepoStatus(StrEnum):
    """What the API said about a repository; ``unchecked`` when it was not asked (quota, outage)."""

    OK = "ok"
    ARCHIVED = "archived"
    NOT_FOUND = "not-found"
    ERROR = "error"
    UNCHECKED = "unchecked"

    def fails(self, strict: bool = False) -> bool:
        """A repository that is gone fails a run; under ``--strict`` every one that is not ok."""
        return self is RepoStatus.NOT_FOUND or (strict and self is not RepoStatus.OK)


@dataclass
class RepoResult:
    """What the API said about one repository."""

    repo: str
    status: RepoStatus
    figures: dict[str, Any] | None = None
    note: str = ""
    cached: bool = False  # answered 304 Not Modified
    full_name: str = ""  # the API's owner/name (differs from ``repo`` after a rename)


def figures_of(body: dict[str, Any]) -> dict[str, Any]:
    """The figures we keep from a repository object."""
    license_info = body.get("license") or {}
    return {
        "stars": int(body.get("stargazers_count") or 0),
        "archived": bool(body.get("archived")),
        "pushed_at": body.get("pushed_at"),
        "license": license_info.get("spdx_id") if isinstance(license_info, dict) else None,
        "default_branch": body.get("default_branch"),
    }


def _verdict(repo: str, figures: dict[str, Any], cached: bool, full_name: str) -> RepoResult:
    status = RepoStatus.ARCHIVED if figures.get("archived") else RepoStatus.OK
    return RepoResult(repo, status, figures, cached=cached, full_name=full_name)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class GithubApi:
    """Fetches repositories one by one, conditionally, until the quota runs out."""

    def __init__(self, base_url: str, client: HttpClient, cache: JsonCache, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = client
        self.cache = cache
        self.token = token
        self.requests = 0
        self.not_modified = 0
        self._exhausted: int | bool | None = False

    def _headers(self, cached: dict[str, Any] | None, accept: str = JSON) -> dict[str, str]:
        headers = {"Accept": accept, "X-GitHub-Api-Version": "2022-11-28"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if cached and cached.get("etag"):
            headers["If-None-Match"] = str(cached["etag"])
        return headers

    def _conditional_get(
        self, key: str, path: str, accept: str = JSON
    ) -> tuple[Response, dict[str, Any] | None]:
        """A request made conditional on the ETag cached under ``key``: the response and, when GitHub
        answers 304 (unchanged), the cached value to use instead."""
        cached = self.cache.get(key)
        response = self._get(path, self._headers(cached, accept))
        if response.status == 304 and cached:
            self.not_modified += 1
            return response, cached
        return response, None

    def fetch(self, repo: str) -> RepoResult:
        """One repository; raise RateLimited when the quota is gone (before or by this request)."""
        key = f"github:{repo}"
        response, unchanged = self._conditional_get(key, f"/repos/{repo}")
        if unchanged is not None:
            return _verdict(repo, dict(unchanged["figures"]), True, str(unchanged.get("full_name") or ""))
        if response.status == 404:
            self.cache.discard(key)
            return RepoResult(
                repo, RepoStatus.NOT_FOUND, note="GitHub answers 404: deleted, renamed or private"
            )
        if response.status != 200:
            note = f" ({response.note})" if response.note else ""
            return RepoResult(repo, RepoStatus.ERROR, note=f"GitHub answered HTTP {response.status}{note}")
        body = response.json()
        figures, full_name = figures_of(body), str(body.get("full_name") or "")
        self.cache.put(
            key, {"etag": response.headers.get("ETag", ""), "figures": figures, "full_name": full_name}
        )
        return _verdict(repo, figures, False, full_name)

    def _get(self, path: str, headers: dict[str, str]) -> Response:
        """One request; raise RateLimited when the quota is gone (before or by this request)."""
        if self._exhausted is not False:
            raise RateLimited(self._exhausted if isinstance(self._exhausted, int) else None)
        try:
            response = self.client.get(f"{self.base_url}{path}", headers=headers)
        except RequestFailure as exc:
            raise Unreachable(f"GitHub API unreachable: {exc}") from exc
        self.requests += 1
        remaining = response.headers.get("X-RateLimit-Remaining")
        reset = _int(response.headers.get("X-RateLimit-Reset"))
        if response.status in (403, 429) and (remaining == "0" or "rate limit" in response.text.lower()):
            self._exhausted = reset
            raise RateLimited(reset)
        if remaining == "0":
            self._exhausted = reset
        return response

    def fetch_readme(self, repo: str) -> str | None:
        """A repository's README on its default branch as text (``GET /repos/{repo}/readme``, raw,
        conditional); None when it has none or the API answers with an error. Raises GithubStopped as
        :meth:`fetch` does."""
        return self._fetch_text(f"readme:{repo}", f"/repos/{repo}/readme")

    def _fetch_text(self, key: str, path: str) -> str | None:
        """A file's raw text, conditional on the ETag cached under ``key``; None without one."""
        response, unchanged = self._conditional_get(key, path, RAW)
        if unchanged is not None:
            return str(unchanged.get("text", ""))
        if response.status != 200:
            self.cache.discard(key)
            return None
        self.cache.put(key, {"etag": response.headers.get("ETag", ""), "text": response.text})
        return response.text

    def fetch_root(self, repo: str) -> list[tuple[str, str]]:
        """``(name, type)`` of each file and folder at the repository's root (``GET
        /repos/{repo}/contents/``, conditional); empty when the API gives no listing."""
        key = f"root:{repo}"
        response, unchanged = self._conditional_get(key, f"/repos/{repo}/contents/")
        if unchanged is not None:
            return [(str(name), str(kind)) for name, kind in unchanged.get("entries", [])]
        body = response.json() if response.status == 200 else None
        if not isinstance(body, list):
            self.cache.discard(key)
            return []
        entries = [(str(i.get("name", "")), str(i.get("type", ""))) for i in body if isinstance(i, dict)]
        self.cache.put(key, {"etag": response.headers.get("ETag", ""), "entries": entries})
        return entries

    def fetch_release_notes(self, repo: str) -> dict[str, str]:
        """The README and the files beside it that tell what a repository releases (a translated
        README at the root, the README of a data folder: :func:`companion_files`), by file name."""
        texts: dict[str, str] = {}
        main = self.fetch_readme(repo)
        if main is not None:
            texts[MAIN_README] = main
        for name, api_path in companion_files(self.fetch_root(repo)):
            text = self._fetch_text(f"file:{repo}:{name}", f"/repos/{repo}/{api_path}")
            if text is not None and text not in texts.values():
                texts[name] = text
        return texts

    def fetch_all(self, repos: list[str]) -> tuple[list[RepoResult], list[str], str]:
        """Results in order until the quota runs out or the API fails; also the repos left and why."""
        return _until_stopped(repos, self.fetch)

    def fetch_readmes(self, repos: list[str]) -> tuple[list[dict[str, str]], list[str], str]:
        """Each repository's README and companion files (:meth:`fetch_release_notes`) in order, as
        :meth:`fetch_all` gives repositories."""
        return _until_stopped(repos, self.fetch_release_notes)


def _until_stopped(repos: list[str], fetch: Callable[[str], T]) -> tuple[list[T], list[str], str]:
    """``fetch`` of each repository in order until the API stops answering; the repos left and why."""
    results: list[T] = []
    for index, repo in enumerate(repos):
        try:
            results.append(fetch(repo))
        except GithubStopped as exc:  # quota exhausted or API unreachable: stop cleanly
            return results, repos[index:], str(exc)
    return results, [], ""
