"""``check-github`` results: located problems per linking entry, JSON rows and the summary line."""

from __future__ import annotations

import json
from typing import Any, TextIO

from awesome_opt.checks.github.api import RepoResult, RepoStatus
from awesome_opt.checks.github.readme import MAIN_README
from awesome_opt.checks.github.run import Place, UnlinkedData
from awesome_opt.errors import Problem, Severity
from awesome_opt.output.problems import format_problems


def repo_problems(results: list[RepoResult], places: dict[str, list[Place]], strict: bool) -> list[Problem]:
    """A problem at each place that links a repository which is gone, archived or in error."""
    problems = []
    for result in results:
        if result.status is RepoStatus.OK:
            continue
        severity = Severity.ERROR if result.status.fails(strict) else Severity.WARNING  # strict: all
        message = f"github.com/{result.repo}: {result.status}"
        archived = result.status is RepoStatus.ARCHIVED
        note = result.note or ("read-only since it was archived" if archived else "")
        for entry_id, label, line in places[result.repo]:
            problems.append(Problem(label, line, 1, f"{entry_id}: {message}", note, severity))
    return sorted(problems)


def data_problems(found: list[UnlinkedData]) -> list[Problem]:
    """A notice at the code link of each entry whose repository's README links data it does not."""
    return [
        Problem(
            f.label,
            f.line,
            1,
            f"{f.entry_id}: {_where(f)} links data the entry does not: " + ", ".join(f.urls),
            "where the work releases it, add its home to `code:`; data the work only uses stays out",
            Severity.NOTICE,
        )
        for f in found
    ]


def _where(found: UnlinkedData) -> str:
    """``the README of github.com/o/r``, naming the other files when they link some of the data."""
    if found.files == (MAIN_README,):
        return f"the README of github.com/{found.repo}"
    return f"github.com/{found.repo} ({', '.join(found.files)})"


def data_rows(found: list[UnlinkedData]) -> list[dict[str, Any]]:
    """One JSON row per entry whose repository's README files link data it does not."""
    return [
        {"entry": f.entry_id, "repo": f.repo, "files": list(f.files), "unlinked_data": list(f.urls)}
        for f in found
    ]


def result_rows(results: list[RepoResult], unchecked: list[str], reason: str) -> list[dict[str, Any]]:
    """One JSON row per repository, the unchecked ones last."""
    rows = [{"repo": r.repo, "status": r.status, "figures": r.figures, "note": r.note} for r in results]
    rows += [
        {"repo": repo, "status": RepoStatus.UNCHECKED, "figures": None, "note": reason} for repo in unchecked
    ]
    return rows


def print_results(rows: list[dict[str, Any]], problems: list[Problem], fmt: str, out: TextIO) -> None:
    """The rows as JSON, or the problems as text or annotations."""
    if fmt == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif problems:
        out.write(format_problems(problems, fmt) + "\n")
