"""The website as built by ``mkdocs build --strict``: pages, anchors, downloads, privacy and escaping; entry
pages, the JSON API, feeds, the sitemap and page sizes."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.render.entry_page import description
from awesome_opt.render.escape import escape_html
from awesome_opt.render.exports import bibtex_entry, to_bibtex, to_csv, to_json
from awesome_opt.render.feed import newest
from awesome_opt.render.links import page_url, section_feed_path, section_path
from awesome_opt.render.pages import CARD_LIMIT
from awesome_opt.render.readme import landmarks
from tests.browser.sitebuild import (
    FIXTURES,
    HOSTILE_TITLE,
    REPO,
    SITE_URL,
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
ATOM = "{http://www.w3.org/2005/Atom}"
ALL_PAGE_LIMIT = 300 * 1024
SECTION_PAGE_LIMIT = 500 * 1024
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
    expected += ["all.md", "tags.md", "recent.md", "learning-path.md", "concepts.md", "data.md"]
    expected += [f"entries/{item.id}.md" for item in catalog]
    expected += ["family-trees.md", "algorithms.md"]
    for docs_path in expected:
        assert _built_page(real, docs_path).is_file(), docs_path
    assert (real.root / "index.html").is_file()
    assert len(real.html_pages()) == len(expected) + 2  # plus the home page and 404.html


def test_downloads_are_the_exports_of_the_same_catalog(real: BuiltSite, catalog: Catalog) -> None:
    assert real.read("entries.json") == to_json(catalog)
    assert real.read("entries.csv") == to_csv(catalog)
    assert real.read("awesome-opt.bib") == to_bibtex(catalog)


def test_every_entry_has_its_anchor_on_its_section_page_and_the_newest_their_card(
    real: BuiltSite, catalog: Catalog
) -> None:
    for section in catalog.taxonomy.sections:
        page = _parsed(_built_page(real, section_path(catalog, section.id)))
        buttons = {a.get("data-clipboard-text") for a in page.all("button")}
        for position, item in enumerate(catalog.entries_in(section.id)):
            assert page.ids.count(item.id) == 1, item.id
            assert (bibtex_entry(item).rstrip("\n") in buttons) == (position < CARD_LIMIT), item.id


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
    positions = {item.id: text.index(f'entries/{item.id}/"') for item in chosen}
    surveys = [positions[i.id] for i in chosen if i.entry.kind == "survey"]
    papers = [positions[i.id] for i in chosen if i.entry.kind not in ("survey", "code")]
    code = [positions[i.id] for i in chosen if i.entry.kind == "code"]
    assert surveys and papers and code
    assert max(surveys) < min(papers) and max(papers) < min(code)
    assert papers == sorted(papers)


def test_recent_page_lists_the_newest_additions(real: BuiltSite, catalog: Catalog) -> None:
    text = real.read("recent/index.html")
    for item in newest(catalog, 50):
        assert f'entries/{item.id}/"' in text


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
    assert {"rlhf", "tags", "recent", "hostile"} <= set(shown_in)
    table = json.loads(hostile.read("all/table.json"))
    assert HOSTILE_TITLE in [row[1] for row in table["rows"]]
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


def _entry_page(site: BuiltSite, entry_id: str) -> str:
    return site.read(f"entries/{entry_id}/index.html")


def _meta(text: str, key: str) -> str | None:
    for _, attrs in parse(text).elements:
        if key in (attrs.get("name"), attrs.get("property")):
            return attrs.get("content")
    return None


def test_every_entry_page_shows_its_title_all_authors_and_its_description(
    real: BuiltSite, catalog: Catalog
) -> None:
    for item in catalog:
        text = _entry_page(real, item.id)
        page = parse(text)
        words = " ".join(" ".join(page.text).split())
        assert escape_html(item.entry.display_name) in text, item.id
        people = item.entry.authors_shown[0]
        assert ", ".join(people) in words, item.id
        assert _meta(text, "description") == description(item), item.id
        assert _meta(text, "og:title") == item.entry.display_name, item.id
        assert _meta(text, "og:description") == description(item), item.id
        assert f"<title>{escape_html(item.entry.display_name)} - " in text, item.id
        if item.entry.arxiv_id:
            hrefs = {a.get("href") for a in page.all("a")}
            assert f"https://arxiv.org/pdf/{item.entry.arxiv_id}" in hrefs, item.id


def test_entry_pages_made_in_a_second_process_equal_those_made_in_the_build_itself(
    real: BuiltSite, tmp_path: Path
) -> None:
    inline = tmp_path / "site"
    result = run_mkdocs(REPO / "data", inline, parallel=False)
    assert result.returncode == 0, result.stderr[-3000:]

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    forked, in_process = files(real.root), files(inline)
    assert sorted(forked) == sorted(in_process)
    assert [path for path in forked if forked[path] != in_process[path]] == []
    assert sum(path.startswith("entries/") for path in forked) == len(build_catalog(REPO / "data"))


def test_entry_pages_are_kept_out_of_the_search_index(real: BuiltSite) -> None:
    docs = json.loads(real.read("search/search_index.json"))["docs"]
    assert docs and not [doc for doc in docs if doc["location"].startswith("entries/")]


def test_the_api_files_parse_and_match_the_export(real: BuiltSite, catalog: Catalog) -> None:
    exported = {record["id"]: record for record in json.loads(to_json(catalog))}
    index = json.loads(real.read("api/index.json"))
    assert index["count"] == len(catalog) and {e["id"] for e in index["entries"]} == set(exported)
    for item in index["entries"]:
        record = (real.root / urljoin("api/index.json", item["json"])).read_text(encoding="utf-8")
        assert json.loads(record) == exported[item["id"]]
        assert (real.root / urljoin("api/index.json", item["url"]) / "index.html").is_file()
    assert real.read("api/schema.json") == (REPO / "data" / "api.schema.json").read_text(encoding="utf-8")


def test_each_section_page_announces_and_links_its_feed_which_holds_its_entries(
    real: BuiltSite, catalog: Catalog
) -> None:
    for section in catalog.taxonomy.sections:
        page_path = real.root / page_url(section_path(catalog, section.id)) / "index.html"
        page = parse(page_path.read_text(encoding="utf-8"))
        feed = section_feed_path(section.id)
        alternates = [
            a["href"] for a in page.all("link") if a.get("rel") == "alternate" and feed in a.get("href", "")
        ]
        assert len(alternates) == 1, section.id
        assert (page_path.parent / alternates[0]).resolve() == (real.root / feed).resolve()
        assert any(feed in a.get("href", "") for a in page.all("a")), section.id
        root = ET.fromstring((real.root / feed).read_bytes())
        ids = {e.findtext(f"{ATOM}id", "").rsplit(":", 1)[1] for e in root.findall(f"{ATOM}entry")}
        assert ids == {item.id for item in catalog if section.id in _sections(catalog, item.entry.section)}


def _sections(catalog: Catalog, section_id: str) -> tuple[str, str | None]:
    """A section and its parent, if any."""
    return section_id, catalog.taxonomy.section_by_id[section_id].parent


def test_the_all_entries_page_is_small_and_its_rows_come_from_one_json_file(
    real: BuiltSite, catalog: Catalog
) -> None:
    assert (real.root / "all" / "index.html").stat().st_size < ALL_PAGE_LIMIT
    table = json.loads(real.read("all/table.json"))
    assert [row[0] for row in table["rows"]] == [
        item.id
        for item in sorted(catalog, key=lambda i: (-i.entry.sort_year, i.entry.display_name.casefold()))
    ]
    for path in (real.root / "sections").rglob("index.html"):
        assert path.stat().st_size < SECTION_PAGE_LIMIT, path


def test_with_its_address_the_site_has_a_sitemap_of_every_page_and_open_graph_urls(
    hostile: BuiltSite,
) -> None:
    locations = set(re.findall(r"<loc>([^<]+)</loc>", hostile.read("sitemap.xml")))
    data = build_catalog(hostile.data_dir)
    assert {f"{SITE_URL}entries/{item.id}/" for item in data} <= locations
    assert f"{SITE_URL}sections/rlhf/" in locations
    text = _entry_page(hostile, "hostile")
    assert _meta(text, "og:url") == f"{SITE_URL}entries/hostile/"
    assert urlsplit(SITE_URL).hostname == "example.org"


def test_a_feed_entry_links_to_the_entry_page_when_the_address_is_known(hostile: BuiltSite) -> None:
    root = ET.fromstring((hostile.root / "feed-tag-ppo.xml").read_bytes())
    related = {link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "related"}
    assert f"{SITE_URL}entries/hostile/" in related


def test_hostile_strings_stay_text_on_the_entry_page(hostile: BuiltSite) -> None:
    text = _entry_page(hostile, "hostile")
    assert "<script>alert" not in text
    assert _meta(text, "og:title") == HOSTILE_TITLE
