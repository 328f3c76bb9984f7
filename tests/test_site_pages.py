"""Site page generation without a build: URLs and links, navigation, snippets, the chart, the plugin hooks."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from awesome_opt.catalog import build_catalog
from awesome_opt.render import chart
from awesome_opt.render.pages import (
    Links,
    code_to_try,
    page_url,
    relative_url,
    render_snippet,
    section_nav,
    section_path,
    site_pages,
)
from awesome_opt.site_plugin import CatalogPlugin, _expand_nav
from tests.conftest import FIXTURES

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


def test_links_point_at_cards_tags_and_filtered_views() -> None:
    links = Links(MINI, "sections/rlhf.md")
    assert links.entry("ppo") == "#ppo"
    assert links.entry("gkd") == "../distillation/on-policy/#gkd"
    assert links.tag("kl") == "../../tags/#tag-kl"
    assert links.filtered(provenance="on-policy", section="distillation/on-policy") == (
        "../../all/?provenance=on-policy&section=distillation%2Fon-policy"
    )
    markdown = Links(MINI, "sections/rlhf.md", markdown=True)
    assert markdown.entry("gkd") == "distillation/on-policy.md#gkd"
    assert markdown.to("feed.xml") == "../feed.xml"


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
    assert (
        len(paths) == len(set(paths)) == len(MINI.taxonomy.sections) + 6
    )  # table, tags, recent, path, trees, algorithms
    assert all(page.title and page.content.strip() for page in pages)


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
    plugin.catalog = MINI
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
    assert "[GKD](../sections/distillation/on-policy.md#gkd)" in text
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
