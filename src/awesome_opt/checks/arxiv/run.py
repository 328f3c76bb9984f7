"""Check every entry with an arXiv id: from the API (batched, cached) or from the offline snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awesome_opt.catalog import Catalog
from awesome_opt.checks.arxiv.api import ArxivApi, FetchResult
from awesome_opt.checks.arxiv.compare import ArxivStatus, ArxivVerdict, compare
from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.checks.cache import JsonCache
from awesome_opt.checks.github.metrics import github_repo
from awesome_opt.errors import Problem, Severity
from awesome_opt.fileio import write_atomic
from awesome_opt.loader import LoadedEntry
from awesome_opt.schema import Publication
from awesome_opt.yamledit import replace_values, without_comment_above


@dataclass
class Outcome:
    """One entry's verdict with where to report it."""

    item: LoadedEntry
    arxiv: str
    verdict: ArxivVerdict
    fixed: bool = False

    @property
    def line(self) -> int:
        """The line of the first differing field, else of the arXiv id."""
        fields = [d.field for d in self.verdict.differences] or ["arxiv"]
        return self.item.source.line_of(fields[0])

    def to_json(self) -> dict[str, Any]:
        """``id``, ``arxiv``, ``status``, ``differences``, ``note``, ``file``, ``line``, ``fixed``."""
        data = {"id": self.item.id, "arxiv": self.arxiv, **self.verdict.to_json()}
        return {**data, "file": self.item.source.label, "line": self.line, "fixed": self.fixed}

    def problem(self) -> Problem:
        """The outcome as a located problem (for text and annotations)."""
        verdict = self.verdict
        details = "; ".join(f"{d.field}: ours {d.ours!r}, arXiv {d.arxiv!r}" for d in verdict.differences)
        message = f"{self.item.id} (arXiv {self.arxiv}): {verdict.status}"
        text = ": ".join(part for part in (message, details or verdict.note) if part)
        severity = verdict.status.severity
        if self.fixed and severity is Severity.ERROR:
            severity = Severity.WARNING
        return Problem(self.item.source.label, self.line, 1, text, "fixed" if self.fixed else "", severity)


def targets(catalog: Catalog, only: set[Path] | None = None) -> list[tuple[LoadedEntry, Publication]]:
    """Publications with an arXiv id (restricted to files in ``only`` when given)."""
    chosen = []
    for item in catalog:
        entry = item.entry
        wanted = only is None or item.source.path.resolve() in only
        if isinstance(entry, Publication) and entry.arxiv_id and wanted:
            chosen.append((item, entry))
    return chosen


def linked_repositories(catalog: Catalog) -> dict[str, set[str]]:
    """For each entry id, the GitHub repositories (``owner/repo``, lower case) it links as code:
    its own code URLs, the code entries it names, and the code entries that name it as their paper.
    An entry that links code elsewhere (not on GitHub) maps to ``{""}``, so it never looks code-less."""
    found: dict[str, set[str]] = {}

    def add(entry_id: str, url: str) -> None:
        found.setdefault(entry_id, set()).add(github_repo(url) or "")

    for item in catalog:
        for ref in item.entry.code_refs:
            target = catalog.by_id.get(ref)
            add(item.id, target.entry.link if target is not None else ref)
        if item.entry.paper_ref:
            add(item.entry.paper_ref, item.entry.link)
    return found


def fetch_with_cache(api: ArxivApi, ids: list[str], cache: JsonCache) -> FetchResult:
    """Records for ``ids``: cached ones first, the rest from the API (and then cached)."""
    result = FetchResult()
    missing = []
    for arxiv_id in ids:
        cached = cache.get(f"arxiv:{arxiv_id}")
        if cached is not None:
            result.records[arxiv_id] = ArxivRecord.from_json(cached)
        else:
            missing.append(arxiv_id)
    if missing:
        fetched = api.fetch(missing)
        result.records.update(fetched.records)
        result.rejected, result.failed, result.requests = fetched.rejected, fetched.failed, fetched.requests
        for arxiv_id, record in fetched.records.items():
            cache.put(f"arxiv:{arxiv_id}", record.to_json())
    cache.save()
    return result


def verdict_for(
    entry: Publication, added: dt.date, arxiv_id: str, found: FetchResult, linked: set[str] | None = None
) -> ArxivVerdict:
    """Compare with the fetched record (``linked``: the repositories the entry links as code, see
    :func:`compare`), or say why there is none."""
    record = found.records.get(arxiv_id)
    if record is not None:
        return compare(entry, record, added, linked)
    if arxiv_id in found.rejected:
        return ArxivVerdict(ArxivStatus.NOT_FOUND, note=f"arXiv rejects the id: {found.rejected[arxiv_id]}")
    if arxiv_id in found.failed:
        return ArxivVerdict(ArxivStatus.UNCHECKED, note=found.failed[arxiv_id])
    return ArxivVerdict(ArxivStatus.NOT_FOUND, note="arXiv has no paper with this id")


def offline_verdict(entry: Publication, snapshot: dict[str, ArxivRecord], arxiv_id: str) -> ArxivVerdict:
    """Compare with the snapshot; an id it lacks is ``not-covered`` (not a failure)."""
    record = snapshot.get(arxiv_id)
    if record is None:
        return ArxivVerdict(ArxivStatus.NOT_COVERED, note="not in the arXiv snapshot")
    return compare(entry, record)


def fix_entry(outcome: Outcome) -> bool:
    """Write arXiv's title/authors/year/month over the differing fields, and mark an author list taken
    whole from arXiv as complete (dropping the comment above the flag that said why it was short);
    True when the file changed."""
    record = outcome.verdict.record
    if record is None:
        return False
    values: dict[str, Any] = {}
    for difference in outcome.verdict.differences:
        if difference.field == "title":
            values["title"] = record.title
        elif difference.field == "authors" and record.authors_complete:
            values["authors"] = list(record.authors)
            entry = outcome.item.entry
            if isinstance(entry, Publication) and not entry.authors_complete:
                values["authors_complete"] = True  # arXiv's whole list replaces a list cut short
        elif difference.field == "year":
            values["year"] = record.year
        elif difference.field == "month":
            values["month"] = record.month
        elif difference.field == "authors_complete":
            values["authors_complete"] = True
    if not values:
        return False
    path = outcome.item.source.path
    text = replace_values(path.read_text(encoding="utf-8"), values)
    if values.get("authors_complete"):
        text = without_comment_above(text, "authors_complete")  # it said why the list was short
    write_atomic(path, text)
    return True


def run_checks(
    chosen: list[tuple[LoadedEntry, Publication]], judge: Callable[[LoadedEntry, Publication], ArxivVerdict]
) -> list[Outcome]:
    """One outcome per entry, in catalog order."""
    return [Outcome(item, entry.arxiv or "", judge(item, entry)) for item, entry in chosen]
