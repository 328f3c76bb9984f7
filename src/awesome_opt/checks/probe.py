"""Where a URL leads: one GET (body not read), redirects followed and recorded.

Hosts the link policy marks ``head`` get a HEAD first, and a GET when the HEAD fails or answers
4xx/5xx (many servers mishandle HEAD). Built on :meth:`HttpClient.request
<awesome_opt.checks.http.HttpClient.request>` (deadline, retries, Retry-After, per-host slots); a
loop, a name under ``.invalid`` and failed requests end up in the :class:`Probe`, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.retry import RETRY_STATUSES, FailureKind, RequestFailure

PERMANENT_REDIRECTS = frozenset({301, 308})


@dataclass(frozen=True)
class Probe:
    """Where a URL led: the last status, the redirects on the way, or why it failed."""

    url: str
    status: int | None
    final_url: str
    hops: list[tuple[str, int]] = field(default_factory=list)
    failure: FailureKind | None = None
    error: str = ""  # why it failed, or a note on the answer (e.g. a Retry-After too long to wait)
    method: str = "GET"

    @property
    def permanent_target(self) -> str | None:
        """The URL reached through the leading permanent redirects (301/308), if any."""
        target = None
        for index, (_, status) in enumerate(self.hops):
            if status not in PERMANENT_REDIRECTS:
                break
            target = self.hops[index + 1][0] if index + 1 < len(self.hops) else self.final_url
        return target


def probe(client: HttpClient, url: str, max_redirects: int = 10, head: bool = False) -> Probe:
    """GET ``url`` without reading the body; with ``head``, HEAD first and GET only when that fails."""
    if not head:
        return fetch(client, "GET", url, max_redirects, None)
    first = fetch(client, "HEAD", url, max_redirects, None)
    if first.failure is None and (first.status or 0) < 400:
        return first
    if first.failure is not None and first.failure.permanent:
        return first
    # HEAD already spent the retries on 429/5xx/timeouts: one GET attempt is enough.
    spent = (first.failure is not None and first.failure.retryable) or first.status in RETRY_STATUSES
    return fetch(client, "GET", url, max_redirects, 0 if spent else None)


def fetch(client: HttpClient, method: str, url: str, max_redirects: int, retries: int | None) -> Probe:
    """Request ``url`` with ``method``, following its redirects; a failure is recorded, not raised."""
    try:
        found = client.request(method, url, redirects=max_redirects, read_body=False, retries=retries)
    except RequestFailure as exc:
        return Probe(url, exc.status, exc.url or url, exc.hops, exc.kind, str(exc), method)
    return Probe(url, found.status, found.url, list(found.hops), error=found.note, method=method)
