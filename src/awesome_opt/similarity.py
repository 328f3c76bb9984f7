"""Related entries: for each entry, the closest others by TF-IDF cosine over title, summary and tags.

Computed at build time from the catalog alone: no network, no model, no third-party library, and
the same result on every run (ties go to the smaller id).

- **Terms**: lower-case words of the title (counted twice), the summary and the tags' words, without
  common English words and numbers, with a light plural stripping ("rewards" -> "reward"); each tag
  is also a term of its own (``#grpo``), as tags are chosen by hand.
- **Weights**: ``(1 + ln tf) * ln(N / df)``, each vector scaled to unit length; a term every entry
  has weighs nothing.
- **Search**: an inverted index over the *distinctive* terms gathers the candidates that share one
  with the entry; the best candidates by that partial score are then ranked by their full cosine
  (all terms). Terms count as distinctive from the rarest up, as long as the index's work (the sum
  of each term's entry count squared) stays within :data:`WORK_BUDGET`, so the work grows about
  linearly with the list instead of with its square: the very common terms add to a score but
  never make a pair on their own. On the real list (538 entries) the result is the exact
  all-pairs one (the tests compare them).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from awesome_opt.loader import LoadedEntry

WORD = re.compile(r"[a-z][a-z0-9]*")
# Common English words and the list's own boilerplate; they say nothing about what a work does.
_STOP_TEXT = """
a about above after again against all also an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just more most no nor not now of
off on once only or other our out over own same she should so some such than that the their them
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your via using use used uses without within across per
new one two three whose show shows shown paper work method methods approach propose proposes
proposed
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
TITLE_WEIGHT = 2
CANDIDATES_PER_RESULT = 3  # candidates re-ranked by their full cosine, per result wanted
WORK_BUDGET = 500_000  # pair updates through the index: about a quarter of a second


@dataclass(frozen=True)
class Related:
    """One entry close to another, with the cosine of their vectors (0 to 1)."""

    id: str
    score: float


@cache
def _stem(word: str) -> str:
    """A light plural stripping: "policies" -> "policy", "rewards" -> "reward", "loss" stays."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(w) for w in WORD.findall(text.lower()) if len(w) > 1 and w not in STOP_WORDS]


def terms(item: LoadedEntry) -> Counter[str]:
    """The terms of one entry and how often each occurs."""
    entry = item.entry
    counts = Counter(_words(entry.display_name) * TITLE_WEIGHT)
    counts.update(_words(entry.summary))
    for tag in entry.tags:
        counts[f"#{tag}"] += 1
        counts.update(_words(tag.replace("-", " ")))
    return counts


def _vectors(documents: Sequence[Counter[str]]) -> tuple[list[dict[str, float]], Counter[str]]:
    """Unit-length TF-IDF vectors (terms with zero weight left out), and each term's entry count."""
    size = len(documents)
    df: Counter[str] = Counter()
    for counts in documents:
        df.update(counts.keys())
    idf = {term: math.log(size / n) for term, n in df.items() if n < size}
    vectors = []
    for counts in documents:
        weights = {term: (1 + math.log(tf)) * idf[term] for term, tf in counts.items() if term in idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items()})
    return vectors, df


@dataclass
class _Index:
    """Postings of the distinctive terms (term -> [(document, weight)]) and the set of the others."""

    postings: dict[str, list[tuple[int, float]]]
    common: frozenset[str]


def _index(vectors: Sequence[dict[str, float]], df: Counter[str], budget: int = WORK_BUDGET) -> _Index:
    shared = sorted((n, term) for term, n in df.items() if 1 < n < len(vectors))
    work, distinctive = 0, set()
    for n, term in shared:
        work += n * n
        if work > budget:
            break
        distinctive.add(term)
    postings: dict[str, list[tuple[int, float]]] = {term: [] for term in distinctive}
    for doc, vector in enumerate(vectors):
        for term in distinctive.intersection(vector):
            postings[term].append((doc, vector[term]))
    return _Index(postings, frozenset(term for _, term in shared) - distinctive)


def _closest(
    doc: int, vectors: Sequence[dict[str, float]], index: _Index, count: int
) -> list[tuple[float, int]]:
    """(cosine, document) of the ``count`` documents closest to ``doc``, best first."""
    vector = vectors[doc]
    partial: dict[int, float] = {}
    get = partial.get
    for term, weight in vector.items():
        for other, other_weight in index.postings.get(term, ()):
            partial[other] = get(other, 0.0) + weight * other_weight
    partial.pop(doc, None)
    ranked = sorted(partial.items(), key=itemgetter(1), reverse=True)
    common = index.common.intersection(vector)
    scored = []
    for other, score in ranked[: count * CANDIDATES_PER_RESULT]:
        theirs = vectors[other]  # the full cosine: the distinctive terms' part plus the common terms'
        scored.append((score + sum(vector[t] * theirs[t] for t in common.intersection(theirs)), other))
    return heapq.nsmallest(count, scored, key=lambda pair: (-pair[0], pair[1]))


def related_entries(
    items: Iterable[LoadedEntry], count: int = 5, budget: int = WORK_BUDGET
) -> dict[str, list[Related]]:
    """For each entry id, up to ``count`` closest other entries, best first (none sharing no term)."""
    ordered = sorted(items, key=lambda item: item.id)
    vectors, df = _vectors([terms(item) for item in ordered])
    index = _index(vectors, df, budget)
    found: dict[str, list[Related]] = {}
    for doc, item in enumerate(ordered):
        closest = _closest(doc, vectors, index, count)
        found[item.id] = [
            Related(ordered[other].id, round(score, 6)) for score, other in closest if score > 0
        ]
    return found
