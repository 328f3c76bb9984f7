"""Family trees: the lineage graph of one family of methods, laid out in layers and drawn as inline SVG.

A layered (Sugiyama-style) drawing: each work sits in a column by release date, pushed right of its
parents when they share a period; edges that span columns get bend points in the columns between;
the order within each column is improved by alternating barycentre sweeps, which reduces crossings.
Everything is computed at build time; the page loads nothing from another host.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from awesome_opt.catalog import Catalog
from awesome_opt.lineage import Edge, edges, release
from awesome_opt.render.escape import escape_html
from awesome_opt.taxonomy import Family

SWEEPS = 8
COLUMN_WIDTH, ROW_HEIGHT = 190, 36
NODE_WIDTH, NODE_HEIGHT = 160, 26
MARGIN = 20
LABEL_LENGTH = 24


@dataclass
class Layout:
    """Where each work (and each bend point of a long edge) sits: column and row."""

    layer: dict[str, int] = field(default_factory=dict)
    order: list[list[str]] = field(default_factory=list)  # node keys per column, top to bottom
    routes: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (child, parent) -> keys

    def position(self, key: str) -> tuple[float, float]:
        """Centre of a node or bend point, in SVG units."""
        column = self.layer[key]
        row = self.order[column].index(key)
        height = max(len(keys) for keys in self.order)
        offset = (height - len(self.order[column])) / 2
        return MARGIN + column * COLUMN_WIDTH + NODE_WIDTH / 2, MARGIN + (
            row + offset
        ) * ROW_HEIGHT + NODE_HEIGHT / 2

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the drawing."""
        height = max((len(keys) for keys in self.order), default=0)
        return MARGIN * 2 + (
            len(self.order) - 1
        ) * COLUMN_WIDTH + NODE_WIDTH, MARGIN * 2 + height * ROW_HEIGHT


def family_edges(catalog: Catalog, family: Family) -> list[Edge]:
    """The relations whose child's primary section belongs to ``family``."""
    sections = set(family.sections)
    return [e for e in edges(catalog) if catalog.by_id[e.child].entry.section in sections]


def _periods(catalog: Catalog, nodes: set[str]) -> dict[str, int]:
    """Rank of each node's release half-year among the family's half-years."""
    half = {n: (release(catalog.by_id[n])[0], 0 if release(catalog.by_id[n])[1] <= 6 else 1) for n in nodes}
    ranks = {period: index for index, period in enumerate(sorted(set(half.values())))}
    return {n: ranks[half[n]] for n in nodes}


def _layers(catalog: Catalog, found: list[Edge]) -> dict[str, int]:
    """Column of each work: its release half-year, moved right of its parents when needed."""
    nodes = {e.child for e in found} | {e.parent for e in found}
    period = _periods(catalog, nodes)
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in found:
        parents[edge.child].append(edge.parent)
    layer: dict[str, int] = {}
    for node in sorted(nodes, key=lambda n: (release(catalog.by_id[n]), n)):  # parents come first
        layer[node] = max([period[node], *(layer[p] + 1 for p in parents[node] if p in layer)])
    return dict(sorted(layer.items()))


def _barycentre(key: str, neighbours: dict[str, list[str]], index: dict[str, int]) -> float:
    found = [index[n] for n in neighbours.get(key, []) if n in index]
    return sum(found) / len(found) if found else index.get(key, 0)


def layout(catalog: Catalog, found: list[Edge]) -> Layout:
    """Columns by release date, bend points on long edges, rows ordered by barycentre sweeps."""
    result = Layout(layer=_layers(catalog, found))
    up: dict[str, list[str]] = defaultdict(list)  # key -> neighbours in the column to its left
    down: dict[str, list[str]] = defaultdict(list)
    for edge in found:
        chain = [edge.parent]
        for column in range(result.layer[edge.parent] + 1, result.layer[edge.child]):
            bend = f"{edge.child}>{edge.parent}@{column}"
            result.layer[bend] = column
            chain.append(bend)
        chain.append(edge.child)
        result.routes[(edge.child, edge.parent)] = chain
        for left, right in itertools.pairwise(chain):
            up[right].append(left)
            down[left].append(right)
    columns = max(result.layer.values(), default=-1) + 1
    result.order = [[] for _ in range(columns)]
    for key in sorted(result.layer, key=lambda k: (k.count("@"), k)):
        result.order[result.layer[key]].append(key)
    for sweep in range(SWEEPS):
        neighbours, steps = (up, range(1, columns)) if sweep % 2 == 0 else (down, range(columns - 2, -1, -1))
        for column in steps:
            side = column - 1 if sweep % 2 == 0 else column + 1
            index = {key: row for row, key in enumerate(result.order[side])}
            current = {key: row for row, key in enumerate(result.order[column])}
            result.order[column].sort(key=lambda k: (_barycentre(k, neighbours, index), current[k]))
    return result


def short_label(title: str) -> str:
    """A node label: the part before a colon when short, else the start of the title."""
    head = title.split(":")[0].strip()
    text = head if len(head) <= LABEL_LENGTH else title
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


RELATION_STYLES = {  # stroke dash pattern per relation word; colours come from the site's CSS
    "extends": "",
    "modifies": "6 3",
    "simplifies": "2 3",
    "fixes": "8 3 2 3",
    "analyses": "1 4",
    "combines": "10 4",
    "applies": "4 4",
    "distils-from": "12 3 2 3 2 3",
}


def _curve(points: list[tuple[float, float]]) -> str:
    """A smooth path through ``points`` (horizontal cubic Béziers between consecutive points)."""
    (x0, y0), *rest = points
    parts = [f"M{x0:.0f},{y0:.0f}"]
    for x1, y1 in rest:
        mid = (x0 + x1) / 2
        parts.append(f"C{mid:.0f},{y0:.0f} {mid:.0f},{y1:.0f} {x1:.0f},{y1:.0f}")
        x0, y0 = x1, y1
    return " ".join(parts)


def render_svg(catalog: Catalog, family: Family, found: list[Edge], href: Callable[[str], str]) -> str:
    """The family's tree as an inline SVG; each node links to ``href(entry id)``."""
    plan = layout(catalog, found)
    width, height = plan.size
    title = escape_html(f"Family tree: {family.title}")
    label_id = f"tree-{family.id}-title"
    out = [
        f'<svg class="ao-tree" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{label_id}"><title id="{label_id}">{title}</title>'
    ]
    half = NODE_WIDTH / 2
    for edge in found:
        points = [plan.position(key) for key in plan.routes[(edge.child, edge.parent)]]
        points[0] = (points[0][0] + half, points[0][1])
        points[-1] = (points[-1][0] - half, points[-1][1])
        dash = RELATION_STYLES.get(edge.relation, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        label = escape_html(f"{edge.child} {edge.relation} {edge.parent}")
        out.append(
            f'<path class="ao-tree__edge ao-tree__edge--{edge.relation}" d="{_curve(points)}"{dash_attr}>'
            f"<title>{label}</title></path>"
        )
    for key in sorted(k for k in plan.layer if "@" not in k):
        entry = catalog.by_id[key].entry
        x, y = plan.position(key)
        name = escape_html(entry.display_name)
        year = f" ({entry.sort_year})" if entry.sort_year else ""
        box = f'x="{x - half:.0f}" y="{y - NODE_HEIGHT / 2:.0f}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}"'
        label = escape_html(short_label(entry.display_name))
        out.append(
            f'<a class="ao-tree__node" href="{escape_html(href(key))}"><title>{name}{year}</title>'
            f'<rect {box} rx="6"/><text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="middle">{label}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)
