"""The arXiv export API's Atom feed: records, parsing, error entries and short answers.

The feed is parsed namespace-aware with ``defusedxml`` (never by string matching). Entries are
mapped back to the requested ids through ``<id>`` (``http://arxiv.org/abs/<id>v<version>``); an id
that does not exist is simply absent, and a malformed id makes the API answer HTTP 400 with one
entry titled ``Error``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from awesome_opt.identifiers import parse_arxiv_url

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ERROR_ID = re.compile(r"incorrect[ _]id[ _]format[ _]for[ _](.+)$")


class FeedError(Exception):
    """A body that is not a usable Atom feed."""


@dataclass(frozen=True)
class ArxivRecord:
    """The metadata arXiv gives for one paper (newest version)."""

    arxiv_id: str
    title: str
    authors: tuple[str, ...]
    published: str  # date of version 1, YYYY-MM-DD
    updated: str = ""  # date of the newest version
    version: int = 1
    comment: str = ""
    categories: tuple[str, ...] = ()
    summary: str = ""
    authors_complete: bool = True
    doi: str = ""
    journal_ref: str = ""

    @property
    def year(self) -> int:
        """Year of the first version."""
        return int(self.published[:4])

    @property
    def month(self) -> int:
        """Month of the first version."""
        return int(self.published[5:7])

    @property
    def withdrawn(self) -> bool:
        """The comment or title says the paper was withdrawn."""
        return bool(re.search(r"\bwithdr[ae]wn?\b", f"{self.title} {self.comment}", re.I))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able mapping (for the cache)."""
        data = {k: v for k, v in self.__dict__.items()}
        data["authors"] = list(self.authors)
        data["categories"] = list(self.categories)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArxivRecord:
        """The record :meth:`to_json` produced."""
        values = dict(data)
        values["authors"] = tuple(values.get("authors", ()))
        values["categories"] = tuple(values.get("categories", ()))
        return cls(**values)


@dataclass
class Feed:
    """One parsed response: the records, the announced total, and the API's error if any."""

    records: list[ArxivRecord] = field(default_factory=list)
    total: int | None = None
    error: str | None = None
    start: int = 0
    per_page: int | None = None

    @property
    def truncated(self) -> bool:
        """The feed carries fewer entries than its page should (arXiv's occasional short answer)."""
        if self.total is None:
            return False
        expected = self.total - self.start
        if self.per_page is not None:
            expected = min(expected, self.per_page)
        return len(self.records) < expected


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def split_abs_id(value: str) -> tuple[str, int]:
    """``http://arxiv.org/abs/2402.03300v2`` -> (``2402.03300``, 2)."""
    found = parse_arxiv_url(value)
    if found is None:
        raise FeedError(f"unexpected entry id {value!r}")
    return found.id, found.version or 1


def _record(entry: Element) -> ArxivRecord:
    arxiv_id, version = split_abs_id(_text(entry.find(f"{ATOM}id")))
    published = _text(entry.find(f"{ATOM}published"))[:10]
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", published):
        raise FeedError(f"entry {arxiv_id} has no published date")
    return ArxivRecord(
        arxiv_id=arxiv_id,
        title=_text(entry.find(f"{ATOM}title")),
        authors=tuple(_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")),
        published=published,
        updated=_text(entry.find(f"{ATOM}updated"))[:10],
        version=version,
        comment=_text(entry.find(f"{ARXIV}comment")),
        categories=tuple(c.get("term", "") for c in entry.findall(f"{ATOM}category")),
        summary=_text(entry.find(f"{ATOM}summary")),
        doi=_text(entry.find(f"{ARXIV}doi")),
        journal_ref=_text(entry.find(f"{ARXIV}journal_ref")),
    )


def parse_feed(body: bytes) -> Feed:
    """Parse an Atom feed of the export API; raise FeedError when it is not one."""
    try:
        root = SafeET.fromstring(body)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise FeedError(f"unparseable feed: {exc}") from exc
    if root.tag != f"{ATOM}feed":
        raise FeedError(f"not an Atom feed (root element {root.tag})")
    numbers = {
        name: _text(root.find(f"{OPENSEARCH}{name}"))
        for name in ("totalResults", "startIndex", "itemsPerPage")
    }
    feed = Feed(
        total=int(numbers["totalResults"]) if numbers["totalResults"].isdigit() else None,
        start=int(numbers["startIndex"]) if numbers["startIndex"].isdigit() else 0,
        per_page=int(numbers["itemsPerPage"]) if numbers["itemsPerPage"].isdigit() else None,
    )
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = _text(entry.find(f"{ATOM}id"))
        if _text(entry.find(f"{ATOM}title")) == "Error" and "/api/errors" in entry_id:
            feed.error = _text(entry.find(f"{ATOM}summary")) or entry_id
            continue
        feed.records.append(_record(entry))
    if feed.error:
        feed.total = len(feed.records)
    return feed


def rejected_id(error: str) -> str | None:
    """The id named by an error such as ``incorrect id format for abc``."""
    match = ERROR_ID.search(error.strip())
    return match.group(1).strip() if match else None


def needs_retry(body: bytes, expected: int) -> bool:
    """An unparseable, truncated or empty feed (when ``expected`` > 0 ids were asked) is asked again."""
    try:
        feed = parse_feed(body)
    except FeedError:
        return True
    if feed.error:
        return False
    return feed.truncated or (expected > 0 and not feed.records)
