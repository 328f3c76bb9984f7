"""Compare an entry's title, authors and year with arXiv's, tolerant of markup, accents and initials."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from awesome_opt.checks.arxiv import ArxivRecord
from awesome_opt.identifiers import fold_name, title_key
from awesome_opt.schema import Publication

STATUSES = ("ok", "updated", "withdrawn", "mismatch", "not-found", "unchecked")
FAILING = frozenset({"mismatch", "not-found"})


@dataclass(frozen=True)
class Difference:
    """One field that differs: our value and arXiv's, as text."""

    field: str
    ours: str
    arxiv: str

    def to_json(self) -> dict[str, str]:
        """``{"field", "ours", "arxiv"}``."""
        return {"field": self.field, "ours": self.ours, "arxiv": self.arxiv}


@dataclass
class Verdict:
    """The outcome for one entry."""

    status: str
    differences: list[Difference] = field(default_factory=list)
    note: str = ""
    record: ArxivRecord | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one result (without the entry's id and arXiv id)."""
        return {
            "status": self.status,
            "differences": [d.to_json() for d in self.differences],
            "note": self.note,
        }


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[\s.\-,]+", fold_name(name)) if part]


def same_author(ours: str, theirs: str) -> bool:
    """Same family name, and each given name equal or an initial of the other."""
    a, b = _name_parts(ours), _name_parts(theirs)
    if not a or not b:
        return a == b
    if a == b or "".join(a) == "".join(b):
        return True
    if a[-1] != b[-1]:
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    return all(
        x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0])
        for x, y in zip(given_a, given_b, strict=False)
    )


def authors_agree(ours: list[str], theirs: list[str], ours_complete: bool, theirs_complete: bool) -> bool:
    """Same names in the same order; an incomplete list only has to be a prefix of the other."""
    if ours_complete and theirs_complete and len(ours) != len(theirs):
        return False
    if not ours_complete and len(ours) > len(theirs) and theirs_complete:
        return False
    if ours_complete and not theirs_complete and len(theirs) > len(ours):
        return False
    return all(same_author(a, b) for a, b in zip(ours, theirs, strict=False))


def compare(entry: Publication, record: ArxivRecord, added: dt.date | None = None) -> Verdict:
    """Compare one publication with arXiv's record."""
    differences = []
    if title_key(entry.title) != title_key(record.title):
        differences.append(Difference("title", entry.title, record.title))
    authors = list(record.authors)
    if not authors_agree(entry.authors, authors, entry.authors_complete, record.authors_complete):
        differences.append(Difference("authors", ", ".join(entry.authors), ", ".join(authors)))
    if entry.year != record.year:
        differences.append(Difference("year", str(entry.year), str(record.year)))
    if differences:
        return Verdict("mismatch", differences, record=record)
    if record.withdrawn:
        return Verdict("withdrawn", note=record.comment or record.title, record=record)
    if added is not None and record.version > 1 and record.updated and record.updated > added.isoformat():
        return Verdict("updated", note=f"v{record.version} of {record.updated} is newer", record=record)
    return Verdict("ok", record=record)
