"""Errors that carry a location; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How serious a reported problem is; only errors fail a run by default."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a line and column (1-based; 0 when unknown).

    ``in_file`` is False for a problem about something that is not a file (an arXiv id, an API):
    then ``path`` names that thing and no position is shown.
    """

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    in_file: bool = True

    @property
    def location(self) -> str:
        """``path:line:column``, shortened to what is known."""
        if not self.in_file or self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}" if self.column > 0 else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class AwesomeOptError(Exception):
    """Base of every error this package raises on purpose."""


class DataError(AwesomeOptError):
    """The data has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")


class UsageError(AwesomeOptError):
    """The command was called wrongly (exit code 2). Raised only by the command layer."""


class InputError(AwesomeOptError):
    """An input the user named cannot be used: a file, an id, git (exit code 2)."""


class UnknownRevision(InputError):
    """A git revision that this clone does not have."""

    def __init__(self, revision: str) -> None:
        super().__init__("no such commit in this clone (fetch it first, e.g. `git fetch origin main`)")
        self.revision = revision


def display_path(path: Path, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) when below it, for messages.

    Both are made absolute without resolving links, which would cost a system call per part.
    """
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return str(absolute.relative_to(base or Path.cwd()))
    except ValueError:
        return str(path)
