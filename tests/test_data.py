"""The list itself: coverage minimums, landmarks and the works the list promises to contain."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.checks.arxiv import SNAPSHOT_FILE
from awesome_opt.checks.arxiv.feed import ArxivRecord
from awesome_opt.checks.arxiv.snapshot import read_snapshot
from awesome_opt.lineage import coverage, edges
from awesome_opt.loader import LoadedEntry, load_taxonomy
from awesome_opt.schema import Publication
from awesome_opt.taxonomy import Section
from awesome_opt.yamlfile import parse_yaml
from tests.conftest import REPO

MINIMUM_TOTAL = 450
# The last 18 months (issue 11): works first released from July 2025 on, and those of 2026.
RECENT_FROM = (2025, 7)
MINIMUM_RECENT = 150
MINIMUM_2026 = 50
MAXIMUM_INCOMPLETE_AUTHORS = 10
MINIMUM_SNAPSHOT_COVERAGE = 0.95
MINIMUM_RELATIONS, MINIMUM_RELATED_ENTRIES = 150, 120

# Works the project promised to list (issue 3), by arXiv id or official page.
NAMED_ARXIV = {
    "Self-Instruct": "2212.10560",
    "ReST": "2308.08998",
    "ReST-EM": "2312.06585",
    "Distilling Step-by-Step": "2305.02301",
    "DeepSeek-R1": "2501.12948",
    "STaR": "2203.14465",
    "Quiet-STaR": "2403.09629",
    "Self-Rewarding Language Models": "2401.10020",
    "GKD": "2306.13649",
    "MiniLLM": "2306.08543",
    "InstructGPT": "2203.02155",
    "Constitutional AI": "2212.08073",
    "DeepSeekMath": "2402.03300",
    "DPO": "2305.18290",
    "Online DPO": "2402.04792",
    "Let's Verify Step by Step": "2305.20050",
    "Tree of Thoughts": "2305.10601",
    "RAP": "2305.14992",
    "VReST": "2506.08691",
    "Socratic-MCTS": "2506.08927",
    "Reflexion": "2303.11366",
    "Kimi k1.5": "2501.12599",
    "MATH": "2103.03874",
    "MMLU-Pro": "2406.01574",
    "SWE-bench": "2310.06770",
    "BrowseComp": "2504.12516",
    "GPQA": "2311.12022",
    "Unified post-training survey": "2604.07941",
    "PPO": "1707.06347",
}
NAMED_URLS = {
    "OpenAI o1": "https://openai.com/index/learning-to-reason-with-llms/",
    "OpenAI o3": "https://openai.com/index/introducing-o3-and-o4-mini/",
    "QwQ": "https://qwenlm.github.io/blog/qwq-32b/",
    "AIME": "https://maa.org/aime-thresholds-are-available/",
    "GSM8K": "https://github.com/openai/grade-school-math",
}
NAMED_CODE = ("trl", "openrlhf", "verl", "deepspeed-chat", "megatron-lm")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


@pytest.fixture(scope="module")
def snapshot() -> dict[str, ArxivRecord]:
    return read_snapshot(REPO / "data" / SNAPSHOT_FILE)


def test_total_entries(catalog: Catalog) -> None:
    assert len(catalog) >= MINIMUM_TOTAL


SECTIONS = load_taxonomy(REPO / "data")[0].sections


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_section_minimum_from_the_taxonomy(catalog: Catalog, section: Section) -> None:
    assert catalog.count_in(section.id) >= section.minimum, f"{section.id} has fewer than {section.minimum}"


def test_every_leaf_section_has_a_minimum() -> None:
    leaves = [s for s in SECTIONS if s.id in load_taxonomy(REPO / "data")[0].leaf_ids]
    assert all(s.minimum > 0 for s in leaves), [s.id for s in leaves if not s.minimum]


def _first_release(item: LoadedEntry) -> tuple[int, int]:
    return (item.entry.sort_year, item.entry.sort_month)


def test_the_last_18_months_are_covered(catalog: Catalog) -> None:
    recent = [item for item in catalog if _first_release(item) >= RECENT_FROM]
    assert len(recent) >= MINIMUM_RECENT
    assert sum(1 for item in recent if item.entry.sort_year == 2026) >= MINIMUM_2026


def test_few_author_lists_are_cut_short_and_each_says_why(catalog: Catalog) -> None:
    short = [item for item in catalog if not item.entry.authors_shown[1]]
    assert len(short) <= MAXIMUM_INCOMPLETE_AUTHORS, [item.id for item in short]
    for item in short:
        lines = item.source.path.read_text(encoding="utf-8").splitlines()
        flag = next(i for i, line in enumerate(lines) if line.startswith("authors_complete: false"))
        assert lines[flag - 1].startswith("# "), f"{item.id}: say above the flag why the list is short"


def test_the_offline_snapshot_covers_the_arxiv_entries(
    catalog: Catalog, snapshot: dict[str, ArxivRecord]
) -> None:
    ids = [item.entry.arxiv_id for item in catalog if item.entry.arxiv_id]
    covered = sum(1 for arxiv_id in ids if arxiv_id in snapshot)
    assert covered / len(ids) >= MINIMUM_SNAPSHOT_COVERAGE, f"{covered} of {len(ids)}"


def test_every_snapshot_line_says_where_its_metadata_was_read() -> None:
    """A line from the arXiv API carries its version and date; a line written by hand names a source."""
    path = REPO / "data" / SNAPSHOT_FILE
    unsourced = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        from_api = data.get("version") and data.get("updated")
        if not from_api and not data.get("source"):
            unsourced.append(data["arxiv_id"])
    assert not unsourced, f"snapshot lines with neither an API version nor a source: {unsourced}"


def test_no_snapshot_line_is_behind_its_entry(catalog: Catalog, snapshot: dict[str, ArxivRecord]) -> None:
    """An entry completed from a source must bring its snapshot line along: a line still marked cut
    short under a whole, longer list hides the source of the names it lacks (magistral, glm-4-5)."""
    behind = []
    for item in catalog:
        record = snapshot.get(item.entry.arxiv_id) if item.entry.arxiv_id else None
        authors, complete = item.entry.authors_shown
        if record is not None and complete and not record.authors_complete:
            behind.append(f"{item.id}: snapshot {len(record.authors)} names, entry {len(authors)}")
    assert not behind, behind


def test_lineage_covers_the_field(catalog: Catalog) -> None:
    relations, entries = coverage(edges(catalog))
    assert relations >= MINIMUM_RELATIONS and entries >= MINIMUM_RELATED_ENTRIES, (relations, entries)


def test_one_to_three_landmarks_per_leaf_section(catalog: Catalog) -> None:
    landmarks = Counter(item.entry.section for item in catalog if item.entry.landmark)
    for section in catalog.taxonomy.leaf_ids:
        assert 1 <= landmarks[section] <= 3, f"{section} has {landmarks[section]} landmarks"


@pytest.mark.parametrize("work", sorted(NAMED_ARXIV))
def test_named_work_is_listed(catalog: Catalog, work: str) -> None:
    ids = {item.entry.arxiv for item in catalog if isinstance(item.entry, Publication)}
    assert NAMED_ARXIV[work] in ids


def test_named_pages_and_code_are_listed(catalog: Catalog) -> None:
    urls = {getattr(item.entry, "url", None) for item in catalog}
    assert set(NAMED_URLS.values()) <= urls
    assert set(NAMED_CODE) <= {item.id for item in catalog if item.entry.kind == "code"}


def test_years_span_ppo_to_2026(catalog: Catalog) -> None:
    years = {item.entry.sort_year for item in catalog if isinstance(item.entry, Publication)}
    assert min(years) <= 2017 and max(years) >= 2026


def test_every_paper_is_classified_on_the_three_axes(catalog: Catalog) -> None:
    """All three axes, or none where the section waives them (systems papers)."""
    for item in catalog:
        if item.entry.kind == "paper":
            assert isinstance(item.entry, Publication)
            axes = (item.entry.provenance, item.entry.role, item.entry.signal)
            waived = catalog.taxonomy.section_by_id[item.entry.section].axes_optional
            assert all(axes) or (waived and not any(axes)), item.id


def test_every_data_file_points_editors_at_the_schema() -> None:
    for path in sorted((REPO / "data").glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", path.name


def test_every_data_file_reads_the_same_without_libyaml() -> None:
    """libyaml accepts some plain scalars (a '?' inside a flow list) that the pure-Python parser
    refuses: an entry must read the same in every contributor's editor and tool."""
    for path in sorted((REPO / "data").glob("**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == parse_yaml(text.encode()).value, path.name


def test_generated_files_exist() -> None:
    assert (REPO / "data" / "schema.json").is_file()
    assert (
        Path(REPO / "README.md")
        .read_text(encoding="utf-8")
        .startswith("<!-- Generated by `awesome-opt render`")
    )
