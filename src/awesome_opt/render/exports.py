"""Machine-readable exports of the catalog: JSON, BibTeX and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from awesome_opt.catalog import Catalog
from awesome_opt.loader import LoadedEntry

EXPORT_FORMATS = ("json", "bibtex", "csv")
CSV_COLUMNS = (
    "id",
    "kind",
    "title",
    "authors",
    "year",
    "arxiv",
    "url",
    "venue",
    "section",
    "also_in",
    "provenance",
    "role",
    "signal",
    "tags",
    "summary",
    "added",
)
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def entry_record(item: LoadedEntry) -> dict[str, Any]:
    """One entry as a JSON-ready mapping: id, kind, link and every field."""
    record: dict[str, Any] = {"id": item.id, "kind": item.entry.kind}
    record.update(item.entry.export_record())
    record["link"] = item.entry.link
    return record


def to_json(catalog: Catalog) -> str:
    """All entries as a JSON array, ordered by id."""
    return json.dumps([entry_record(item) for item in catalog], indent=2, ensure_ascii=False) + "\n"


def bibtex_escape(text: str) -> str:
    """Escape LaTeX special characters so any string is a valid, balanced BibTeX value."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), text)


def _bibtex_value(name: str, value: str | list[str]) -> str:
    if isinstance(value, list):
        return " and ".join(bibtex_escape(part) for part in value)
    return "{" + bibtex_escape(value) + "}" if name == "title" else bibtex_escape(value)


def bibtex_entry(item: LoadedEntry) -> str:
    """One BibTeX record keyed by the entry id: the fields its kind gives, then the link."""
    record = item.entry.bibtex()
    fields = [(name, _bibtex_value(name, value)) for name, value in record.fields]
    fields.append(("url", bibtex_escape(item.entry.link)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{record.type}{{{item.id},\n{body}\n}}\n"


def to_bibtex(catalog: Catalog) -> str:
    """All entries as BibTeX, one record per entry."""
    return "\n".join(bibtex_entry(item) for item in catalog)


def to_csv(catalog: Catalog) -> str:
    """All entries as CSV with a header row; lists are joined with "; "."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in catalog:
        record = entry_record(item)
        record["title"] = item.entry.display_name
        record["url"] = item.entry.link
        for key, value in record.items():
            if isinstance(value, list):
                record[key] = "; ".join(str(v) for v in value)
        writer.writerow(record)
    return buffer.getvalue()


def export(catalog: Catalog, fmt: str) -> str:
    """The catalog in one of :data:`EXPORT_FORMATS`."""
    writers = {"json": to_json, "bibtex": to_bibtex, "csv": to_csv}
    return writers[fmt](catalog)
