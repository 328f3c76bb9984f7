"""The Atom feeds of new entries: valid Atom, newest first, every string escaped, deterministic; one for
the whole list, one per section (all its entries) and one per tag."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.render.feed import ATOM_NS, to_atom
from awesome_opt.render.files import feed_files
from awesome_opt.render.links import section_feed_path, tag_feed_path
from awesome_opt.render.site import Site
from tests.browser.sitebuild import HOSTILE_TITLE, REPO, hostile_data
from tests.conftest import FIXTURES

A = f"{{{ATOM_NS}}}"


def _parse(text: str) -> ET.Element:
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"
    return root


def _check_atom(root: ET.Element) -> None:
    """The elements RFC 4287 requires of a feed and of each entry."""
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{A}{name}") or "").strip(), name
    assert root.find(f"{A}author/{A}name") is not None
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{A}{name}") or "").strip(), name
        alternate = [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href", "").startswith("https://")
        dt.datetime.fromisoformat(entry.findtext(f"{A}updated", "").replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def real() -> Catalog:
    return build_catalog(REPO / "data")


def test_real_feed_is_valid_atom_with_the_newest_entries(real: Catalog) -> None:
    root = _parse(to_atom(real, limit=50))
    _check_atom(root)
    entries = root.findall(f"{A}entry")
    assert len(entries) == min(50, len(real))
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)
    updated = [e.findtext(f"{A}updated", "") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{A}updated") == max(updated)


def test_feed_is_deterministic_and_limited() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    assert to_atom(catalog, limit=3) == to_atom(catalog, limit=3)
    root = _parse(to_atom(catalog, limit=3))
    titles = [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]
    assert len(titles) == 3
    newest = max(catalog, key=lambda item: item.entry.added)
    assert titles[0] == newest.entry.display_name


def test_site_links_appear_only_when_the_site_address_is_known() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    plain = _parse(to_atom(catalog))
    assert plain.findtext(f"{A}id") == "urn:awesome-opt:feed"
    assert not [link for link in plain.iter(f"{A}link") if link.get("rel") in ("self", "related")]
    linked = _parse(
        to_atom(
            catalog,
            feed_url="https://example.org/feed.xml",
            site_url="https://example.org/",
            entry_url=lambda entry_id: f"https://example.org/entries/{entry_id}/",
        )
    )
    assert linked.findtext(f"{A}id") == "https://example.org/feed.xml"
    related = [link.get("href") for link in linked.iter(f"{A}link") if link.get("rel") == "related"]
    assert "https://example.org/entries/gkd/" in related


def test_hostile_strings_survive_as_text(tmp_path: Path) -> None:
    catalog = build_catalog(hostile_data(tmp_path))
    text = to_atom(catalog)
    assert "<script>" not in text
    root = _parse(text)
    _check_atom(root)
    (entry,) = [e for e in root.findall(f"{A}entry") if e.findtext(f"{A}id", "").endswith(":hostile")]
    assert entry.findtext(f"{A}title") == HOSTILE_TITLE
    authors = [a.findtext(f"{A}name") for a in entry.findall(f"{A}author")]
    assert authors == ["Eve <img src=x onerror=alert(1)>", "Mallory ]]> & Co"]
    link = entry.find(f"{A}link")
    assert link is not None and link.get("href") == 'https://example.org/paper"onmouseover="alert(1)'


def test_a_section_feed_has_every_entry_of_the_section_and_its_sub_sections() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    site = Site(catalog)
    files = feed_files(site)
    expected = {section_feed_path(s.id) for s in catalog.taxonomy.sections}
    expected |= {tag_feed_path(tag) for tag in catalog.taxonomy.tags} | {"feed.xml"}
    assert set(files) == expected
    root = _parse(files[section_feed_path("distillation")])
    _check_atom(root)
    ids = [e.findtext(f"{A}id", "").removeprefix("urn:awesome-opt:entry:") for e in root.findall(f"{A}entry")]
    inside = {item.id for item in catalog if item.entry.section.startswith("distillation/")}
    assert set(ids) == inside and len(ids) == len(inside)
    assert root.findtext(f"{A}title") == "awesome-opt: Distillation"


def test_a_tag_feed_has_the_entries_with_the_tag_and_entries_are_written_once_for_all_feeds() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    files = feed_files(Site(catalog, site_url="https://example.org/list/"))
    root = _parse(files[tag_feed_path("ppo")])
    _check_atom(root)
    ids = {e.findtext(f"{A}id", "").rsplit(":", 1)[1] for e in root.findall(f"{A}entry")}
    assert ids == {item.id for item in catalog if "ppo" in item.entry.tags}
    assert root.findtext(f"{A}id") == "https://example.org/list/feed-tag-ppo.xml"
    related = {link.get("href") for link in root.iter(f"{A}link") if link.get("rel") == "related"}
    assert "https://example.org/list/entries/ppo/" in related
    cache: dict[str, str] = {}
    first = to_atom(catalog, cache=cache)
    assert set(cache) == {item.id for item in catalog} and to_atom(catalog, cache=cache) == first
