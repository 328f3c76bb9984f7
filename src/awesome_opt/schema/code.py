"""Training frameworks and reference implementations."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from awesome_opt.schema.base import Bibtex, HomeEntry
from awesome_opt.schema.fields import KeyPath, Text


class Code(HomeEntry):
    """A training framework or reference implementation."""

    kind: ClassVar[str] = "code"
    directory: ClassVar[str] = "code"
    heading: ClassVar[str] = "Code"
    noun: ClassVar[tuple[str, str]] = ("code base", "code bases")

    name: Text = Field(min_length=1, description="Name of the project.")
    url: str = Field(description="https link to the repository.")
    paper: str | None = Field(default=None, description="Id of the paper entry describing it.")
    year: int | None = Field(default=None, description="Year of the first release (optional).")

    def repository_urls(self) -> list[tuple[KeyPath, str]]:
        return [(("url",), self.url)]

    def release_urls(self) -> list[tuple[KeyPath, str]]:
        return []  # a framework's README names the data of the many works it runs

    def bibtex(self) -> Bibtex:
        return Bibtex("software", super().bibtex().fields)
