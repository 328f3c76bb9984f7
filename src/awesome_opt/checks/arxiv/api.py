"""The arXiv export API client: batched ``id_list`` requests, one at a time, with arXiv's gap.

Entries are mapped back to the requested ids through the feed; an id that does not exist is simply
absent, and a malformed id makes the API answer HTTP 400 with one entry titled ``Error``, after which
the batch is asked again without it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from awesome_opt.checks.arxiv import DEFAULT_DELAY
from awesome_opt.checks.arxiv.feed import ArxivRecord, Feed, FeedError, needs_retry, parse_feed, rejected_id
from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.retry import RequestFailure, TransientHttpError


def batches(ids: list[str], size: int) -> Iterator[list[str]]:
    """``ids`` in consecutive slices of at most ``size``."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass
class FetchResult:
    """What a run of the API found: records by id, rejected ids, ids left unchecked."""

    records: dict[str, ArxivRecord] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    requests: int = 0


class ArxivApi:
    """Batched ``id_list`` requests, one at a time, ``delay`` seconds apart."""

    def __init__(
        self,
        base_url: str,
        client: HttpClient,
        *,
        batch_size: int = 100,
        delay: float = DEFAULT_DELAY,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url
        self.client = client
        self.batch_size = batch_size
        self.delay = delay
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self._last: float | None = None

    def _wait_turn(self) -> None:
        if self._last is not None:
            remaining = self.delay - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()

    def query(self, params: dict[str, str | int], expected: int = 0) -> Feed:
        """One request (after the polite delay); raise TransientHttpError when retries ran out.

        ``expected`` is the number of ids asked for: an empty answer to them is retried.
        """
        self._wait_turn()
        self.requests += 1
        try:
            response = self.client.get(
                self.base_url,
                params=params,
                retry_if=lambda r: r.status == 200 and needs_retry(r.body, expected),
            )
        except RequestFailure as exc:
            raise TransientHttpError(f"arXiv API unreachable: {exc}") from exc
        if response.status not in (200, 400):
            note = f" ({response.note})" if response.note else ""
            raise TransientHttpError(f"arXiv API answered HTTP {response.status}{note}", response.status)
        try:
            feed = parse_feed(response.body)
        except FeedError as exc:
            raise TransientHttpError(str(exc), response.status) from exc
        if response.status == 400 and not feed.error:
            raise TransientHttpError("arXiv API answered HTTP 400 without an error entry", 400)
        if feed.truncated:
            raise TransientHttpError(f"truncated feed: {len(feed.records)} of {feed.total} entries")
        return feed

    def fetch(self, ids: Iterable[str]) -> FetchResult:
        """Records for ``ids``; absent ids are neither in ``records`` nor elsewhere (not found)."""
        result = FetchResult()
        pending = list(batches(list(dict.fromkeys(ids)), self.batch_size))
        for index, batch in enumerate(pending):
            if not self._fetch_batch(batch, result):
                # Still failing after every retry: the API is down for this run. Later batches are
                # not sent (no waiting out the gaps, no hammering); they stay unchecked.
                reason = next(iter(result.failed.values()))
                for later in pending[index + 1 :]:
                    result.failed.update(dict.fromkeys(later, f"not asked, the API failed: {reason}"))
                break
        result.requests = self.requests
        return result

    def _fetch_batch(self, batch: list[str], result: FetchResult) -> bool:
        """Ask for one batch; False when the API could not be reached after every retry."""
        while batch:
            try:
                feed = self.query({"id_list": ",".join(batch), "max_results": len(batch)}, len(batch))
            except TransientHttpError as exc:
                result.failed.update(dict.fromkeys(batch, str(exc)))
                return False
            if feed.error is None:
                wanted = set(batch)
                result.records.update({r.arxiv_id: r for r in feed.records if r.arxiv_id in wanted})
                return True
            bad = rejected_id(feed.error)
            if bad not in batch:
                result.failed.update(dict.fromkeys(batch, f"arXiv API error: {feed.error}"))
                return True
            result.rejected[bad] = feed.error
            batch = [item for item in batch if item != bad]
        return True
