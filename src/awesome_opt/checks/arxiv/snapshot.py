"""The committed snapshot of arXiv metadata (``data/arxiv-snapshot.jsonl``) for offline checks.

One JSON object a line, sorted by id: ``arxiv_id``, ``title``, ``authors``, ``authors_complete``,
``year``, ``month`` (of the first version) and, when it came from the API, ``published`` and the
``version`` read with the date it was posted (``updated``), so a reader can tell which version the
title and author line are from. Lines written by hand name what was read in ``source`` instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.errors import DataError, Problem, display_path
from awesome_opt.fileio import write_atomic


def _record(data: dict[str, Any]) -> ArxivRecord:
    published = str(data.get("published") or f"{int(data['year']):04d}-{int(data.get('month') or 1):02d}-01")
    return ArxivRecord(
        arxiv_id=str(data["arxiv_id"]),
        title=str(data["title"]),
        authors=tuple(str(name) for name in data["authors"]),
        published=published,
        updated=str(data.get("updated", "")),
        version=int(data.get("version", 1)),
        authors_complete=bool(data.get("authors_complete", True)),
    )


def read_snapshot(path: Path) -> dict[str, ArxivRecord]:
    """Records by arXiv id; a missing file is an empty snapshot.

    Broken lines and a second line for an id already read (left, say, by a union merge of two
    branches that both edited it) are reported together in one DataError, with their lines.
    """
    if not path.is_file():
        return {}
    records: dict[str, ArxivRecord] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    shown = display_path(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = _record(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(shown, number, 1, f"bad snapshot line: {exc}"))
            continue
        if record.arxiv_id in first_line:
            message = f"arXiv id {record.arxiv_id} already has a line ({first_line[record.arxiv_id]})"
            hint = "keep one line per id: merge the two lines' sources and drop the other"
            problems.append(Problem(shown, number, 1, message, hint))
            continue
        first_line[record.arxiv_id] = number
        records[record.arxiv_id] = record
    if problems:
        raise DataError(problems)
    return records


def snapshot_line(record: ArxivRecord) -> dict[str, Any]:
    """The snapshot's JSON object for one record."""
    return {
        "arxiv_id": record.arxiv_id,
        "title": record.title,
        "authors": list(record.authors),
        "authors_complete": record.authors_complete,
        "year": record.year,
        "month": record.month,
        "published": record.published,
        "version": record.version,
        "updated": record.updated,
    }


def format_snapshot(lines: list[dict[str, Any]]) -> str:
    """Sorted, one compact object a line: stable and friendly to diffs."""
    ordered = sorted(lines, key=lambda item: str(item["arxiv_id"]))
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in ordered)


def write_snapshot(path: Path, records: dict[str, ArxivRecord]) -> int:
    """Write ``records`` (fresh from the API) over the lines already in ``path``; return the count."""
    merged: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                merged[str(data["arxiv_id"])] = data
    merged.update({arxiv_id: snapshot_line(record) for arxiv_id, record in records.items()})
    write_atomic(path, format_snapshot(list(merged.values())))
    return len(merged)
