"""``data/algorithms.yaml``: two comparison tables (RL policy optimisation, distillation objectives) in
which every cell quotes its source.

A cell is a short value, a verbatim quote of at most 40 words from the paper or its official code, and
where the quote is. ``not stated`` (optionally followed by why) is a value of its own: the paper does
not say, and there is nothing to quote. A column left out of a row has not been sourced yet and is
shown as such.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from awesome_opt.schema.fields import EntryId, Quote, Text

NOT_STATED = "not stated"


class Cell(BaseModel):
    """One value of a table, with the paper's own words for it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    value: Text = Field(min_length=1, description="The short answer, or 'not stated'.")
    quote: Quote | None = Field(default=None, description="Verbatim words of the source (at most 40 words).")
    where: Text | None = Field(default=None, description="Section, equation or function of the quote.")
    source: Text | None = Field(default=None, description="The page or owner/repo:path it was read in.")

    @model_validator(mode="after")
    def _require_source(self) -> Cell:
        if not self.value.startswith(NOT_STATED) and not (self.quote and self.where):
            raise ValueError("a cell needs its source: a quote and where it is (or the value 'not stated')")
        return self


class Row(BaseModel):
    """A row: the entry that introduced the method, and its display name."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    entry: EntryId = Field(description="Id of the entry (the paper that introduced the method).")
    name: Text = Field(min_length=1, description="Name of the method as the table shows it.")

    @classmethod
    def columns(cls) -> dict[str, str]:
        """The cell columns and their headings (from the field titles), in order."""
        return {
            name: info.title or name
            for name, info in cls.model_fields.items()
            if name not in Row.model_fields
        }

    def cell(self, column: str) -> Cell | None:
        """The cell of ``column``; None when it has not been sourced."""
        found = getattr(self, column)
        return found if isinstance(found, Cell) else None


class RlRow(Row):
    """An RL policy-optimisation algorithm."""

    critic: Cell | None = Field(default=None, title="Critic", description="Whether it trains a value model.")
    baseline: Cell | None = Field(
        default=None, title="Baseline", description="What the reward is compared with."
    )
    advantage_normalisation: Cell | None = Field(
        default=None, title="Advantage normalisation", description="How advantages are scaled."
    )
    kl: Cell | None = Field(default=None, title="KL to a reference", description="Where the KL term goes.")
    clipping: Cell | None = Field(default=None, title="Clipping", description="How the update is clipped.")
    loss_aggregation: Cell | None = Field(
        default=None, title="Loss aggregation", description="How token losses are averaged."
    )
    importance_ratio: Cell | None = Field(
        default=None, title="Importance ratio", description="Token- or sequence-level ratio."
    )
    samples_per_prompt: Cell | None = Field(
        default=None, title="Samples per prompt", description="How many responses each prompt gets."
    )


class DistillationRow(Row):
    """A distillation objective."""

    sampler: Cell | None = Field(
        default=None, title="Who samples", description="Teacher, student or a mixture."
    )
    divergence: Cell | None = Field(default=None, title="Divergence", description="The divergence minimised.")
    teacher_access: Cell | None = Field(
        default=None, title="Teacher access", description="Logits or text only."
    )
    granularity: Cell | None = Field(default=None, title="Level", description="Token- or sequence-level.")


class AlgorithmTables(BaseModel):
    """The two tables of ``data/algorithms.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rl: list[RlRow] = Field(
        default_factory=list, description="RL policy optimisation, one row per algorithm."
    )
    distillation: list[DistillationRow] = Field(
        default_factory=list, description="Distillation objectives, one row per method."
    )
