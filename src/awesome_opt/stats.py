"""Counts per section, kind, year and axis."""

from __future__ import annotations

from collections import Counter
from typing import Any

from awesome_opt.catalog import Catalog
from awesome_opt.lineage import coverage, edges


def catalog_stats(catalog: Catalog) -> dict[str, Any]:
    """Statistics of the catalog as plain data."""
    sections = {s.id: catalog.count_in(s.id) for s in catalog.taxonomy.sections}
    years = Counter(item.entry.sort_year for item in catalog if item.entry.sort_year)
    axes: dict[str, Counter[str]] = {"provenance": Counter(), "role": Counter(), "signal": Counter()}
    for item in catalog:
        if not item.entry.has_axes:
            continue
        found = item.entry.axes
        axes["provenance"][found.provenance or "unset"] += 1
        axes["role"][found.role or "unset"] += 1
        axes["signal"].update(found.signal)
    return {
        "total": len(catalog),
        "kinds": dict(sorted(catalog.counts_by_kind().items())),
        "sections": sections,
        "years": dict(sorted(years.items())),
        "axes": {name: dict(counter.most_common()) for name, counter in axes.items()},
        "landmarks": sum(1 for item in catalog if item.entry.landmark),
        "lineage": dict(zip(("relations", "entries"), coverage(edges(catalog)), strict=True)),
    }


def format_stats(stats: dict[str, Any], catalog: Catalog) -> str:
    """Human-readable statistics table."""
    lines = [f"{stats['total']} entries: " + ", ".join(f"{n} {k}" for k, n in stats["kinds"].items()), ""]
    lines.append(f"{'section':<32} entries  minimum")
    for section in catalog.taxonomy.sections:
        indent = "  " if section.parent else ""
        minimum = str(section.minimum) if section.minimum else ""
        lines.append(f"{indent + section.id:<32} {stats['sections'][section.id]:>7}  {minimum:>7}")
    lines.append("")
    lines.append("per year: " + ", ".join(f"{y}: {n}" for y, n in stats["years"].items()))
    for axis, counts in stats["axes"].items():
        lines.append(f"{axis}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    lines.append(f"landmarks: {stats['landmarks']}")
    lineage = stats["lineage"]
    lines.append(f"lineage: {lineage['relations']} relations touching {lineage['entries']} entries")
    return "\n".join(lines)
