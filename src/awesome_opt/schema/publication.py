"""Papers and surveys: bibliographic fields, the three axes and official code."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from awesome_opt.identifiers import ENTRY_ID, abs_url, is_arxiv_id, normalise_arxiv
from awesome_opt.schema.base import Axes, Bibtex, EntryBase, Reference
from awesome_opt.schema.fields import (
    KeyPath,
    Text,
    check_code_url,
    check_date_not_after_arxiv_id,
    check_http_url,
    check_section_rules,
    check_signal_rules,
    check_term,
    check_vocabulary,
    section_named,
)
from awesome_opt.schema.relation import Relation
from awesome_opt.taxonomy import AXES

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
FIRST_YEAR = 1990


class Publication(EntryBase):
    """A paper or survey: bibliographic fields and the three axes."""

    kind: ClassVar[str] = "paper"
    name_field: ClassVar[str] = "title"
    has_axes: ClassVar[bool] = True

    title: Text = Field(min_length=1, description="Title exactly as on arXiv or the publisher's page.")
    authors: list[Text] = Field(min_length=1, description="Authors in the paper's order.")
    authors_complete: bool = Field(
        default=True, description="False when only the leading authors are confirmed."
    )
    year: int = Field(description="Year of the first arXiv version (or of publication).")
    month: int | None = Field(default=None, ge=1, le=12, description="Month of the first version.")
    arxiv: str | None = Field(default=None, description="arXiv id: 2402.03300 or cs/0101001, no version.")
    url: str | None = Field(default=None, description="https link; required when there is no arXiv id.")
    doi: str | None = Field(default=None, description="DOI such as 10.1000/xyz.")
    venue: Text | None = Field(default=None, description="Venue and year, e.g. NeurIPS 2023.")
    also_in: list[str] = Field(
        default_factory=list,
        description=(
            "Secondary section ids: those a section's rule names, and those of the other on-policy"
            " stages the work's own method runs (rejection fine-tuning on its own filtered samples:"
            " online-sft; preference optimisation on its own sampled pairs: online-preference;"
            " RL with program-checked rewards: rlvr)."
        ),
    )
    provenance: str | None = Field(default=None, description="on-policy, off-policy or hybrid.")
    role: str | None = Field(
        default=None, description="support-expansion, policy-reshaping or consolidation."
    )
    signal: list[str] = Field(default_factory=list, description="Learning signals (see taxonomy.yaml).")
    code: list[str] = Field(
        default_factory=list,
        description=(
            "Code-entry ids or https URLs of official code, and the data home of data the work presents"
            " as a contribution, its abstract, paper or official README announcing the release (shown as"
            " Data; a home page the abstract names, neither code host nor download, as Site). Code, benchmark"
            " and data-set entries whose `paper` names this entry are linked from it without being listed."
        ),
    )
    builds_on: list[Relation] = Field(
        default_factory=list,
        description="Works in the list this one states it builds on, each with its own words for it.",
    )

    @field_validator("authors")
    @classmethod
    def _check_authors(cls, value: list[str]) -> list[str]:
        cleaned = [" ".join(name.split()) for name in value]
        if any(not name for name in cleaned):
            raise ValueError("an author name is empty")
        return cleaned

    @field_validator("year")
    @classmethod
    def _check_year(cls, value: int) -> int:
        last = dt.date.today().year + 1
        if not FIRST_YEAR <= value <= last:
            raise ValueError(f"year {value} is outside {FIRST_YEAR}-{last}")
        return value

    @field_validator("arxiv")
    @classmethod
    def _check_arxiv(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if not is_arxiv_id(value):
            canonical = normalise_arxiv(value)
            hint = f"write '{canonical}'" if canonical else "use the form 2402.03300 or cs/0101001"
            raise PydanticCustomError(
                "arxiv_id", "'{value}' is not an arXiv id", {"value": value, "hint": hint}
            )
        check_date_not_after_arxiv_id(value, info.data.get("year"), info.data.get("month"))
        return value

    @field_validator("doi")
    @classmethod
    def _check_doi(cls, value: str | None) -> str | None:
        if value is not None and not DOI.match(value):
            raise ValueError(f"'{value}' is not a DOI (10.NNNN/...)")
        return value

    _check_url = field_validator("url")(check_http_url)

    @field_validator("also_in")
    @classmethod
    def _check_also_in(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return check_vocabulary(value, info, "section", lambda taxonomy: taxonomy.section_by_id)

    @field_validator("provenance", "role")
    @classmethod
    def _check_axis(cls, value: str | None, info: ValidationInfo) -> str | None:
        axis = info.field_name or ""
        if value is None:
            return None
        check_term(value, info, axis, lambda taxonomy: taxonomy.axis_values(axis))
        if axis == "provenance" and (section := section_named(info, info.data.get("section"))) is not None:
            check_section_rules(section, section.provenance_problems(value))
        return value

    @field_validator("signal")
    @classmethod
    def _check_signal(cls, value: list[str], info: ValidationInfo) -> list[str]:
        check_vocabulary(value, info, "signal", lambda taxonomy: taxonomy.axis_values("signal"))
        check_signal_rules(info, value)
        return value

    @field_validator("code")
    @classmethod
    def _check_code(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for url in (item for item in value if not ENTRY_ID.match(item)):  # ids name code entries
            check_code_url(url, info)
        return value

    @field_validator("builds_on")
    @classmethod
    def _check_builds_on(cls, value: list[Relation]) -> list[Relation]:
        parents = [relation.entry for relation in value]
        repeated = sorted({parent for parent in parents if parents.count(parent) > 1})
        if repeated:
            raise ValueError(f"builds_on names '{repeated[0]}' twice; one relation per pair")
        return value

    @model_validator(mode="after")
    def _check_links(self) -> Publication:
        if not (self.arxiv or self.url or self.doi):
            raise PydanticCustomError(
                "no_link", "an entry needs an arxiv id, a url or a doi", {"hint": "add arxiv: or url:"}
            )
        if self.section in self.also_in:
            raise ValueError(f"also_in repeats the primary section '{self.section}'")
        return self

    @property
    def link(self) -> str:
        if self.arxiv:
            return abs_url(self.arxiv)
        if self.url:
            return self.url
        return f"https://doi.org/{self.doi}"

    @property
    def sort_month(self) -> int:
        return self.month or 0

    @property
    def secondary_sections(self) -> list[str]:
        return self.also_in

    @property
    def authors_shown(self) -> tuple[list[str], bool]:
        return self.authors, self.authors_complete

    @property
    def axes(self) -> Axes:
        return Axes(self.provenance, self.role, tuple(self.signal))

    @property
    def arxiv_id(self) -> str | None:
        return self.arxiv

    @property
    def code_refs(self) -> list[str]:
        return self.code

    @property
    def lineage(self) -> list[Relation]:
        return self.builds_on

    def _code_urls(self) -> list[tuple[KeyPath, str]]:
        return [(("code", index), ref) for index, ref in enumerate(self.code) if not ENTRY_ID.match(ref)]

    def identity_urls(self) -> list[tuple[KeyPath, str]]:
        found: list[tuple[KeyPath, str]] = []
        if self.arxiv:
            found.append((("arxiv",), abs_url(self.arxiv)))
        if self.url:
            found.append((("url",), self.url))
        return found

    def checked_urls(self) -> list[tuple[KeyPath, str]]:
        found = self.identity_urls()
        if self.doi:
            found.append((("doi",), f"https://doi.org/{self.doi}"))
        return found + self._code_urls()

    def repository_urls(self) -> list[tuple[KeyPath, str]]:
        return [(path, url) for path, url in self._code_urls() if "/" in url]

    def references(self) -> list[Reference]:
        lineage = [
            Reference(
                ("builds_on", index, "entry"),
                relation.entry,
                frozenset({"paper", "survey"}),
                f"builds_on '{relation.entry}' is not a paper entry",
                "use the id of a file in data/papers/ or data/surveys/",
            )
            for index, relation in enumerate(self.builds_on)
        ]
        return lineage + [
            Reference(
                ("code", index),
                ref,
                frozenset({"code"}),
                f"code '{ref}' is not a code entry",
                "use the id of a file in data/code/ or an https URL",
            )
            for index, ref in enumerate(self.code)
            if ENTRY_ID.match(ref)
        ]

    def search_words(self) -> list[str]:
        return [*super().search_words(), *self.authors, self.venue or "", self.arxiv or ""]

    def bibtex(self) -> Bibtex:
        authors = list(self.authors) + ([] if self.authors_complete else ["others"])
        fields: list[tuple[str, str | list[str]]] = [
            ("title", self.title),
            ("author", authors),
            ("year", str(self.year)),
        ]
        if self.arxiv:
            fields += [
                ("journal", f"arXiv preprint arXiv:{self.arxiv}"),
                ("eprint", self.arxiv),
                ("archiveprefix", "arXiv"),
            ]
        if self.venue:
            fields.append(("note", self.venue))
        if self.doi:
            fields.append(("doi", self.doi))
        return Bibtex("article" if self.venue is None and self.arxiv else "misc", fields)


class Paper(Publication):
    """A research paper or technical report; the three axes are required unless its section waives them."""

    kind: ClassVar[str] = "paper"
    directory: ClassVar[str] = "papers"
    heading: ClassVar[str] = "Papers"
    noun: ClassVar[tuple[str, str]] = ("paper", "papers")

    @model_validator(mode="after")
    def _require_axes(self, info: ValidationInfo) -> Paper:
        missing = [axis for axis in ("provenance", "role") if getattr(self, axis) is None]
        if not self.signal:
            missing.append("signal")
        section = section_named(info, self.section)
        optional = section is not None and section.axes_optional
        if missing and not (optional and len(missing) == len(AXES)):
            hint = "give all three or none here" if optional else "see the axes in data/taxonomy.yaml"
            raise PydanticCustomError(
                "missing_axes",
                "a paper needs all three axes; missing: {missing}",
                {"missing": ", ".join(missing), "hint": hint},
            )
        return self


class Survey(Publication):
    """A survey, position paper or tutorial; the axes are optional."""

    kind: ClassVar[str] = "survey"
    directory: ClassVar[str] = "surveys"
    heading: ClassVar[str] = "Surveys"
    noun: ClassVar[tuple[str, str]] = ("survey", "surveys")
