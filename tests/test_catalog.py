"""Cross-entry checks and ordering."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.errors import DataError
from awesome_opt.identifiers import title_key
from awesome_opt.identifiers import url_key as normalise_url
from tests.conftest import Result, run_cli


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://arxiv.org/abs/2402.03300", "https://arxiv.org/pdf/2402.03300v2"),
        ("https://arxiv.org/abs/2402.03300", "https://export.arxiv.org/abs/2402.03300.pdf"),
        ("https://GitHub.com/huggingface/trl/", "https://github.com/huggingface/trl"),
        ("https://arxiv.org/abs/cs/0101001v1", "https://arxiv.org/abs/cs/0101001"),
    ],
)
def test_equivalent_urls_normalise_alike(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


def test_different_urls_stay_different() -> None:
    assert normalise_url("https://github.com/a/b") != normalise_url("https://github.com/a/c")
    assert normalise_url("https://x.org/p?id=1") != normalise_url("https://x.org/p?id=2")


def test_title_key_ignores_case_accents_and_punctuation() -> None:
    assert title_key("Déjà Vu: A  Study!") == title_key("deja vu - a study")


def _write(repo: Path, name: str, text: str) -> None:
    (repo / "data" / name).write_text(text, encoding="utf-8")


def test_pdf_link_duplicates_listed_arxiv_id_on_both_files(mini_repo: Path) -> None:
    text = (mini_repo / "data/papers/ppo.yaml").read_text()
    text = text.replace('arxiv: "1707.06347"', "url: https://arxiv.org/pdf/1707.06347v2")
    _write(mini_repo, "papers/ppo-copy.yaml", text.replace("Proximal Policy Optimization Algorithms", "PPO"))
    with pytest.raises(DataError) as info:
        build_catalog(mini_repo / "data")
    labels = sorted(p.path.rsplit("/", 1)[-1] for p in info.value.problems)
    assert labels == ["ppo-copy.yaml", "ppo.yaml"]
    assert all("duplicate arXiv id" in p.message for p in info.value.problems)


def test_one_id_in_two_kinds_is_reported_on_both_files(mini_repo: Path) -> None:
    (mini_repo / "data/datasets").mkdir()
    _write(
        mini_repo,
        "datasets/ppo.yaml",
        "name: PPO rollouts\nurl: https://example.org/ppo-data\nsummary: Rollouts.\n"
        "section: rlhf\nadded: 2026-11-01\n",
    )
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1
    assert "datasets/ppo.yaml:1:1: entry id 'ppo' is also used by" in result.err
    assert "papers/ppo.yaml:1:1: entry id 'ppo' is also used by" in result.err


def _append_and_validate(repo: Path, name: str, line_text: str) -> tuple[Result, int]:
    """Append one line to ``data/<name>``, run validate; the result and that line's number."""
    path = repo / "data" / name
    path.write_text(path.read_text() + line_text + "\n")
    return run_cli("--data", str(repo / "data"), "validate"), len(path.read_text().splitlines())


def test_dangling_paper_reference_on_code_entry(mini_repo: Path) -> None:
    result, line = _append_and_validate(mini_repo, "code/trl.yaml", "paper: no-such-paper")
    assert result.code == 1
    assert f"trl.yaml:{line}:1: paper 'no-such-paper' is not a paper entry" in result.err


def test_a_benchmark_dated_after_its_paper_is_reported_at_its_year(mini_repo: Path) -> None:
    # SWE-bench Verified (2024) once named the SWE-bench paper (2023), which did not introduce it
    result, line = _append_and_validate(mini_repo, "benchmarks/math.yaml", "year: 2024")
    assert result.code == 1
    assert f"math.yaml:{line}:1: year 2024 is not the year of its paper 'math-dataset' (2021)" in result.err
    assert "drop `paper:` when a later release" in result.err
    path = mini_repo / "data/benchmarks/math.yaml"
    path.write_text(path.read_text().replace("year: 2024", "year: 2021"))  # the paper's year: fine
    assert run_cli("--data", str(mini_repo / "data"), "validate").code == 0


def test_empty_section_is_reported_at_its_taxonomy_line(mini_repo: Path) -> None:
    (mini_repo / "data/code/trl.yaml").unlink()
    (mini_repo / "data/papers/gkd.yaml").write_text(
        (mini_repo / "data/papers/gkd.yaml").read_text().replace("code: [trl]\n", "")
    )
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1
    taxonomy_lines = (mini_repo / "data/taxonomy.yaml").read_text().splitlines()
    line = taxonomy_lines.index("  - id: frameworks") + 1
    assert f"taxonomy.yaml:{line}:5: section 'frameworks' has no entries" in result.err


def test_section_order_is_newest_first_then_title(mini_repo: Path) -> None:
    catalog = build_catalog(mini_repo / "data")
    assert [i.id for i in catalog.entries_in("rlhf")] == ["summarize-from-feedback", "ppo"]
    assert [i.id for i in catalog.entries_in("benchmarks")] == ["math-dataset", "math"]
    assert catalog.count_in("distillation") == 2
    assert [i.id for i in catalog.cross_references("rlhf")] == ["gkd"]
