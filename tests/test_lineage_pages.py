"""Family trees, the README's "How the main methods relate" and the algorithm tables, from the real data."""

from __future__ import annotations

import json
import re

import pytest

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.lineage import edges, release
from awesome_opt.render.escape import escape_html
from awesome_opt.render.family_tree import family_edges, layout
from awesome_opt.render.files import site_files
from awesome_opt.render.lineage_views import TreeNode, algorithm_tables, family_views, text_tree
from awesome_opt.render.pages import site_pages
from awesome_opt.render.readme import render_readme
from awesome_opt.render.site import Site
from tests.conftest import REPO


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


def _page(catalog: Catalog, path: str) -> str:
    (page,) = [p for p in site_pages(catalog) if p.path == path]
    return page.content


def _walk(nodes: list[TreeNode], parent: str = "") -> list[tuple[str, str, str]]:
    found = []
    for node in nodes:
        if parent:
            found.append((node.id, parent, node.relation))
        if not node.seen_before:
            found += _walk(node.children, node.id)
    return found


@pytest.mark.parametrize("family_index", range(4))
def test_each_tree_puts_parents_left_of_children_and_older_work_first(
    catalog: Catalog, family_index: int
) -> None:
    family = catalog.taxonomy.families[family_index]
    found = family_edges(catalog, family)
    plan = layout(catalog, found)
    for edge in found:
        assert plan.layer[edge.parent] < plan.layer[edge.child], edge
    works = sorted(
        {e.child for e in found} | {e.parent for e in found}, key=lambda i: release(catalog.by_id[i])
    )
    columns = [plan.layer[w] for w in works]
    assert columns[0] == min(columns)  # the oldest work opens the tree


def test_the_text_tree_lists_every_relation_of_its_family(catalog: Catalog) -> None:
    for family in catalog.taxonomy.families:
        found = family_edges(catalog, family)
        listed = _walk(text_tree(catalog, found))
        assert sorted(listed) == sorted((e.child, e.parent, e.relation) for e in found), family.id


def test_the_family_trees_page_draws_and_lists_every_relation(catalog: Catalog) -> None:
    text = _page(catalog, "family-trees.md")
    views = family_views(catalog, lambda entry_id: f"#{entry_id}")
    assert len(views) == len(catalog.taxonomy.families)
    assert text.count('<svg class="ao-tree"') == len(views)
    drawn = {e.child for v in views for e in v.edges} | {e.parent for v in views for e in v.edges}
    for entry_id in drawn:
        assert f'entries/{entry_id}/"' in text, entry_id  # each box and list item opens the entry's page


def test_layout_is_deterministic(catalog: Catalog) -> None:
    found = family_edges(catalog, catalog.taxonomy.families[0])
    assert layout(catalog, found).order == layout(catalog, found).order


def test_the_readme_section_links_each_hub_and_its_children(catalog: Catalog) -> None:
    text = render_readme(catalog)
    section = text[text.index("## How the main methods relate") : text.index("## How to use this list")]
    linked = set(re.findall(r'<a href="#([a-z0-9-]+)">', section))
    parents = {e.parent for e in edges(catalog)}
    assert linked and linked <= {e.child for e in edges(catalog)} | parents
    assert '- Built on <a href="#deepseekmath">' in section


def test_the_algorithm_tables_show_every_quote_in_their_notes(catalog: Catalog) -> None:
    text = _page(catalog, "algorithms.md")
    tables = algorithm_tables(catalog)
    assert [t.id for t in tables] == ["rl", "distillation"]
    for table in tables:
        assert len(table.rows) >= (10 if table.id == "rl" else 6)
        for number, _row, _heading, cell in table.notes:
            assert f'id="{table.id}-note-{number}"' in text
            assert cell.quote and f"“{escape_html(cell.quote)}”" in text


def test_entry_pages_show_what_they_build_on_and_what_builds_on_them(catalog: Catalog) -> None:
    pages = {p.entry_id: p.content for p in site_pages(catalog) if p.entry_id}
    dapo = catalog.by_id["dapo"].entry
    (relation,) = [r for r in dapo.lineage if r.entry == "deepseekmath"]
    child = pages["dapo"]
    assert "Builds on" in child and escape_html(relation.quote) in child
    parent = pages["deepseekmath"]
    built_on_by = parent[parent.index("Built on by") :]
    assert escape_html(dapo.display_name) in built_on_by and 'href="../dapo/"' in built_on_by
    assert (
        "Lineage"
        not in pages[
            next(
                i.id
                for i in catalog
                if i.id not in {e.child for e in edges(catalog)} | {e.parent for e in edges(catalog)}
            )
        ]
    )


def test_the_algorithm_tables_are_a_download_with_every_quote(catalog: Catalog) -> None:
    files = site_files(Site(catalog))
    tables = json.loads(files["algorithms.json"])
    assert catalog.algorithms is not None
    model, _source = catalog.algorithms
    assert [row["entry"] for row in tables["rl"]] == [row.entry for row in model.rl]
    dapo = next(row for row in tables["rl"] if row["entry"] == "dapo")
    assert dapo["clipping"]["quote"] == model.rl[[r.entry for r in model.rl].index("dapo")].clipping.quote
