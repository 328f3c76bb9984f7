"""Render README.md from the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from awesome_opt import __version__
from awesome_opt.catalog import Catalog
from awesome_opt.checks.github.metrics import badges, read_metrics
from awesome_opt.loader import LoadedEntry
from awesome_opt.render.environment import environment
from awesome_opt.render.lineage_views import hubs
from awesome_opt.taxonomy import Section

README_TEMPLATE = "readme.md.j2"


@dataclass
class SectionView:
    """A section as the templates see it: its entries, cross-references and sub-sections."""

    section: Section
    depth: int
    entries: list[LoadedEntry]
    see_also: list[LoadedEntry]
    count: int
    children: list[SectionView] = field(default_factory=list)


def section_views(catalog: Catalog, parent: str | None = None, depth: int = 2) -> list[SectionView]:
    """The section tree below ``parent`` (top level when None), in taxonomy order."""
    views = []
    for section in catalog.taxonomy.sections:
        if section.parent != parent:
            continue
        view = SectionView(
            section=section,
            depth=depth,
            entries=catalog.entries_in(section.id),
            see_also=catalog.cross_references(section.id),
            count=catalog.count_in(section.id),
            children=section_views(catalog, section.id, depth + 1),
        )
        views.append(view)
    return views


def landmarks(catalog: Catalog) -> list[LoadedEntry]:
    """Landmark entries in taxonomy order: the "Start here" reading list."""
    order = {section.id: index for index, section in enumerate(catalog.taxonomy.sections)}
    chosen = [item for item in catalog if item.entry.landmark]
    return sorted(chosen, key=lambda item: (order[item.entry.section], item.entry.sort_year, item.id))


def repo_badges(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """Stars and archived state of code entries, from the committed data/metrics.json (no network)."""
    if catalog.taxonomy_source is None:
        return {}
    figures = read_metrics(catalog.taxonomy_source.path.parent)
    return badges([(item.id, item.entry.link) for item in catalog if item.entry.kind == "code"], figures)


def start_here(catalog: Catalog) -> list[tuple[str, list[LoadedEntry]]]:
    """Landmarks grouped by section, as (section title, entries) in taxonomy order."""
    groups: dict[str, list[LoadedEntry]] = {}
    for item in landmarks(catalog):
        groups.setdefault(item.entry.section, []).append(item)
    return [(catalog.taxonomy.section_by_id[section].title, items) for section, items in groups.items()]


def readme_context(catalog: Catalog) -> dict[str, Any]:
    """Everything the README template needs."""
    added = [item.entry.added for item in catalog]
    return {
        "catalog": catalog,
        "sections": section_views(catalog),
        "start_here": start_here(catalog),
        "total": len(catalog),
        "last_updated": max(added).isoformat() if added else "never",
        "version": __version__,
        "metrics": repo_badges(catalog),
        "lineage": [(family, hubs(catalog, family)) for family in catalog.taxonomy.families],
    }


def render_readme(catalog: Catalog) -> str:
    """The full text of README.md."""
    template = environment().get_template(README_TEMPLATE)
    return template.render(readme_context(catalog))
