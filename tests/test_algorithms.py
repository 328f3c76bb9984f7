"""data/algorithms.yaml: every cell quotes its source, every row names an entry, reported at file:line."""

from __future__ import annotations

from pathlib import Path

from awesome_opt.catalog import build_catalog
from awesome_opt.schema.algorithms import DistillationRow, RlRow
from tests.conftest import REPO, run_cli

VALID = """\
rl:
  - entry: ppo
    name: PPO
    clipping:
      value: symmetric ratio clip
      quote: "test fixture quote of the clipped objective"
      where: Section 3
    samples_per_prompt:
      value: not stated (no prompts in this paper)
distillation:
  - entry: gkd
    name: GKD
    sampler:
      value: student
      quote: "test fixture quote about the student's own samples"
      where: abstract
"""


def _write(repo: Path, text: str) -> None:
    (repo / "data" / "algorithms.yaml").write_text(text, encoding="utf-8")


def test_valid_tables_load_with_their_rows_and_cells(mini_repo: Path) -> None:
    _write(mini_repo, VALID)
    catalog = build_catalog(mini_repo / "data")
    assert catalog.algorithms is not None
    tables, _source = catalog.algorithms
    (ppo,) = tables.rl
    assert ppo.cell("clipping") is not None and ppo.cell("kl") is None  # not sourced yet
    assert tables.distillation[0].cell("sampler") is not None


def test_a_cell_without_its_source_is_an_error_at_its_line(mini_repo: Path) -> None:
    _write(mini_repo, VALID.replace('      quote: "test fixture quote of the clipped objective"\n', ""))
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1
    assert "algorithms.yaml:4:5: rl.0.clipping: a cell needs its source" in result.err


def test_a_row_must_name_an_entry_of_the_list(mini_repo: Path) -> None:
    _write(mini_repo, VALID.replace("entry: gkd", "entry: no-such-method"))
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1
    assert "algorithms.yaml:11:5: no entry 'no-such-method'" in result.err


def test_a_quote_is_at_most_40_words(mini_repo: Path) -> None:
    _write(mini_repo, VALID.replace("test fixture quote of the clipped objective", " ".join(["w"] * 41)))
    assert "quote has 41 words; the limit is 40" in run_cli("--data", str(mini_repo / "data"), "validate").err


def test_the_real_tables_have_the_rows_the_issue_asks_for() -> None:
    tables, _source = build_catalog(REPO / "data").algorithms or (None, None)
    assert tables is not None
    assert len(tables.rl) >= 10 and len(tables.distillation) >= 6
    for row in [*tables.rl, *tables.distillation]:
        cells = [row.cell(column) for column in row.columns()]
        assert any(cells), row.entry
        for cell in filter(None, cells):
            assert cell.value.startswith("not stated") or (cell.quote and cell.where), row.entry


def test_columns_have_headings() -> None:
    assert (
        list(RlRow.columns())[:2] == ["critic", "baseline"] and RlRow.columns()["kl"] == "KL to a reference"
    )
    assert list(DistillationRow.columns()) == ["sampler", "divergence", "teacher_access", "granularity"]
