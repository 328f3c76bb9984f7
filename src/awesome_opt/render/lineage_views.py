"""What the lineage and algorithm pages show: family trees as SVG plus a nested list, README hub lines,
and the comparison tables with numbered quotes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from awesome_opt.catalog import Catalog
from awesome_opt.lineage import Edge, children_by_parent, release
from awesome_opt.render.family_tree import family_edges, render_svg
from awesome_opt.schema.algorithms import Cell, DistillationRow, RlRow, Row
from awesome_opt.taxonomy import Family

MIN_HUB_CHILDREN = 2


@dataclass
class TreeNode:
    """A work in the text version of a tree: how it builds on its parent, and its own children."""

    id: str
    name: str
    year: int
    relation: str = ""
    seen_before: bool = False
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class FamilyView:
    """One family: its relations, its drawing and its text equivalent."""

    family: Family
    edges: list[Edge]
    svg: str
    roots: list[TreeNode]


def _node(catalog: Catalog, entry_id: str, relation: str = "") -> TreeNode:
    entry = catalog.by_id[entry_id].entry
    return TreeNode(entry_id, entry.display_name, entry.sort_year, relation)


def text_tree(catalog: Catalog, found: list[Edge]) -> list[TreeNode]:
    """Roots (parents that build on nothing here) with their descendants, oldest first; a work reached
    a second time is marked ``seen_before`` instead of repeating its subtree."""
    below = children_by_parent(found)
    children_ids = {edge.child for edge in found}
    seen: set[str] = set()

    def order(entry_id: str) -> tuple[tuple[int, int], str]:
        return release(catalog.by_id[entry_id]), entry_id

    def grow(node: TreeNode) -> TreeNode:
        if node.id in seen:
            node.seen_before = True
            return node
        seen.add(node.id)
        for edge in sorted(below.get(node.id, []), key=lambda e: order(e.child)):
            node.children.append(grow(_node(catalog, edge.child, edge.relation)))
        return node

    roots = sorted({edge.parent for edge in found} - children_ids, key=order)
    return [grow(_node(catalog, root)) for root in roots]


def family_views(catalog: Catalog, href: Callable[[str], str]) -> list[FamilyView]:
    """Every family of the taxonomy that has relations, with its drawing and text tree."""
    views = []
    for family in catalog.taxonomy.families:
        found = family_edges(catalog, family)
        if found:
            views.append(
                FamilyView(family, found, render_svg(catalog, family, found, href), text_tree(catalog, found))
            )
    return views


@dataclass
class Hub:
    """A work several others build on, for the README: its id, label and (child id, label, relation)."""

    id: str
    label: str
    children: list[tuple[str, str, str]]


def name_before_colon(title: str) -> str:
    """``DAPO`` for "DAPO: An Open-Source ...": the name a title starts with, else the whole title."""
    head = title.split(":")[0].strip()
    return head if head and head != title else title


def hubs(catalog: Catalog, family: Family) -> list[Hub]:
    """Works of the family's relations that at least two others build on, oldest first."""
    below = children_by_parent(family_edges(catalog, family))
    found = []
    for parent, children in below.items():
        if len(children) >= MIN_HUB_CHILDREN:
            rows = sorted(children, key=lambda e: (release(catalog.by_id[e.child]), e.child))
            found.append(
                Hub(
                    parent,
                    catalog.by_id[parent].entry.display_name,
                    [
                        (e.child, name_before_colon(catalog.by_id[e.child].entry.display_name), e.relation)
                        for e in rows
                    ],
                )
            )
    return sorted(found, key=lambda hub: (release(catalog.by_id[hub.id]), hub.id))


@dataclass
class TableCell:
    """A cell as shown: its value, and its footnote number when it quotes a source."""

    cell: Cell | None
    note: int | None = None


@dataclass
class TableView:
    """A comparison table: headings, rows of cells and the numbered notes with their quotes."""

    id: str
    title: str
    headings: list[str]
    rows: list[tuple[Row, list[TableCell]]]
    notes: list[tuple[int, Row, str, Cell]] = field(default_factory=list)


def table_view(table_id: str, title: str, rows: list[Row], row_type: type[Row]) -> TableView:
    """Number every quoted cell in reading order, so each has a footnote for print and screen readers."""
    columns = row_type.columns()
    view = TableView(table_id, title, list(columns.values()), [])
    for row in rows:
        cells = []
        for column, heading in columns.items():
            cell = row.cell(column)
            if cell is not None and cell.quote:
                number = len(view.notes) + 1
                view.notes.append((number, row, heading, cell))
                cells.append(TableCell(cell, number))
            else:
                cells.append(TableCell(cell))
        view.rows.append((row, cells))
    return view


def algorithm_tables(catalog: Catalog) -> list[TableView]:
    """The two comparison tables, when data/algorithms.yaml exists."""
    if catalog.algorithms is None:
        return []
    tables, _source = catalog.algorithms
    return [
        table_view("rl", "RL policy optimisation", list(tables.rl), RlRow),
        table_view("distillation", "Distillation objectives", list(tables.distillation), DistillationRow),
    ]
