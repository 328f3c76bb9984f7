"""MkDocs plugin: turns the catalog into site pages and downloads at build time.

Options (under ``plugins: - awesome-opt:`` in mkdocs.yml):

``data_dir``
    The data folder, relative to mkdocs.yml (default ``../data``), the same one the
    README is built from.
``feed_size``
    How many of the newest entries the global and the tag feeds carry (default 50); a section's
    feed carries all of its entries.
``missing_entries``
    ``error`` (default): an ``entry:ID`` link to an unknown entry stops the build;
    ``text``: it becomes plain text (for builds from another data folder, such as test fixtures).

Generated pages and files enter the build through ``on_files`` as ``File.generated``
(in memory; nothing is written into the docs folder). Pages arrive as finished HTML
(:class:`~awesome_opt.site_frame.GeneratedPage`, no Markdown step), and entry pages are
one theme frame filled in (:class:`~awesome_opt.site_frame.EntryFrame`). The nav item
whose value is ``sections/`` is replaced by the section tree. Hand-written pages may
contain ``<!-- awesome-opt:NAME -->`` markers (see ``pages.SNIPPETS``) and links to
``entry:ID``, which become links to the entry's page.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from awesome_opt.catalog import build_catalog
from awesome_opt.errors import DataError
from awesome_opt.output.problems import format_problems
from awesome_opt.render import pages
from awesome_opt.render.files import site_files
from awesome_opt.render.links import entry_path
from awesome_opt.render.site import Site
from awesome_opt.site_frame import CONTENT_TEMPLATE, EntryFrame, GeneratedPage, slot_values

SECTIONS_PLACEHOLDER = "sections/"
MARKER = re.compile(r"<!--\s*awesome-opt:([a-z-]+)\s*-->")
ENTRY_LINK = re.compile(r"\[([^\]\n]+)\]\(entry:([a-z0-9-]+)\)")


class CatalogPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``awesome-opt`` plugin."""

    data_dir = c.Type(str, default="../data")
    feed_size = c.Type(int, default=50)
    missing_entries = c.Choice(("error", "text"), default="error")


class CatalogPlugin(BasePlugin[CatalogPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the catalog's pages, navigation and downloads to an MkDocs build."""

    site: Site | None = None
    env: jinja2.Environment | None = None
    frame: EntryFrame | None = None
    checked_entry: str | None = None  # the entry page the theme renders in full, to check the frame

    def data_dir(self, config: MkDocsConfig) -> Path:
        """The data folder, resolved against the folder of mkdocs.yml."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        return (base_dir / self.config.data_dir).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the catalog once per build; data problems stop the build with locations."""
        try:
            catalog = build_catalog(self.data_dir(config))
        except DataError as exc:
            message = "awesome-opt: the data has problems:\n" + format_problems(exc.problems, "text")
            raise PluginError(message) from exc
        site_url = config.site_url or None
        self.site = Site(catalog, config.use_directory_urls, site_url, self.config.feed_size)
        self.frame = self.checked_entry = None
        return config

    def _site(self) -> Site:
        if self.site is None:
            raise PluginError("awesome-opt: the catalog was not loaded (on_config did not run)")
        return self.site

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and files, and the section tree to the navigation."""
        site = self._site()
        for page in pages.site_pages(site):
            if page.markdown:
                self._add(files, config, page.path, page.content)
                continue
            generated = GeneratedPage(page, self._add(files, config, page.path, ""), config)
            if page.entry_id is not None:
                if self.checked_entry is None:
                    self.checked_entry = page.entry_id
                else:
                    generated.meta["template"] = CONTENT_TEMPLATE
        for path, content in site_files(site).items():
            self._add(files, config, path, content)
        if config.nav is not None:
            config.nav = _expand_nav(config.nav, pages.section_nav(site.catalog))
        return files

    @staticmethod
    def _add(files: Files, config: MkDocsConfig, path: str, content: str) -> File:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"awesome-opt: {path} is generated; remove it from the docs folder")
        file = File.generated(config, path, content=content)
        files.append(file)
        return file

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Keep the theme's environment: the entry frame is rendered with it."""
        self.env = env
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """At the first entry page, render the frame every entry page is filled into."""
        if self.frame is None and isinstance(page, GeneratedPage) and page.generated.entry_id:
            if self.env is None:
                raise PluginError("awesome-opt: the theme environment is missing (on_env did not run)")
            self.frame = EntryFrame.render(self.env, context, page)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put each entry page in the frame; check the frame against the page the theme rendered itself."""
        if not (isinstance(page, GeneratedPage) and page.generated.entry_id and self.frame):
            return output
        filled = self.frame.fill(slot_values(page))
        if page.generated.entry_id == self.checked_entry and filled != output:
            raise PluginError(
                f"awesome-opt: the theme renders the page of '{self.checked_entry}' unlike the entry frame; "
                "entry pages can no longer share one frame (see site_frame.py)"
            )
        return filled

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill the ``awesome-opt:NAME`` markers and ``entry:ID`` links of hand-written pages."""
        if isinstance(page, GeneratedPage):
            return markdown
        site = self._site()
        src = page.file.src_uri

        def snippet(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in pages.SNIPPETS:
                raise PluginError(f"awesome-opt: {src}: unknown marker '{name}' (known: {pages.SNIPPETS})")
            return pages.render_snippet(name, site, src)

        def entry_link(match: re.Match[str]) -> str:
            text, entry_id = match.groups()
            if entry_id not in site.catalog.by_id:
                if self.config.missing_entries == "text":
                    return text
                raise PluginError(f"awesome-opt: {src}: link to unknown entry '{entry_id}'")
            relative = posixpath.relpath(entry_path(entry_id), posixpath.dirname(src) or ".")
            return f"[{text}]({relative})"

        return ENTRY_LINK.sub(entry_link, MARKER.sub(snippet, markdown))


def _expand_nav(nav: list[Any], sections: list[dict[str, Any]]) -> list[Any]:
    """``nav`` with the item whose value is ``sections/`` replaced by ``sections``."""
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == SECTIONS_PLACEHOLDER:
                item = {title: sections}
            elif isinstance(value, list):
                item = {title: _expand_nav(value, sections)}
        expanded.append(item)
    return expanded
