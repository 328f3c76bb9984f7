"""One ``builds_on`` relation: the parent entry, the relation word and the child's own words for it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from awesome_opt.identifiers import ENTRY_ID
from awesome_opt.schema.fields import Quote, Text, taxonomy_of, unknown


class Relation(BaseModel):
    """The child (the entry holding it) builds on ``entry`` in the way ``relation`` names."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    entry: str = Field(description="Id of the parent entry (a paper or survey).")
    relation: str = Field(description="How the child builds on it: a word from relations in taxonomy.yaml.")
    quote: Quote = Field(
        min_length=1,
        description="Verbatim words of the child paper naming the parent (at most 40 words).",
    )
    where: Text = Field(min_length=1, description="Where the quote is: abstract, Section 3.1, ...")
    source: Text | None = Field(default=None, description="The page or owner/repo:path it was read in.")

    @field_validator("entry")
    @classmethod
    def _check_entry(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError(f"'{value}' is not an entry id (the parent's file name without .yaml)")
        return value

    @field_validator("relation")
    @classmethod
    def _check_relation(cls, value: str, info: ValidationInfo) -> str:
        taxonomy = taxonomy_of(info)
        if taxonomy is not None and value not in taxonomy.relations:
            raise unknown("relation", value, list(taxonomy.relations))
        return value
