"""``awesome-opt add`` end to end against a fake arXiv API: the written entry validates and renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.newentry import parse_arxiv_reference, slugify
from awesome_opt.render.pages import section_path, site_pages
from awesome_opt.runtime import Runtime
from tests.conftest import run_cli
from tests.fixtures.arxiv.fake_api import FakeArxiv, Paper, serve_arxiv
from tests.test_arxiv import papers_of

DEEPSEEKMATH = Paper(
    "2402.03300",
    "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models",
    [
        "Zhihong Shao",
        "Peiyi Wang",
        "Qihao Zhu",
        "Runxin Xu",
        "Junxiao Song",
        "Xiao Bi",
        "Haowei Zhang",
        "Mingchuan Zhang",
        "Y. K. Li",
        "Y. Wu",
        "Daya Guo",
    ],
    published="2024-02-05T18:50:00Z",
    updated="2024-04-27T15:25:53Z",
    version=3,
)
SUMMARY = "Introduces GRPO, which drops the critic and uses the group mean reward as the baseline."
AXES = ("--provenance", "on-policy", "--role", "policy-reshaping", "--signal", "verifiable-reward")


@pytest.fixture
def fake(mini_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    with serve_arxiv() as state:
        state.add(*papers_of(mini_repo / "data"), DEEPSEEKMATH)
        yield state


def add_cli(repo: Path, fake: FakeArxiv, *argv: str, runtime: Runtime | None = None) -> tuple[int, str]:
    result = run_cli("--data", str(repo / "data"), "add", *argv, "--api-url", fake.url, runtime=runtime)
    return result.code, result.out + result.err


def test_add_writes_a_complete_entry_that_validates_and_renders(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = add_cli(
        mini_repo,
        fake,
        "arXiv:2402.03300v2",
        "--section",
        "rlhf",
        "--summary",
        SUMMARY,
        *AXES,
        "--tags",
        "math,kl",
    )
    assert code == 0, text
    path = mini_repo / "data" / "papers" / "deepseekmath.yaml"
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema.json\n"
        'title: "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models"\n'
        'authors: ["Zhihong Shao", "Peiyi Wang", "Qihao Zhu", "Runxin Xu", "Junxiao Song", "Xiao Bi", '
        '"Haowei Zhang", "Mingchuan Zhang", "Y. K. Li", "Y. Wu", "Daya Guo"]\n'
        "authors_complete: true\nyear: 2024\nmonth: 2\n"
        'arxiv: "2402.03300"\nsection: rlhf\nalso_in: []\nprovenance: on-policy\nrole: policy-reshaping\n'
        "signal: [verifiable-reward]\ntags: [math, kl]\ncode: []\n"
        f'summary: "{SUMMARY}"\nadded: {dt.date.today().isoformat()}\n'
    )
    assert fake.queries == [{"id_list": "2402.03300", "max_results": "1"}]
    assert run_cli("--data", str(mini_repo / "data"), "validate").code == 0
    readme = mini_repo / "README.md"
    assert run_cli("--data", str(mini_repo / "data"), "render", "-o", str(readme)).code == 0
    assert "[DeepSeekMath: Pushing the Limits" in readme.read_text(encoding="utf-8")
    pages = {page.path: page.content for page in site_pages(build_catalog(mini_repo / "data"))}
    section_page = pages[section_path(build_catalog(mini_repo / "data"), "rlhf")]
    assert 'id="deepseekmath"' in section_page and "DeepSeekMath: Pushing the Limits" in section_page
    check = run_cli(
        "--data", str(mini_repo / "data"), "check-arxiv", "--api-url", fake.url, "--delay", "0", "--no-cache"
    )
    assert check.code == 0 and "7 entries" in check.out


@pytest.mark.parametrize(
    "reference",
    [
        "2402.03300",
        "arXiv:2402.03300v2",
        "https://arxiv.org/abs/2402.03300v3",
        "https://arxiv.org/pdf/2402.03300",
    ],
)
def test_ids_and_urls_are_understood(reference: str) -> None:
    assert parse_arxiv_reference(reference) == "2402.03300"


def test_slugs_come_from_the_title() -> None:
    assert slugify(DEEPSEEKMATH.title) == "deepseekmath"
    assert slugify("REINFORCE++: A Simple Approach") == "reinforcepp"
    assert slugify("Training Language Models to Follow Instructions with Human Feedback") == (
        "training-language-models-to-follow-instructions"
    )


def test_a_duplicate_is_refused_naming_the_existing_file(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = add_cli(
        mini_repo, fake, "https://arxiv.org/abs/1707.06347", "--section", "rlhf", "--summary", SUMMARY, *AXES
    )
    assert code == 1
    assert "arXiv 1707.06347 is already listed as 'ppo'" in text and "papers/ppo.yaml" in text
    assert fake.queries == []


def test_without_a_terminal_a_summary_is_required_and_nothing_is_written(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    before = sorted((mini_repo / "data").rglob("*"))
    code, text = add_cli(mini_repo, fake, "2402.03300", "--section", "rlhf", *AXES)
    assert code == 2
    assert "--summary is required when not run on a terminal" in text
    assert sorted((mini_repo / "data").rglob("*")) == before


def test_on_a_terminal_the_summary_is_asked_for(
    mini_repo: Path, fake: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    person = Runtime(
        sleep=lambda seconds: None,
        is_terminal=lambda: True,
        ask=lambda prompt: questions.append(prompt) or f"  {SUMMARY} ",
    )
    code, text = add_cli(
        mini_repo, fake, "2402.03300", "--section", "rlhf", "--id", "grpo", *AXES, runtime=person
    )
    assert code == 0, text
    assert len(questions) == 1 and "Summary" in questions[0]
    assert f'summary: "{SUMMARY}"' in (mini_repo / "data" / "papers" / "grpo.yaml").read_text(
        encoding="utf-8"
    )


def test_an_entry_that_would_not_validate_is_not_written(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = add_cli(
        mini_repo, fake, "2402.03300", "--section", "rlhf", "--summary", "lower case, no period"
    )
    assert code == 1
    assert "summary must start with a capital letter" in text
    code, text = add_cli(mini_repo, fake, "2402.03300", "--section", "rlhf", "--summary", SUMMARY)
    assert code == 1
    assert "a paper needs all three axes; missing: provenance, role, signal" in text
    assert not (mini_repo / "data" / "papers" / "deepseekmath.yaml").exists()


def test_an_unknown_id_is_refused(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = add_cli(mini_repo, fake, "2402.99999", "--section", "rlhf", "--summary", SUMMARY, *AXES)
    assert code == 1
    assert "arXiv:2402.99999: cannot add 2402.99999: arXiv has no paper with this id" in text
    assert ":0:0" not in text  # an id is not a file: no made-up line and column
    assert not list((mini_repo / "data" / "papers").glob("*99999*"))


def test_a_survey_goes_to_the_surveys_folder(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = add_cli(mini_repo, fake, "2402.03300", "--section", "surveys", "--summary", SUMMARY)
    assert code == 0, text
    assert (mini_repo / "data" / "surveys" / "deepseekmath.yaml").is_file()
    assert run_cli("--data", str(mini_repo / "data"), "validate").code == 0
