"""Located problems as text, JSON or GitHub annotations (``validate`` and every checker)."""

from __future__ import annotations

import json
from typing import TextIO

from awesome_opt.errors import Problem

FORMATS = ("text", "json", "github")


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def _github_location(problem: Problem) -> str:
    """``file=…,line=…,col=…`` with only what is known; a problem outside any file gets a title."""
    if not problem.in_file:
        return f"title={_github_property(problem.path)}"
    parts = [f"file={_github_property(problem.path)}"]
    if problem.line > 0:
        parts.append(f"line={problem.line}")
        if problem.column > 0:
            parts.append(f"col={problem.column}")
    return ",".join(parts)


def format_problems(problems: list[Problem], fmt: str) -> str:
    """All problems in one of :data:`FORMATS`."""
    if fmt == "json":
        rows = [
            {
                "file": p.path if p.in_file else None,
                "subject": None if p.in_file else p.path,
                "line": p.line or None,
                "column": p.column or None,
                "severity": p.severity,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = []
        for p in problems:
            text = f"{p.message} ({p.hint})" if p.hint else p.message
            lines.append(f"::{p.severity} {_github_location(p)}::{_github_escape(text)}")
        return "\n".join(lines)
    files = len({p.path for p in problems if p.in_file})
    body = "\n".join(str(p) for p in problems)
    return f"{body}\n{len(problems)} problem(s) in {files} file(s)"


def print_problems(problems: list[Problem], fmt: str, out: TextIO, err: TextIO) -> None:
    """Text goes to ``err`` (it is a diagnostic); JSON and annotations to ``out`` for tools."""
    (err if fmt == "text" else out).write(format_problems(problems, fmt) + "\n")
