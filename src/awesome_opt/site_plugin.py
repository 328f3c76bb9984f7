"""MkDocs plugin: turns the catalog into site pages and downloads at build time.

Options (under ``plugins: - awesome-opt:`` in mkdocs.yml):

``data_dir``
    The data folder, relative to mkdocs.yml (default ``../data``), the same one the
    README is built from.
``feed_size``
    How many of the newest entries the Atom feed carries (default 50).
``missing_entries``
    ``error`` (default): an ``entry:ID`` link to an unknown entry stops the build;
    ``text``: it becomes plain text (for builds from another data folder, such as test fixtures).

Generated pages and downloads enter the build through ``on_files`` as
``File.generated`` (in memory; nothing is written into the docs folder). The nav item
whose value is ``sections/`` is replaced by the section tree. Hand-written pages may
contain ``<!-- awesome-opt:NAME -->`` markers (see ``pages.SNIPPETS``) and links to
``entry:ID``, which become links to the entry's card wherever its section page is.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.errors import DataError
from awesome_opt.output.problems import format_problems
from awesome_opt.render import pages

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

    catalog: Catalog | None = None

    def data_dir(self, config: MkDocsConfig) -> Path:
        """The data folder, resolved against the folder of mkdocs.yml."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        return (base_dir / self.config.data_dir).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the catalog once per build; data problems stop the build with locations."""
        try:
            self.catalog = build_catalog(self.data_dir(config))
        except DataError as exc:
            message = "awesome-opt: the data has problems:\n" + format_problems(exc.problems, "text")
            raise PluginError(message) from exc
        return config

    def _catalog(self) -> Catalog:
        if self.catalog is None:
            raise PluginError("awesome-opt: the catalog was not loaded (on_config did not run)")
        return self.catalog

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and downloads, and the section tree to the navigation."""
        catalog = self._catalog()
        generated = [(p.path, p.content) for p in pages.site_pages(catalog, config.use_directory_urls)]
        site_url = config.site_url or None
        extra = pages.downloads(catalog, site_url, self.config.feed_size, config.use_directory_urls)
        for path, content in [*generated, *extra.items()]:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"awesome-opt: {path} is generated; remove it from the docs folder")
            files.append(File.generated(config, path, content=content))
        if config.nav is not None:
            config.nav = _expand_nav(config.nav, pages.section_nav(catalog))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill the ``awesome-opt:NAME`` markers and ``entry:ID`` links of hand-written pages."""
        catalog = self._catalog()
        src = page.file.src_uri

        def snippet(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in pages.SNIPPETS:
                raise PluginError(f"awesome-opt: {src}: unknown marker '{name}' (known: {pages.SNIPPETS})")
            return pages.render_snippet(name, catalog, src, config.use_directory_urls)

        def entry_link(match: re.Match[str]) -> str:
            text, entry_id = match.groups()
            if entry_id not in catalog.by_id:
                if self.config.missing_entries == "text":
                    return text
                raise PluginError(f"awesome-opt: {src}: link to unknown entry '{entry_id}'")
            target = pages.section_path(catalog, catalog.by_id[entry_id].entry.section)
            relative = posixpath.relpath(target, posixpath.dirname(src) or ".")
            return f"[{text}]({relative}#{entry_id})"

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
