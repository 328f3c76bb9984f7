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
``parallel``
    ``true`` (default): the entry pages are made in a second process where that is safe (see
    :mod:`awesome_opt.site_entries`); ``false``: in the build's own process. The site is the same.

Generated pages and files enter the build through ``on_files`` as ``File.generated``
(in memory; nothing is written into the docs folder). Pages arrive as finished HTML
(:class:`~awesome_opt.site_frame.GeneratedPage`, no Markdown step); entry pages are files
written into one theme frame, which ``on_env`` renders, by :class:`~awesome_opt.site_entries.EntryPages`;
``on_post_build`` waits for them and adds them to the sitemap. The search indexes each generated page's
``search`` view where it has one. The nav item whose value is ``sections/`` is replaced by
the section tree. Hand-written pages may contain ``<!-- awesome-opt:NAME -->`` markers
(see ``pages.SNIPPETS``) and links to ``entry:ID``, which become links to the entry's page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from awesome_opt.catalog import build_catalog
from awesome_opt.errors import DataError
from awesome_opt.gcpause import collector_paused
from awesome_opt.output.problems import format_problems
from awesome_opt.render import pages
from awesome_opt.render.entry_page import entry_pages, entry_stub
from awesome_opt.render.escape import escape_html
from awesome_opt.render.files import site_files
from awesome_opt.render.site import Site
from awesome_opt.site_entries import EntryPages, can_fork
from awesome_opt.site_frame import EntryFile, GeneratedPage, add_to_sitemap, entry_file, entry_frame

SECTIONS_PLACEHOLDER = "sections/"
FileT = TypeVar("FileT", bound=File)
MARKER = re.compile(r"<!--\s*awesome-opt:([a-z-]+)\s*-->")
ENTRY_LINK = re.compile(r"\[([^\]\n]+)\]\(entry:([a-z0-9-]+)\)")


class CatalogPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``awesome-opt`` plugin."""

    data_dir = c.Type(str, default="../data")
    feed_size = c.Type(int, default=50)
    missing_entries = c.Choice(("error", "text"), default="error")
    parallel = c.Type(bool, default=True)


class CatalogPlugin(BasePlugin[CatalogPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the catalog's pages, navigation and downloads to an MkDocs build."""

    site: Site | None = None
    nav: Navigation | None = None
    entries: list[EntryFile]
    entry_pages: EntryPages | None = None

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
        self.entries = []
        return config

    def _site(self) -> Site:
        if self.site is None:
            raise PluginError("awesome-opt: the catalog was not loaded (on_config did not run)")
        return self.site

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and files, and the section tree to the navigation."""
        site = self._site()
        self.entries = [self._add(files, entry_file(entry_stub(item), config)) for item in site.catalog]
        fork = self.config.parallel and can_fork()
        self.entry_pages = EntryPages(self.entries, lambda: entry_pages(site), fork)
        with collector_paused():  # thousands of pages and files, no cycles among them
            made, extra = pages.list_pages(site), site_files(site)
        for page in made:
            if page.markdown:
                self._add(files, File.generated(config, page.path, content=page.content))
            else:
                GeneratedPage(page, self._add(files, File.generated(config, page.path, content="")), config)
        for path, content in extra.items():
            self._add(files, File.generated(config, path, content=content))
        if config.nav is not None:
            config.nav = _expand_nav(config.nav, pages.section_nav(site.catalog))
        return files

    @staticmethod
    def _add(files: Files, file: FileT) -> FileT:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"awesome-opt: {file.src_uri} is generated; remove it from the docs folder")
        files.append(file)
        return file

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: the entry pages' frame shows it."""
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Keep the theme's compiled templates between runs; render the entry pages' frame with the
        theme, before MkDocs writes the files."""
        if env.bytecode_cache is None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache()  # as for our own templates
        if self.entries:
            if self.nav is None:
                raise PluginError("awesome-opt: the navigation is missing (on_nav did not run)")
            frame = entry_frame(env, self.nav, files, config, self.entries[0].entry)
            self._entry_pages().write(frame)
        return env

    def _entry_pages(self) -> EntryPages:
        if self.entry_pages is None:
            raise PluginError("awesome-opt: the entry pages were not started (on_files did not run)")
        return self.entry_pages

    @event_priority(50)  # before the search plugin, which indexes page.content at priority 0
    def _before_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Show the search what it should index of a generated page (cards without their buttons)."""
        if isinstance(page, GeneratedPage) and page.generated.search is not None:
            page.content = page.generated.search
        return context

    @event_priority(-50)
    def _after_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give the page its content back."""
        if isinstance(page, GeneratedPage):
            page.content = page.generated.content
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the entry pages and add them to the sitemap (it needs the site's address)."""
        self._entry_pages().finish()
        if config.site_url and self.entries:
            add_to_sitemap(Path(config.site_dir), [file.values["url"] for file in self.entries])

    def on_build_error(self, *, error: Exception) -> None:
        """Stop making the entry pages of a failed build."""
        if self.entry_pages is not None:
            self.entry_pages.cancel()

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
            href = site.links(src).entry(entry_id)
            return f'<a href="{escape_html(href)}">{text}</a>'  # the page is a file, not a page MkDocs knows

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
