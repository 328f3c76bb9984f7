"""``check-arxiv`` results as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from awesome_opt.checks.arxiv.compare import ArxivStatus
from awesome_opt.checks.arxiv.run import Outcome
from awesome_opt.output.problems import format_problems


def print_outcomes(outcomes: list[Outcome], note: str, fmt: str, out: TextIO) -> None:
    """Every outcome as JSON; or the ones that need attention (text, annotations) and a summary line."""
    if fmt == "json":
        out.write(json.dumps([o.to_json() for o in outcomes], indent=2, ensure_ascii=False) + "\n")
        return
    shown = [o.problem() for o in outcomes if o.verdict.status is not ArxivStatus.OK]
    if fmt == "github":
        if shown:
            out.write(format_problems(shown, "github") + "\n")
        return
    for problem in shown:
        out.write(f"{problem}\n")
    counts = Counter(str(o.verdict.status) for o in outcomes)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    fixed = sum(o.fixed for o in outcomes)
    fixed_text = f"; fixed {fixed} file(s)" if fixed else ""
    out.write(f"check-arxiv: {len(outcomes)} entries: {summary or 'none'}{fixed_text}; {note}\n")
