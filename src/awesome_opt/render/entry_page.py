"""The page of each entry (``entries/<id>/``): all authors, links, sections, axes, tags, BibTeX and the
closest entries of the list, with a place kept for its lineage."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace

from awesome_opt.identifiers import abs_url, pdf_url
from awesome_opt.lineage import Edge
from awesome_opt.loader import LoadedEntry
from awesome_opt.render.exports import bibtex_entry
from awesome_opt.render.links import api_entry_path, entry_path
from awesome_opt.render.site import Site, SitePage

DESCRIPTION_LIMIT = 200


@dataclass(frozen=True)
class PageLink:
    """A link on an entry's page: what it is, where it goes, its badge style and a note (stars...)."""

    label: str
    url: str
    style: str = "link"
    note: str = ""


@dataclass(frozen=True)
class LineageLink:
    """One relation shown in the lineage block: the other entry, the relation word, the quoted words."""

    item: LoadedEntry
    relation: str = ""
    quote: str = ""
    where: str = ""


def lineage(site: Site, item: LoadedEntry) -> tuple[list[LineageLink], list[LineageLink]]:
    """What ``item`` builds on and what builds on it (oldest first), each with the child's own words.

    The template (site/entry/lineage.html.j2) shows nothing when both lists are empty.
    """
    by_child, by_parent = site.lineage
    by_id = site.catalog.by_id

    def link(other: str, edge: Edge) -> LineageLink:
        return LineageLink(by_id[other], edge.relation, edge.quote, edge.where)

    up = [link(e.parent, e) for e in by_child.get(item.id, [])]
    down = [link(e.child, e) for e in by_parent.get(item.id, [])]
    return sorted(up, key=_released), sorted(down, key=_released)


def _released(found: LineageLink) -> tuple[int, int, str]:
    return found.item.entry.sort_year, found.item.entry.sort_month, found.item.id


def _figures(site: Site, entry_id: str) -> str:
    """ "★ 1.2k, archived" for a code entry with figures in data/metrics.json, else ""."""
    found = site.metrics.get(entry_id)
    if not found:
        return ""
    return f"★ {found['stars']}" + (", archived" if found["archived"] else "")


def page_links(site: Site, item: LoadedEntry) -> list[PageLink]:
    """The entry's links: arXiv abstract and PDF, official page, DOI, code, its paper, what it describes."""
    entry, links = item.entry, site.links(entry_path(item.id))
    found: list[PageLink] = []
    if entry.arxiv_id:
        found += [
            PageLink("arXiv abstract", abs_url(entry.arxiv_id), "arxiv"),
            PageLink("PDF", pdf_url(entry.arxiv_id), "arxiv"),
        ]
    repositories = {url for _, url in entry.repository_urls()}
    for path, url in entry.checked_urls():
        if path[0] == "url" and not (entry.arxiv_id and url == abs_url(entry.arxiv_id)):
            label = "Repository" if url in repositories else "Official page"
            found.append(PageLink(label, url, "link", _figures(site, item.id)))
        elif path[0] == "doi":
            found.append(PageLink("DOI", url))
    for link in site.catalog.labelled_code_links(item):
        if link.ref:
            label = f"{link.kind}: {link.name}"
            found.append(PageLink(label, links.entry(link.ref), "code", _figures(site, link.ref)))
        else:
            found.append(PageLink(link.kind, link.url, "code"))
    if entry.paper_ref:
        paper = site.catalog.by_id[entry.paper_ref].entry.display_name
        found.append(PageLink(f"Paper: {paper}", links.entry(entry.paper_ref), "paper"))
    return found


def description(item: LoadedEntry) -> str:
    """The page's meta description: the summary, cut at a word near :data:`DESCRIPTION_LIMIT`."""
    text = item.entry.summary
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[:DESCRIPTION_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def entry_stub(item: LoadedEntry) -> SitePage:
    """The page of one entry without its content: address, title and description (cheap to make)."""
    title, text = item.entry.display_name, description(item)
    return SitePage(entry_path(item.id), title, "", text, ("toc",), entry_id=item.id, search="")


def entry_page(site: Site, item: LoadedEntry) -> SitePage:
    """The page of one entry."""
    path = entry_path(item.id)
    bibtex = bibtex_entry(item).rstrip("\n")
    builds_on, built_on_by = lineage(site, item)
    html = site.render(
        "entry.html.j2",
        path,
        item=item,
        page_links=page_links(site, item),
        related=[site.catalog.by_id[other.id] for other in site.related.get(item.id, [])],
        builds_on=builds_on,
        built_on_by=built_on_by,
        bibtex_text=bibtex,
        bibtex_download="data:application/x-bibtex;charset=utf-8;base64,"
        + base64.b64encode((bibtex + "\n").encode()).decode(),
        json=api_entry_path(item.id),
    )
    return replace(entry_stub(item), content=html)


def entry_pages(site: Site) -> list[SitePage]:
    """Every entry's page, in id order."""
    return [entry_page(site, item) for item in site.catalog]
