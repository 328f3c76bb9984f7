"""Compare an entry's title, authors and year with arXiv's, tolerant of markup, accents and initials;
and report a repository the paper names that the entry does not link, a name the abstract
introduces that the entry never mentions, or a venue arXiv reports that the entry does not name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.checks.arxiv.names import unnamed
from awesome_opt.checks.arxiv.venues import venue_reported
from awesome_opt.checks.github.metrics import github_repo
from awesome_opt.checks.urls import URL_IN_TEXT, clean_url
from awesome_opt.errors import Severity
from awesome_opt.identifiers import fold_name, title_case_key, unaccented
from awesome_opt.schema import Publication


class ArxivStatus(StrEnum):
    """How an entry compares with arXiv; ``mismatch`` and ``not-found`` fail a run."""

    OK = "ok"
    UPDATED = "updated"  # a newer version appeared after the entry was added
    CODE_UNLINKED = "code-unlinked"  # the abstract or comment names a repository the entry does not link
    NAME_MISSING = "name-missing"  # the abstract introduces a name the entry's texts never mention
    VENUE_UNNAMED = "venue-unnamed"  # arXiv says where the paper appeared; the entry names no venue
    WITHDRAWN = "withdrawn"
    MISMATCH = "mismatch"
    NOT_FOUND = "not-found"
    UNCHECKED = "unchecked"  # the API could not be asked
    NOT_COVERED = "not-covered"  # offline: the snapshot lacks the id

    @property
    def severity(self) -> Severity:
        """How a report marks an entry in this state (before any fix)."""
        if self in (ArxivStatus.MISMATCH, ArxivStatus.NOT_FOUND):
            return Severity.ERROR
        if self in (
            ArxivStatus.WITHDRAWN,
            ArxivStatus.UNCHECKED,
            ArxivStatus.CODE_UNLINKED,
            ArxivStatus.NAME_MISSING,
            ArxivStatus.VENUE_UNNAMED,
        ):
            return Severity.WARNING
        return Severity.NOTICE

    def fails(self, strict: bool = False) -> bool:
        """True when an entry in this state (not fixed) makes the run exit 1."""
        return self in (ArxivStatus.MISMATCH, ArxivStatus.NOT_FOUND) or (
            strict and self is ArxivStatus.UNCHECKED
        )


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
class ArxivVerdict:
    """The outcome for one entry."""

    status: ArxivStatus
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


def names_spelled_differently(ours: list[str], theirs: list[str]) -> bool:
    """Some name, paired by position, is the same person as arXiv's but spelt otherwise: capitals
    ('Yinghao chen'), a middle initial more or less ('Karthik R. Narasimhan'), a given name cut to its
    initial. Accents, spacing and the full stop after an initial do not count: arXiv's records write
    them several ways."""
    return any(_spelling(a) != _spelling(b) for a, b in zip(ours, theirs, strict=False))


def _spelling(name: str) -> str:
    return " ".join(unaccented(name).replace(".", " ").split())


def unlinked_repositories(record: ArxivRecord, linked: set[str]) -> list[str]:
    """The repositories the paper names that are not among ``linked`` (``owner/repo``, lower case)."""
    return [f"https://github.com/{repo}" for repo in _repos_named(record) if repo not in linked]


def repositories_named(record: ArxivRecord) -> list[str]:
    """The GitHub repositories (``https://github.com/owner/repo``) the abstract or the comment names."""
    return unlinked_repositories(record, set())


def _repos_named(record: ArxivRecord) -> list[str]:
    """``owner/repo`` (lower case) of each GitHub repository the abstract or comment names, in order."""
    found: list[str] = []
    for raw in URL_IN_TEXT.findall(f"{record.summary} {record.comment}"):
        repo = github_repo(clean_url(raw))
        if repo and repo not in found:
            found.append(repo)
    return found


def _it_or_them(items: list[str]) -> str:
    return "it" if len(items) == 1 else "them"


def compare(
    entry: Publication, record: ArxivRecord, added: dt.date | None = None, linked: set[str] | None = None
) -> ArxivVerdict:
    """Compare one publication with arXiv's record. ``linked``: the GitHub repositories (``owner/repo``,
    lower case) the entry links as code, directly or through code entries; a repository the paper
    names outside it is reported. ``None`` skips that check."""
    differences = []
    if title_case_key(entry.title) != title_case_key(record.title):  # capitals count, as on arXiv
        differences.append(Difference("title", entry.title, record.title))
    authors = list(record.authors)
    if not authors_agree(
        entry.authors, authors, entry.authors_complete, record.authors_complete
    ) or names_spelled_differently(entry.authors, authors):
        differences.append(Difference("authors", ", ".join(entry.authors), ", ".join(authors)))
    elif not entry.authors_complete and record.authors_complete and len(authors) <= len(entry.authors):
        # arXiv lists no one the entry lacks: the list is whole and the flag is stale
        differences.append(Difference("authors_complete", "false", "true"))
    if entry.year != record.year:
        differences.append(Difference("year", str(entry.year), str(record.year)))
    if entry.month is not None and entry.month != record.month:  # of the first version, not of the id
        differences.append(Difference("month", str(entry.month), str(record.month)))
    if differences:
        return ArxivVerdict(ArxivStatus.MISMATCH, differences, record=record)
    if record.withdrawn:
        return ArxivVerdict(ArxivStatus.WITHDRAWN, note=record.comment or record.title, record=record)
    named = [] if linked is None else unlinked_repositories(record, linked)
    if named:
        links = "the entry links no code" if not linked else f"the entry does not link {_it_or_them(named)}"
        advice = "add it if it is the official code" if len(named) == 1 else "add each that is official code"
        note = f"the paper names {', '.join(named)}; {links} ({advice})"
        return ArxivVerdict(ArxivStatus.CODE_UNLINKED, note=note, record=record)
    missing = unnamed(record.summary, entry.title, entry.summary, entry.why_read)
    if missing:
        note = (
            f"the abstract introduces {', '.join(missing)}; the entry's title, summary and why_read "
            f"never name {_it_or_them(missing)} (name what the paper presents)"
        )
        return ArxivVerdict(ArxivStatus.NAME_MISSING, note=note, record=record)
    reported = "" if entry.venue else venue_reported(record)
    if reported:
        note = f"arXiv says {reported!r}; the entry names no venue (add venue: if the paper appeared there)"
        return ArxivVerdict(ArxivStatus.VENUE_UNNAMED, note=note, record=record)
    if added is not None and record.version > 1 and record.updated and record.updated > added.isoformat():
        return ArxivVerdict(
            ArxivStatus.UPDATED, note=f"v{record.version} of {record.updated} is newer", record=record
        )
    return ArxivVerdict(ArxivStatus.OK, record=record)
