"""The website as built by ``mkdocs build --strict``: pages, anchors, downloads, privacy and escaping."""

from __future__ import annotations

import posixpath
import re
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.render.exports import bibtex_entry, to_bibtex, to_csv, to_json
from awesome_opt.render.feed import newest
from awesome_opt.render.pages import page_url, section_path
from awesome_opt.render.readme import landmarks
from tests.browser.sitebuild import (
    FIXTURES,
    HOSTILE_TITLE,
    REPO,
    BuiltSite,
    PageParser,
    cached_build,
    parse,
    run_mkdocs,
)

pytestmark = pytest.mark.site

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RESOURCE_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s]+)""")


@pytest.fixture(scope="module")
def real() -> BuiltSite:
    return cached_build("real")


@pytest.fixture(scope="module")
def hostile() -> BuiltSite:
    return cached_build("hostile")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


@cache
def _parsed(path: Path) -> PageParser:
    return parse(path.read_text(encoding="utf-8"))


def _ids(path: Path) -> list[str]:
    return _parsed(path).ids if path.is_file() else []


def _built_page(site: BuiltSite, docs_path: str) -> Path:
    return site.root / page_url(docs_path) / "index.html"


def test_every_page_is_built_with_the_real_data(real: BuiltSite, catalog: Catalog) -> None:
    expected = [section_path(catalog, s.id) for s in catalog.taxonomy.sections]
    expected += ["all.md", "tags.md", "recent.md", "learning-path.md", "concepts.md"]
    expected += ["family-trees.md", "algorithms.md"]
    for docs_path in expected:
        assert _built_page(real, docs_path).is_file(), docs_path
    assert (real.root / "index.html").is_file()
    assert len(real.html_pages()) == len(expected) + 2  # plus the home page and 404.html


def test_downloads_are_the_exports_of_the_same_catalog(real: BuiltSite, catalog: Catalog) -> None:
    assert real.read("entries.json") == to_json(catalog)
    assert real.read("entries.csv") == to_csv(catalog)
    assert real.read("awesome-opt.bib") == to_bibtex(catalog)


def test_every_entry_has_its_anchor_and_bibtex_button_on_its_section_page(
    real: BuiltSite, catalog: Catalog
) -> None:
    for section in catalog.taxonomy.sections:
        page = _parsed(_built_page(real, section_path(catalog, section.id)))
        buttons = {a.get("data-clipboard-text") for a in page.all("button")}
        for item in catalog.entries_in(section.id):
            assert page.ids.count(item.id) == 1, item.id
            assert bibtex_entry(item).rstrip("\n") in buttons, item.id


def test_no_page_loads_anything_from_another_host(real: BuiltSite) -> None:
    offenders = []
    for path in real.html_pages():
        page = _parsed(path)
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            offenders += [(path, a[attribute]) for a in page.all(tag) if _remote(a.get(attribute, ""))]
        styles = " ".join(a.get("style", "") for _, a in page.elements)
        offenders += [(path, url) for url in CSS_URL.findall(styles) if _remote(url)]
    for path in real.root.rglob("*.css"):
        offenders += [(path, u) for u in CSS_URL.findall(path.read_text(encoding="utf-8")) if _remote(u)]
    assert offenders == []
    assert "fonts.googleapis" not in real.read("index.html")


def _remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.hostname not in LOCAL_HOSTS


def test_every_internal_link_and_anchor_resolves(real: BuiltSite) -> None:
    broken = []
    for path in real.html_pages():
        if path.name == "404.html":
            continue  # served at any depth, so MkDocs links it from the site root
        base = path.parent
        for attrs in _parsed(path).all("a"):
            href = attrs.get("href", "")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href:
                continue
            target = (base / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            missing_anchor = target.suffix == ".html" and parts.fragment not in ("", *_ids(target))
            if not target.is_file() or missing_anchor:
                broken.append((path, href))
    assert broken == []


def test_sub_sections_are_nested_under_their_parent_in_the_navigation(
    real: BuiltSite, catalog: Catalog
) -> None:
    depth_of = _link_depths(real.read("concepts/index.html"), "concepts")
    for section in catalog.taxonomy.sections:
        href = page_url(section_path(catalog, section.id))
        if section.parent:
            parent = page_url(section_path(catalog, section.parent))
            assert depth_of[href] == depth_of[parent] + 1, section.id
        else:
            assert depth_of[href] == depth_of[page_url(section_path(catalog, "surveys"))], section.id


def _link_depths(text: str, folder: str) -> dict[str, int]:
    """For each navigation link (as a site URL) on the page in ``folder``, how many list items enclose it."""
    depths: dict[str, int] = {}
    depth = 0
    for token in re.finditer(r"<(/?)(li|a)\b([^>]*)>", text):
        closing, tag, attributes = token.groups()
        href = re.search(r'href="([^"]*)"', attributes)
        if tag == "li":
            depth += -1 if closing else 1
        elif href and not closing and "md-nav__link" in attributes:
            depths.setdefault(posixpath.normpath(posixpath.join(folder, href.group(1))) + "/", depth)
    return depths


def test_home_page_has_counts_and_a_chart_with_a_text_alternative(real: BuiltSite, catalog: Catalog) -> None:
    text = real.read("index.html")
    page = _parsed(real.root / "index.html")
    (svg,) = [attrs for attrs in page.all("svg") if attrs.get("class") == "ao-chart"]
    assert svg["role"] == "img"
    assert set(svg["aria-labelledby"].split()) <= set(page.ids)
    dated = sum(1 for item in catalog if item.entry.sort_year)
    totals = re.search(r"<th scope=\"row\">All sections</th>(.*?)</tr>", text)
    assert totals is not None
    assert sum(int(n) for n in re.findall(r"<strong>(\d+)</strong>", totals.group(1))) == dated
    assert f"<strong>{len(catalog)}</strong><span>entries</span>" in text


def test_learning_path_reads_surveys_then_sections_in_order_then_code(
    real: BuiltSite, catalog: Catalog
) -> None:
    text = real.read("learning-path/index.html")
    chosen = landmarks(catalog)
    positions = {item.id: text.index(f'#{item.id}"') for item in chosen}
    surveys = [positions[i.id] for i in chosen if i.entry.kind == "survey"]
    papers = [positions[i.id] for i in chosen if i.entry.kind not in ("survey", "code")]
    code = [positions[i.id] for i in chosen if i.entry.kind == "code"]
    assert surveys and papers and code
    assert max(surveys) < min(papers) and max(papers) < min(code)
    assert papers == sorted(papers)


def test_recent_page_lists_the_newest_additions(real: BuiltSite, catalog: Catalog) -> None:
    text = real.read("recent/index.html")
    for item in newest(catalog, 50):
        assert f'#{item.id}"' in text


def test_hostile_strings_render_as_text_everywhere(hostile: BuiltSite) -> None:
    pages = hostile.html_pages()
    shown_in = []
    for path in pages:
        page = _parsed(path)
        assert not any(set(attrs) & {"onerror", "onmouseover"} for _, attrs in page.elements), path
        assert not page.all("textarea"), path
        assert "alert(" not in "".join(page.script_text), path
        if HOSTILE_TITLE in "".join(page.text):
            shown_in.append(path.parent.name)
    assert {"rlhf", "all", "tags", "recent"} <= set(shown_in)
    section = _parsed(hostile.root / "sections" / "rlhf" / "index.html")
    hrefs = [a.get("href") for a in section.all("a")]
    assert 'https://example.org/paper"onmouseover="alert(1)' in hrefs
    assert "https://example.org/code?a=1&b=<2>" in hrefs


def test_search_index_keeps_hostile_titles_escaped(hostile: BuiltSite) -> None:
    index = hostile.read("search/search_index.json")
    assert "<script>alert" not in index
    assert "&lt;script&gt;alert" in index


def test_a_data_error_stops_the_build_with_its_location(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    (tmp_path / "data" / "papers" / "ppo.yaml").write_text(
        (FIXTURES / "mini" / "papers" / "ppo.yaml").read_text().replace("year:", "yeer:"), encoding="utf-8"
    )
    result = run_mkdocs(tmp_path / "data", tmp_path / "site")
    assert result.returncode != 0
    assert "ppo.yaml" in result.stdout + result.stderr
    assert "unknown field 'yeer'" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
