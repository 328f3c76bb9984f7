"""An Atom feed (RFC 4287) of the newest additions to the list.

Built with ElementTree, which escapes every string; control characters that XML 1.0
cannot carry are dropped. The output is deterministic: timestamps come from the
entries' ``added`` dates, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from awesome_opt.catalog import Catalog
from awesome_opt.loader import LoadedEntry

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:awesome-opt:feed"
ENTRY_ID_PREFIX = "urn:awesome-opt:entry:"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ET.register_namespace("", ATOM_NS)


def _clean(text: str) -> str:
    """Drop characters XML 1.0 forbids (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", text)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def newest(catalog: Catalog, limit: int) -> list[LoadedEntry]:
    """The ``limit`` most recently added entries: newest first, then newest paper, then id."""
    ordered = sorted(catalog, key=lambda item: item.id)
    ordered.sort(key=lambda item: (item.entry.added, item.entry.sort_year), reverse=True)
    return ordered[:limit]


def _entry(feed: ET.Element, item: LoadedEntry, catalog: Catalog, card_url: str | None) -> None:
    entry = item.entry
    node = _sub(feed, "entry")
    _sub(node, "id", ENTRY_ID_PREFIX + item.id)
    _sub(node, "title", entry.display_name, type="text")
    _sub(node, "updated", _timestamp(entry.added))
    _sub(node, "published", _timestamp(entry.added))
    _sub(node, "link", rel="alternate", href=entry.link)
    if card_url:
        _sub(node, "link", rel="related", href=card_url, title="Entry on the awesome-opt site")
    for name in entry.authors_shown[0]:
        _sub(_sub(node, "author"), "name", name)
    section = catalog.taxonomy.section_by_id[entry.section]
    _sub(node, "category", term=section.id, label=section.title)
    for tag in entry.tags:
        _sub(node, "category", term=tag)
    _sub(node, "summary", entry.summary, type="text")


def _head(feed: ET.Element, catalog: Catalog, feed_url: str | None, site_url: str | None) -> None:
    _sub(feed, "id", feed_url or FEED_ID)
    _sub(feed, "title", "awesome-opt: newest additions", type="text")
    _sub(feed, "subtitle", "On-policy post-training for large language models: new entries.", type="text")
    latest = max((item.entry.added for item in catalog), default=dt.date(1970, 1, 1))
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
    feed_url: str | None = None,
    site_url: str | None = None,
    card_url: Callable[[str], str] | None = None,
) -> str:
    """The Atom feed of the ``limit`` newest entries; ``card_url(id)`` gives each entry's page link."""
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _head(feed, catalog, feed_url, site_url)
    for item in newest(catalog, limit):
        _entry(feed, item, catalog, card_url(item.id) if card_url else None)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
