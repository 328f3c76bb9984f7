"""Link results as text with a summary table, JSON, GitHub annotations and a job summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from awesome_opt.checks.links import LinkResult
from awesome_opt.checks.verdict import LinkStatus
from awesome_opt.errors import Problem
from awesome_opt.output.problems import format_problems
from awesome_opt.render.escape import escape_markdown

LISTED = (LinkStatus.BROKEN, LinkStatus.TRANSIENT, LinkStatus.REDIRECTED, LinkStatus.SKIPPED)


def describe(result: LinkResult) -> str:
    """One line about a result that needs attention."""
    v = result.verdict
    if v.status == "redirected":
        return f"redirected {result.url} -> {v.final_url} (update the entry)"
    return f"{v.status} {result.url}: {v.error}" if v.error else f"{v.status} {result.url}"


def summary_table(results: Sequence[LinkResult], elapsed: float) -> str:
    """Counts per status, aligned, with the total and time."""
    counts = Counter(r.status for r in results)
    cached = sum(1 for r in results if r.cached)
    rows = [f"{'status':<12}{'URLs':>6}"] + [f"{s:<12}{counts.get(s, 0):>6}" for s in LinkStatus]
    rows.append(f"{'total':<12}{len(results):>6}  in {elapsed:.1f} s ({cached} from the cache)")
    return "\n".join(rows)


def text_report(results: Sequence[LinkResult], elapsed: float) -> str:
    """Every result that needs attention, at each of its sources, then the summary table."""
    lines = []
    for status in LISTED:
        for result in (r for r in results if r.status == status):
            places = [f"{source}: " for source in result.sources] or [""]
            lines += [place + describe(result) for place in places]
    return "\n".join([*lines, summary_table(results, elapsed)]) + "\n"


def github_report(results: Sequence[LinkResult]) -> str:
    """GitHub annotations on each source file and line (errors for broken links, else warnings)."""
    problems = [
        Problem(source.label, source.line, 0, describe(result), severity=severity)
        for result in results
        if (severity := result.status.severity) is not None
        for source in result.sources
    ]
    return format_problems(problems, "github") + "\n" if problems else ""


def json_report(results: Sequence[LinkResult]) -> str:
    """A JSON array with one object per URL, one a line (written by json's C encoder: an indented
    dump goes through its Python encoder, several times slower on a large catalog)."""
    rows = ",\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in results)
    return f"[\n{rows}\n]\n" if rows else "[]\n"


def step_summary(results: Sequence[LinkResult], elapsed: float) -> str:
    """A Markdown summary for ``$GITHUB_STEP_SUMMARY``."""
    counts = Counter(r.status for r in results)
    lines = ["## Link check", "", "| status | URLs |", "| --- | ---: |"]
    lines += [f"| {status} | {counts.get(status, 0)} |" for status in LinkStatus]
    lines += ["", f"{len(results)} URLs checked in {elapsed:.1f} s.", ""]
    for result in (r for r in results if r.status.severity is not None):
        places = ", ".join(f"`{s}`" for s in result.sources)
        lines.append(f"- **{result.status}** {escape_markdown(describe(result))} — {places}")
    return "\n".join(lines) + "\n"
