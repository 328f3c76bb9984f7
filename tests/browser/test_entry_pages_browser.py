"""Entry pages, the JSON API and the feeds in a real browser, and the entry table of a 2,000-entry build."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.loader import LoadedEntry
from awesome_opt.render.exports import bibtex_entry, to_json
from awesome_opt.render.links import page_url, section_feed_path, section_path
from tests.browser.conftest import Guarded, guarding, serving
from tests.browser.sitebuild import REPO, SCREENSHOTS, cached_build

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
SYNTHETIC = 2000


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


def _most_authors(catalog: Catalog) -> LoadedEntry:
    return max(catalog, key=lambda item: (len(item.entry.authors_shown[0]), item.id))


def test_an_entry_page_shows_all_authors(guarded: Guarded, catalog: Catalog) -> None:
    item = _most_authors(catalog)
    people = item.entry.authors_shown[0]
    assert len(people) > 10
    guarded.goto(f"entries/{item.id}/")
    page = guarded.page
    assert page.locator("h1").inner_text() == item.entry.display_name
    shown = page.locator(".ao-entry__meta").inner_text()
    for name in people:
        assert name in shown
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "entry-page.png"), full_page=True)


def test_the_copy_button_of_an_entry_page_copies_its_exact_bibtex(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=guarded.base_url.rstrip("/"))
    item = _most_authors(catalog)
    guarded.goto(f"entries/{item.id}/")
    page.locator(".ao-entry__bibtex button.ao-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == bibtex_entry(item).rstrip("\n")
    download = page.locator(".ao-entry__bibtex a[download]")
    assert download.get_attribute("download") == f"{item.id}.bib"


def test_related_entries_link_to_existing_entry_pages(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    for item in list(catalog)[::60]:
        guarded.goto(f"entries/{item.id}/")
        hrefs = page.eval_on_selector_all(".ao-related a", "links => links.map(a => a.href)")
        assert 0 < len(hrefs) <= 5, item.id
        for href in hrefs:
            response = page.request.get(href)
            assert response.ok, href
            assert "/entries/" in href and href.rstrip("/").rsplit("/", 1)[1] in catalog.by_id


def test_an_old_anchor_lands_on_the_card_and_the_entry_page_links_back_to_it(
    guarded: Guarded, catalog: Catalog
) -> None:
    page = guarded.page
    item = catalog.entries_in("rlvr")[-1]
    card_url = page_url(section_path(catalog, item.entry.section)) + "#" + item.id
    guarded.goto(card_url)
    page.wait_for_function(f"document.querySelector(':target')?.id == '{item.id}'")
    assert page.locator(f"article.ao-card:has([id='{item.id}'])").is_visible()
    page.locator(f"[id='{item.id}'] a").click()
    page.wait_for_url(f"**/entries/{item.id}/")
    page.get_by_role("link", name="its card there").click()
    page.wait_for_url(f"**/{card_url}")
    page.wait_for_function(f"document.querySelector(':target')?.id == '{item.id}'")


def test_the_json_api_files_parse_and_match_the_export(guarded: Guarded, catalog: Catalog) -> None:
    guarded.goto("")
    page = guarded.page
    exported = {record["id"]: record for record in json.loads(to_json(catalog))}
    index = page.evaluate("fetch('api/index.json').then(r => r.json())")
    assert index["count"] == len(catalog) and [e["id"] for e in index["entries"]] == sorted(exported)
    for item in index["entries"][::25]:
        record = page.evaluate(
            "url => fetch(new URL(url, new URL('api/index.json', location))).then(r => r.json())",
            item["json"],
        )
        assert record == exported[item["id"]]


def test_a_section_page_announces_its_feed_and_the_feed_is_valid_atom(
    guarded: Guarded, catalog: Catalog
) -> None:
    page = guarded.page
    guarded.goto(page_url(section_path(catalog, "rlvr")))
    href = page.locator(f"head link[rel=alternate][href$='{section_feed_path('rlvr')}']")
    assert href.count() == 1
    response = page.request.get(page.evaluate("h => new URL(h, location).href", href.get_attribute("href")))
    assert response.ok and response.headers["content-type"].startswith(("application/xml", "text/xml"))
    root = ET.fromstring(response.body())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip()
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(catalog.entries_in("rlvr"))
    for entry in entries:
        assert all((entry.findtext(f"{ATOM}{name}") or "").strip() for name in ("id", "title", "updated"))
        assert [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]


@pytest.fixture(scope="module")
def synthetic_url() -> Iterator[str]:
    with serving(cached_build(f"synthetic-{SYNTHETIC}")) as url:
        yield url


@pytest.fixture
def synthetic(browser: Browser, synthetic_url: str) -> Iterator[Guarded]:
    with guarding(browser, synthetic_url) as state:
        yield state


def test_the_table_of_a_2000_entry_build_loads_and_filters(synthetic: Guarded) -> None:
    page = synthetic.page
    synthetic.goto("all/")
    page.wait_for_selector("#ao-table[data-ready]", state="attached")
    assert page.inner_text("#ao-status") == f"{SYNTHETIC} entries."
    assert page.locator("#ao-table tbody tr").count() == 1000
    page.locator("#ao-more button").click()
    assert page.locator("#ao-table tbody tr").count() == SYNTHETIC
    page.select_option("select[name=provenance]", "on-policy")
    page.select_option("select[name=tag]", "math")
    page.fill("input[name=from]", "2020")
    status = page.inner_text("#ao-status")
    shown = int(status.split()[1])
    assert 0 < shown < SYNTHETIC and status.endswith(f"of {SYNTHETIC} entries.")
    years = page.eval_on_selector_all(
        "#ao-table tbody tr td:nth-child(2)", "cells => cells.map(c => +c.textContent)"
    )
    assert len(years) == min(shown, 1000) and min(years) >= 2020 and years == sorted(years, reverse=True)
    page.fill("input[name=text]", "zzzz-no-such-word")
    assert page.inner_text("#ao-status") == f"Showing 0 of {SYNTHETIC} entries."
    assert page.locator("#ao-table tbody tr").count() == 0
