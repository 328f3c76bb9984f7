"""check-github against a fake GitHub API on 127.0.0.1: archived, 404, ETag 304s, quota, metrics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.checks.github.metrics import badges, github_repo, read_metrics, short_count
from tests.conftest import run_cli
from tests.fixtures.github.fake_api import FakeGithub, repo_body, serve_github


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGithub]:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with serve_github() as state:
        state.repos["huggingface/trl"] = repo_body("huggingface/trl", 15321)
        state.repos["openai/summarize-from-feedback"] = repo_body(
            "openai/summarize-from-feedback", 1021, True
        )
        yield state


def github(repo: Path, fake: FakeGithub, *extra: str) -> tuple[int, str, str]:
    result = run_cli(
        "--data",
        str(repo / "data"),
        "check-github",
        "--api-url",
        fake.url,
        "--cache",
        str(repo / "github-cache.json"),
        *extra,
    )
    return result.code, result.out, result.err


def test_an_archived_repo_is_a_warning_at_the_linking_line(mini_repo: Path, fake: FakeGithub) -> None:
    code, out, _ = github(mini_repo, fake, "--format", "github")
    assert code == 0
    [line] = out.strip().splitlines()
    assert line.startswith("::warning file=")
    assert line.endswith(
        "summarize-from-feedback.yaml,line=13,col=1::summarize-from-feedback: "
        "github.com/openai/summarize-from-feedback: archived (read-only since it was archived)"
    )
    code, _, _ = github(mini_repo, fake, "--strict")
    assert code == 1


def test_a_missing_repo_fails_at_its_entry(mini_repo: Path, fake: FakeGithub) -> None:
    del fake.repos["huggingface/trl"]
    code, out, _ = github(mini_repo, fake)
    assert code == 1
    assert "code/trl.yaml:3:1: trl: github.com/huggingface/trl: not-found" in out
    assert "2 repositories checked: 1 archived, 1 not found" in out


def test_the_second_run_is_answered_304_and_costs_no_quota(mini_repo: Path, fake: FakeGithub) -> None:
    github(mini_repo, fake)
    quota = fake.remaining
    _code, out, _ = github(mini_repo, fake, "--format", "json")
    assert fake.remaining == quota
    assert all("if-none-match" in headers for _path, headers in fake.requests[2:])
    rows = {row["repo"]: row for row in json.loads(out)}
    assert rows["huggingface/trl"]["figures"]["stars"] == 15321
    assert rows["openai/summarize-from-feedback"]["status"] == "archived"
    text = github(mini_repo, fake)[1]
    assert "2 request(s), 2 unchanged (304)" in text


def test_an_exhausted_quota_stops_cleanly_and_lists_what_is_left(mini_repo: Path, fake: FakeGithub) -> None:
    fake.remaining = 1  # the first answer says "0 remaining": no second request is sent
    code, out, err = github(mini_repo, fake, "--format", "json")
    assert [row["status"] for row in json.loads(out)] == ["ok", "unchecked"]
    assert "rate limit exhausted" in err and "1 repositories unchecked" in err
    assert len(fake.requests) == 1
    assert code == 0
    fake.remaining = 0  # the next answer is GitHub's 403 "API rate limit exceeded"
    code, out, err = github(mini_repo, fake, "--format", "json", "--no-cache")
    assert [row["status"] for row in json.loads(out)] == ["unchecked", "unchecked"]
    assert "resets at 2030-03-17" in err and "2 repositories unchecked" in err
    assert len(fake.requests) == 2


def test_an_unreachable_api_stops_cleanly_without_a_traceback(mini_repo: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    result = run_cli("--data", str(mini_repo / "data"), "check-github", "--api-url", closed, "--no-cache")
    assert result.code == 0
    assert "GitHub API unreachable: connection refused" in result.err
    assert "stopped with 2 repositories unchecked" in result.err
    strict = run_cli("--data", str(mini_repo / "data"), "check-github", "--api-url", closed, "--strict")
    assert strict.code == 1


def test_the_token_is_sent_when_set(
    mini_repo: Path, fake: FakeGithub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    github(mini_repo, fake, "--no-cache")
    assert {headers.get("authorization") for _path, headers in fake.requests} == {"Bearer t0ken"}


def test_write_stores_sorted_figures_that_the_readme_shows(mini_repo: Path, fake: FakeGithub) -> None:
    _code, _, _ = github(mini_repo, fake, "--write")
    text = (mini_repo / "data" / "metrics.json").read_text(encoding="utf-8")
    figures = read_metrics(mini_repo / "data")
    assert list(figures) == ["huggingface/trl", "openai/summarize-from-feedback"]
    assert figures["huggingface/trl"] == {
        "archived": False,
        "default_branch": "main",
        "license": "Apache-2.0",
        "pushed_at": "2026-10-01T12:00:00Z",
        "stars": 15321,
    }
    github(mini_repo, fake, "--write")
    assert (mini_repo / "data" / "metrics.json").read_text(encoding="utf-8") == text
    readme = mini_repo / "README.md"
    assert run_cli("--data", str(mini_repo / "data"), "render", "-o", str(readme)).code == 0
    line = next(line for line in readme.read_text(encoding="utf-8").splitlines() if "[TRL]" in line)
    assert "★ 15k" in line


def test_repository_urls_and_counts() -> None:
    assert github_repo("https://github.com/microsoft/LMOps/tree/main/minillm") == "microsoft/lmops"
    assert github_repo("https://github.com/OpenRLHF/OpenRLHF.git") == "openrlhf/openrlhf"
    assert github_repo("https://gitlab.com/a/b") is None
    assert [short_count(n) for n in (950, 1234, 15321, 2_500_000)] == ["950", "1.2k", "15k", "2.5M"]
    figures = {"a/b": {"stars": 1200, "archived": True}}
    assert badges([("x", "https://github.com/A/B")], figures) == {"x": {"stars": "1.2k", "archived": True}}


def test_a_renamed_repository_is_followed_to_its_new_name(mini_repo: Path, fake: FakeGithub) -> None:
    fake.renamed["huggingface/trl"] = "huggingface/trl-renamed"
    fake.repos["huggingface/trl-renamed"] = repo_body("huggingface/trl-renamed", 16000)
    code, out, _ = github(mini_repo, fake, "--format", "json", "--no-cache")
    rows = {row["repo"]: row for row in json.loads(out)}
    assert (rows["huggingface/trl"]["status"], rows["huggingface/trl"]["figures"]["stars"]) == ("ok", 16000)
    assert [path for path, _ in fake.requests][:2] == ["/repos/huggingface/trl", "/repositories/2"]
    assert code == 0
