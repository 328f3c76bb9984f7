"""What every generated page of the website shares, computed once per build, and the page itself.

Independent of the site engine: a :class:`SitePage` is finished HTML with its title, description,
table of contents and feeds; the MkDocs plugin only wraps it in the theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from awesome_opt.catalog import Catalog
from awesome_opt.lineage import Edge, children_by_parent, edges, parents_by_child
from awesome_opt.loader import LoadedEntry
from awesome_opt.render.environment import environment
from awesome_opt.render.escape import escape_html
from awesome_opt.render.exports import bibtex_entry, entry_record
from awesome_opt.render.feed import newest
from awesome_opt.render.links import Links
from awesome_opt.render.readme import SectionView, landmarks, repo_badges, section_views
from awesome_opt.similarity import Related, related_entries

HEADING = re.compile(r'<h([2-6]) id="([^"]+)"[^>]*>((?:(?!</h\d>).)*?)<a class="headerlink"', re.S)
TAG = re.compile(r"<[^>]+>")
RELATED_COUNT = 5


@dataclass
class Heading:
    """One heading of a page's table of contents: level, anchor, text and the headings under it."""

    level: int
    id: str
    name: str
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed a page announces: its title and path."""

    title: str
    path: str


@dataclass(frozen=True)
class SitePage:
    """One generated page: its docs path, title, HTML, description and what the frame should show.

    ``entry_id`` marks the page of one entry: all of them share one frame (no table of contents,
    not in the navigation, not in the search index, whose cards already cover every entry).
    ``markdown`` marks content written in Markdown, which the site engine converts as it does
    hand-written pages; the other pages are finished HTML and skip that step. ``search`` is the
    HTML the site search indexes when it should see less than the page shows (None: the page).
    """

    path: str
    title: str
    content: str
    description: str = ""
    hide: tuple[str, ...] = ()
    feeds: tuple[FeedLink, ...] = ()
    entry_id: str | None = None
    markdown: bool = False
    search: str | None = None

    @property
    def toc(self) -> list[Heading]:
        """The headings carrying a permanent link, nested by level."""
        return headings(self.content)


def headings(html: str) -> list[Heading]:
    """The table of contents of generated HTML: its ``<h2>``-``<h6>`` with an id and a permalink."""
    top: list[Heading] = []
    stack: list[Heading] = []
    for level, anchor, inner in HEADING.findall(html):
        heading = Heading(int(level), anchor, TAG.sub("", inner).strip())
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else top).append(heading)
        stack.append(heading)
    return top


def bibtex_attribute(item: LoadedEntry) -> str:
    """An entry's BibTeX escaped for an HTML attribute, keeping its lines and indentation."""
    lines = bibtex_entry(item).rstrip("\n").split("\n")
    return "&#10;".join(("  " if line.startswith(" ") else "") + escape_html(line) for line in lines)


def search_text(item: LoadedEntry) -> str:
    """Lower-case text the table's free-text filter matches besides the title."""
    return " ".join([item.id, *item.entry.search_words()]).lower()


@dataclass
class Site:
    """The catalog and what the pages share, each computed once: figures, related entries, order."""

    catalog: Catalog
    directory_urls: bool = True
    site_url: str | None = None
    feed_size: int = 50

    @cached_property
    def metrics(self) -> dict[str, dict[str, Any]]:
        """Stars and archived state of code entries (data/metrics.json)."""
        return repo_badges(self.catalog)

    @cached_property
    def related(self) -> dict[str, list[Related]]:
        """The closest entries to each entry (see :mod:`awesome_opt.similarity`)."""
        return related_entries(self.catalog, RELATED_COUNT)

    @cached_property
    def lineage(self) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]]]:
        """Relations by the child that states them and by the parent they name."""
        found = edges(self.catalog)
        return parents_by_child(found), children_by_parent(found)

    @cached_property
    def records(self) -> dict[str, dict[str, Any]]:
        """Each entry's JSON record, as ``export --format json`` gives it."""
        return {item.id: entry_record(item) for item in self.catalog}

    @cached_property
    def rows(self) -> list[LoadedEntry]:
        """Entries in the table's default order: newest first, then by title."""
        return sorted(self.catalog, key=lambda i: (-i.entry.sort_year, i.entry.display_name.casefold()))

    @cached_property
    def views(self) -> list[SectionView]:
        """The section tree with each section's entries."""
        return section_views(self.catalog)

    @cached_property
    def landmarks(self) -> list[LoadedEntry]:
        """Landmark entries in taxonomy order."""
        return landmarks(self.catalog)

    @cached_property
    def newest(self) -> list[LoadedEntry]:
        """Every entry, most recently added first (the order of the feeds)."""
        return newest(self.catalog, len(self.catalog))

    def has_code(self, item: LoadedEntry) -> bool:
        """True for code entries and for publications that link to code (a data set is not code)."""
        if item.entry.kind == "code":
            return True
        return any(link.kind == "Code" for link in self.catalog.labelled_code_links(item))

    def links(self, page: str) -> Links:
        """Links from the page at ``page``."""
        return Links(self.catalog, page, self.directory_urls)

    def context(self, page: str, **extra: Any) -> dict[str, Any]:
        """What every template sees, for the page at ``page``."""
        return {
            "catalog": self.catalog,
            "taxonomy": self.catalog.taxonomy,
            "links": self.links(page),
            "bibtex": bibtex_attribute,
            "has_code": self.has_code,
            "metrics": self.metrics,
            "full": False,
            **extra,
        }

    def render(self, template: str, page: str, **extra: Any) -> str:
        """Render ``templates/site/<template>`` for the page at ``page``."""
        return environment().get_template(f"site/{template}").render(self.context(page, **extra))
