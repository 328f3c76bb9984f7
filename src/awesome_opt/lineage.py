"""The lineage graph: which work builds on which, checked (no self-relation, no cycle, no child older
than its parent) and summarised. Entries state their parents in ``builds_on``; this module reads them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from awesome_opt.errors import Problem
from awesome_opt.identifiers import new_style_ids_in
from awesome_opt.loader import LoadedEntry


@dataclass(frozen=True)
class Edge:
    """The child builds on the parent in the way ``relation`` names; ``index`` is its place in builds_on."""

    child: str
    parent: str
    relation: str
    quote: str
    where: str
    index: int


def edges(items: Iterable[LoadedEntry]) -> list[Edge]:
    """Every relation of every entry, in entry order."""
    return [
        Edge(item.id, r.entry, r.relation, r.quote, r.where, index)
        for item in items
        for index, r in enumerate(item.entry.lineage)
    ]


def parents_by_child(found: list[Edge]) -> dict[str, list[Edge]]:
    """Relations grouped by the child that states them."""
    grouped: dict[str, list[Edge]] = defaultdict(list)
    for edge in found:
        grouped[edge.child].append(edge)
    return dict(grouped)


def children_by_parent(found: list[Edge]) -> dict[str, list[Edge]]:
    """Relations grouped by the parent they name."""
    grouped: dict[str, list[Edge]] = defaultdict(list)
    for edge in found:
        grouped[edge.parent].append(edge)
    return dict(grouped)


def coverage(found: list[Edge]) -> tuple[int, int]:
    """The number of relations and of distinct entries they touch."""
    return len(found), len({edge.child for edge in found} | {edge.parent for edge in found})


def release(item: LoadedEntry) -> tuple[int, int]:
    """(year, month) of first release; month 0 when unknown."""
    return item.entry.sort_year, item.entry.sort_month


def _older(child: LoadedEntry, parent: LoadedEntry) -> bool:
    (cy, cm), (py, pm) = release(child), release(parent)
    if cy != py:
        return cy < py
    return bool(cm and pm and cm < pm)


def _at(item: LoadedEntry, index: int, message: str, hint: str = "") -> Problem:
    line, column = item.source.document.position(("builds_on", index, "entry"))
    return Problem(item.source.label, line, column, message, hint)


def _cycles(by_id: dict[str, LoadedEntry], found: list[Edge]) -> list[list[Edge]]:
    """Each cycle once, as its edges in order (depth-first search over child -> parent)."""
    out = parents_by_child(found)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[Edge] = []
    cycles: list[list[Edge]] = []

    def visit(node: str) -> None:
        state[node] = 1
        for edge in out.get(node, []):
            if edge.parent not in by_id:
                continue
            if state.get(edge.parent) == 1:
                walk = [*path, edge]
                start = next(i for i, e in enumerate(walk) if e.child == edge.parent)
                cycles.append(walk[start:])
            elif edge.parent not in state:
                path.append(edge)
                visit(edge.parent)
                path.pop()
        state[node] = 2

    for node in sorted(out):
        if node not in state:
            visit(node)
    return cycles


def _foreign_sources(item: LoadedEntry) -> list[Problem]:
    """Relations whose source is the page of another arXiv paper: the quote must come from the child."""
    own = item.entry.arxiv_id
    problems = []
    for index, relation in enumerate(item.entry.lineage):
        named = new_style_ids_in(relation.source or "")
        if own and named and own not in named:
            message = (
                f"builds_on '{relation.entry}': the source names arXiv {', '.join(sorted(named))}, "
                f"not this entry's {own}"
            )
            problems.append(_at(item, index, message, "the quote is the child's own words: cite its page"))
    return problems


def lineage_problems(items: list[LoadedEntry]) -> list[Problem]:
    """Self-relations, children older than their parents, sources that are another paper's page, and
    every cycle (printed whole)."""
    by_id = {item.id: item for item in items}
    found = edges(items)
    problems = [problem for item in items for problem in _foreign_sources(item)]
    for edge in found:
        child, parent = by_id[edge.child], by_id.get(edge.parent)
        if edge.child == edge.parent:
            problems.append(_at(child, edge.index, f"{edge.child} builds on itself"))
        elif parent is not None and _older(child, parent):
            when = "-".join(str(part) for part in release(parent) if part)
            problems.append(
                _at(
                    child,
                    edge.index,
                    f"builds_on '{edge.parent}', which was first released later ({when})",
                    "a work can only build on earlier work; check both dates",
                )
            )
    for cycle in _cycles(by_id, [e for e in found if e.child != e.parent]):
        loop = " -> ".join([cycle[0].child, *(edge.parent for edge in cycle)])
        first = cycle[0]
        problems.append(_at(by_id[first.child], first.index, f"builds_on makes a cycle: {loop}"))
    return problems
