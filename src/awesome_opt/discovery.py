"""A radar for new papers: search arXiv with each section's keywords and rank what is not listed yet."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from awesome_opt.catalog import Catalog
from awesome_opt.checks.arxiv.api import ArxivApi
from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.identifiers import abs_url
from awesome_opt.render.escape import escape_markdown, markdown_url
from awesome_opt.taxonomy import Section

CATEGORIES = ("cs.CL", "cs.LG", "cs.AI")
TITLE_WEIGHT = 3


@dataclass
class Candidate:
    """A paper the search found, with the keyword evidence for each section."""

    record: ArxivRecord
    evidence: dict[str, list[str]] = field(default_factory=dict)  # section id -> keywords found
    score: int = 0

    @property
    def section(self) -> str:
        """The section with the most evidence (first found on ties)."""
        return max(self.evidence, key=lambda s: len(self.evidence[s])) if self.evidence else ""


def search_query(keywords: list[str], since: dt.date, until: dt.date) -> str:
    """``(all:"k1" OR all:"k2") AND (cat:cs.CL OR ...) AND submittedDate:[... TO ...]``."""
    phrases = " OR ".join(f'all:"{keyword}"' for keyword in keywords)
    categories = " OR ".join(f"cat:{category}" for category in CATEGORIES)
    dates = f"submittedDate:[{since:%Y%m%d}0000 TO {until:%Y%m%d}2359]"
    return f"({phrases}) AND ({categories}) AND {dates}"


def keyword_score(record: ArxivRecord, keywords: list[str]) -> tuple[int, list[str]]:
    """Occurrences of each keyword phrase (title counts ``TITLE_WEIGHT`` times), and those found."""
    title, abstract = record.title.lower(), record.summary.lower()
    score, found = 0, []
    for keyword in keywords:
        pattern = re.compile(r"\b" + re.escape(keyword.lower()) + r"\b")
        hits = TITLE_WEIGHT * len(pattern.findall(title)) + len(pattern.findall(abstract))
        if hits:
            score += hits
            found.append(keyword)
    return score, found


def discover(
    api: ArxivApi, catalog: Catalog, since: dt.date, until: dt.date, max_results: int
) -> list[Candidate]:
    """Candidates not yet listed, best evidence first (one query per section with keywords)."""
    known = catalog.arxiv_ids()
    found: dict[str, Candidate] = {}
    sections: list[Section] = [
        s for s in catalog.taxonomy.sections if s.keywords and s.id in catalog.taxonomy.leaf_ids
    ]
    for section in sections:
        query: dict[str, str | int] = {
            "search_query": search_query(section.keywords, since, until),
            "max_results": max_results,
            "sortBy": "submittedDate",
            "sortOrder": "descending",
        }
        for record in api.query(query).records:
            if record.arxiv_id in known:
                continue
            score, keywords = keyword_score(record, section.keywords)
            candidate = found.setdefault(record.arxiv_id, Candidate(record))
            if keywords:
                candidate.evidence[section.id] = keywords
                candidate.score += score
    ranked = [c for c in found.values() if c.score > 0]
    return sorted(ranked, key=lambda c: (-c.score, c.record.published, c.record.arxiv_id))


def add_command(candidate: Candidate) -> str:
    """The ``awesome-opt add`` line a maintainer can run for a candidate."""
    return f"awesome-opt add {candidate.record.arxiv_id} --section {candidate.section} --summary '...'"


def candidates_yaml(candidates: list[Candidate]) -> str:
    """``candidates.yaml``: one mapping per candidate, ready for ``add``."""
    rows: list[dict[str, Any]] = [
        {
            "arxiv": c.record.arxiv_id,
            "title": c.record.title,
            "authors": list(c.record.authors),
            "published": c.record.published,
            "section": c.section,
            "score": c.score,
            "evidence": c.evidence,
            "add": add_command(c),
        }
        for c in candidates
    ]
    return yaml.safe_dump({"candidates": rows}, sort_keys=False, allow_unicode=True, width=1000)


def report_markdown(candidates: list[Candidate], since: dt.date, until: dt.date) -> str:
    """A Markdown report for a pull request: ranked candidates with their evidence."""
    lines = [
        f"# arXiv candidates {since.isoformat()} to {until.isoformat()}",
        "",
        f"{len(candidates)} paper(s) not yet listed, ranked by keyword evidence. "
        "Each needs a summary in your own words before `awesome-opt add`.",
        "",
    ]
    for rank, c in enumerate(candidates, start=1):
        url = markdown_url(abs_url(c.record.arxiv_id))
        evidence = "; ".join(f"{s}: {', '.join(k)}" for s, k in c.evidence.items())
        lines += [
            f"{rank}. [{escape_markdown(c.record.title)}]({url}) ({c.record.published}), score {c.score}.",
            f"   Evidence: {escape_markdown(evidence)}.",
            f"   `{add_command(c)}`",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
