"""The vocabulary of the list: sections, axes, tags and benchmark domains."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator

SECTION_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"
AXES = ("provenance", "role", "signal")


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest known value, or listing the choices."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    shown = ", ".join(sorted(choices)[:12])
    more = ", ..." if len(choices) > 12 else ""
    return f"known values: {shown}{more}"


class Section(BaseModel):
    """One section of the list; a section with a ``parent`` is a sub-section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SECTION_ID_PATTERN, description="Stable id used by entries.")
    title: str = Field(min_length=1, description="Heading shown to readers.")
    description: str = Field(
        min_length=1, description="What belongs here, in a sentence or two (shown to readers)."
    )
    filing: str = Field(
        default="",
        description="How borderline work is filed (shown in the contribution guide, not in the README).",
    )
    parent: str | None = Field(default=None, description="Id of the parent section.")
    keywords: list[str] = Field(default_factory=list, description="Search phrases for discovery.")
    minimum: int = Field(
        default=0, ge=0, description="Fewest entries the section (with its sub-sections) must hold."
    )
    axes_optional: bool = Field(
        default=False,
        description="Papers filed here may leave provenance, role and signal unset (systems work "
        "with no learning signal of its own).",
    )
    signal_includes: list[str] = Field(
        default_factory=list,
        description="Signals every paper filed here lists (its definition implies them).",
    )
    signal_within: list[str] = Field(
        default_factory=list, description="The only signals a paper filed here may list (empty: any)."
    )
    provenance_in: list[str] = Field(
        default_factory=list, description="The provenances a paper filed here may have (empty: any)."
    )
    signal_one_of: list[str] = Field(
        default_factory=list,
        description="A paper filed here, or listing the section in also_in, lists at least one of "
        "these signals (RLVR: a program's check, or the model's own reward in label-free variants; "
        "distillation: the teacher's outputs).",
    )
    also_in_with_signal: dict[str, str] = Field(
        default_factory=dict,
        description="Signal -> section: a paper filed here that lists the signal lists the section "
        "in also_in (a framework that runs verifiable-reward training belongs to RLVR too).",
    )

    def axis_rules(self) -> list[str]:
        """The section's rules on the axes, as phrases for the contribution guide."""
        rules = []
        if self.signal_includes:
            rules.append("signal includes " + " and ".join(self.signal_includes))
        if self.signal_within:
            rules.append("signal only from " + ", ".join(self.signal_within))
        if self.signal_one_of:
            rules.append(
                "signal includes " + " or ".join(self.signal_one_of) + " (also where also_in lists it)"
            )
        if self.provenance_in:
            rules.append("provenance " + " or ".join(self.provenance_in))
        rules += [f"{signal} adds {also} to also_in" for signal, also in self.also_in_with_signal.items()]
        return rules

    def signal_problems(self, signal: list[str], also_in: Sequence[str] = ()) -> list[str]:
        """What these signals (with the paper's also_in) break of the section's rules."""
        problems = [f"lacks '{v}'" for v in self.signal_includes if signal and v not in signal]
        if self.signal_within:
            problems += [f"'{v}' is not used" for v in signal if v not in self.signal_within]
        problems += [
            f"lists '{v}' but not '{section}' in also_in"
            for v, section in self.also_in_with_signal.items()
            if v in signal and section not in also_in
        ]
        return problems + self.listing_problems(signal)

    def listing_problems(self, signal: list[str]) -> list[str]:
        """What these signals break of the rule every paper listing this section keeps, filed here or
        naming it in also_in (nothing for a paper that leaves its signal unset)."""
        if signal and self.signal_one_of and not set(signal) & set(self.signal_one_of):
            return [f"lists '{self.id}' without " + " or ".join(f"'{v}'" for v in self.signal_one_of)]
        return []

    def provenance_problems(self, provenance: str) -> list[str]:
        """What this provenance breaks of the section's rules (nothing when it has none)."""
        if self.provenance_in and provenance not in self.provenance_in:
            return [f"'{provenance}' is not used"]
        return []


class Family(BaseModel):
    """A family of methods drawn as one tree: the relations whose child lies in its sections."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Stable id (anchor of its tree).")
    title: str = Field(min_length=1, description="Heading of its tree.")
    sections: list[str] = Field(min_length=1, description="Sections whose entries' relations it draws.")


class Axes(BaseModel):
    """The three axes that cut across sections, each value with its meaning."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provenance: dict[str, str]
    role: dict[str, str]
    signal: dict[str, str]


class Taxonomy(BaseModel):
    """The whole vocabulary, as declared in ``data/taxonomy.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sections: list[Section] = Field(min_length=1)
    axes: Axes
    tags: dict[str, str] = Field(default_factory=dict)
    domains: dict[str, str] = Field(default_factory=dict)
    http_hosts: list[str] = Field(
        default_factory=list, description="Hosts with no https, where http:// links are allowed."
    )
    relations: dict[str, str] = Field(
        default_factory=dict, description="How a work can build on another (builds_on), with meanings."
    )
    families: list[Family] = Field(default_factory=list, description="Method families drawn as trees.")

    @model_validator(mode="after")
    def _check_sections(self) -> Taxonomy:
        ids = [section.id for section in self.sections]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate section ids: {', '.join(duplicates)}")
        for family in self.families:
            unknown = [sid for sid in family.sections if sid not in ids]
            if unknown:
                raise ValueError(f"family '{family.id}' names unknown section '{unknown[0]}'")
        for section in self.sections:
            for axis, values in (
                ("signal", section.signal_includes + section.signal_within + section.signal_one_of),
                ("provenance", section.provenance_in),
            ):
                unknown = [v for v in values if v not in self.axis_values(axis)]
                if unknown:
                    raise ValueError(f"section '{section.id}' names unknown {axis} '{unknown[0]}'")
            for signal, also in section.also_in_with_signal.items():
                if signal not in self.axis_values("signal") or also not in ids:
                    raise ValueError(
                        f"section '{section.id}' maps unknown '{signal}' or '{also}' in also_in_with_signal"
                    )
            if section.parent is not None and section.parent not in ids:
                raise ValueError(f"section '{section.id}' names unknown parent '{section.parent}'")
            if section.parent is not None and ids.index(section.parent) > ids.index(section.id):
                raise ValueError(f"section '{section.id}' must come after its parent '{section.parent}'")
        return self

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        """Sections keyed by id, in declaration order."""
        return {section.id: section for section in self.sections}

    @cached_property
    def leaf_ids(self) -> tuple[str, ...]:
        """Ids of sections that may hold entries (those without sub-sections)."""
        parents = {section.parent for section in self.sections}
        return tuple(s.id for s in self.sections if s.id not in parents)

    def children(self, section_id: str) -> list[Section]:
        """Direct sub-sections of ``section_id``."""
        return [s for s in self.sections if s.parent == section_id]

    def axis_values(self, axis: str) -> tuple[str, ...]:
        """Allowed values of one axis."""
        values: dict[str, str] = getattr(self.axes, axis)
        return tuple(values)
