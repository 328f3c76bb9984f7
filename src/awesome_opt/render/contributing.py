"""Generated contributor documents: contributing.md and the "Suggest a paper" issue form.

Their field tables and vocabulary lists come from the entry models' field descriptions and from
``data/taxonomy.yaml``, so they cannot drift from what ``awesome-opt validate`` accepts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from awesome_opt.render.environment import environment
from awesome_opt.schema import KINDS, EntryBase, Paper
from awesome_opt.taxonomy import AXES, Section, Taxonomy

CONTRIBUTING_TEMPLATE = "contributing.md.j2"
ISSUE_FORM_TEMPLATE = "issue-form.yml.j2"
CONTRIBUTING_FILE = "contributing.md"
ISSUE_FORM_FILE = ".github/ISSUE_TEMPLATE/suggest-paper.yml"
AXIS_HELP = {
    "provenance": "Where the training trajectories come from.",
    "role": "What the method does to the model's behaviour.",
    "signal": "The learning signals it uses; choose one or more.",
}


@dataclass(frozen=True)
class FieldRow:
    """One row of a field table: the YAML key, whether it must be given, and what it means."""

    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class KindTable:
    """The fields of one kind of entry and the folder its files live in."""

    heading: str
    directory: str
    rows: list[FieldRow]


@dataclass(frozen=True)
class SectionLine:
    """A section as one line of the taxonomy list."""

    section: Section
    depth: int
    leaf: bool
    definition: str


def field_rows(model: type[BaseModel]) -> list[FieldRow]:
    """The model's fields, its own first and the shared ones after, as the docs show them."""
    shared = set(EntryBase.model_fields)
    names = [n for n in model.model_fields if n not in shared] + [
        n for n in model.model_fields if n in shared
    ]
    rows = []
    for name in names:
        info = model.model_fields[name]
        # A paper's axes are optional fields that a model validator then requires.
        required = info.is_required() or (issubclass(model, Paper) and name in AXES)
        rows.append(FieldRow(name, required, info.description or ""))
    return rows


def kind_tables() -> list[KindTable]:
    """One field table per kind of entry, in the order of the data folders."""
    return [KindTable(model.heading, model.directory, field_rows(model)) for model in KINDS]


def one_line(text: str) -> str:
    """A paragraph on one line."""
    return " ".join(text.split())


def section_lines(taxonomy: Taxonomy) -> list[SectionLine]:
    """Every section in taxonomy order, with its nesting depth and its whole definition: what the
    section is, then its filing rules (what a contributor needs most; the README shows only the first)."""
    depth: dict[str, int] = {}
    lines = []
    for section in taxonomy.sections:
        depth[section.id] = 0 if section.parent is None else depth[section.parent] + 1
        leaf = section.id in taxonomy.leaf_ids
        definition = one_line(f"{section.description} {section.filing}")
        lines.append(SectionLine(section, depth[section.id], leaf, definition))
    return lines


def section_option(section: Section) -> str:
    """A section as a choice of the issue form's dropdown: ``id: title``."""
    return f"{section.id}: {section.title}"


def axis_values(taxonomy: Taxonomy) -> dict[str, dict[str, str]]:
    """Each axis with its values and their meanings, in the order of :data:`AXES`."""
    return {axis: dict(getattr(taxonomy.axes, axis)) for axis in AXES}


def _context(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "taxonomy": taxonomy,
        "kinds": kind_tables(),
        "sections": section_lines(taxonomy),
        "axes": axis_values(taxonomy),
        "section_options": [section_option(taxonomy.section_by_id[i]) for i in taxonomy.leaf_ids],
        "axis_help": AXIS_HELP,
        "quote": _yaml_string,
    }


def render_contributing(taxonomy: Taxonomy) -> str:
    """The full text of contributing.md."""
    return environment().get_template(CONTRIBUTING_TEMPLATE).render(_context(taxonomy))


def render_issue_form(taxonomy: Taxonomy) -> str:
    """The full text of the "Suggest a paper" issue form (YAML; every string JSON-quoted)."""
    return environment().get_template(ISSUE_FORM_TEMPLATE).render(_context(taxonomy))


def _yaml_string(text: str) -> str:
    """A double-quoted scalar: JSON strings are valid YAML and need no other escaping."""
    return json.dumps(text, ensure_ascii=False)


def generated_documents(taxonomy: Taxonomy) -> dict[str, str]:
    """Path (relative to the repository) and text of every document ``awesome-opt docs`` writes."""
    return {
        CONTRIBUTING_FILE: render_contributing(taxonomy),
        ISSUE_FORM_FILE: render_issue_form(taxonomy),
    }
