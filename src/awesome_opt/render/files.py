"""The files the website offers besides its pages: the exports, the Atom feeds, the JSON API and the
data of the All-entries table, by path."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from awesome_opt.loader import LoadedEntry
from awesome_opt.render.api import api_files, json_array
from awesome_opt.render.environment import author_line
from awesome_opt.render.exports import to_bibtex, to_csv
from awesome_opt.render.feed import FeedInfo, to_atom
from awesome_opt.render.links import (
    ALL_PAGE,
    FEED_FILE,
    TABLE_FILE,
    TAGS_PAGE,
    absolute_url,
    api_entry_path,
    entry_path,
    section_feed_path,
    section_path,
    tag_feed_path,
)
from awesome_opt.render.site import Site, search_text

TABLE_COLUMNS = (
    "id",
    "title",
    "kind",
    "year",
    "section",
    "authors",
    "provenance",
    "role",
    "signal",
    "tags",
    "code",
    "text",
)


@dataclass
class _Feeds:
    """Makes the feeds of one site, serialising each entry once for all of them."""

    site: Site
    cache: dict[str, str] = field(default_factory=dict)

    def entry_url(self, entry_id: str) -> str:
        return absolute_url(self.site.site_url, entry_path(entry_id), self.site.directory_urls) or ""

    def feed(self, path: str, info: FeedInfo, entries: list[LoadedEntry], page: str, limit: int) -> str:
        site = self.site
        return to_atom(
            site.catalog,
            limit=limit,
            entries=entries,
            info=info,
            feed_url=absolute_url(site.site_url, path),
            site_url=absolute_url(site.site_url, page, site.directory_urls),
            entry_url=self.entry_url if site.site_url else None,
            cache=self.cache,
        )


def feed_files(site: Site) -> dict[str, str]:
    """The whole list's feed and each tag's (newest ``feed_size``), and each section's (all its entries)."""
    feeds = _Feeds(site)
    taxonomy = site.catalog.taxonomy
    in_section: dict[str, list[LoadedEntry]] = {section.id: [] for section in taxonomy.sections}
    with_tag: dict[str, list[LoadedEntry]] = {tag: [] for tag in taxonomy.tags}
    for item in site.newest:
        section = taxonomy.section_by_id[item.entry.section]
        for section_id in filter(None, (section.id, section.parent)):
            in_section[section_id].append(item)
        for tag in item.entry.tags:
            with_tag[tag].append(item)
    files = {FEED_FILE: feeds.feed(FEED_FILE, FeedInfo(), site.newest, "index.md", site.feed_size)}
    for section in taxonomy.sections:
        urn = f"urn:awesome-opt:feed:section:{section.id}"
        info = FeedInfo(f"awesome-opt: {section.title}", section.description, urn)
        path, entries = section_feed_path(section.id), in_section[section.id]
        files[path] = feeds.feed(path, info, entries, section_path(site.catalog, section.id), len(entries))
    for tag, meaning in taxonomy.tags.items():
        info = FeedInfo(f"awesome-opt: #{tag}", meaning, f"urn:awesome-opt:feed:tag:{tag}")
        path = tag_feed_path(tag)
        files[path] = feeds.feed(path, info, with_tag[tag], TAGS_PAGE, site.feed_size)
    return files


def table_data(site: Site) -> dict[str, Any]:
    """The rows of the All-entries table, newest first, as compact arrays (see :data:`TABLE_COLUMNS`)."""
    links = site.links(ALL_PAGE)
    sections = {
        s.id: {"title": s.title, "parent": s.parent, "url": links.section(s.id)}
        for s in site.catalog.taxonomy.sections
    }
    rows = []
    for item in site.rows:
        entry, axes = item.entry, item.entry.axes
        people, complete = entry.authors_shown
        rows.append(
            [
                item.id,
                entry.display_name,
                entry.kind,
                entry.sort_year,
                entry.section,
                author_line(people, complete) if people else "",
                axes.provenance or "",
                axes.role or "",
                list(axes.signal),
                entry.tags,
                1 if site.has_code(item) else 0,
                search_text(item),
            ]
        )
    entry_url = links.entry("{id}")
    return {"columns": TABLE_COLUMNS, "entry_url": entry_url, "sections": sections, "rows": rows}


ALGORITHMS_FILE = "algorithms.json"


def site_files(site: Site) -> dict[str, str]:
    """Every file by path: downloads, feeds, the JSON API and the table's data."""
    api = api_files(site)
    records = [api[api_entry_path(item.id)] for item in site.catalog]
    return {
        "entries.json": json_array(records),
        "awesome-opt.bib": to_bibtex(site.catalog),
        "entries.csv": to_csv(site.catalog),
        **feed_files(site),
        **api,
        TABLE_FILE: json.dumps(table_data(site), ensure_ascii=False, separators=(",", ":")),
        **algorithm_files(site),
    }


def algorithm_files(site: Site) -> dict[str, str]:
    """``algorithms.json``: the two comparison tables with every cell's quote, when the list has them."""
    if site.catalog.algorithms is None:
        return {}
    tables, _source = site.catalog.algorithms
    return {
        ALGORITHMS_FILE: json.dumps(
            tables.model_dump(mode="json", exclude_none=True), indent=1, ensure_ascii=False
        )
        + "\n"
    }
