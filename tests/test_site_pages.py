"""Site page generation without a build: URLs and links, navigation, snippets, the chart, the plugin hooks."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from awesome_opt import site_plugin
from awesome_opt.catalog import build_catalog
from awesome_opt.loader import LoadedEntry
from awesome_opt.render import chart, pages
from awesome_opt.render.escape import escape_html
from awesome_opt.render.links import Links, page_url, relative_url, section_path
from awesome_opt.render.pages import code_to_try, list_pages, render_snippet, section_nav, site_pages
from awesome_opt.render.site import Site, SitePage, headings
from awesome_opt.site_frame import (
    EntryFile,
    EntryFrame,
    GeneratedPage,
    add_to_sitemap,
    entry_frame,
    slot_values,
)
from awesome_opt.site_plugin import CatalogPlugin, _expand_nav
from tests.conftest import FIXTURES, REPO

MINI = build_catalog(FIXTURES / "mini")


@pytest.mark.parametrize(
    ("path", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("all.md", True, "all/"),
        ("sections/distillation/index.md", True, "sections/distillation/"),
        ("sections/distillation/on-policy.md", True, "sections/distillation/on-policy/"),
        ("sections/rlhf.md", False, "sections/rlhf.html"),
    ],
)
def test_page_url_follows_mkdocs(path: str, directory_urls: bool, url: str) -> None:
    assert page_url(path, directory_urls) == url


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("", "all/", "all/"),
        ("all/", "", "../"),
        ("all/", "all/", "./"),
        ("sections/rlhf/", "sections/distillation/on-policy/", "../distillation/on-policy/"),
        ("sections/distillation/on-policy/", "tags/", "../../../tags/"),
        ("sections/rlhf/", "feed.xml", "../../feed.xml"),
        ("sections/rlhf.html", "sections/frameworks.html", "frameworks.html"),
        ("index.html", "sections/frameworks.html", "sections/frameworks.html"),
    ],
)
def test_relative_url(source: str, target: str, link: str) -> None:
    assert relative_url(source, target) == link


def test_links_point_at_entry_pages_cards_tags_and_filtered_views() -> None:
    links = Links(MINI, "sections/rlhf.md")
    assert links.entry("gkd") == "../../entries/gkd/"
    assert links.card("ppo") == "#ppo"
    assert links.card("gkd") == "../distillation/on-policy/#gkd"
    assert links.tag("kl") == "../../tags/#tag-kl"
    assert links.filtered(provenance="on-policy", section="distillation/on-policy") == (
        "../../all/?provenance=on-policy&section=distillation%2Fon-policy"
    )
    assert links.to("feed.xml") == "../../feed.xml"
    from_entry = Links(MINI, "entries/gkd.md")
    assert from_entry.entry("ppo") == "../ppo/"
    assert from_entry.to("api/entries/gkd.json") == "../../api/entries/gkd.json"
    assert Links(MINI, "entries/gkd.md", directory_urls=False).entry("ppo") == "ppo.html"


def test_the_table_of_contents_lists_the_headings_with_a_permanent_link() -> None:
    html = (
        '<h1>T</h1><h2 id="a">A<a class="headerlink" href="#a">x</a></h2>'
        '<h3 id="card">Card</h3><h3 id="b"><a href="y">B</a><a class="headerlink" href="#b">x</a></h3>'
        '<h2 id="c">C<a class="headerlink" href="#c">x</a></h2>'
    )
    toc = headings(html)
    assert [(h.id, h.name, [c.id for c in h.children]) for h in toc] == [("a", "A", ["b"]), ("c", "C", [])]


def test_parents_are_folder_indexes_and_nest_their_children_in_the_nav() -> None:
    assert section_path(MINI, "distillation") == "sections/distillation/index.md"
    assert section_path(MINI, "distillation/offline") == "sections/distillation/offline.md"
    nav = section_nav(MINI)
    assert {"RL from human feedback": "sections/rlhf.md"} in nav
    assert {
        "Distillation": [
            "sections/distillation/index.md",
            {"Offline distillation": "sections/distillation/offline.md"},
            {"On-policy distillation": "sections/distillation/on-policy.md"},
        ]
    } in nav


def test_expand_nav_replaces_only_the_sections_placeholder() -> None:
    tree = [{"Home": "index.md"}, {"More": [{"Sections": "sections/"}]}, "all.md"]
    expanded = _expand_nav(tree, [{"A": "sections/a.md"}])
    assert expanded == [{"Home": "index.md"}, {"More": [{"Sections": [{"A": "sections/a.md"}]}]}, "all.md"]


def test_every_generated_page_has_a_unique_path_and_a_title() -> None:
    pages = site_pages(MINI)
    paths = [page.path for page in pages]
    # sections, table, tags, recent, learning path, family trees, algorithms, one page per entry
    assert len(paths) == len(set(paths)) == len(MINI.taxonomy.sections) + 6 + len(MINI)
    assert all(page.title and page.content.strip() for page in pages)
    assert {page.entry_id for page in pages if page.entry_id} == set(MINI.by_id)
    assert all(page.path == f"entries/{page.entry_id}.md" for page in pages if page.entry_id)


def test_code_to_try_lists_landmark_code_once() -> None:
    assert [item.id for item in code_to_try(MINI)] == ["trl"]


def test_unknown_snippet_is_an_error() -> None:
    with pytest.raises(KeyError):
        render_snippet("nonsense", MINI, "index.md")


def test_chart_groups_old_years_and_counts_every_dated_entry() -> None:
    data = chart.chart_data(MINI, recent_years=3)
    dated = sum(1 for item in MINI if item.entry.sort_year)
    assert sum(data.totals) == dated
    assert data.undated == len(MINI) - dated
    assert data.labels[0] == "Earlier" and len(data.labels) == 4
    svg = chart.render_svg(data)
    assert svg.count("<rect") == sum(1 for s in data.series for n in s.counts if n)
    assert chart.describe(data) in svg


def test_chart_without_dated_entries_still_renders() -> None:
    empty = chart.ChartData((), (), 2)
    assert "No entry has a year yet." in chart.render_svg(empty)


def _plugin(missing: str = "error") -> CatalogPlugin:
    plugin = CatalogPlugin()
    plugin.load_config({"data_dir": str(FIXTURES / "mini"), "missing_entries": missing})
    plugin.site = Site(MINI)
    return plugin


def _markdown(plugin: CatalogPlugin, text: str, src: str = "concepts.md") -> str:
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri=src))
    config: Any = SimpleNamespace(use_directory_urls=True)
    result = plugin.on_page_markdown(text, page=page, config=config, files=None)  # type: ignore[arg-type]
    assert result is not None
    return result


def test_entry_links_and_markers_in_hand_written_pages() -> None:
    plugin = _plugin()
    text = _markdown(plugin, "See [GKD](entry:gkd).\n\n<!-- awesome-opt:downloads -->\n", "guide/x.md")
    assert '<a href="../../entries/gkd/">GKD</a>' in text
    assert 'href="../../feed.xml"' in text
    with pytest.raises(PluginError, match="unknown entry 'nope'"):
        _markdown(plugin, "[x](entry:nope)")
    with pytest.raises(PluginError, match="unknown marker 'nope'"):
        _markdown(plugin, "<!-- awesome-opt:nope -->")
    assert _markdown(_plugin("text"), "A [paper](entry:nope).") == "A paper."


def test_plugin_resolves_the_data_dir_against_mkdocs_yml(tmp_path: Path) -> None:
    plugin = _plugin()
    plugin.config.data_dir = "../data"
    config: Any = SimpleNamespace(config_file_path=str(tmp_path / "site" / "mkdocs.yml"))
    assert plugin.data_dir(config) == tmp_path / "data"


def _built_files(monkeypatch: pytest.MonkeyPatch) -> tuple[CatalogPlugin, Files]:
    """The files the plugin adds, through MkDocs' own events, with site/mkdocs.yml and the mini data."""
    monkeypatch.setenv("AWESOME_OPT_DATA_DIR", str(FIXTURES / "mini"))
    monkeypatch.setenv("AWESOME_OPT_MISSING_ENTRIES", "text")
    monkeypatch.setenv("AWESOME_OPT_PARALLEL", "false")  # no second process: these builds never finish
    config = load_config(str(REPO / "site" / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    plugin = config.plugins["awesome-opt"]
    assert isinstance(plugin, CatalogPlugin)
    return plugin, files


def test_the_plugin_adds_pages_as_finished_html_and_markdown_pages_as_markdown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    markdown = SitePage("extra.md", "Extra", "# Extra\n\nSome *Markdown*.", markdown=True)
    monkeypatch.setattr(pages, "list_pages", lambda site: [*list_pages(site), markdown])
    plugin, files = _built_files(monkeypatch)
    extra = files.get_file_from_path("extra.md")
    assert extra is not None and extra.page is None and extra.content_string == markdown.content
    entries = [file for file in files if isinstance(file, EntryFile)]
    assert entries == plugin.entries and len(entries) == len(MINI)
    assert {file.dest_uri for file in entries} == {f"entries/{item.id}/index.html" for item in MINI}
    assert all(file.page is None and file.values["content"] == "" for file in entries)  # made later
    section = files.get_file_from_path("sections/rlhf.md")
    assert section is not None and isinstance(section.page, GeneratedPage)
    feed = {"title": "awesome-opt: RL from human feedback", "path": "feed-section-rlhf.xml"}
    assert section.page.meta["ao_feeds"] == [feed]
    assert files.get_file_from_path("api/entries/gkd.json") is not None


def test_generated_titles_and_descriptions_are_escaped_for_the_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    title, text = 'A <b>"bold"</b> & co', "Less < more"
    monkeypatch.setattr(pages, "list_pages", lambda site: [SitePage("x.md", title, "<h1>x</h1>", text)])

    def stub(item: LoadedEntry) -> SitePage:
        return SitePage(f"entries/{item.id}.md", title, "", text, ("toc",), entry_id=item.id)

    monkeypatch.setattr(site_plugin, "entry_stub", stub)
    _, files = _built_files(monkeypatch)
    page = files.get_file_from_path("x.md")
    assert page is not None and isinstance(page.page, GeneratedPage)
    assert page.page.meta["title"] == "A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co"
    assert page.page.meta["description"] == "Less &lt; more"
    entry = files.get_file_from_path("entries/gkd/index.html")
    assert isinstance(entry, EntryFile)
    assert entry.values["title"] == page.page.meta["title"]
    assert entry.values["description"] == page.page.meta["description"]


def test_an_entry_frame_fills_its_slots_and_refuses_a_frame_without_them() -> None:
    frame = EntryFrame("<title>\ue000title\ue001</title><main><h1\ue000content\ue001</main>")
    values = {"title": "T", "description": "", "url": "", "content": "<h1>T</h1>"}
    assert frame.fill(values) == "<title>T</title><main><h1>T</h1></main>"
    with pytest.raises(PluginError, match="slots"):
        EntryFrame("<title>no slots</title>")


def test_the_entry_frame_is_checked_against_a_page_the_theme_renders_in_full() -> None:
    config = load_config(str(REPO / "site" / "mkdocs.yml"))
    checked = SitePage("entries/gkd.md", "GKD & co", "<h1>GKD</h1>", "On-policy.", ("toc",), entry_id="gkd")
    nav = Navigation([], [])
    theme = "<title>{{ page.meta.title }}</title>{{ page.content }}"
    fine = jinja2.Environment(loader=jinja2.DictLoader({"main.html": theme}))
    frame = entry_frame(fine, nav, Files([]), config, checked)
    assert frame.fill(slot_values(checked, config)) == "<title>GKD &amp; co</title><h1>GKD</h1>"
    leaky = jinja2.Environment(loader=jinja2.DictLoader({"main.html": theme + "{{ page.url }}"}))
    with pytest.raises(PluginError, match="unlike the entry frame"):
        entry_frame(leaky, nav, Files([]), config, checked)


def test_entry_pages_are_added_to_the_sitemap_and_its_gzip_copy(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset>\n</urlset>\n', encoding="utf-8")
    add_to_sitemap(tmp_path, ["https://example.org/entries/a&b/"])
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/entries/a&amp;b/</loc>" in text and text.endswith("</urlset>\n")
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text


def test_a_section_page_opens_with_its_definition_and_folds_its_filing_rules_away() -> None:
    catalog = build_catalog(REPO / "data")
    section = next(item for item in catalog.taxonomy.sections if item.id == "rlhf")
    page = next(page for page in list_pages(Site(catalog)) if page.title == section.title)
    assert f'<p class="ao-lead">{escape_html(section.description)}</p>' in page.content
    assert '<details class="ao-filing"><summary>' in page.content
    assert escape_html(section.filing) in page.content
    leaf_without_rules = next(item for item in MINI.taxonomy.sections if not item.filing)
    other = next(page for page in list_pages(Site(MINI)) if page.title == leaf_without_rules.title)
    assert "ao-filing" not in other.content
