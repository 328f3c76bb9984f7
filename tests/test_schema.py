"""Field validation of entry models, with and without the taxonomy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from awesome_opt.catalog import build_catalog
from awesome_opt.identifiers import arxiv_id_month, normalise_arxiv
from awesome_opt.loader import load_taxonomy
from awesome_opt.render.pages import site_pages
from awesome_opt.schema import Benchmark, Paper, Survey
from awesome_opt.taxonomy import Taxonomy
from tests.conftest import FIXTURES, REPO, run_cli


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(FIXTURES / "mini")[0]


def paper(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "A Title",
        "authors": ["Ada Lovelace"],
        "year": 2023,
        "arxiv": "2306.13649",
        "section": "rlhf",
        "provenance": "on-policy",
        "role": "policy-reshaping",
        "signal": ["reward-model"],
        "summary": "Does a thing.",
        "added": "2026-01-01",
    }
    base.update(changes)
    return base


def signal_error(data: dict[str, Any], taxonomy: Taxonomy) -> Any:
    """The one error a paper gets, which must be on its signal."""
    with pytest.raises(ValidationError) as info:
        Paper.model_validate(data, context={"taxonomy": taxonomy})
    (error,) = info.value.errors()
    assert error["loc"] == ("signal",)
    return error


def errors(model: type, data: dict[str, Any], taxonomy: Taxonomy | None = None) -> str:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data, context={"taxonomy": taxonomy} if taxonomy else None)
    return str(info.value)


def test_valid_paper(taxonomy: Taxonomy) -> None:
    entry = Paper.model_validate(paper(), context={"taxonomy": taxonomy})
    assert entry.link == "https://arxiv.org/abs/2306.13649"
    assert entry.added == dt.date(2026, 1, 1)


@pytest.mark.parametrize("arxiv", ["2402.03300", "1707.06347", "2604.07941", "cs/0101001", "math.GT/0309136"])
def test_arxiv_forms_accepted(arxiv: str) -> None:
    assert Paper.model_validate(paper(arxiv=arxiv, year=2000)).arxiv == arxiv


def test_first_version_may_precede_the_month_of_its_id() -> None:
    # 2505.00024 was submitted on 25 April 2025 and numbered in May, when arXiv announced it.
    assert Paper.model_validate(paper(arxiv="2505.00024", year=2025, month=4)).month == 4
    assert Paper.model_validate(paper(arxiv="2505.00024", year=2025, month=5)).month == 5


@pytest.mark.parametrize(
    ("arxiv", "year", "month", "numbered"),
    [
        ("2505.00024", 2025, 6, "2025-05"),
        ("2412.00154", 2025, 1, "2024-12"),
        ("cs/0101001", 2002, None, "2001-01"),
    ],
)
def test_a_date_after_the_month_of_the_id_is_rejected(
    arxiv: str, year: int, month: int | None, numbered: str
) -> None:
    message = errors(Paper, paper(arxiv=arxiv, year=year, month=month))
    assert f"is after {numbered}, the month arXiv numbered '{arxiv}' in" in message


def test_arxiv_id_month_reads_both_forms() -> None:
    assert arxiv_id_month("2505.00024") == (2025, 5)
    assert arxiv_id_month("hep-th/9901001") == (1999, 1)
    assert arxiv_id_month("math.GT/0309136") == (2003, 9)
    assert arxiv_id_month("not an id") is None


@pytest.mark.parametrize("arxiv", ["2402.03300v2", "arXiv:2402.03300", "24020.3300", "abc", "2402.033"])
def test_arxiv_forms_rejected(arxiv: str) -> None:
    assert "is not an arXiv id" in errors(Paper, paper(arxiv=arxiv))


def test_normalise_arxiv_reads_prefixes_and_versions() -> None:
    assert normalise_arxiv("arXiv:2402.03300v2") == "2402.03300"
    assert normalise_arxiv("nonsense") is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "http://example.org/a",
        "ftp://example.org",
        "https://",
        "https://exa mple.org",
    ],
)
def test_unsafe_urls_rejected(url: str) -> None:
    message = errors(Paper, paper(url=url))
    assert "url" in message


def test_http_allowed_only_for_declared_hosts(taxonomy: Taxonomy) -> None:
    allowed = taxonomy.model_copy(update={"http_hosts": ["old.example.org"]})
    entry = Paper.model_validate(paper(url="http://old.example.org/x"), context={"taxonomy": allowed})
    assert entry.url == "http://old.example.org/x"


@pytest.mark.parametrize("year", [1989, dt.date.today().year + 2])
def test_year_range(year: int) -> None:
    assert "outside" in errors(Paper, paper(year=year))


def test_added_in_future_rejected() -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert "in the future" in errors(Paper, paper(added=tomorrow))


@pytest.mark.parametrize(
    "summary,reason",
    [
        ("x" * 299 + ".", "the limit is 300"),
        ("lower case.", "capital letter"),
        ("No period", "end with a period"),
    ],
)
def test_summary_rules(summary: str, reason: str) -> None:
    assert reason in errors(Paper, paper(summary="A" + summary if reason.startswith("the") else summary))


def test_empty_authors_rejected() -> None:
    assert "authors" in errors(Paper, paper(authors=[]))
    assert "author name is empty" in errors(Paper, paper(authors=["  "]))


def test_unknown_field_rejected() -> None:
    assert "extra" in errors(Paper, paper(titel="typo")).lower()


def test_vocabulary_checked_with_hints(taxonomy: Taxonomy) -> None:
    message = errors(Paper, paper(section="rlfh"), taxonomy)
    assert "unknown section 'rlfh'" in message
    message = errors(Paper, paper(tags=["ppo", "pppo"]), taxonomy)
    assert "unknown tag 'pppo'" in message


def test_parent_section_needs_a_leaf(taxonomy: Taxonomy) -> None:
    assert "has sub-sections" in errors(Paper, paper(section="distillation"), taxonomy)


def test_paper_needs_axes_but_survey_does_not(taxonomy: Taxonomy) -> None:
    data = paper(section="surveys")
    del data["provenance"], data["role"], data["signal"]
    assert "missing: provenance, role, signal" in errors(Paper, data, taxonomy)
    assert Survey.model_validate(data, context={"taxonomy": taxonomy}).kind == "survey"


def test_a_section_that_waives_the_axes_takes_all_three_or_none(taxonomy: Taxonomy) -> None:
    waived = [section.id for section in taxonomy.sections if section.axes_optional]
    assert waived, "the taxonomy waives the axes somewhere (systems papers in frameworks)"
    data = paper(section=waived[0])
    del data["provenance"], data["role"], data["signal"]
    assert Paper.model_validate(data, context={"taxonomy": taxonomy}).provenance is None
    data["signal"] = ["teacher-distribution"]
    with pytest.raises(ValidationError) as info:
        Paper.model_validate(data, context={"taxonomy": taxonomy})
    (error,) = info.value.errors()
    assert "missing: provenance, role" in error["msg"]
    assert "all three or none" in error["ctx"]["hint"]
    elsewhere = paper(section="rlhf")
    del elsewhere["signal"]
    assert "missing: signal" in errors(Paper, elsewhere, taxonomy)


def test_a_section_rule_on_the_axes_is_enforced_at_the_axis(taxonomy: Taxonomy) -> None:
    data = paper(section="distillation/on-policy", provenance="off-policy", signal=["reward-model"])
    with pytest.raises(ValidationError) as info:
        Paper.model_validate(data, context={"taxonomy": taxonomy})
    found = {error["loc"]: error for error in info.value.errors()}
    assert set(found) == {("provenance",), ("signal",)}
    assert "'off-policy' is not used in section 'distillation/on-policy'" in found[("provenance",)]["msg"]
    assert "lacks 'teacher-distribution'" in found[("signal",)]["msg"]
    assert "provenance on-policy or hybrid" in found[("signal",)]["ctx"]["hint"]
    fitting = paper(section="distillation/on-policy", provenance="hybrid", signal=["teacher-distribution"])
    assert Paper.model_validate(fitting, context={"taxonomy": taxonomy}).provenance == "hybrid"
    assert Paper.model_validate(paper(provenance="off-policy"), context={"taxonomy": taxonomy})


def test_a_framework_that_runs_reward_model_training_lists_rlhf_too(taxonomy: Taxonomy) -> None:
    error = signal_error(paper(section="frameworks", signal=["reward-model"]), taxonomy)
    assert "lists 'reward-model' but not 'rlhf' in also_in" in error["msg"]
    assert "reward-model adds rlhf to also_in" in error["ctx"]["hint"]
    listed = paper(section="frameworks", signal=["reward-model"], also_in=["rlhf"])
    assert Paper.model_validate(listed, context={"taxonomy": taxonomy}).also_in == ["rlhf"]
    other_signal = paper(section="frameworks", signal=["verifiable-reward"])
    assert Paper.model_validate(other_signal, context={"taxonomy": taxonomy}).also_in == []


def test_a_paper_listing_rlvr_or_distillation_anywhere_names_the_signal_it_runs_on() -> None:
    # the list's own rule: rubric-arm listed rlvr in also_in for judges trained by RL on label
    # matches, without the signal
    taxonomy = load_taxonomy(REPO / "data")[0]
    error = signal_error(paper(section="rlhf", signal=["reward-model"], also_in=["rlvr"]), taxonomy)
    assert "lists 'rlvr' without 'verifiable-reward' or 'self-generated' in section 'rlvr'" in error["msg"]
    assert "verifiable-reward or self-generated (also where also_in lists it)" in error["ctx"]["hint"]
    filed = paper(section="rlvr", signal=["ai-feedback"])
    assert "lists 'rlvr' without" in errors(Paper, filed, taxonomy)
    checked = paper(section="rlhf", signal=["reward-model", "verifiable-reward"], also_in=["rlvr"])
    assert Paper.model_validate(checked, context={"taxonomy": taxonomy}).also_in == ["rlvr"]
    label_free = paper(section="rlvr", signal=["self-generated"])
    assert Paper.model_validate(label_free, context={"taxonomy": taxonomy}).signal == ["self-generated"]
    # the same holds for distillation named in also_in: a teacher's outputs are what it learns from
    distilled = paper(section="rlvr", signal=["verifiable-reward"], also_in=["distillation/on-policy"])
    error = signal_error(distilled, taxonomy)
    assert "lists 'distillation/on-policy' without 'teacher-distribution'" in error["msg"]
    distilled["signal"] = ["verifiable-reward", "teacher-distribution"]
    fixed = Paper.model_validate(distilled, context={"taxonomy": taxonomy})
    assert fixed.also_in == ["distillation/on-policy"]


def test_a_section_rule_must_name_declared_axis_values() -> None:
    text = (FIXTURES / "mini" / "taxonomy.yaml").read_text(encoding="utf-8")
    broken = yaml.safe_load(
        text.replace("signal_includes: [teacher-distribution]", "signal_includes: [teacher]")
    )
    with pytest.raises(
        ValidationError, match="section 'distillation/on-policy' names unknown signal 'teacher'"
    ):
        Taxonomy.model_validate(broken)
    unknown_section = yaml.safe_load(text.replace("{reward-model: rlhf}", "{reward-model: rlhff}"))
    with pytest.raises(ValidationError, match="section 'frameworks' maps unknown 'reward-model' or 'rlhff'"):
        Taxonomy.model_validate(unknown_section)


def test_paper_needs_a_link() -> None:
    data = paper()
    del data["arxiv"]
    assert "needs an arxiv id, a url or a doi" in errors(Paper, data)


def test_benchmark_domain_checked(taxonomy: Taxonomy) -> None:
    data = {
        "name": "X",
        "url": "https://example.org",
        "domain": "maths",
        "summary": "A set.",
        "section": "benchmarks",
        "added": "2026-01-01",
    }
    assert "unknown domain 'maths'" in errors(Benchmark, data, taxonomy)


def test_summary_with_a_word_broken_at_a_hyphen_is_rejected() -> None:
    folded = "Trains multi-\n  turn agents with RL."
    assert "breaks a word at a hyphen: 'i- t'" in errors(Paper, paper(summary=" ".join(folded.split())))
    assert Paper.model_validate(
        paper(summary="Uses breadth- or depth-first search and self- and cross-checks.")
    )


def test_repeated_vocabulary_values_are_named(taxonomy: Taxonomy) -> None:
    assert "tag 'ppo' is listed twice" in errors(Paper, paper(tags=["ppo", "kl", "ppo"]), taxonomy)
    assert "section 'rlhf' is listed twice" in errors(Paper, paper(also_in=["rlhf", "rlhf"]), taxonomy)
    assert "signal 'reward-model' is listed twice" in errors(Paper, paper(signal=["reward-model"] * 2))


def test_a_landmark_says_why_to_read_it(mini_repo: Path) -> None:
    path = mini_repo / "data" / "papers" / "ppo.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("why_read:")) + "\n")
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    line = next(
        n for n, ln in enumerate(path.read_text().splitlines(), start=1) if ln.startswith("landmark:")
    )
    assert result.code == 1
    assert f"ppo.yaml:{line}:1: landmark: a landmark needs why_read" in result.err


def test_why_read_is_for_landmarks_only(mini_repo: Path) -> None:
    path = mini_repo / "data" / "papers" / "ppo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("landmark: true\n", ""), encoding="utf-8")
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1 and "why_read is for landmarks only" in result.err


def test_the_learning_path_shows_why_to_read_each_landmark() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    (page,) = [p for p in site_pages(catalog) if p.path == "learning-path.md"]
    for item in catalog:
        if item.entry.landmark:
            assert f"Why read it: {item.entry.why_read}" in page.content, item.id
