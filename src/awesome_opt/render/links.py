"""Where each generated page and file of the website lives, and relative links between them.

Paths are docs-folder paths (``sections/rlhf.md``, ``entries/grpo.md``, ``api/index.json``); a page's
URL is what MkDocs gives it (:func:`page_url`). Every link between pages is relative, so the site
works from any folder or sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from awesome_opt.catalog import Catalog

SECTIONS_DIR = "sections"
ENTRIES_DIR = "entries"
ALL_PAGE, TAGS_PAGE, RECENT_PAGE, LEARNING_PAGE = "all.md", "tags.md", "recent.md", "learning-path.md"
FEED_FILE = "feed.xml"
API_INDEX = "api/index.json"
API_SCHEMA = "api/schema.json"
TABLE_FILE = "all/table.json"


def section_path(catalog: Catalog, section_id: str) -> str:
    """Docs path of a section page; a section with sub-sections is the index of its folder."""
    if catalog.taxonomy.children(section_id):
        return f"{SECTIONS_DIR}/{section_id}/index.md"
    return f"{SECTIONS_DIR}/{section_id}.md"


def entry_path(entry_id: str) -> str:
    """Docs path of an entry's own page."""
    return f"{ENTRIES_DIR}/{entry_id}.md"


def api_entry_path(entry_id: str) -> str:
    """Path of an entry's JSON record."""
    return f"api/entries/{entry_id}.json"


# Feeds live at the site root, like feed.xml: the theme's script fetches "sitemap.xml" next to every
# <link rel="alternate"> of a page, and only the root has one. Ids never contain ".", so a
# sub-section's "/" can become one: feed-section-distillation.self.xml.


def section_feed_path(section_id: str) -> str:
    """Path of a section's Atom feed."""
    return f"feed-section-{section_id.replace('/', '.')}.xml"


def tag_feed_path(tag: str) -> str:
    """Path of a tag's Atom feed."""
    return f"feed-tag-{tag}.xml"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page at docs ``path``."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute_url(site_url: str | None, path: str, directory_urls: bool = True) -> str | None:
    """The full address of a page or file when the site's address is known, else None."""
    return site_url.rstrip("/") + "/" + page_url(path, directory_urls) if site_url else None


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both relative to the site root, normalised).

    Plain string work, no file-system calls: this runs for every link of every page.
    """
    here = from_url.split("/")[:-1]
    there = to_url.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    target = "/".join(([".."] * (len(here) - common)) + there[common:])
    if not target:
        return "./"
    return target + "/" if target.endswith("..") else target


@dataclass(frozen=True)
class Links:
    """Relative links from one page of the site to pages, entries, sections, tags and filters."""

    catalog: Catalog
    page: str
    directory_urls: bool = True
    _known: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to(self, path: str, anchor: str = "", query: str = "") -> str:
        """Link to a docs path (a page or a file), with an optional ``?query`` and ``#anchor``."""
        url = self._known.get(path)
        if url is None:  # a page links to the same few places again and again: work each out once
            here = page_url(self.page, self.directory_urls)
            url = self._known[path] = relative_url(here, page_url(path, self.directory_urls))
        return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")

    def entry(self, entry_id: str) -> str:
        """An entry's own page."""
        return self.to(entry_path(entry_id))

    def card(self, entry_id: str) -> str:
        """An entry's card on its section page."""
        path = section_path(self.catalog, self.catalog.by_id[entry_id].entry.section)
        return f"#{entry_id}" if path == self.page else self.to(path, entry_id)

    def section(self, section_id: str) -> str:
        """A section page."""
        return self.to(section_path(self.catalog, section_id))

    def tag(self, tag: str) -> str:
        """A tag on the tag index."""
        return self.to(TAGS_PAGE, f"tag-{tag}")

    def filtered(self, **state: str) -> str:
        """The All-entries table filtered to ``state`` (the same keys as in its URL)."""
        return self.to(ALL_PAGE, query=_query(tuple(state.items())))


@cache
def _query(state: tuple[tuple[str, str], ...]) -> str:
    """A query string (the same few are asked for on every page)."""
    return urlencode(state)
