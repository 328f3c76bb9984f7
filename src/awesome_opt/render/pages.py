"""The website's generated pages, as HTML rendered from templates/site/, and the generated parts of the
hand-written pages.

Independent of the site engine: :func:`site_pages` returns :class:`~awesome_opt.render.site.SitePage`
objects (finished HTML, no Markdown to convert), :func:`render_snippet` fills the markers of
hand-written Markdown pages, and :mod:`awesome_opt.render.files` gives the other files.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from awesome_opt.catalog import Catalog
from awesome_opt.loader import LoadedEntry
from awesome_opt.render import chart
from awesome_opt.render.entry_page import entry_pages
from awesome_opt.render.escape import escape_html
from awesome_opt.render.lineage_views import algorithm_tables, family_views
from awesome_opt.render.links import (
    ALL_PAGE,
    LEARNING_PAGE,
    RECENT_PAGE,
    TABLE_FILE,
    TAGS_PAGE,
    section_feed_path,
    section_path,
    tag_feed_path,
)
from awesome_opt.render.readme import SectionView, landmarks
from awesome_opt.render.site import FeedLink, Site, SitePage
from awesome_opt.stats import catalog_stats

SNIPPETS = ("counts", "sections", "axes", "chart", "downloads")
RECENT_LIMIT = 50
CARD_LIMIT = 100  # beyond this many entries, a section page shows the older ones as short rows
TAG_LIMIT = 25  # the tag index lists this many entries a tag; the table has them all
FAMILY_PAGE, ALGORITHMS_PAGE = "family-trees.md", "algorithms.md"

__all__ = ["SNIPPETS", "SitePage", "render_snippet", "section_nav", "section_path", "site_pages"]


def code_to_try(catalog: Catalog) -> list[LoadedEntry]:
    """Landmark code bases, then the code of landmark publications, without repeats."""
    chosen = [item for item in catalog if item.entry.landmark and item.entry.kind == "code"]
    for item in landmarks(catalog):
        chosen += [catalog.by_id[ref] for ref, _ in catalog.code_links(item.entry) if ref]
    return list({item.id: item for item in chosen}.values())


def _year_range(catalog: Catalog) -> tuple[int, int]:
    years = [item.entry.sort_year for item in catalog if item.entry.sort_year]
    return (min(years), max(years)) if years else (0, 0)


def section_feed(view: SectionView) -> FeedLink:
    """The Atom feed a section page announces."""
    return FeedLink(f"awesome-opt: {view.section.title}", section_feed_path(view.section.id))


def _section_page(site: Site, view: SectionView) -> SitePage:
    path = section_path(site.catalog, view.section.id)
    feed = section_feed(view)
    html = site.render(
        "section.html.j2",
        path,
        view=view,
        cards=view.entries[:CARD_LIMIT],
        rows=view.entries[CARD_LIMIT:],
        feed=feed.path,
    )
    search = site.render("section-search.html.j2", path, view=view)
    return SitePage(path, view.section.title, html, view.section.description, feeds=(feed,), search=search)


def _section_pages(site: Site) -> list[SitePage]:
    pages = []
    pending = list(site.views)
    while pending:
        view = pending.pop(0)
        pages.append(_section_page(site, view))
        pending[:0] = view.children
    return pages


def _tag_page(site: Site) -> SitePage:
    tagged: dict[str, list[LoadedEntry]] = {tag: [] for tag in site.catalog.taxonomy.tags}
    counts: Counter[str] = Counter()
    for item in site.rows:
        for tag in item.entry.tags:
            counts[tag] += 1
            if counts[tag] <= TAG_LIMIT:
                tagged[tag].append(item)
    feeds = {tag: tag_feed_path(tag) for tag in tagged}
    html = site.render("tags.html.j2", TAGS_PAGE, tagged=tagged, counts=counts, feeds=feeds, limit=TAG_LIMIT)
    return SitePage(TAGS_PAGE, "Tags", html, "Every tag of the list with its newest entries and its feed.")


def _single_pages(site: Site) -> list[SitePage]:
    catalog = site.catalog
    all_html = site.render(
        "all.html.j2", ALL_PAGE, count=len(catalog), years=_year_range(catalog), table=TABLE_FILE
    )
    recent = site.newest[:RECENT_LIMIT]
    learning = site.render(
        "learning-path.html.j2", LEARNING_PAGE, landmarks=site.landmarks, code=code_to_try(catalog)
    )
    return [
        SitePage(ALL_PAGE, "All entries", all_html, "Every entry in one table.", ("navigation", "toc")),
        _tag_page(site),
        SitePage(RECENT_PAGE, "Recently added", site.render("recent.html.j2", RECENT_PAGE, recent=recent)),
        SitePage(LEARNING_PAGE, "Learning path", learning, "A route through the list for a newcomer."),
        *_lineage_pages(site),
    ]


def _lineage_pages(site: Site) -> list[SitePage]:
    """The family trees and the algorithm tables (wide: the site's navigation is hidden)."""
    catalog = site.catalog
    trees = site.render(
        "family-trees.html.j2", FAMILY_PAGE, family_views=lambda href: family_views(catalog, href)
    )
    tables = site.render("algorithms.html.j2", ALGORITHMS_PAGE, tables=algorithm_tables(catalog))
    return [
        SitePage(FAMILY_PAGE, "Family trees", trees, "How the methods build on each other.", ("navigation",)),
        SitePage(
            ALGORITHMS_PAGE,
            "Algorithms at a glance",
            tables,
            "How the RL and distillation algorithms differ, every cell quoting its source.",
            ("navigation",),
        ),
    ]


def site_pages(catalog: Catalog | Site, directory_urls: bool = True) -> list[SitePage]:
    """Every generated page: sections, the table, tags, recent additions, learning path, one per entry."""
    site = catalog if isinstance(catalog, Site) else Site(catalog, directory_urls)
    return [*list_pages(site), *entry_pages(site)]


def list_pages(site: Site) -> list[SitePage]:
    """The generated pages other than the entries' own: sections, the table, tags, recent additions,
    learning path, family trees and algorithm tables."""
    return [*_section_pages(site), *_single_pages(site)]


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


def render_snippet(name: str, catalog: Catalog | Site, page: str, directory_urls: bool = True) -> str:
    """A generated part of a hand-written page (one of :data:`SNIPPETS`)."""
    if name not in SNIPPETS:
        raise KeyError(name)
    site = catalog if isinstance(catalog, Site) else Site(catalog, directory_urls)
    data = chart.chart_data(site.catalog)
    extra: dict[str, Any] = {"chart": data, "description": chart.describe(data)}
    extra["svg"] = chart.render_svg(data) if name == "chart" else ""
    extra["views"] = site.views
    extra["landmarks"] = site.landmarks
    extra["axis_counts"] = catalog_stats(site.catalog)["axes"]
    return site.render(f"snippets/{name}.md.j2", page, **extra)
