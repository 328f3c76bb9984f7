"""check-links confirms arxiv.org and github.com links through the fake arXiv and GitHub APIs on 127.0.0.1.

No arxiv.org page and no github.com page is ever fetched: ``links.probe`` is replaced by a guard
that records any call, and every test asserts it stayed unused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.checks import links
from awesome_opt.checks.arxiv.links import arxiv_link
from awesome_opt.checks.github.links import repo_link
from tests.conftest import FakeClock, Result, run_cli
from tests.fixtures.arxiv.fake_api import ERROR_400, FakeArxiv, Paper, serve_arxiv
from tests.fixtures.github.fake_api import FakeGithub, repo_body, serve_github
from tests.test_arxiv import papers_of


@pytest.fixture
def probed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the normal path was asked to fetch (none may be, in these tests)."""
    calls: list[str] = []

    def guard(client: object, url: str, *options: object) -> None:
        calls.append(url)
        raise AssertionError(f"check-links fetched {url} instead of asking the API")

    monkeypatch.setattr(links, "probe", guard)
    return calls


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def arxiv(mini_repo: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    with serve_arxiv() as state:
        state.add(*papers_of(mini_repo / "data"))
        monkeypatch.setenv("AWESOME_OPT_ARXIV_API", state.url)
        yield state


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGithub]:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    with serve_github() as state:
        state.repos["huggingface/trl"] = repo_body("huggingface/trl", 15321)
        state.repos["openai/summarize-from-feedback"] = repo_body(
            "openai/summarize-from-feedback", 1021, True
        )
        state.repos["hendrycks/math"] = repo_body("hendrycks/competition-math", 1200)
        monkeypatch.setenv("AWESOME_OPT_GITHUB_API", state.url)
        yield state


def check_links(repo: Path, *extra: str, clock: FakeClock | None = None) -> Result:
    return run_cli(
        "--data",
        str(repo / "data"),
        "check-links",
        "--no-cache",
        "--retries",
        "0",
        *extra,
        runtime=clock.runtime if clock else None,
    )


def rows_of(result: Result) -> dict[str, dict[str, object]]:
    return {str(row["url"]): row for row in json.loads(result.out)}


def test_150_arxiv_links_cost_two_api_requests_and_no_page_fetch(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, clock: FakeClock, probed: list[str]
) -> None:
    ids = [f"2401.{n:05d}" for n in range(1, 151)]
    arxiv.add(*(Paper(i, f"Paper {i}", ["A. Author"], version=2) for i in ids if i != "2401.00077"))
    urls = [f"https://arxiv.org/abs/{i}" for i in ids]
    urls += ["https://arxiv.org/pdf/2401.00005v2", "https://arxiv.org/pdf/2401.00006v3.pdf"]
    (mini_repo / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    result = check_links(
        mini_repo, "--urls-from", str(mini_repo / "urls.txt"), "--format", "json", clock=clock
    )
    assert result.code == 1
    assert [len(q["id_list"].split(",")) for q in arxiv.queries] == [100, 50]
    assert [q["max_results"] for q in arxiv.queries] == ["100", "50"]
    assert clock.sleeps == [3.0]  # arXiv's three-second gap, on the fake clock
    rows = rows_of(result)
    broken = {url: row for url, row in rows.items() if row["status"] != "ok"}
    assert set(broken) == {"https://arxiv.org/abs/2401.00077", "https://arxiv.org/pdf/2401.00006v3.pdf"}
    assert broken["https://arxiv.org/abs/2401.00077"]["sources"] == [f"{mini_repo / 'urls.txt'}:77"]
    assert "arXiv has no paper 2401.00077" in str(broken["https://arxiv.org/abs/2401.00077"]["error"])
    assert "no v3 of 2401.00006 (latest v2)" in str(broken["https://arxiv.org/pdf/2401.00006v3.pdf"]["error"])
    assert rows["https://arxiv.org/pdf/2401.00005v2"]["status"] == "ok"
    assert probed == [] and github.requests == []


def test_catalog_links_go_through_both_apis_and_report_file_and_line(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, probed: list[str]
) -> None:
    del arxiv.papers["2103.03874"]
    del github.repos["huggingface/trl"]
    result = check_links(mini_repo)
    assert result.code == 1
    out = result.out
    assert (
        "data/papers/math-dataset.yaml:6: broken https://arxiv.org/abs/2103.03874: arXiv has no paper" in out
    )
    assert "data/code/trl.yaml:3: broken https://github.com/huggingface/trl: GitHub answers 404" in out
    assert (
        "data/benchmarks/math.yaml:3: redirected https://github.com/hendrycks/math -> "
        "https://github.com/hendrycks/competition-math (update the entry)" in out
    )
    assert "summarize-from-feedback" not in out  # archived, but the link still works
    assert "ok               6" in out and "broken           2" in out
    assert len(arxiv.queries) == 1 and len(github.requests) == 3
    assert probed == []


def test_a_rejected_id_from_the_400_error_feed_is_broken(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, clock: FakeClock, probed: list[str]
) -> None:
    arxiv.scripted.append((400, ERROR_400.replace(b"abc", b"2212.08410")))
    rows = rows_of(check_links(mini_repo, "--format", "json", clock=clock))
    bad = rows["https://arxiv.org/abs/2212.08410"]
    assert (bad["status"], bad["http_code"]) == ("broken", 400)
    assert "arXiv rejects the id 2212.08410" in str(bad["error"])
    assert rows["https://arxiv.org/abs/1707.06347"]["status"] == "ok"
    assert len(arxiv.queries) == 2 and "2212.08410" not in arxiv.queries[1]["id_list"]
    assert clock.sleeps == [3.0] and probed == []


def test_failing_apis_make_their_links_transient_not_broken(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, probed: list[str]
) -> None:
    arxiv.scripted.append((503, b"busy"))
    github.remaining = 0  # every answer: 403, rate limit exceeded
    result = check_links(mini_repo, "--format", "json")
    assert result.code == 0
    rows = rows_of(result)
    assert {row["status"] for row in rows.values()} == {"transient"}
    assert "rate limit" in str(rows["https://github.com/huggingface/trl"]["error"])
    assert len(github.requests) == 1  # the quota is gone: the other repositories are not asked
    assert check_links(mini_repo, "--strict").code == 1
    assert probed == []


def test_ok_results_of_the_apis_are_cached(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, probed: list[str]
) -> None:
    cache = str(mini_repo / "links.json")
    first = run_cli("--data", str(mini_repo / "data"), "check-links", "--cache", cache)
    second = run_cli("--data", str(mini_repo / "data"), "check-links", "--cache", cache)
    assert first.code == second.code == 0
    assert len(arxiv.queries) == 1 and len(github.requests) == 3  # nothing asked the second time
    assert "9 from the cache" in second.out


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://arxiv.org/abs/2402.03300", ("2402.03300", None)),
        ("http://arxiv.org/pdf/2402.03300v2.pdf", ("2402.03300", 2)),
        ("https://www.arxiv.org/abs/1707.06347/", ("1707.06347", None)),
        ("https://arxiv.org/abs/hep-th/9901001v3", ("hep-th/9901001", 3)),
        ("https://arxiv.org/pdf/math.OC/0501001", ("math/0501001", None)),
        ("https://arxiv.org/list/cs.LG/recent", None),
        ("https://arxiv.org/abs/abc", None),
        ("https://arxiv.invalid/abs/2402.03300", None),
    ],
)
def test_arxiv_links_claimed(url: str, found: tuple[str, int | None] | None) -> None:
    assert arxiv_link(url) == found


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://github.com/huggingface/trl", ("huggingface/trl", "")),
        ("https://github.com/microsoft/LMOps/tree/main/minillm", ("microsoft/lmops", "/tree/main/minillm")),
        ("https://github.com/sponsors/someone", None),
        ("https://github.com/huggingface", None),
        ("https://gist.github.com/a/b", None),
    ],
)
def test_github_links_claimed(url: str, found: tuple[str, str] | None) -> None:
    assert repo_link(url) == found


def test_a_repository_github_answers_301_for_is_redirected_to_its_new_name(
    mini_repo: Path, arxiv: FakeArxiv, github: FakeGithub, probed: list[str]
) -> None:
    github.renamed["huggingface/trl"] = "huggingface/trl-renamed"
    github.repos["huggingface/trl-renamed"] = repo_body("huggingface/TRL-renamed", 16000)
    result = check_links(mini_repo)
    assert (
        "data/code/trl.yaml:3: redirected https://github.com/huggingface/trl -> "
        "https://github.com/huggingface/TRL-renamed (update the entry)" in result.out
    )
    assert probed == []
