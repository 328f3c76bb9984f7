"""``awesome-opt discover`` against a fake arXiv search on 127.0.0.1, with the real taxonomy's keywords."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from awesome_opt.discovery import search_query
from tests.conftest import REPO, run_cli
from tests.fixtures.arxiv.fake_api import FakeArxiv, Paper, serve_arxiv

NEW = [
    Paper(
        "2611.00001",
        "On-Policy Distillation for Small Reasoners",
        ["Ada One"],
        "2026-11-10T00:00:00Z",
        summary="We study on-policy distillation with a reverse KL.",
    ),
    Paper(
        "2611.00002",
        "GRPO with Verifiable Rewards at Scale",
        ["Bo Two"],
        "2026-11-12T00:00:00Z",
        summary="GRPO and verifiable rewards; GRPO again.",
    ),
    Paper(
        "2611.00003",
        "Rejection sampling fine-tuning, revisited",
        ["Cy Three"],
        "2026-10-01T00:00:00Z",
        summary="Too old for the window.",
    ),
]
LISTED = Paper("2402.03300", "DeepSeekMath", ["Zhihong Shao"], "2026-11-11T00:00:00Z", summary="GRPO.")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    with serve_arxiv() as state:
        state.add(*NEW, LISTED)
        yield state


def test_discover_ranks_new_papers_and_writes_a_report_and_candidates(
    tmp_path: Path, fake: FakeArxiv
) -> None:
    result = run_cli(
        "--data",
        str(REPO / "data"),
        "discover",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-20",
        "--api-url",
        fake.url,
        "--delay",
        "0",
        "-o",
        str(tmp_path),
    )
    assert result.code == 0, result.err
    candidates = yaml.safe_load((tmp_path / "candidates.yaml").read_text(encoding="utf-8"))["candidates"]
    assert [c["arxiv"] for c in candidates] == ["2611.00002", "2611.00001"]  # listed and out-of-range dropped
    assert candidates[0]["section"] == "rlvr"
    assert candidates[0]["evidence"]["rlvr"] == ["verifiable rewards", "GRPO"]
    assert candidates[1]["section"] == "distillation/on-policy"
    assert candidates[1]["add"].startswith("awesome-opt add 2611.00001 --section distillation/on-policy")
    report = (tmp_path / "discover.md").read_text(encoding="utf-8")
    assert "1. [GRPO with Verifiable Rewards at Scale](https://arxiv.org/abs/2611.00002)" in report
    queries = [q["search_query"] for q in fake.queries]
    assert all("(cat:cs.CL OR cat:cs.LG OR cat:cs.AI)" in q for q in queries)
    assert all("submittedDate:[202611010000 TO 202611202359]" in q for q in queries)
    assert {q["max_results"] for q in fake.queries} == {"50"}


def test_the_query_joins_keywords_categories_and_dates() -> None:
    import datetime as dt

    query = search_query(["GRPO", "verifiable rewards"], dt.date(2026, 1, 2), dt.date(2026, 1, 9))
    assert query == (
        '(all:"GRPO" OR all:"verifiable rewards") AND (cat:cs.CL OR cat:cs.LG OR cat:cs.AI) '
        "AND submittedDate:[202601020000 TO 202601092359]"
    )


def test_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("--data", str(REPO / "data"), "discover", "--since", "last week", "-o", str(tmp_path))
    assert result.code == 2 and "not a date" in result.err
