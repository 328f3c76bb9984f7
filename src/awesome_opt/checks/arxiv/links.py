"""Confirm arxiv.org abs/pdf links through the export API, 100 ids a request (a ``check-links`` plug-in).

arxiv.org punishes link checkers, so ``check-links`` never fetches these pages: an id present in
the API's feed is ``ok``, an id absent from it or rejected by its HTTP 400 error feed is ``broken``,
and a version newer than arXiv's latest is ``broken`` too. The API's base URL, batch size and the
three-second gap between requests are those of ``check-arxiv`` (``$AWESOME_OPT_ARXIV_API``).
The API client is made when there are links to check: a run without any never loads the feed parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from awesome_opt.checks.verdict import LinkStatus, LinkVerdict
from awesome_opt.identifiers import parse_arxiv_url

if TYPE_CHECKING:
    from awesome_opt.checks.arxiv.api import ArxivApi, FetchResult


def arxiv_link(url: str) -> tuple[str, int | None] | None:
    """The arXiv id (``2402.03300``, ``hep-th/9901001``) and version of an abs/pdf URL, else None.

    A subject class in an old-style id (``math.OC/0501001``) is dropped, as arXiv's feed does.
    """
    found = parse_arxiv_url(url)
    return (found.feed_id, found.version) if found else None


def link_verdict(url: str, arxiv_id: str, version: int | None, found: FetchResult) -> LinkVerdict:
    """What the API's answer says about one link."""
    record = found.records.get(arxiv_id)
    if record is not None:
        if version is not None and version > record.version:
            return LinkVerdict(
                LinkStatus.BROKEN,
                None,
                url,
                f"arXiv has no v{version} of {arxiv_id} (latest v{record.version})",
            )
        return LinkVerdict(LinkStatus.OK, 200, url)
    if arxiv_id in found.rejected:
        return LinkVerdict(
            LinkStatus.BROKEN, 400, url, f"arXiv rejects the id {arxiv_id}: {found.rejected[arxiv_id]}"
        )
    if arxiv_id in found.failed:
        return LinkVerdict(LinkStatus.TRANSIENT, None, url, found.failed[arxiv_id])
    return LinkVerdict(
        LinkStatus.BROKEN, None, url, f"arXiv has no paper {arxiv_id} (absent from the API's answer)"
    )


class ArxivLinkChecker:
    """Claims arxiv.org abs/pdf links and confirms them with one API request per batch of ids."""

    name = "arxiv-api"

    def __init__(self, connect: Callable[[], ArxivApi]) -> None:
        self.connect = connect

    def claims(self, url: str) -> bool:
        """True for an arxiv.org abs or pdf link with a well-formed id."""
        return arxiv_link(url) is not None

    def check(self, urls: Sequence[str]) -> dict[str, LinkVerdict]:
        """A verdict for every claimed URL; ids the API could not answer are ``transient``."""
        wanted = {url: found for url in urls if (found := arxiv_link(url)) is not None}
        result = self.connect().fetch(arxiv_id for arxiv_id, _version in wanted.values())
        return {
            url: link_verdict(url, arxiv_id, version, result) for url, (arxiv_id, version) in wanted.items()
        }
