"""Evaluation sets, leaderboards and competitions."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from awesome_opt.schema.base import EntryBase, HomeEntry
from awesome_opt.schema.fields import KeyPath, Text, check_term


class Benchmark(HomeEntry):
    """An evaluation set, leaderboard or competition."""

    kind: ClassVar[str] = "benchmark"
    directory: ClassVar[str] = "benchmarks"
    heading: ClassVar[str] = "Benchmarks"
    noun: ClassVar[tuple[str, str]] = ("benchmark", "benchmarks")
    link_label: ClassVar[str] = "Benchmark"

    name: Text = Field(min_length=1, description="Name of the benchmark.")
    url: str = Field(description="https link to the benchmark's home (data set, site or repository).")
    paper: str | None = Field(default=None, description="Id of the paper entry that introduced it.")
    domain: str = Field(description="What it measures, from the domains in taxonomy.yaml.")
    year: int | None = Field(default=None, description="Year of release (needed without a paper).")

    @field_validator("domain")
    @classmethod
    def _check_domain(cls, value: str, info: ValidationInfo) -> str:
        return check_term(value, info, "domain", lambda taxonomy: taxonomy.domains)

    @model_validator(mode="after")
    def _require_year_or_paper(self) -> Benchmark:
        if self.paper is None and self.year is None:
            raise ValueError("a benchmark without a paper needs a year")
        return self

    def paper_mismatches(self, paper: EntryBase) -> list[tuple[KeyPath, str, str]]:
        """A year beside ``paper`` that is not the paper's: the paper introduced something else (a
        subset or revision released later, as SWE-bench Verified after SWE-bench)."""
        if self.year is None or not paper.sort_year or self.year == paper.sort_year:
            return []
        message = f"year {self.year} is not the year of its paper '{self.paper}' ({paper.sort_year})"
        hint = (
            "a paper introduces a benchmark in its own year: drop `year:`, or drop `paper:` when a later "
            "release of the project, with no paper of its own, is meant"
        )
        return [(("year",), message, hint)]
