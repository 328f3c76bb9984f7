"""The fields every entry shares, and the questions every kind of entry answers about itself.

Renderers and checkers ask an entry (its display name, main link, the URLs that identify it, the URLs
to check, the entries it names, its BibTeX) instead of branching on its type; a new kind overrides
what differs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from awesome_opt.schema.fields import KeyPath, Text, check_http_url, check_vocabulary, taxonomy_of, unknown
from awesome_opt.schema.relation import Relation

MAX_SUMMARY = 300
# "multi- turn": a folded YAML block (>-) turned a line break after a hyphen into a space.
BROKEN_HYPHEN = re.compile(r"[A-Za-z]- (?!(?:and|or|nor|to|as|but)\b)[a-z]")


@dataclass(frozen=True)
class Axes:
    """The three classification axes of an entry (empty for kinds that have none)."""

    provenance: str | None = None
    role: str | None = None
    signal: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A field that names another entry by id, and the kinds that entry may be."""

    path: KeyPath
    target: str
    kinds: frozenset[str]
    message: str
    hint: str


@dataclass(frozen=True)
class Bibtex:
    """An entry's BibTeX record before escaping: the type and the fields in order."""

    type: str
    fields: list[tuple[str, str | list[str]]] = field(default_factory=list)


class EntryBase(BaseModel):
    """Fields every kind of entry shares, and the interface renderers and checkers use."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    kind: ClassVar[str] = "entry"
    directory: ClassVar[str] = ""  # the folder of data/ holding this kind's files
    heading: ClassVar[str] = "Entries"  # heading of its field table in contributing.md
    noun: ClassVar[tuple[str, str]] = ("entry", "entries")  # singular and plural, for counts
    link_label: ClassVar[str] = "Code"  # what a publication's code link to this kind is called
    name_field: ClassVar[str] = "name"  # the field holding the display name
    is_home: ClassVar[bool] = False  # its link is a home page others' code URLs may point at
    has_axes: ClassVar[bool] = False  # classified along provenance, role and signal

    section: str = Field(description="Primary section id from taxonomy.yaml (a leaf section).")
    tags: list[str] = Field(default_factory=list, description="Free tags declared in taxonomy.yaml.")
    summary: Text = Field(
        description="One sentence in your own words, at most 300 characters, ending with a period."
    )
    why_read: Text | None = Field(
        default=None,
        description="Landmarks only: one sentence on why a newcomer should read it at this point.",
    )
    landmark: bool = Field(
        default=False,
        validate_default=True,
        description="A work a newcomer should read first (1-3 a section); needs why_read.",
    )
    added: dt.date = Field(description="Date the entry joined the list (YYYY-MM-DD).")

    @field_validator("summary")
    @classmethod
    def _check_summary(cls, value: str) -> str:
        value = " ".join(value.split())
        if len(value) > MAX_SUMMARY:
            raise ValueError(f"summary has {len(value)} characters; the limit is {MAX_SUMMARY}")
        if not value or not (value[0].isupper() or value[0].isdigit()):
            raise ValueError("summary must start with a capital letter or a digit")
        if not value.endswith("."):
            raise ValueError("summary must end with a period")
        broken = BROKEN_HYPHEN.search(value)
        if broken:
            raise PydanticCustomError(
                "broken_hyphen",
                "summary breaks a word at a hyphen: '{text}'",
                {
                    "text": broken.group(),
                    "hint": "in a folded block (>-) a line break becomes a space; "
                    "keep hyphenated words on one line",
                },
            )
        return value

    @field_validator("why_read")
    @classmethod
    def _check_why_read(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if len(value) > MAX_SUMMARY:
            raise ValueError(f"why_read has {len(value)} characters; the limit is {MAX_SUMMARY}")
        if not value.endswith("."):
            raise ValueError("why_read must end with a period")
        return value

    @field_validator("landmark")
    @classmethod
    def _check_landmark_reason(cls, value: bool, info: ValidationInfo) -> bool:
        why = info.data.get("why_read")
        if value and not why:
            raise PydanticCustomError(
                "why_read",
                "a landmark needs why_read: why a newcomer should read it at this point",
                {"hint": "add why_read: one sentence, ending with a period"},
            )
        if why and not value:
            raise ValueError("why_read is for landmarks only; remove it or set landmark: true")
        return value

    @field_validator("added")
    @classmethod
    def _check_added(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError(f"date added {value} is in the future")
        return value

    @field_validator("section")
    @classmethod
    def _check_section(cls, value: str, info: ValidationInfo) -> str:
        taxonomy = taxonomy_of(info)
        if taxonomy is None:
            return value
        if value in taxonomy.section_by_id and value not in taxonomy.leaf_ids:
            leaves = [s.id for s in taxonomy.children(value)]
            raise PydanticCustomError(
                "parent_section",
                "section '{value}' has sub-sections; choose one of them",
                {"value": value, "hint": "one of: " + ", ".join(leaves)},
            )
        if value not in taxonomy.leaf_ids:
            raise unknown("section", value, taxonomy.leaf_ids)
        return value

    @field_validator("tags")
    @classmethod
    def _check_tags(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return check_vocabulary(value, info, "tag", lambda taxonomy: taxonomy.tags)

    # What every kind answers about itself; the defaults suit kinds with a name and a home URL.

    @property
    def display_name(self) -> str:
        """The name a reader sees: a title or a name."""
        return str(getattr(self, self.name_field))

    @property
    def link(self) -> str:
        """The primary link of the entry."""
        return str(getattr(self, "url", ""))  # kinds without a url field override this

    @property
    def sort_year(self) -> int:
        """Year used for ordering (0 when unknown)."""
        return int(getattr(self, "year", None) or 0)

    @property
    def sort_month(self) -> int:
        """Month used for ordering within a year (0 when unknown)."""
        return 0

    @property
    def secondary_sections(self) -> list[str]:
        """Sections that cross-reference this entry."""
        return []

    @property
    def authors_shown(self) -> tuple[list[str], bool]:
        """The people credited and whether the list is complete (no authors for most kinds)."""
        return [], True

    @property
    def axes(self) -> Axes:
        """Provenance, role and signal, where the kind has them."""
        return Axes()

    @property
    def arxiv_id(self) -> str | None:
        """The arXiv id of the entry itself, if it has one."""
        return None

    @property
    def code_refs(self) -> list[str]:
        """Code the entry links: ids of code entries or URLs."""
        return []

    @property
    def lineage(self) -> list[Relation]:
        """The works this entry states it builds on (papers and surveys only)."""
        return []

    @property
    def paper_ref(self) -> str | None:
        """The id of the paper entry that describes this entry, if any."""
        return None

    def identity_urls(self) -> list[tuple[KeyPath, str]]:
        """(field, URL) pairs that identify the entry and must be unique across the list."""
        return [(("url",), self.link)]

    def checked_urls(self) -> list[tuple[KeyPath, str]]:
        """(field, URL) pairs the link checker visits."""
        return [(("url",), self.link)]

    def repository_urls(self) -> list[tuple[KeyPath, str]]:
        """(field, URL) pairs of code repositories whose figures (stars, archived) the list shows."""
        return []

    def release_urls(self) -> list[tuple[KeyPath, str]]:
        """(field, URL) pairs of the work's own repository or home, whose README names what it releases
        (by default the repositories it names)."""
        return self.repository_urls()

    def references(self) -> list[Reference]:
        """Fields naming other entries by id, checked by the catalog."""
        if self.paper_ref is None:
            return []
        return [
            Reference(
                ("paper",),
                self.paper_ref,
                frozenset({"paper", "survey"}),
                f"paper '{self.paper_ref}' is not a paper entry",
                "use the id of a file in data/papers/ or data/surveys/",
            )
        ]

    def paper_mismatches(self, paper: EntryBase) -> list[tuple[KeyPath, str, str]]:
        """(field, message, hint) for each way this entry disagrees with the paper its ``paper``
        names (none by default)."""
        return []

    def search_words(self) -> list[str]:
        """Words the site's free-text filter matches besides the title."""
        return [self.summary, *self.tags]

    def bibtex(self) -> Bibtex:
        """The BibTeX record (unescaped): ``misc`` with the title, year when known, and the link."""
        fields: list[tuple[str, str | list[str]]] = [("title", self.display_name)]
        if self.sort_year:
            fields.append(("year", str(self.sort_year)))
        return Bibtex("misc", fields)

    def export_record(self) -> dict[str, Any]:
        """Every field as JSON-ready data."""
        return self.model_dump(mode="json")


class HomeEntry(EntryBase):
    """A kind listed at its own home page (code, benchmark, data set): its ``url`` is checked, others'
    code URLs may point at it, and ``paper`` names the paper entry describing it. Each kind declares
    those fields itself, with descriptions of its own."""

    is_home: ClassVar[bool] = True

    _check_url = field_validator("url", check_fields=False)(check_http_url)

    @property
    def paper_ref(self) -> str | None:
        return getattr(self, "paper", None)

    def release_urls(self) -> list[tuple[KeyPath, str]]:
        return [(("url",), self.link)]
