"""Related entries: TF-IDF cosine over title, summary and tags; deterministic; exact on the real list."""

from __future__ import annotations

import heapq
import random

import pytest

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.similarity import _vectors, related_entries, terms
from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def real() -> Catalog:
    return build_catalog(REPO / "data")


def _exact(catalog: Catalog, count: int = 5) -> dict[str, list[tuple[str, float]]]:
    """The closest entries by comparing every pair (the definition the fast search must meet)."""
    items = sorted(catalog, key=lambda item: item.id)
    vectors, _ = _vectors([terms(item) for item in items])
    found = {}
    for a, vector in enumerate(vectors):
        scores = [
            (sum(w * vectors[b].get(t, 0.0) for t, w in vector.items()), items[b].id)
            for b in range(len(items))
            if b != a
        ]
        best = heapq.nsmallest(count, scores, key=lambda pair: (-pair[0], pair[1]))
        found[items[a].id] = [(entry_id, score) for score, entry_id in best if score > 0]
    return found


def test_terms_join_title_twice_summary_and_tags_without_stop_words() -> None:
    mini = build_catalog(FIXTURES / "mini")
    found = terms(mini.by_id["gkd"])
    title_word = next(w for w in found if found[w] >= 2 and not w.startswith("#"))
    assert title_word
    assert "the" not in found and "of" not in found
    assert all(f"#{tag}" in found for tag in mini.by_id["gkd"].entry.tags)


def _same_ranking(found: list[tuple[str, float]], exact: list[tuple[str, float]]) -> bool:
    """Equal scores rank by rank; equal ids except among scores a rounding error apart."""
    if [round(s, 6) for _, s in found] != [round(s, 6) for _, s in exact]:
        return False
    return all(a == b or abs(sa - sb) < 1e-6 for (a, sa), (b, sb) in zip(found, exact, strict=True))


def test_with_every_term_indexed_the_result_is_the_exact_all_pairs_one(real: Catalog) -> None:
    found = related_entries(real, budget=10**12)
    for entry_id, ranking in _exact(real).items():
        assert _same_ranking([(r.id, r.score) for r in found[entry_id]], ranking), entry_id


def test_the_default_work_budget_stays_close_to_exact(real: Catalog) -> None:
    found = related_entries(real)
    exact = _exact(real)
    shared = sum(len({i for i, _ in exact[e]} & {r.id for r in found[e]}) for e in exact)
    assert shared / sum(len(ranking) for ranking in exact.values()) > 0.95


def test_results_are_deterministic_whatever_the_input_order(real: Catalog) -> None:
    items = list(real)
    random.Random(7).shuffle(items)
    assert related_entries(items) == related_entries(real)


def test_each_list_is_at_most_five_other_entries_best_first(real: Catalog) -> None:
    for entry_id, related in related_entries(real).items():
        assert len(related) <= 5
        assert entry_id not in {r.id for r in related}
        scores = [r.score for r in related]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < score <= 1 for score in scores)


def test_a_work_budget_keeps_the_search_bounded_and_close_to_exact(real: Catalog) -> None:
    exact = _exact(real)
    bounded = related_entries(real, budget=100_000)
    shared = sum(len({e for e, _ in exact[i]} & {r.id for r in bounded[i]}) for i in exact)
    assert shared / sum(len(ids) for ids in exact.values()) > 0.8
    assert bounded == related_entries(real, budget=100_000)


def test_known_neighbours_in_the_real_list(real: Catalog) -> None:
    related = {entry_id: [r.id for r in found] for entry_id, found in related_entries(real).items()}
    # GKD's neighbours are other works where the student learns from its own samples under a teacher.
    on_policy_kd = {"minillm", "distillm", "distillm-2", "f-distill", "skd", "thinking-machines-opd"}
    assert on_policy_kd & set(related["gkd"])
    assert "deepseek-v3" in related["deepseek-r1"] or "open-r1" in related["deepseek-r1"]
