"""Evaluation sets, leaderboards and competitions."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from awesome_opt.schema.base import HomeEntry
from awesome_opt.schema.fields import Text, check_term


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
