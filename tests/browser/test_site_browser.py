"""The built site in a real browser: search, the entry table, entry pages, anchors, copy-BibTeX, the JSON
API, feeds, dark mode, privacy; and the entry table of a 2,000-entry synthetic build.

Screenshots for a person to look at are written to build/screenshots/.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.loader import LoadedEntry
from awesome_opt.render.exports import bibtex_entry
from awesome_opt.render.links import page_url, section_path
from awesome_opt.render.site import Site, search_text
from tests.browser.conftest import Guarded
from tests.browser.sitebuild import REPO, SCREENSHOTS, BuiltSite

pytestmark = pytest.mark.browser

WORD = re.compile(r"[A-Za-z]{7,}")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


def _visible_ids(page: Page) -> list[str]:
    page.wait_for_selector("#ao-table[data-ready]", state="attached")
    return page.eval_on_selector_all(
        "#ao-table tbody tr:not([hidden])", "rows => rows.map(row => row.dataset.id)"
    )


def _card_url(catalog: Catalog, entry_id: str) -> str:
    return page_url(section_path(catalog, catalog.by_id[entry_id].entry.section)) + "#" + entry_id


def _unique_title_word(catalog: Catalog) -> tuple[str, LoadedEntry]:
    """A word found in exactly one entry's title (and nowhere else in the catalog's text)."""
    texts = [(item, f"{item.entry.display_name} {search_text(item)}".lower()) for item in catalog]
    for item in catalog:
        for word in WORD.findall(item.entry.display_name):
            if sum(word.lower() in text for _, text in texts) == 1:
                return word, item
    raise AssertionError("no title has a word of its own")


def test_every_page_loads_without_errors_or_outside_requests(guarded: Guarded, site: BuiltSite) -> None:
    """Every page but the entry pages, and one entry page in ten (they share one frame)."""
    pages = [path for path in site.html_pages() if path.name != "404.html"]
    entries = [path for path in pages if path.parent.parent.name == "entries"]
    chosen = [path for path in pages if path not in set(entries)] + entries[::10]
    for path in chosen:
        guarded.goto(path.parent.relative_to(site.root).as_posix().removeprefix(".") + "/")
    assert len(guarded.requested) > len(chosen)


def test_search_finds_a_paper_by_a_word_of_its_title(guarded: Guarded, catalog: Catalog) -> None:
    word, item = _unique_title_word(catalog)
    page = guarded.page
    guarded.goto("")
    page.locator(".md-search__input").click()
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() != 'Initializing search'"
    )
    page.locator(".md-search__input").press_sequentially(word)
    result = page.locator(f".md-search-result__item a[href*='#{item.id}']").first
    result.wait_for(state="visible", timeout=10_000)
    assert item.entry.display_name.lower()[:20] in result.inner_text().lower()
    result.click()
    page.wait_for_url(re.compile(f"#{item.id}$"))
    assert page.locator(f"[id='{item.id}']").is_visible()


def test_filters_narrow_the_table_and_the_address_reproduces_them(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    guarded.goto("all/")
    assert len(_visible_ids(page)) == len(catalog)
    page.select_option("select[name=provenance]", "on-policy")
    page.select_option("select[name=signal]", "verifiable-reward")
    page.fill("input[name=from]", "2024")
    page.check("input[name=code]")
    page.fill("input[name=text]", "reason")
    expected = [
        item.id
        for item in Site(catalog).rows
        if getattr(item.entry, "provenance", None) == "on-policy"
        and "verifiable-reward" in getattr(item.entry, "signal", [])
        and item.entry.sort_year >= 2024
        and Site(catalog).has_code(item)
        and "reason" in f"{item.entry.display_name} {search_text(item)}".lower()
    ]
    assert 0 < len(expected) < len(catalog)
    assert _visible_ids(page) == expected
    assert page.inner_text("#ao-status") == f"Showing {len(expected)} of {len(catalog)} entries."
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "text": ["reason"],
        "provenance": ["on-policy"],
        "signal": ["verifiable-reward"],
        "from": ["2024"],
        "code": ["1"],
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "all-entries-filtered.png"), full_page=True)

    shared = page.context.new_page()
    shared.goto(page.url, wait_until="load")
    assert _visible_ids(shared) == expected
    assert shared.input_value("select[name=provenance]") == "on-policy"
    assert shared.input_value("input[name=text]") == "reason"
    assert shared.is_checked("input[name=code]")
    shared.close()


def test_section_filter_includes_sub_sections_and_clearing_restores_all(
    guarded: Guarded, catalog: Catalog
) -> None:
    page = guarded.page
    guarded.goto("all/?section=distillation")
    assert len(_visible_ids(page)) == catalog.count_in("distillation")
    page.click("#ao-filters button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('#ao-table tbody tr:not([hidden])').length == {len(catalog)}"
    )
    assert urlsplit(page.url).query == ""


def test_sorting_by_title_then_back_to_year(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    guarded.goto("all/")
    titles = {item.id: item.entry.display_name.lower() for item in catalog}
    page.click("button.ao-sort[data-sort=title]")
    ascending = [titles[i] for i in _visible_ids(page)]
    assert ascending == sorted(ascending)
    assert "sort=title-asc" in page.url
    page.click("button.ao-sort[data-sort=title]")
    assert [titles[i] for i in _visible_ids(page)] == ascending[::-1]
    page.click("button.ao-sort[data-sort=year]")
    assert _visible_ids(page) == [item.id for item in Site(catalog).rows]
    assert "sort=" not in page.url


def test_sort_buttons_are_offered_only_once_the_entries_are_there_to_sort(guarded: Guarded) -> None:
    """A click while the entries load used to do nothing; now the buttons wait, disabled, for the data."""
    browser = guarded.page.context.browser
    assert browser is not None
    without_script = browser.new_context(java_script_enabled=False)
    try:
        page = without_script.new_page()
        page.goto(guarded.base_url + "all/", wait_until="load")
        assert page.is_disabled("button.ao-sort[data-sort=title]")
    finally:
        without_script.close()
    guarded.goto("all/")
    _visible_ids(guarded.page)
    assert guarded.page.is_enabled("button.ao-sort[data-sort=title]")


def test_an_entry_anchor_scrolls_its_card_into_view(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    biggest = max(catalog.taxonomy.leaf_ids, key=lambda sid: len(catalog.entries_in(sid)))
    last = catalog.entries_in(biggest)[-1]
    guarded.goto(_card_url(catalog, last.id))
    page.wait_for_function(f"document.querySelector(':target')?.id == '{last.id}'")
    page.wait_for_function(  # the browser scrolls to the fragment after the load event
        f"(() => {{ const box = document.getElementById('{last.id}').getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= window.innerHeight; })()",
        timeout=5_000,
    )
    box = page.locator(f"[id='{last.id}']").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box is not None and header is not None
    assert page.evaluate("window.scrollY") > 0
    assert header["y"] + header["height"] <= box["y"] + 1
    assert box["y"] + box["height"] <= 900


def test_copy_bibtex_puts_the_record_on_the_clipboard(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=guarded.base_url.rstrip("/"))
    item = catalog.entries_in("rlvr")[0]
    guarded.goto(_card_url(catalog, item.id))
    page.locator(f"article.ao-card:has([id='{item.id}']) button.ao-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == bibtex_entry(item).rstrip("\n")


def test_home_page_chart_and_dark_mode(guarded: Guarded) -> None:
    page = guarded.page
    guarded.goto("")
    assert page.locator("svg.ao-chart").is_visible()
    assert page.locator("svg.ao-chart rect").count() > 10
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for _ in range(3):
        if page.get_attribute("body", "data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light
    page.screenshot(path=str(SCREENSHOTS / "home-dark.png"))


def test_the_guard_blocks_and_reports_requests_to_other_hosts(guarded: Guarded) -> None:
    guarded.goto("")
    guarded.page.evaluate(
        "() => new Promise(done => { const img = new Image(); img.onerror = done; img.onload = done;"
        " img.src = 'https://example.org/pixel.png'; })"
    )
    assert guarded.outside == ["https://example.org/pixel.png"]
    guarded.outside.clear()  # the request was aborted, as it should be; do not fail the teardown
    guarded.errors.clear()


def test_family_trees_draw_every_family_and_boxes_lead_to_entries(guarded: Guarded, catalog: Catalog) -> None:
    page = guarded.page
    guarded.goto("family-trees/")
    assert page.locator("svg.ao-tree").count() == len(catalog.taxonomy.families)
    node = page.locator("svg.ao-tree a.ao-tree__node").first
    href = node.get_attribute("href") or ""
    entry_id = href.rstrip("/").rsplit("/", 1)[-1]
    node.click()
    page.wait_for_url(re.compile(f"entries/{entry_id}/$"))
    title = catalog.by_id[entry_id].entry.display_name
    assert page.locator("h1").first.inner_text().strip() == title


def test_a_tapped_table_cell_shows_its_quote(guarded: Guarded) -> None:
    page = guarded.page
    guarded.goto("algorithms/")
    cited = page.locator(".ao-cite").first
    quote = cited.locator(".ao-cite__quote")
    assert not quote.is_visible()
    cited.focus()  # what a tap does on a touch screen
    assert quote.is_visible() and quote.inner_text().startswith("“")
