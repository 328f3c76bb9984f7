"""Training data sets: prompts with checkable answers, preference pairs, teacher traces, step labels."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from awesome_opt.schema.base import HomeEntry
from awesome_opt.schema.fields import Text


class Dataset(HomeEntry):
    """A data set used for post-training, listed at its own page (data card or repository)."""

    kind: ClassVar[str] = "dataset"
    directory: ClassVar[str] = "datasets"
    heading: ClassVar[str] = "Data sets"
    noun: ClassVar[tuple[str, str]] = ("data set", "data sets")
    link_label: ClassVar[str] = "Data"

    name: Text = Field(min_length=1, description="Name of the data set, as its card or repository gives it.")
    url: str = Field(
        description="https link to the data set's own page (its data card or official repository)."
    )
    paper: str | None = Field(
        default=None,
        description="Id of the paper entry that built and released this very set (for a derived set, "
        "the paper that derived it, not the source's); empty when no paper did.",
    )
    licence: Text | None = Field(
        default=None, description="Licence, only as the card or repository states it."
    )
    year: int | None = Field(default=None, description="Year of release (optional).")

    def search_words(self) -> list[str]:
        return [*super().search_words(), self.licence or ""]
