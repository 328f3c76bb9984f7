"""Check URLs: skip by policy, reuse cached ``ok`` results, batch what a plug-in claims, probe the rest.

Every URL ends in one of :data:`STATUSES`. Probing runs on ``concurrency`` worker threads fed by a
:class:`~awesome_opt.checks.limits.HostScheduler`, so at most ``per_host`` URLs of one host are in
progress at once (less where the policy says so), and no worker waits on a busy host.

Plug-ins: hosts that punish link checkers are better confirmed through their APIs in batches (arXiv
metadata, GitHub repositories). They are a plain list of :class:`~awesome_opt.checks.verdict.BatchChecker`
given to :class:`LinkRun`; URLs no plug-in claims take the normal path: one GET each (HEAD first
where the policy asks for it), the body not read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from awesome_opt.checks.cache import JsonCache
from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.limits import HostLimits, HostScheduler
from awesome_opt.checks.policy import LinkPolicy, host_of
from awesome_opt.checks.probe import Probe, probe
from awesome_opt.checks.retry import FailureKind, TransientHttpError
from awesome_opt.checks.urls import Link, SourceRef
from awesome_opt.checks.verdict import BatchChecker, LinkStatus, LinkVerdict

STATUSES = tuple(LinkStatus)
CACHED_STATUSES = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})
BROKEN_CODES = frozenset({404, 410})
Progress = Callable[[int, int], None]


@dataclass
class LinkResult:
    """The outcome for one URL, with every place it appears."""

    url: str
    verdict: LinkVerdict
    sources: list[SourceRef] = field(default_factory=list)
    cached: bool = False
    via: str = "http"

    @property
    def status(self) -> LinkStatus:
        """One of :data:`STATUSES`."""
        return self.verdict.status

    def to_json(self) -> dict[str, Any]:
        """The JSON object printed by ``--format json``."""
        v = self.verdict
        return {
            "url": self.url,
            "status": v.status,
            "http_code": v.http_code,
            "final_url": v.final_url,
            "error": v.error or None,
            "sources": [str(s) for s in self.sources],
            "elapsed": round(v.elapsed, 3),
            "cached": self.cached,
        }


@dataclass(frozen=True)
class LinkOptions:
    """How hard to push: worker threads overall and URLs in progress per host."""

    concurrency: int = 32
    per_host: int = 4
    max_redirects: int = 10


def classify(probe: Probe, elapsed: float = 0.0) -> LinkVerdict:
    """Turn where a URL led into a :class:`Verdict`."""
    if probe.failure is not None:
        status = LinkStatus.BROKEN if probe.failure.permanent else LinkStatus.TRANSIENT
        return LinkVerdict(status, probe.status, probe.final_url, probe.error, elapsed)
    code = probe.status or 0
    where = f" (after redirect to {probe.final_url})" if probe.hops else ""
    error = f"HTTP {code}{where}" + (f": {probe.error}" if probe.error else "")
    if code in BROKEN_CODES:
        return LinkVerdict(LinkStatus.BROKEN, code, probe.final_url, error, elapsed)
    if code >= 400:
        return LinkVerdict(LinkStatus.TRANSIENT, code, probe.final_url, error, elapsed)
    target = probe.permanent_target
    if target is not None:
        return LinkVerdict(LinkStatus.REDIRECTED, code, target, f"moved permanently to {target}", elapsed)
    return LinkVerdict(LinkStatus.OK, code, probe.final_url, "", elapsed)


def shard_of(url: str, count: int) -> int:
    """The stable shard (0-based, of ``count``) a URL belongs to."""
    import hashlib  # only with --shard: one import less on every other run

    digest = hashlib.sha256(url.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


class LinkRun:
    """One check of many links: policy, cache, plug-ins, then probing with host limits."""

    def __init__(
        self,
        client: HttpClient,
        policy: LinkPolicy,
        options: LinkOptions,
        cache: JsonCache | None = None,
        plugins: Sequence[BatchChecker] = (),
        progress: Progress | None = None,
    ) -> None:
        self.client, self.policy, self.options = client, policy, options
        self.cache = cache or JsonCache(None, 0)
        self.plugins = plugins
        self.progress = progress
        self.limits = HostLimits(options.per_host, policy.limits)
        self._lock = threading.Lock()
        self._unresolved: dict[str, str] = {}  # host -> DNS error, within this run
        self._hosts: dict[str, str] = {}  # URL -> its host, found once
        self._done = 0
        self._total = 0

    def run(self, links: Sequence[Link]) -> list[LinkResult]:
        """A result for each link, in the order given; the cache is saved at the end."""
        self._total, self._done = len(links), 0
        results: dict[str, LinkResult] = {}
        pending: list[Link] = []
        self._hosts = {link.url: host_of(link.url) for link in links}
        for link in links:
            early = self._without_request(link)
            if early is None:
                pending.append(link)
            else:
                self._record(results, early)
        pending = self._run_plugins(pending, results)
        self._probe_all(pending, results)
        self.cache.save()
        return [results[link.url] for link in links]

    def _without_request(self, link: Link) -> LinkResult | None:
        reason = self.policy.skip_reason(link.url, self._hosts[link.url])
        if reason is not None:
            return LinkResult(
                link.url, LinkVerdict(LinkStatus.SKIPPED, error=reason), link.sources, via="policy"
            )
        cached = self.cache.get(link.url)
        if cached is not None and cached.get("status") in CACHED_STATUSES:
            verdict = LinkVerdict(
                LinkStatus(str(cached["status"])),
                cached.get("http_code"),
                cached.get("final_url"),
                cached.get("error", ""),
            )
            return LinkResult(link.url, verdict, link.sources, cached=True, via="cache")
        return None

    def _run_plugins(self, links: list[Link], results: dict[str, LinkResult]) -> list[Link]:
        for plugin in self.plugins:
            claimed = [link for link in links if plugin.claims(link.url)]
            if not claimed:
                continue
            start = time.perf_counter()
            try:
                verdicts = plugin.check([link.url for link in claimed])
            except TransientHttpError as exc:  # the API itself failed: say so for each URL
                verdicts = {
                    link.url: LinkVerdict(LinkStatus.TRANSIENT, exc.status, error=f"{plugin.name}: {exc}")
                    for link in claimed
                }
            share = (time.perf_counter() - start) / len(claimed)
            for link in claimed:
                verdict = verdicts.get(link.url)
                if verdict is not None:
                    verdict = verdict if verdict.elapsed else replace(verdict, elapsed=share)
                    self._record(results, LinkResult(link.url, verdict, link.sources, via=plugin.name))
            links = [link for link in links if link.url not in results]
        return links

    def _probe_all(self, links: list[Link], results: dict[str, LinkResult]) -> None:
        if not links:
            return
        scheduler = HostScheduler(links, lambda link: self._hosts[link.url], self.limits)

        failures: list[BaseException] = []

        def worker() -> None:
            try:
                while (task := scheduler.take()) is not None:
                    host, link = task
                    try:
                        self._record(results, self._probe(link, host))
                    finally:
                        scheduler.done(host)
            except BaseException as exc:  # raised again in the calling thread
                failures.append(exc)

        size = max(1, min(self.options.concurrency, len(links)))
        threads = [threading.Thread(target=worker, name=f"check-links-{n}", daemon=True) for n in range(size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]

    def _probe(self, link: Link, host: str) -> LinkResult:
        unresolved = self._unresolved.get(host)
        if unresolved is not None:  # the name did not resolve a moment ago: no need to ask again
            return LinkResult(
                link.url, LinkVerdict(LinkStatus.BROKEN, None, link.url, unresolved), link.sources
            )
        start = time.perf_counter()
        try:
            head = self.policy.uses_head(link.url, host)
            found = probe(self.client, link.url, self.options.max_redirects, head)
        except Exception as exc:  # one odd answer must not stop the whole run
            error = f"{type(exc).__name__}: {exc}"
            found = Probe(link.url, None, link.url, failure=FailureKind.ERROR, error=error)
        if found.failure is FailureKind.DNS and not found.hops:
            self._unresolved[host] = found.error
        return LinkResult(link.url, classify(found, time.perf_counter() - start), link.sources)

    def _record(self, results: dict[str, LinkResult], result: LinkResult) -> None:
        with self._lock:
            results[result.url] = result
            if not result.cached and result.via != "policy":
                if result.status in CACHED_STATUSES:
                    self.cache.put(result.url, {k: v for k, v in result.to_json().items() if k in CACHE_KEYS})
                else:
                    self.cache.discard(result.url)
            self._done += 1
            if self.progress is not None:
                self.progress(self._done, self._total)


CACHE_KEYS = ("status", "http_code", "final_url", "error")
