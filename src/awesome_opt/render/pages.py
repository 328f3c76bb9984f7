"""The website's generated pages, as Markdown (with HTML blocks) rendered from templates/site/.

Independent of the site engine: :func:`site_pages` returns (path, title, text) triples
for a docs folder, :func:`render_snippet` fills the generated parts of hand-written
pages, and :func:`downloads` gives the files offered for download. Every link between
pages is relative, so the site works from any folder or sub-path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from awesome_opt.catalog import Catalog
from awesome_opt.loader import LoadedEntry
from awesome_opt.render import chart
from awesome_opt.render.environment import environment
from awesome_opt.render.escape import escape_html
from awesome_opt.render.exports import bibtex_entry, to_bibtex, to_csv, to_json
from awesome_opt.render.feed import newest, to_atom
from awesome_opt.render.lineage_views import algorithm_tables, family_views
from awesome_opt.render.readme import landmarks, repo_badges, section_views
from awesome_opt.stats import catalog_stats

SECTIONS_DIR = "sections"
FAMILY_PAGE, ALGORITHMS_PAGE = "family-trees.md", "algorithms.md"
ALL_PAGE, TAGS_PAGE, RECENT_PAGE, LEARNING_PAGE = "all.md", "tags.md", "recent.md", "learning-path.md"
SNIPPETS = ("counts", "sections", "axes", "chart", "downloads")
DOWNLOAD_FILES = ("entries.json", "awesome-opt.bib", "entries.csv", "feed.xml")
RECENT_LIMIT = 50


@dataclass(frozen=True)
class SitePage:
    """One generated page: its path in the docs folder, its navigation title and its Markdown."""

    path: str
    title: str
    content: str


def section_path(catalog: Catalog, section_id: str) -> str:
    """Docs path of a section page; a section with sub-sections is the index of its folder."""
    if catalog.taxonomy.children(section_id):
        return f"{SECTIONS_DIR}/{section_id}/index.md"
    return f"{SECTIONS_DIR}/{section_id}.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page at docs ``path``."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both relative to the site root)."""
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    target = posixpath.relpath(to_url or ".", base or ".")
    if (not to_url or to_url.endswith("/")) and target != ".":
        target += "/"
    return "./" if target == "." else target


@dataclass(frozen=True)
class Links:
    """Relative links from one page of the site to pages, entries, sections, tags and filters."""

    catalog: Catalog
    page: str
    directory_urls: bool = True
    markdown: bool = False

    def to(self, path: str, anchor: str = "", query: str = "") -> str:
        """Link to a docs path (a page or a download), with an optional ``?query`` and ``#anchor``.

        With ``markdown`` the link names the ``.md`` source, for Markdown links the site
        engine resolves and checks; otherwise it is the final URL, for HTML.
        """
        if self.markdown:
            url = posixpath.relpath(path, posixpath.dirname(self.page) or ".")
        else:
            here = page_url(self.page, self.directory_urls)
            url = relative_url(here, page_url(path, self.directory_urls) if path.endswith(".md") else path)
        return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")

    def entry(self, entry_id: str) -> str:
        """The card of an entry on its section page."""
        item = self.catalog.by_id[entry_id]
        path = section_path(self.catalog, item.entry.section)
        return f"#{entry_id}" if path == self.page else self.to(path, entry_id)

    def section(self, section_id: str) -> str:
        """A section page."""
        return self.to(section_path(self.catalog, section_id))

    def tag(self, tag: str) -> str:
        """A tag on the tag index."""
        return self.to(TAGS_PAGE, f"tag-{tag}")

    def filtered(self, **state: str) -> str:
        """The All-entries table filtered to ``state`` (the same keys as in its URL)."""
        return self.to(ALL_PAGE, query=urlencode(state))


def bibtex_attribute(item: LoadedEntry) -> str:
    """An entry's BibTeX escaped for an HTML attribute, keeping its lines and indentation."""
    lines = bibtex_entry(item).rstrip("\n").split("\n")
    return "&#10;".join(("  " if line.startswith(" ") else "") + escape_html(line) for line in lines)


def search_text(item: LoadedEntry) -> str:
    """Lower-case text the table's free-text filter matches besides the title."""
    return " ".join([item.id, *item.entry.search_words()]).lower()


def has_code(catalog: Catalog, item: LoadedEntry) -> bool:
    """True for code entries and for publications that link to code."""
    return item.entry.kind == "code" or bool(catalog.code_links(item.entry))


def code_to_try(catalog: Catalog) -> list[LoadedEntry]:
    """Landmark code bases, then the code of landmark publications, without repeats."""
    chosen = [item for item in catalog if item.entry.landmark and item.entry.kind == "code"]
    for item in landmarks(catalog):
        chosen += [catalog.by_id[ref] for ref, _ in catalog.code_links(item.entry) if ref]
    return list({item.id: item for item in chosen}.values())


def table_rows(catalog: Catalog) -> list[LoadedEntry]:
    """Entries in the table's default order: newest first, then by title."""
    return sorted(catalog, key=lambda item: (-item.entry.sort_year, item.entry.display_name.casefold()))


def tagged(catalog: Catalog, tag: str) -> list[LoadedEntry]:
    """Entries carrying ``tag``, newest first."""
    return [item for item in table_rows(catalog) if tag in item.entry.tags]


def _year_range(catalog: Catalog) -> tuple[int, int]:
    years = [item.entry.sort_year for item in catalog if item.entry.sort_year]
    return (min(years), max(years)) if years else (0, 0)


def _context(catalog: Catalog, page: str, directory_urls: bool, **extra: Any) -> dict[str, Any]:
    return {
        "catalog": catalog,
        "taxonomy": catalog.taxonomy,
        "links": Links(catalog, page, directory_urls),
        "md_links": Links(catalog, page, directory_urls, markdown=True),
        "bibtex": bibtex_attribute,
        "search_text": search_text,
        "has_code": lambda item: has_code(catalog, item),
        "metrics": repo_badges(catalog),
        **extra,
    }


def _render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(f"site/{template}").render(context)


def _section_pages(catalog: Catalog, directory_urls: bool) -> list[SitePage]:
    pages = []
    pending = section_views(catalog)
    while pending:
        view = pending.pop(0)
        path = section_path(catalog, view.section.id)
        context = _context(catalog, path, directory_urls, view=view)
        pages.append(SitePage(path, view.section.title, _render("section.md.j2", context)))
        pending[:0] = view.children
    return pages


def site_pages(catalog: Catalog, directory_urls: bool = True) -> list[SitePage]:
    """Every generated page: one per section, the table, tags, recent additions, learning path."""
    recent = newest(catalog, RECENT_LIMIT)
    singles: list[tuple[str, str, str, dict[str, Any]]] = [
        (ALL_PAGE, "All entries", "all.md.j2", {"rows": table_rows(catalog), "years": _year_range(catalog)}),
        (TAGS_PAGE, "Tags", "tags.md.j2", {"tagged": lambda tag: tagged(catalog, tag)}),
        (RECENT_PAGE, "Recently added", "recent.md.j2", {"recent": recent}),
        (
            LEARNING_PAGE,
            "Learning path",
            "learning-path.md.j2",
            {"landmarks": landmarks(catalog), "code": code_to_try(catalog)},
        ),
    ]
    singles += [
        (
            FAMILY_PAGE,
            "Family trees",
            "family-trees.md.j2",
            {"family_views": lambda href: family_views(catalog, href)},
        ),
        (
            ALGORITHMS_PAGE,
            "Algorithms at a glance",
            "algorithms.md.j2",
            {"tables": algorithm_tables(catalog)},
        ),
    ]
    pages = _section_pages(catalog, directory_urls)
    for path, title, template, extra in singles:
        context = _context(catalog, path, directory_urls, **extra)
        pages.append(SitePage(path, title, _render(template, context)))
    return pages


def section_nav(catalog: Catalog) -> list[dict[str, Any]]:
    """The section pages as an MkDocs ``nav`` list, sub-sections nested under their parent."""
    nav: list[dict[str, Any]] = []
    for section in catalog.taxonomy.sections:
        if section.parent is not None:
            continue
        title = escape_html(section.title)
        children = catalog.taxonomy.children(section.id)
        if not children:
            nav.append({title: section_path(catalog, section.id)})
            continue
        nested: list[Any] = [section_path(catalog, section.id)]
        nested += [{escape_html(c.title): section_path(catalog, c.id)} for c in children]
        nav.append({title: nested})
    return nav


def render_snippet(name: str, catalog: Catalog, page: str, directory_urls: bool = True) -> str:
    """A generated part of a hand-written page (one of :data:`SNIPPETS`)."""
    if name not in SNIPPETS:
        raise KeyError(name)
    data = chart.chart_data(catalog)
    extra: dict[str, Any] = {"chart": data, "description": chart.describe(data)}
    extra["svg"] = chart.render_svg(data) if name == "chart" else ""
    extra["views"] = section_views(catalog)
    extra["landmarks"] = landmarks(catalog)
    extra["axis_counts"] = catalog_stats(catalog)["axes"]
    return _render(f"snippets/{name}.md.j2", _context(catalog, page, directory_urls, **extra))


def downloads(
    catalog: Catalog, site_url: str | None = None, feed_size: int = 50, directory_urls: bool = True
) -> dict[str, str]:
    """The files offered for download, by name: JSON, BibTeX, CSV and the Atom feed."""
    root = site_url.rstrip("/") + "/" if site_url else None

    def card_url(entry_id: str) -> str:
        path = section_path(catalog, catalog.by_id[entry_id].entry.section)
        return f"{root}{page_url(path, directory_urls)}#{entry_id}"

    feed = to_atom(
        catalog,
        limit=feed_size,
        feed_url=f"{root}feed.xml" if root else None,
        site_url=root,
        card_url=card_url if root else None,
    )
    return dict(
        zip(DOWNLOAD_FILES, (to_json(catalog), to_bibtex(catalog), to_csv(catalog), feed), strict=True)
    )
