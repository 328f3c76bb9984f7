"""Lineage in the data: builds_on relations are checked at file:line like every other problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.lineage import children_by_parent, coverage, edges
from tests.conftest import run_cli

QUOTE = "test fixture: the child's own words naming the parent"


def _relate(
    repo: Path, child: str, *relations: tuple[str, str], quote: str = QUOTE, source: str = ""
) -> None:
    """Append ``builds_on`` (parent, relation) pairs to a paper of the mini fixture."""
    path = repo / "data" / "papers" / f"{child}.yaml"
    lines = ["builds_on:"]
    for parent, relation in relations:
        lines += [
            f"  - entry: {parent}",
            f"    relation: {relation}",
            f'    quote: "{quote}"',
            "    where: abstract",
            *([f'    source: "{source}"'] if source else []),
        ]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


def _validate(repo: Path) -> str:
    result = run_cli("--data", str(repo / "data"), "validate")
    assert result.code == 1, result.out
    return result.err


def _line_of(repo: Path, child: str, text: str) -> int:
    lines = (repo / "data" / "papers" / f"{child}.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_a_valid_relation_is_loaded_and_counted(mini_repo: Path) -> None:
    _relate(mini_repo, "summarize-from-feedback", ("ppo", "applies"))
    catalog = build_catalog(mini_repo / "data")
    found = edges(catalog)
    assert [(e.child, e.parent, e.relation) for e in found] == [("summarize-from-feedback", "ppo", "applies")]
    assert coverage(found) == (1, 2)
    assert [e.child for e in children_by_parent(found)["ppo"]] == ["summarize-from-feedback"]
    stats = run_cli("--data", str(mini_repo / "data"), "stats")
    assert "lineage: 1 relations touching 2 entries" in stats.out


def test_a_cycle_is_printed_whole_at_its_line(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("distill-reasoning", "extends"))
    _relate(mini_repo, "distill-reasoning", ("gkd", "extends"))
    err = _validate(mini_repo)
    line = _line_of(mini_repo, "distill-reasoning", "- entry: gkd")
    assert f"distill-reasoning.yaml:{line}:" in err
    assert "builds_on makes a cycle: distill-reasoning -> gkd -> distill-reasoning" in err


def test_a_dangling_target_is_reported(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("no-such-paper", "extends"))
    err = _validate(mini_repo)
    line = _line_of(mini_repo, "gkd", "- entry: no-such-paper")
    assert f"gkd.yaml:{line}:" in err and "builds_on 'no-such-paper' is not a paper entry" in err


def test_a_child_older_than_its_parent_is_reported(mini_repo: Path) -> None:
    _relate(mini_repo, "ppo", ("gkd", "extends"))
    err = _validate(mini_repo)
    line = _line_of(mini_repo, "ppo", "- entry: gkd")
    assert f"ppo.yaml:{line}:" in err and "builds_on 'gkd', which was first released later (2023-6)" in err


def test_a_work_cannot_build_on_itself(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("gkd", "extends"))
    assert "gkd builds on itself" in _validate(mini_repo)


def test_a_pair_appears_once(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("ppo", "extends"), ("ppo", "applies"))
    assert "builds_on names 'ppo' twice; one relation per pair" in _validate(mini_repo)


def test_relation_words_come_from_the_taxonomy(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("ppo", "inspires"))
    err = _validate(mini_repo)
    line = _line_of(mini_repo, "gkd", "relation: inspires")
    assert f"gkd.yaml:{line}:5: builds_on.0.relation: unknown relation 'inspires'" in err


@pytest.mark.parametrize("words", [41, 60])
def test_a_quote_is_at_most_40_words(mini_repo: Path, words: int) -> None:
    _relate(mini_repo, "gkd", ("ppo", "extends"), quote=" ".join(["word"] * words))
    assert f"quote has {words} words; the limit is 40" in _validate(mini_repo)


def test_a_source_that_is_another_papers_page_is_reported(mini_repo: Path) -> None:
    _relate(mini_repo, "gkd", ("ppo", "extends"), source="https://mirror.example/papers/1707.06347v2")
    err = _validate(mini_repo)
    line = _line_of(mini_repo, "gkd", "- entry: ppo")
    assert f"gkd.yaml:{line}:" in err
    assert "the source names arXiv 1707.06347, not this entry's 2306.13649" in err


@pytest.mark.parametrize(
    "source",
    ["https://mirror.example/papers/2306.13649v3", "https://archive.example/1712707269.752745/read.html"],
)
def test_the_childs_own_page_or_an_address_without_an_arxiv_id_is_fine(mini_repo: Path, source: str) -> None:
    _relate(mini_repo, "gkd", ("ppo", "extends"), source=source)
    assert run_cli("--data", str(mini_repo / "data"), "validate").code == 0
