"""Atom feeds (RFC 4287) of the newest additions: the whole list, one section or one tag.

Every string is escaped (by ElementTree for a feed's head, by ``xml.sax.saxutils`` for its
entries); control characters that XML 1.0 cannot carry are dropped. The output is
deterministic: timestamps come from the entries' ``added`` dates, never from the clock. An
entry appears in several feeds (the whole list's, its section's, its tags'): pass the same
``cache`` to each :func:`to_atom` call and each entry is serialised once.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from awesome_opt.catalog import Catalog
from awesome_opt.loader import LoadedEntry

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:awesome-opt:feed"
ENTRY_ID_PREFIX = "urn:awesome-opt:entry:"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Drop characters XML 1.0 forbids (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", text)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; the Atom namespace is the feed's default, declared once on the root."""
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def newest(catalog: Catalog, limit: int) -> list[LoadedEntry]:
    """The ``limit`` most recently added entries: newest first, then newest paper, then id."""
    ordered = sorted(catalog, key=lambda item: item.id)
    ordered.sort(key=lambda item: (item.entry.added, item.entry.sort_year), reverse=True)
    return ordered[:limit]


@dataclass(frozen=True)
class FeedInfo:
    """What a feed is about: its title, subtitle and id (a URN when the site's address is unknown)."""

    title: str = "awesome-opt: newest additions"
    subtitle: str = "On-policy post-training for large language models: new entries."
    urn: str = FEED_ID


def _line(depth: int, tag: str, text: str | None = None, **attrs: str) -> str:
    """One element on its own line: escaped text and attributes (as ElementTree would write them)."""
    attributes = "".join(f" {name}={quoteattr(_clean(value))}" for name, value in attrs.items())
    pad = "  " * depth
    if text is None:
        return f"{pad}<{tag}{attributes} />\n"
    return f"{pad}<{tag}{attributes}>{escape(_clean(text))}</{tag}>\n"


def entry_xml(item: LoadedEntry, catalog: Catalog, page_url: str | None = None) -> str:
    """One ``<entry>`` element as indented XML text, ready to go into any feed.

    Written as text, every string escaped (``xml.sax.saxutils``): a list of 10,000 entries has
    as many in its section feeds, and building each as an ElementTree costs five times more.
    """
    entry = item.entry
    stamp = _timestamp(entry.added)
    lines = [
        "  <entry>\n",
        _line(2, "id", ENTRY_ID_PREFIX + item.id),
        _line(2, "title", entry.display_name, type="text"),
        _line(2, "updated", stamp),
        _line(2, "published", stamp),
        _line(2, "link", rel="alternate", href=entry.link),
    ]
    if page_url:
        lines.append(_line(2, "link", rel="related", href=page_url, title="Entry on the awesome-opt site"))
    for name in entry.authors_shown[0]:
        lines += ["    <author>\n", _line(3, "name", name), "    </author>\n"]
    section = catalog.taxonomy.section_by_id[entry.section]
    lines.append(_line(2, "category", term=section.id, label=section.title))
    lines += [_line(2, "category", term=tag) for tag in entry.tags]
    lines += [_line(2, "summary", entry.summary, type="text"), "  </entry>\n"]
    return "".join(lines)


def _head(
    feed: ET.Element, info: FeedInfo, items: list[LoadedEntry], feed_url: str | None, site_url: str | None
) -> None:
    """The feed's own elements, before its entries."""
    _sub(feed, "id", feed_url or info.urn)
    _sub(feed, "title", info.title, type="text")
    _sub(feed, "subtitle", info.subtitle, type="text")
    latest = max((item.entry.added for item in items), default=dt.date(1970, 1, 1))
    _sub(feed, "updated", _timestamp(latest))
    _sub(_sub(feed, "author"), "name", "awesome-opt contributors")
    if feed_url:
        _sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    if site_url:
        _sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    _sub(feed, "generator", "awesome-opt")


def to_atom(
    catalog: Catalog,
    *,
    limit: int = 50,
    entries: list[LoadedEntry] | None = None,
    info: FeedInfo = FeedInfo(),
    feed_url: str | None = None,
    site_url: str | None = None,
    entry_url: Callable[[str], str] | None = None,
    cache: dict[str, str] | None = None,
) -> str:
    """An Atom feed of the first ``limit`` of ``entries``, given newest first (default: the catalog).

    ``entry_url(id)`` gives each entry's page on the site; ``site_url`` the page the feed is about;
    ``cache`` keeps each entry's XML for the next feed.
    """
    chosen = newest(catalog, limit) if entries is None else entries[:limit]
    feed = ET.Element("feed", xmlns=ATOM_NS)
    _head(feed, info, chosen, feed_url, site_url)
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode", xml_declaration=True).removesuffix("</feed>")
    known = {} if cache is None else cache
    parts = [head]
    for item in chosen:
        if item.id not in known:
            known[item.id] = entry_xml(item, catalog, entry_url(item.id) if entry_url else None)
        parts.append(known[item.id])
    parts.append("</feed>\n")
    return "".join(parts)
