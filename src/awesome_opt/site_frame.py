"""The MkDocs side of the generated pages: pages that arrive as finished HTML, and the entry pages.

A :class:`GeneratedPage` skips the Markdown step: its content, table of contents and anchors come
from :class:`~awesome_opt.render.site.SitePage`. Entry pages go further. They all sit at the same
depth, outside the navigation and the search, and differ only in title, description, address and
content; taking each of 10,000 of them through MkDocs' page pipeline and the theme's ``main.html``
would cost most of a build. So the theme renders one :class:`EntryFrame` with placeholders, and each
entry page is an :class:`EntryFile` that MkDocs copies into the site like any other file, filled
into the frame as it is written (never all in memory at once). One entry page is also rendered by
the theme in full and must come out identical to its filled frame (:func:`entry_frame`), so a theme
update that makes the frame page-specific stops the build instead of going unnoticed.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, cast
from xml.sax.saxutils import escape

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date, get_build_timestamp

from awesome_opt.render.escape import escape_html
from awesome_opt.render.links import absolute_url, entry_path, page_url
from awesome_opt.render.site import Heading, SitePage

THEME_TEMPLATE = "main.html"
FRAME_ID = "ao-frame"  # the placeholder page's id; if the theme showed it anywhere, the frame check fails
SLOTS = ("title", "description", "url", "content")
# A placeholder; the content's carries "<h1" so the theme adds no title of its own (entry pages have one).
_SLOT = re.compile("(?:<h1)?\ue000([a-z]+)\ue001")
_ANCHOR = re.compile(r'\sid="([^"]+)"')


def _tokens(headings: list[Heading]) -> list[Any]:
    return [{"level": h.level, "id": h.id, "name": h.name, "children": _tokens(h.children)} for h in headings]


class GeneratedPage(Page):
    """A page whose HTML the renderers made: no Markdown is read or converted."""

    def __init__(self, generated: SitePage, file: File, config: MkDocsConfig) -> None:
        super().__init__(escape_html(generated.title), file, config)
        self.generated = generated
        self.meta = {
            "title": escape_html(generated.title),
            "hide": list(generated.hide),
            "ao_feeds": [{"title": feed.title, "path": feed.path} for feed in generated.feeds],
        }
        if generated.description:
            self.meta["description"] = escape_html(generated.description)
        if generated.entry_id is not None:
            self.meta["search"] = {"exclude": True}

    def read_source(self, config: MkDocsConfig) -> None:
        """Nothing to read: the HTML is already made."""
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Take the made HTML as the content; its anchors are known for MkDocs' link checks."""
        self.content = self.generated.content
        self.toc = get_toc(_tokens(self.generated.toc))
        self.present_anchor_ids = set(_ANCHOR.findall(self.content))


def entry_file_path(page: SitePage, config: MkDocsConfig) -> str:
    """Where an entry page is written: the URL MkDocs would give the page, as a file."""
    url = page_url(page.path, config.use_directory_urls)
    return url + "index.html" if url.endswith("/") else url


def slot_values(page: SitePage, config: MkDocsConfig) -> dict[str, str]:
    """What an entry page puts in each slot of the frame (escaped as the theme expects)."""
    return {
        "title": escape_html(page.title),
        "description": escape_html(page.description),
        "url": absolute_url(config.site_url or None, page.path, config.use_directory_urls) or "",
        "content": page.content,
    }


class EntryFrame:
    """The theme's page with placeholders where entry pages differ; :meth:`fill` makes one page."""

    def __init__(self, html: str) -> None:
        self.parts = _SLOT.split(html)
        found = set(self.parts[1::2])
        if not {"title", "content"} <= found <= set(SLOTS):
            raise PluginError(f"awesome-opt: the entry frame has slots {sorted(found)}, expected {SLOTS}")

    def fill(self, values: dict[str, str]) -> str:
        """The frame with each slot replaced by ``values[slot]``."""
        parts = self.parts[:]
        parts[1::2] = [values[name] for name in parts[1::2]]
        return "".join(parts)


class EntryFile(File):
    """An entry page as a file of the site. MkDocs lists it but does not write it:
    :class:`~awesome_opt.site_entries.EntryPages` does, into the frame."""

    entry: SitePage
    values: dict[str, str]

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing: the entry pages are written by :class:`~awesome_opt.site_entries.EntryPages`."""


def entry_file(page: SitePage, config: MkDocsConfig) -> EntryFile:
    """The file of one entry page, from its stub (title, description, address; no content)."""
    file = cast(EntryFile, EntryFile.generated(config, entry_file_path(page, config), content=""))
    file.entry, file.values = page, slot_values(page, config)
    return file


def _theme_page(page: SitePage, config: MkDocsConfig) -> GeneratedPage:
    """``page`` as the theme would see it, with the file MkDocs would have made for it."""
    directory_urls = config.use_directory_urls
    file = File(page.path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=directory_urls)
    shown = GeneratedPage(page, file, config)
    shown.read_source(config)
    shown.content = page.content
    return shown


def entry_frame(
    env: jinja2.Environment, nav: Navigation, files: Files, config: MkDocsConfig, stub: SitePage
) -> EntryFrame:
    """The frame of every entry page, rendered by the theme once around a page of placeholders.

    The page of ``stub`` (a real entry's address, title and description, with a heading as its
    content) is rendered by the theme in full too and must equal its filled frame: anything
    page-specific the slots do not cover (the placeholder page's own address, say) makes them differ.
    """
    checked = replace(
        stub, content=f"<h1>{escape_html(stub.title)}</h1>\n<p>{escape_html(stub.description)}</p>"
    )
    template = env.get_template(THEME_TEMPLATE)
    placeholders = SitePage(
        entry_path(FRAME_ID),
        "\ue000title\ue001",
        "<h1\ue000content\ue001",
        "\ue000description\ue001",
        checked.hide,
        entry_id=FRAME_ID,
    )
    page = _theme_page(placeholders, config)
    page.meta["title"], page.meta["description"] = placeholders.title, placeholders.description
    if page.canonical_url:
        page.canonical_url = "\ue000url\ue001"
    frame = EntryFrame(template.render(get_context(nav, files, config, page)))
    full = template.render(get_context(nav, files, config, _theme_page(checked, config)))
    if frame.fill(slot_values(checked, config)) != full:
        raise PluginError(
            f"awesome-opt: the theme renders the page of '{checked.entry_id}' unlike the entry frame; "
            "entry pages can no longer share one frame (see site_frame.py)"
        )
    return frame


def add_to_sitemap(site_dir: Path, urls: list[str]) -> None:
    """Add ``urls`` to the sitemap MkDocs wrote, and to its gzip copy (MkDocs lists only its pages)."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    lastmod = get_build_date()
    added = "".join(
        f"    <url>\n         <loc>{escape(url)}</loc>\n         <lastmod>{lastmod}</lastmod>\n    </url>\n"
        for url in urls
    )
    text = path.read_text(encoding="utf-8").replace("</urlset>", added + "</urlset>", 1)
    path.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=get_build_timestamp()) as packed:
        packed.write(text.encode("utf-8"))
