"""What a link check concludes about one URL: its status (with severity and exit meaning) and details.

Shared by the link checker and its plug-ins (the arXiv and GitHub APIs), so none of them imports
another to speak the same language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from awesome_opt.errors import Severity


class LinkStatus(StrEnum):
    """Where a URL stands; only ``broken`` fails a run (``transient`` too under ``--strict``)."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    TRANSIENT = "transient"
    SKIPPED = "skipped"

    @property
    def severity(self) -> Severity | None:
        """How a report marks a URL in this state (None: nothing to report)."""
        return _SEVERITY.get(self)

    def fails(self, strict: bool = False) -> bool:
        """True when a URL in this state makes the run exit 1."""
        return self is LinkStatus.BROKEN or (strict and self is LinkStatus.TRANSIENT)


_SEVERITY = {
    LinkStatus.BROKEN: Severity.ERROR,
    LinkStatus.TRANSIENT: Severity.WARNING,
    LinkStatus.REDIRECTED: Severity.WARNING,
}


@dataclass(frozen=True)
class LinkVerdict:
    """What a check concluded about one URL."""

    status: LinkStatus
    http_code: int | None = None
    final_url: str | None = None
    error: str = ""
    elapsed: float = 0.0


class BatchChecker(Protocol):
    """A plug-in that confirms the URLs it claims in batches (e.g. one arXiv API call per 100 ids)."""

    name: str

    def claims(self, url: str) -> bool:
        """True when this plug-in checks ``url``."""
        ...

    def check(self, urls: Sequence[str]) -> dict[str, LinkVerdict]:
        """A verdict for each claimed URL (a URL left out goes through the normal path).

        Raise :class:`~awesome_opt.checks.http.TransientHttpError` when the API itself fails."""
        ...
