"""Turn arXiv metadata and a maintainer's choices into a new, validated entry file."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from awesome_opt.catalog import Catalog, check_catalog
from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.documents import validate_document
from awesome_opt.errors import DataError, InputError, Problem, display_path
from awesome_opt.identifiers import normalise_arxiv
from awesome_opt.loader import LoadedEntry, Source
from awesome_opt.schema import Paper, Survey
from awesome_opt.yamlfile import parse_yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json"
MAX_SLUG = 48


def parse_arxiv_reference(text: str) -> str:
    """The arXiv id in ``2402.03300``, ``arXiv:2402.03300v2`` or an arxiv.org abs/pdf URL."""
    found = normalise_arxiv(text)
    if found is None:
        raise InputError(f"'{text}' is not an arXiv id or arxiv.org abs/pdf URL (e.g. 2402.03300)")
    return found


def slugify(title: str) -> str:
    """A file name from a title: the part before a colon when short, else the first words."""
    head = title.split(":")[0] if ":" in title and len(title.split(":")[0]) <= 40 else title
    text = unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text.replace("++", "pp"))
    slug = ""
    for word in words[:6]:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "paper"


@dataclass
class Choices:
    """What the maintainer decides: section, summary and the axes."""

    section: str
    summary: str
    provenance: str | None = None
    role: str | None = None
    signal: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    also_in: list[str] = field(default_factory=list)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def entry_text(record: ArxivRecord, choices: Choices, added: dt.date) -> str:
    """The YAML file, fields in the order of the existing entries, every field filled."""
    lines = [
        SCHEMA_LINE,
        f"title: {json.dumps(record.title, ensure_ascii=False)}",
        "authors: [" + ", ".join(json.dumps(a, ensure_ascii=False) for a in record.authors) + "]",
        "authors_complete: true",
        f"year: {record.year}",
        f"month: {record.month}",
        f'arxiv: "{record.arxiv_id}"',
    ]
    if record.doi:
        lines.append(f'doi: "{record.doi}"')
    lines.append(f"section: {choices.section}")
    lines.append(f"also_in: {_flow(choices.also_in)}")
    if choices.provenance:
        lines.append(f"provenance: {choices.provenance}")
    if choices.role:
        lines.append(f"role: {choices.role}")
    lines += [f"signal: {_flow(choices.signal)}", f"tags: {_flow(choices.tags)}", "code: []"]
    lines += [f"summary: {json.dumps(choices.summary, ensure_ascii=False)}", f"added: {added.isoformat()}"]
    return "\n".join(lines) + "\n"


def check_new_entry(catalog: Catalog, path: Path, text: str) -> LoadedEntry:
    """Validate ``text`` as the entry at ``path`` together with the catalog; raise DataError."""
    label = display_path(path)
    document = parse_yaml(text.encode("utf-8"))
    model = Survey if path.parent.name == "surveys" else Paper
    entry = validate_document(model, document, label, {"taxonomy": catalog.taxonomy})
    item = LoadedEntry(path.stem, entry, Source(path, label, document))
    combined = Catalog(catalog.taxonomy, [*catalog.items, item], catalog.taxonomy_source)
    problems = [p for p in check_catalog(combined) if p.path == label]
    if problems:
        raise DataError(problems)
    return item


def duplicate_problem(existing: LoadedEntry, arxiv_id: str) -> Problem:
    """The refusal naming the file that already lists the paper."""
    return Problem(
        existing.source.label,
        existing.source.line_of("arxiv"),
        1,
        f"arXiv {arxiv_id} is already listed as '{existing.id}' in {existing.source.label}",
        "edit that file instead of adding a second entry",
    )
