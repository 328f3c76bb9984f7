"""One YAML document: read (it must hold a mapping) and validated against a pydantic model, every
problem located at its line and column. Used for entries, the taxonomy and the link policy.

pydantic is imported only by :func:`validate_document`: the link policy, read on every
``check-links`` run, is checked without it (see :mod:`awesome_opt.checks.policy`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from awesome_opt.errors import DataError, Problem
from awesome_opt.yamlfile import KeyPath, YamlDocument, YamlProblem, parse_yaml

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


def _problem(label: str, exc: YamlProblem) -> Problem:
    return Problem(label, exc.line, exc.column, exc.message, exc.hint)


def _validation_problems(
    exc: ValidationError, model: type[BaseModel], label: str, document: YamlDocument
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc: KeyPath = tuple(error["loc"])
        line, column = document.position(loc)
        message = str(error["msg"]).removeprefix("Value error, ")
        hint = str((error.get("ctx") or {}).get("hint", ""))
        field = ".".join(str(part) for part in loc)
        if error["type"] == "extra_forbidden":
            from awesome_opt.taxonomy import did_you_mean

            message = f"unknown field '{field}'"
            hint = did_you_mean(str(loc[-1]), list(model.model_fields))
        elif error["type"] == "missing":
            message = f"missing required field '{field}'"
        elif field:
            message = f"{field}: {message}"
        problems.append(Problem(label, line, column, message, hint))
    return problems


def read_document(path: Path, label: str) -> YamlDocument:
    """Parse one YAML file that must hold a mapping; raise DataError otherwise."""
    try:
        document = parse_yaml(path.read_bytes())
    except YamlProblem as exc:
        raise DataError([_problem(label, exc)]) from exc
    except OSError as exc:
        raise DataError([Problem(label, 0, 0, f"cannot read file: {exc.strerror}")]) from exc
    if document.value is None:
        raise DataError([Problem(label, 1, 1, "file is empty", "copy an example from contributing.md")])
    if not isinstance(document.value, dict):
        kind = type(document.value).__name__
        raise DataError([Problem(label, 1, 1, f"expected a mapping of fields, found a {kind}")])
    return document


def validate_document(
    model: type[BaseModel], document: YamlDocument, label: str, context: dict[str, Any] | None = None
) -> Any:
    """Validate a parsed document against ``model``; raise DataError with located problems."""
    from pydantic import ValidationError

    try:
        return model.model_validate(document.value, context=context)
    except ValidationError as exc:
        raise DataError(_validation_problems(exc, model, label, document)) from exc
