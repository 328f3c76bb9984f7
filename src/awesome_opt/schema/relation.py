"""One ``builds_on`` relation: the parent entry, the relation word and the child's own words for it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from awesome_opt.schema.fields import EntryId, Quote, Text, check_term


class Relation(BaseModel):
    """The child (the entry holding it) builds on ``entry`` in the way ``relation`` names."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    entry: EntryId = Field(description="Id of the parent entry (a paper or survey).")
    relation: str = Field(description="How the child builds on it: a word from relations in taxonomy.yaml.")
    quote: Quote = Field(
        min_length=1,
        description="Verbatim words of the child paper naming the parent (at most 40 words).",
    )
    where: Text = Field(min_length=1, description="Where the quote is: abstract, Section 3.1, ...")
    source: Text | None = Field(default=None, description="The page or owner/repo:path it was read in.")

    @field_validator("relation")
    @classmethod
    def _check_relation(cls, value: str, info: ValidationInfo) -> str:
        return check_term(value, info, "relation", lambda taxonomy: taxonomy.relations)
