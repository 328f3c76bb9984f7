"""The job summary of a GitHub Actions run (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

from collections.abc import Mapping

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def append_job_summary(environ: Mapping[str, str], markdown: str) -> bool:
    """Append ``markdown`` to the job summary file when the run has one; True when written."""
    path = environ.get(SUMMARY_ENV)
    if not path:
        return False
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(markdown)
    return True
