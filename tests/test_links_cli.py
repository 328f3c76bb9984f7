"""``awesome-opt check-links`` end to end, with the catalog's links pointed at a loopback server."""

from __future__ import annotations

import io
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.commands.options import parse_duration
from awesome_opt.output.progress import ProgressBar
from awesome_opt.runtime import Runtime
from tests.conftest import FakeClock, Result, run_cli
from tests.linkserver import LinkServer, Reply, redirect

NO_ARXIV = ("--exclude", r"arxiv\.org")
NEW_CODE = """name: New tool
url: {url}
section: frameworks
summary: A tool added in this change.
added: 2026-11-04
"""


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer() as running:
        running.route("/gh/huggingface/trl", Reply(200))
        running.route("/gh/hendrycks/math", Reply(404))
        running.route("/gh/openai/summarize-from-feedback", redirect(301, "/gh/openai/sff"))
        running.route("/gh/openai/sff", Reply(200))
        running.route("/gh/new/tool", Reply(200))
        yield running


@pytest.fixture
def repo(mini_repo: Path, server: LinkServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture catalog with its GitHub links moved to the loopback server."""
    data = mini_repo / "data"
    with (data / "taxonomy.yaml").open("a", encoding="utf-8") as handle:
        handle.write('\nhttp_hosts: ["127.0.0.1"]\n')
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("https://github.com/", server.url("/gh/")), encoding="utf-8")
    monkeypatch.chdir(mini_repo)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return mini_repo


def check(*argv: str, runtime: Runtime | None = None) -> Result:
    return run_cli("--data", "data", "check-links", *NO_ARXIV, *argv, runtime=runtime)


def json_rows(result: Result) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


def test_catalog_links_are_reported_at_their_file_and_line(repo: Path, server: LinkServer) -> None:
    result = check("--no-cache")
    assert result.code == 1
    assert f"data/benchmarks/math.yaml:3: broken {server.url('/gh/hendrycks/math')}: HTTP 404" in result.out
    old, new = server.url("/gh/openai/summarize-from-feedback"), server.url("/gh/openai/sff")
    assert f"data/papers/summarize-from-feedback.yaml:13: redirected {old} -> {new}" in result.out
    assert "data/papers/ppo.yaml:7: skipped https://arxiv.org/abs/1707.06347" in result.out
    assert "broken           1" in result.out and "skipped          6" in result.out


def test_json_has_one_object_per_url(repo: Path, server: LinkServer) -> None:
    rows = json_rows(check("--no-cache", "--format", "json"))
    assert len(rows) == 9
    trl = next(row for row in rows if row["url"] == server.url("/gh/huggingface/trl"))
    assert trl == {
        "url": server.url("/gh/huggingface/trl"),
        "status": "ok",
        "http_code": 200,
        "final_url": server.url("/gh/huggingface/trl"),
        "error": None,
        "sources": ["data/code/trl.yaml:3"],
        "elapsed": trl["elapsed"],
        "cached": False,
    }


def test_github_annotations_point_at_the_entry(repo: Path, server: LinkServer) -> None:
    result = check("--no-cache", "--format", "github")
    lines = result.out.splitlines()
    broken = server.url("/gh/hendrycks/math")
    assert lines[0] == f"::error file=data/benchmarks/math.yaml,line=3::broken {broken}: HTTP 404"
    assert any(
        line.startswith("::warning file=data/papers/summarize-from-feedback.yaml,line=13") for line in lines
    )
    assert len(lines) == 2


def test_step_summary_is_appended(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("--no-cache")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Link check")
    assert "| broken | 1 |" in text and "`data/benchmarks/math.yaml:3`" in text


def test_second_run_uses_the_cache(repo: Path, server: LinkServer) -> None:
    check("--cache", "links.json")
    before = len(server.requests())
    again = check("--cache", "links.json", "--format", "json")
    fresh = server.requests()[before:]
    assert fresh == [("GET", "/gh/hendrycks/math")]
    assert sum(1 for row in json_rows(again) if row["cached"]) == 2


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_changed_only_checks_links_of_changed_and_new_files(repo: Path, server: LinkServer) -> None:
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    math = repo / "data" / "benchmarks" / "math.yaml"
    math.write_text(math.read_text(encoding="utf-8").replace("test set", "test set of 12,500 problems"))
    git(repo, "commit", "-q", "-am", "edit")
    (repo / "data" / "code" / "new-tool.yaml").write_text(NEW_CODE.format(url=server.url("/gh/new/tool")))
    result = check("--no-cache", "--changed-only", "--base", "base", "--format", "json")
    assert {row["url"] for row in json_rows(result)} == {
        server.url("/gh/hendrycks/math"),
        server.url("/gh/new/tool"),
    }
    assert {path for _, path in server.requests()} == {"/gh/hendrycks/math", "/gh/new/tool"}


def test_changed_only_with_an_unknown_ref_is_a_usage_error(repo: Path) -> None:
    git(repo, "init", "-q")
    result = check("--changed-only", "--base", "no-such-ref")
    assert result.code == 2 and "--base no-such-ref: no such commit in this clone" in result.err


def test_shards_split_the_catalog(repo: Path) -> None:
    all_urls = {row["url"] for row in json_rows(check("--no-cache", "--format", "json"))}
    shards = [
        {row["url"] for row in json_rows(check("--no-cache", "--format", "json", "--shard", f"{i}/3"))}
        for i in (1, 2, 3)
    ]
    assert set().union(*shards) == all_urls
    assert sum(len(s) for s in shards) == len(all_urls)


def test_markdown_html_and_list_files(repo: Path, server: LinkServer) -> None:
    Path("page.md").write_text(
        f"# Links\n\nSee [trl]({server.url('/gh/huggingface/trl')}).\n"
        f"```\n{server.url('/in-code')}\n```\n<{server.url('/gh/hendrycks/math')}>, done.\n"
    )
    Path("page.html").write_text(f'<p>\n<a href="{server.url("/gh/new/tool")}">tool</a></p>\n')
    Path("urls.txt").write_text(f"# list\n\n{server.url('/gh/openai/sff')}\n")
    result = check("--no-cache", "--format", "json", "page.md", "page.html", "--urls-from", "urls.txt")
    found = {row["url"]: row["sources"] for row in json_rows(result)}
    assert found == {
        server.url("/gh/huggingface/trl"): ["page.md:3"],
        server.url("/gh/hendrycks/math"): ["page.md:7"],
        server.url("/gh/new/tool"): ["page.html:2"],
        server.url("/gh/openai/sff"): ["urls.txt:3"],
    }
    assert result.code == 1


@pytest.mark.parametrize(
    "option",
    [("--shard", "3/2"), ("--max-age", "1x"), ("--per-host", "0"), ("--retries", "-1"), ("--timeout", "0")],
)
def test_bad_options_are_usage_errors(repo: Path, option: tuple[str, str]) -> None:
    assert check(*option).code == 2


def test_durations() -> None:
    assert [parse_duration(t) for t in ("3600", "45s", "30m", "6h", "1d")] == [3600, 45, 1800, 21600, 86400]


def test_strict_fails_on_transient(repo: Path, server: LinkServer) -> None:
    server.route("/gh/hendrycks/math", Reply(503))
    assert check("--no-cache", "--retries", "0").code == 0
    assert check("--no-cache", "--retries", "0", "--strict").code == 1


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    quiet, tty = io.StringIO(), FakeTerminal()
    for stream in (quiet, tty):
        bar = ProgressBar(stream)
        for done in range(1, 5):
            bar(done, 4)
    assert quiet.getvalue() == ""
    assert tty.getvalue().endswith("[" + "#" * 30 + "] 4/4\n")


def test_a_dripping_peer_costs_at_most_the_timeout_per_attempt(repo: Path, server: LinkServer) -> None:
    server.route("/gh/hendrycks/math", Reply(200, drip=0.05))  # 40-odd header bytes, 50 ms apart
    start = time.monotonic()
    result = check("--no-cache", "--timeout", "0.3", "--retries", "1", "--format", "json")
    assert time.monotonic() - start < 0.3 * 2 + 0.9  # two attempts; backoff on the fake clock
    row = next(r for r in json_rows(result) if r["url"] == server.url("/gh/hendrycks/math"))
    assert (row["status"], row["error"]) == ("transient", "timed out (limit 0.3 s)")


def test_a_one_day_retry_after_makes_the_link_transient_at_once(repo: Path, server: LinkServer) -> None:
    server.route("/gh/hendrycks/math", Reply(429, {"Retry-After": "86400"}), Reply(200))
    clock = FakeClock()
    result = check("--no-cache", "--format", "json", "--retries", "1", runtime=clock.runtime)
    row = next(r for r in json_rows(result) if r["url"] == server.url("/gh/hendrycks/math"))
    assert (row["status"], row["http_code"]) == ("transient", 429)
    assert row["error"] == "HTTP 429: Retry-After asks for 86400 s, more than the 30 s this run waits"
    assert clock.sleeps == [] and result.code == 0
    server.route("/gh/hendrycks/math", Reply(429, {"Retry-After": "86400"}), Reply(200))
    patient = FakeClock()
    check("--no-cache", "--retries", "1", "--max-retry-wait", "86400", runtime=patient.runtime)
    assert patient.sleeps == [86400.0]  # on the fake clock; the second answer is 200


@pytest.mark.parametrize("value", ["-1", "86401", "soon"])
def test_a_bad_max_retry_wait_is_a_usage_error(repo: Path, value: str) -> None:
    assert check("--max-retry-wait", value).code == 2
