"""The MkDocs side of the generated pages: pages that arrive as finished HTML, and the entry pages' frame.

A :class:`GeneratedPage` skips the Markdown step: its content, table of contents and anchors come
from :class:`~awesome_opt.render.site.SitePage`. Entry pages all sit at the same depth, outside the
navigation, and differ only in title, description, address and content; rendering the theme's
``main.html`` around each of 10,000 of them would cost most of a build. So the theme renders one
:class:`EntryFrame` with placeholders, and each entry page is that frame filled in. One entry page
(the first) is still rendered by the theme in full and must come out identical to its filled frame,
so a theme update that makes the frame page-specific stops the build instead of going unnoticed.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from awesome_opt.render.escape import escape_html
from awesome_opt.render.site import Heading, SitePage

# The template entry pages are rendered with: their content alone (site/overrides/ao-content.html);
# the frame around it is added by EntryFrame.fill.
CONTENT_TEMPLATE = "ao-content.html"
THEME_TEMPLATE = "main.html"
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
        """Take the made HTML as the content; the anchors of non-entry pages are known for link checks."""
        self.content = self.generated.content
        entry = self.generated.entry_id is not None
        self.toc = get_toc([] if entry else _tokens(self.generated.toc))
        self.present_anchor_ids = None if entry else set(_ANCHOR.findall(self.content))


def slot_values(page: Page) -> dict[str, str]:
    """What an entry page puts in each slot of the frame."""
    return {
        "title": page.meta["title"],
        "description": page.meta.get("description", ""),
        "url": page.canonical_url or "",
        "content": page.content or "",
    }


class EntryFrame:
    """The theme's page with placeholders where entry pages differ; :meth:`fill` makes one page."""

    def __init__(self, html: str) -> None:
        self.parts = _SLOT.split(html)
        found = set(self.parts[1::2])
        if not {"title", "content"} <= found <= set(SLOTS):
            raise PluginError(f"awesome-opt: the entry frame has slots {sorted(found)}, expected {SLOTS}")

    @classmethod
    def render(cls, env: jinja2.Environment, context: TemplateContext, page: Page) -> EntryFrame:
        """Render the theme around ``page`` with placeholders instead of its own values."""
        saved = page.content, page.meta, page.canonical_url
        page.content = "<h1\ue000content\ue001"
        page.meta = {**page.meta, "title": "\ue000title\ue001"}
        if "description" in page.meta:
            page.meta["description"] = "\ue000description\ue001"
        if page.canonical_url:
            page.canonical_url = "\ue000url\ue001"
        try:
            html = env.get_template(THEME_TEMPLATE).render(context)
        finally:
            page.content, page.meta, page.canonical_url = saved
        return cls(html)

    def fill(self, values: dict[str, str]) -> str:
        """The frame with each slot replaced by ``values[slot]``."""
        parts = self.parts[:]
        parts[1::2] = [values[name] for name in parts[1::2]]
        return "".join(parts)
