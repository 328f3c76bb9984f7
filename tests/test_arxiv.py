"""check-arxiv against a fake arXiv API on 127.0.0.1: batching, retries, statuses, cache and formats."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.checks.arxiv.api import ArxivApi
from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.retry import RetryPolicy
from awesome_opt.schema import Publication
from tests.conftest import FakeClock, Result, run_cli
from tests.fixtures.arxiv.fake_api import EMPTY, FakeArxiv, Paper, feed_xml, serve_arxiv

FULL_AUTHORS = {
    "2306.13649": [
        "Rishabh Agarwal",
        "Nino Vieillard",
        "Yongchao Zhou",
        "Piotr Stanczyk",
        "Sabela Ramos",
        "Matthieu Geist",
        "Olivier Bachem",
        "Someone Else",
    ]
}


def papers_of(data_dir: Path) -> list[Paper]:
    """Fake arXiv records that agree with every entry of ``data_dir``; where an entry's author list is
    cut short, arXiv's whole list has someone more."""
    papers = []
    for item in build_catalog(data_dir):
        entry = item.entry
        if isinstance(entry, Publication) and entry.arxiv:
            whole = list(entry.authors) if entry.authors_complete else [*entry.authors, "Someone Else"]
            authors = FULL_AUTHORS.get(entry.arxiv, whole)
            published = f"{entry.year}-{entry.month or 1:02d}-10T17:00:00Z"
            papers.append(Paper(entry.arxiv, entry.title, authors, published, published))
    return papers


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(mini_repo: Path, clock: FakeClock) -> Iterator[FakeArxiv]:
    with serve_arxiv() as state:
        state.add(*papers_of(mini_repo / "data"))
        yield state


def check_uncached(repo: Path, fake: FakeArxiv, *extra: str) -> Result:
    """check-arxiv against the fake API without a cache, as printed."""
    data = str(repo / "data")
    return run_cli("--data", data, "check-arxiv", "--api-url", fake.url, "--delay", "0", "--no-cache", *extra)


def check(
    repo: Path, fake: FakeArxiv, *extra: str, clock: FakeClock | None = None
) -> tuple[int, list[dict[str, object]]]:
    cache = str(repo / "cache.json")
    result = run_cli(
        "--data",
        str(repo / "data"),
        "check-arxiv",
        "--api-url",
        fake.url,
        "--delay",
        "0",
        "--cache",
        cache,
        "--format",
        "json",
        *extra,
        runtime=clock.runtime if clock else None,
    )
    return result.code, json.loads(result.out)


def by_id(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(row["id"]): row for row in rows}


def checked_row(repo: Path, fake: FakeArxiv, entry_id: str, *extra: str) -> tuple[int, dict[str, object]]:
    """The exit code of one check-arxiv run and the JSON row of one entry."""
    code, rows = check(repo, fake, *extra)
    return code, by_id(rows)[entry_id]


def test_every_entry_agrees_in_one_batched_request(mini_repo: Path, fake: FakeArxiv) -> None:
    code, rows = check(mini_repo, fake)
    assert code == 0
    assert {row["status"] for row in rows} == {"ok"}
    assert len(rows) == 6
    assert len(fake.queries) == 1
    assert fake.queries[0]["max_results"] == "6"
    assert len(fake.queries[0]["id_list"].split(",")) == 6


def test_a_missing_id_is_not_found_and_fails(mini_repo: Path, fake: FakeArxiv) -> None:
    del fake.papers["2103.03874"]
    code, rows = check(mini_repo, fake)
    assert code == 1
    rows_by_id = by_id(rows)
    assert rows_by_id["math-dataset"]["status"] == "not-found"
    assert rows_by_id["math-dataset"]["arxiv"] == "2103.03874"
    assert rows_by_id["ppo"]["status"] == "ok"


def test_a_title_mismatch_names_both_values_at_the_title_line(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.papers["1707.06347"].title = "Proximal Policy Optimisation, Revisited"
    code, rows = check(mini_repo, fake)
    assert code == 1
    row = by_id(rows)["ppo"]
    assert row["status"] == "mismatch"
    assert row["differences"] == [
        {
            "field": "title",
            "ours": "Proximal Policy Optimization Algorithms",
            "arxiv": "Proximal Policy Optimisation, Revisited",
        }
    ]
    result = check_uncached(mini_repo, fake, "--format", "github")
    line = next(line for line in result.out.splitlines() if "ppo" in line)
    assert line.startswith("::error file=") and "ppo.yaml,line=2," in line


def test_capitals_other_than_arxivs_in_a_title_or_a_name_are_a_mismatch(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    """mt-bench's 'LLM-as-a-judge' and cpmobius's 'Yinghao chen' passed while case was ignored."""
    fake.papers["1707.06347"].title = "Proximal policy optimization algorithms"
    fake.papers["1707.06347"].authors = ["john Schulman", "Filip Wolski"]
    code, row = checked_row(mini_repo, fake, "ppo")
    assert code == 1
    differences = row["differences"]
    assert isinstance(differences, list)
    assert [difference["field"] for difference in differences] == ["title", "authors"]


def test_a_month_other_than_the_first_versions_is_a_mismatch_that_fix_corrects(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    """2505.00024 was submitted on 25 April 2025: its id's May is not its month."""
    fake.papers["1707.06347"].published = "2017-06-30T17:00:00Z"
    code, row = checked_row(mini_repo, fake, "ppo")
    assert code == 1
    assert row["differences"] == [{"field": "month", "ours": "7", "arxiv": "6"}]
    fixed = check_uncached(mini_repo, fake, "--fix")
    assert "fixed 1 file(s)" in fixed.out + fixed.err
    assert "\nmonth: 6\n" in (mini_repo / "data" / "papers" / "ppo.yaml").read_text(encoding="utf-8")


def test_a_truncated_author_list_is_a_prefix_or_a_mismatch(mini_repo: Path, fake: FakeArxiv) -> None:
    # gkd lists 7 of arXiv's 8 authors with authors_complete: false: that is fine.
    # math-dataset claims a complete list, but arXiv has one more author: a mismatch.
    fake.papers["2103.03874"].authors.append("Extra Author")
    code, rows = check(mini_repo, fake)
    rows_by_id = by_id(rows)
    assert rows_by_id["gkd"]["status"] == "ok"
    assert rows_by_id["math-dataset"]["status"] == "mismatch"
    assert [d["field"] for d in rows_by_id["math-dataset"]["differences"]] == ["authors"]  # type: ignore[union-attr]
    assert code == 1


def test_a_withdrawn_paper_is_reported_without_failing(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.papers["2009.01325"].comment = "This paper has been withdrawn by the authors"
    code, rows = check(mini_repo, fake)
    assert by_id(rows)["summarize-from-feedback"]["status"] == "withdrawn"
    assert code == 0


def test_a_newer_version_than_the_entry_is_informational(mini_repo: Path, fake: FakeArxiv) -> None:
    paper = fake.papers["1707.06347"]
    paper.version, paper.updated = 3, "2026-11-20T10:00:00Z"
    code, rows = check(mini_repo, fake)
    assert by_id(rows)["ppo"]["status"] == "updated"
    assert code == 0


def test_an_empty_feed_is_retried_once(mini_repo: Path, fake: FakeArxiv, clock: FakeClock) -> None:
    fake.scripted.append((200, EMPTY))
    code, rows = check(mini_repo, fake, clock=clock)
    assert code == 0
    assert {row["status"] for row in rows} == {"ok"}
    assert len(fake.queries) == 2
    assert len(clock.sleeps) == 1  # one backoff, on the fake clock


def test_a_truncated_feed_and_a_503_are_retried(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.scripted.append((503, b"busy"))
    fake.scripted.append((200, feed_xml(list(fake.papers.values())[:2], total=6)))
    code, _rows = check(mini_repo, fake)
    assert code == 0
    assert len(fake.queries) == 3


def test_retries_running_out_leave_entries_unchecked_not_failed(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.scripted.extend([(503, b"busy")] * 4)
    code, rows = check(mini_repo, fake)
    assert {row["status"] for row in rows} == {"unchecked"}
    assert code == 0


def test_a_malformed_id_gets_the_400_error_feed_and_the_rest_is_asked_again(fake: FakeArxiv) -> None:
    clock = FakeClock()
    api = ArxivApi(fake.url, HttpClient(sleep=clock.sleep), delay=3.0, sleep=clock.sleep, clock=clock)
    found = api.fetch(["1707.06347", "abc"])
    assert found.rejected == {"abc": "incorrect id format for abc"}
    assert list(found.records) == ["1707.06347"]
    assert [q["id_list"] for q in fake.queries] == ["1707.06347,abc", "1707.06347"]
    assert clock.sleeps == [3.0]


def test_150_ids_take_exactly_two_requests_three_seconds_apart(fake: FakeArxiv) -> None:
    ids = [f"2401.{n:05d}" for n in range(150)]
    fake.add(*(Paper(i, f"Paper {i}", ["A. Author"]) for i in ids))
    clock = FakeClock()
    client = HttpClient(sleep=clock.sleep, policy=RetryPolicy(retries=0))
    api = ArxivApi(fake.url, client, batch_size=100, delay=3.0, sleep=clock.sleep, clock=clock)
    found = api.fetch(ids)
    assert len(found.records) == 150
    assert [q["max_results"] for q in fake.queries] == ["100", "50"]
    assert api.requests == 2
    assert clock.sleeps == [3.0]


def test_when_the_api_stays_down_later_batches_are_not_sent(fake: FakeArxiv) -> None:
    ids = [f"2401.{n:05d}" for n in range(250)]
    fake.scripted.extend([(503, b"busy")] * 10)
    clock = FakeClock()
    client = HttpClient(sleep=clock.sleep, policy=RetryPolicy(retries=1))
    api = ArxivApi(fake.url, client, batch_size=100, delay=3.0, sleep=clock.sleep, clock=clock)
    found = api.fetch(ids)
    assert len(fake.queries) == 2  # the first batch and its one retry; batches 2 and 3 never sent
    assert set(found.failed) == set(ids) and not found.records
    assert found.failed[ids[-1]].startswith("not asked, the API failed")
    assert 3.0 not in clock.sleeps


def test_the_second_run_is_served_by_the_cache(mini_repo: Path, fake: FakeArxiv) -> None:
    check(mini_repo, fake)
    code, _rows = check(mini_repo, fake)
    assert code == 0
    assert len(fake.queries) == 1
    code, _rows = check(mini_repo, fake, "--max-age", "0")
    assert len(fake.queries) == 2


def test_the_api_url_comes_from_the_environment(
    mini_repo: Path, fake: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWESOME_OPT_ARXIV_API", fake.url)
    result = run_cli("--data", str(mini_repo / "data"), "check-arxiv", "--delay", "0", "--no-cache")
    assert result.code == 0, result.err
    assert "6 ok" in result.out
    assert len(fake.queries) == 1


def test_text_output_ends_with_a_summary(mini_repo: Path, fake: FakeArxiv) -> None:
    del fake.papers["2103.03874"]
    result = run_cli(
        "--data", str(mini_repo / "data"), "check-arxiv", "--api-url", fake.url, "--delay", "0", "--no-cache"
    )
    assert "papers/math-dataset.yaml:6:1: math-dataset (arXiv 2103.03874): not-found" in result.out
    assert result.out.splitlines()[-1].startswith("check-arxiv: 6 entries: 1 not-found, 5 ok")


def test_an_unreasonable_batch_size_is_a_usage_error(mini_repo: Path) -> None:
    result = run_cli("--data", str(mini_repo / "data"), "check-arxiv", "--batch-size", "0")
    assert result.code == 2
    assert "--batch-size" in result.err


HOSTILE = b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x "boom">]><feed>&x;</feed>'


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Service temporarily unavailable</body></html>", HOSTILE, b"<feed><entry>"],
    ids=["html", "hostile-dtd", "truncated"],
)
def test_an_unreadable_api_leaves_entries_unchecked_and_strict_fails(
    mini_repo: Path, fake: FakeArxiv, body: bytes
) -> None:
    fake.scripted.extend([(200, body)] * 4)  # the first request and its three retries
    code, rows = check(mini_repo, fake, "--no-cache")
    assert {row["status"] for row in rows} == {"unchecked"} and code == 0
    fake.scripted.extend([(200, body)] * 4)
    strict, _ = check(mini_repo, fake, "--no-cache", "--strict")
    assert strict == 1
    assert check(mini_repo, fake, "--no-cache", "--strict")[0] == 0  # the API answers again: all ok


def test_a_one_day_retry_after_from_the_api_gives_up_at_once(mini_repo: Path, fake: FakeArxiv) -> None:
    clock = FakeClock()
    fake.scripted.append((503, b"busy"))
    fake.headers["Retry-After"] = "86400"
    code, rows = check(mini_repo, fake, "--no-cache", "--strict", clock=clock)
    assert {row["status"] for row in rows} == {"unchecked"} and code == 1
    note = str(rows[0]["note"])
    assert (
        note
        == "arXiv API answered HTTP 503 (Retry-After asks for 86400 s, more than the 30 s this run waits)"
    )
    assert clock.sleeps == [] and len(fake.queries) == 1


def test_a_repository_the_paper_names_is_reported_when_the_entry_links_no_code(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    # ppo links no code; gkd links trl through the trl entry; summarize-from-feedback links its own
    # repository directly (named here with another case and a path inside it).
    fake.papers["1707.06347"].comment = "Code: https://github.com/OpenAI/Baselines."
    fake.papers["1707.06347"].summary = "We propose PPO (see https://github.com/openai/baselines), and more."
    fake.papers["2306.13649"].summary = "GKD. Code at https://github.com/huggingface/trl."
    fake.papers["2009.01325"].comment = "https://github.com/OpenAI/summarize-from-feedback/tree/master"
    code, rows = check(mini_repo, fake)
    rows_by_id = by_id(rows)
    assert rows_by_id["ppo"]["status"] == "code-unlinked"
    assert rows_by_id["ppo"]["note"] == (
        "the paper names https://github.com/openai/baselines; the entry links no code "
        "(add it if it is the official code)"
    )
    assert rows_by_id["gkd"]["status"] == "ok"
    assert rows_by_id["summarize-from-feedback"]["status"] == "ok"
    assert code == 0  # a person decides whether it is the official code


def test_a_code_entry_naming_the_paper_counts_as_its_code(mini_repo: Path, fake: FakeArxiv) -> None:
    trl = mini_repo / "data" / "code" / "trl.yaml"
    trl.write_text(
        trl.read_text(encoding="utf-8").replace("section: frameworks", "section: frameworks\npaper: ppo")
    )
    fake.papers["1707.06347"].comment = "Code: https://github.com/huggingface/trl"
    _, rows = check(mini_repo, fake)
    assert by_id(rows)["ppo"]["status"] == "ok"


def test_a_repository_the_paper_names_is_reported_when_the_entry_links_another(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    # summarize-from-feedback links openai/summarize-from-feedback; its abstract names a second one.
    fake.papers["2009.01325"].summary = "Data and code: https://github.com/openai/human-feedback-data."
    code, row = checked_row(mini_repo, fake, "summarize-from-feedback")
    assert row["status"] == "code-unlinked"
    assert row["note"] == (
        "the paper names https://github.com/openai/human-feedback-data; the entry does not link it "
        "(add it if it is the official code)"
    )
    assert code == 0
    fake.papers["2009.01325"].comment = "https://github.com/openai/reward-models too"
    assert checked_row(mini_repo, fake, "summarize-from-feedback", "--no-cache")[1]["note"] == (
        "the paper names https://github.com/openai/human-feedback-data, "
        "https://github.com/openai/reward-models; the entry does not link them "
        "(add each that is official code)"
    )


def test_a_name_the_abstract_introduces_that_the_entry_never_mentions_is_reported(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    # The mini gkd entry describes the method but never says "GKD".
    fake.papers["2306.13649"].summary = (
        "Knowledge distillation (KD) compresses a teacher. To address a mismatch, we introduce "
        "Generalized Knowledge Distillation (GKD). GKD trains the student on its own samples."
    )
    code, row = checked_row(mini_repo, fake, "gkd")
    assert row["status"] == "name-missing"
    assert row["note"] == (
        "the abstract introduces GKD; the entry's title, summary and why_read never name it "
        "(name what the paper presents)"
    )
    assert code == 0  # a warning: a person decides how to word the summary
    gkd = mini_repo / "data" / "papers" / "gkd.yaml"
    gkd.write_text(gkd.read_text(encoding="utf-8").replace("Trains the student", "GKD trains the student"))
    assert checked_row(mini_repo, fake, "gkd", "--no-cache")[1]["status"] == "ok"


def test_names_are_taken_from_sentences_that_present_the_authors_work() -> None:
    from awesome_opt.checks.arxiv.names import names_introduced, unnamed

    abstract = (
        "Large language models (LLMs) reason with RL. Prior work (PPO) is costly. "
        "We propose a novel PSRL framework (AttnRL), which explores efficiently. "
        "We release Qwen3 and a data set dubbed s1K-1.1, and we introduce SWE-RL: a recipe."
    )
    assert names_introduced(abstract) == ["AttnRL", "Qwen3", "s1K-1.1", "SWE-RL"]
    assert unnamed(abstract, "SWE-RL: Advancing", "Attn-RL explores; trains Qwen3.", None) == ["s1K-1.1"]
    assert names_introduced("This paper studies why RL works (see Section 2).") == []


def test_names_in_the_other_ways_abstracts_present_them() -> None:
    from awesome_opt.checks.arxiv.names import names_introduced

    abstract = (
        "We introduce Minerva, a language model trained on technical content. "
        "Inspired by trust-region methods (TRPO), we develop Meta Fine-Tuning, or MRT, a new class. "
        "We develop an online RL approach, SCoRe, that self-corrects. "
        "We introduce a novel training approach, \\textbf{ReLIFT} (RL Interleaved with Fine-Tuning). "
        "This study introduces Generalizable Prompt Selection (GPS). "
        "Our model s1-32B exceeds o1; we reach 0.44 (Qwen2.5-7B). "
        "We propose RL-aware distillation (RLAD). Our code and the new OfficeWorld benchmark are public."
    )
    assert names_introduced(abstract) == [
        "Minerva",
        "MRT",
        "SCoRe",
        "ReLIFT",
        "GPS",
        "s1-32B",
        "RLAD",
        "OfficeWorld",
    ]


def test_a_name_counts_as_mentioned_spelled_out_or_without_accents_but_not_inside_a_word() -> None:
    from awesome_opt.checks.arxiv.names import unnamed

    abstract = (
        "We propose Experiential Learning (EL). We present Tree of Thoughts (ToT) and CPMöbius, a game."
    )
    assert unnamed(abstract, "Trains a model by tree of thoughts", "CPMobius plays.") == ["EL"]
    assert unnamed(abstract, "Tree of thoughts; EL; CPMöbius", None) == []


def test_only_repository_addresses_count_as_named_code() -> None:
    from awesome_opt.checks.arxiv.compare import repositories_named
    from awesome_opt.checks.arxiv.feed import ArxivRecord

    text = (
        "See https://github.com/features/copilot, https://github.com/Org/Tool/tree/main/sub), "
        "https://github.com/org/tool and https://example.org/x; data at https://huggingface.co/d/e."
    )
    record = ArxivRecord(
        "2401.00001", "T", ("A",), "2024-01-01", summary=text, comment="github.com/no/scheme"
    )
    assert repositories_named(record) == ["https://github.com/org/tool"]


def test_a_venue_arxiv_reports_is_asked_for_when_the_entry_names_none(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    # gkd names no venue; arXiv's comment reports the acceptance (in the words arXiv comments use).
    fake.papers["2306.13649"].comment = "Accepted to ICLR 2024; 29 pages"
    # ppo's record carries a journal reference instead.
    fake.papers["1707.06347"].journal_ref = "Proc. Some Journal 12 (2017)"
    # summarize-from-feedback's comment speaks of a submission only.
    fake.papers["2009.01325"].comment = "Under review at NeurIPS 2020"
    code, rows = check(mini_repo, fake)
    rows_by_id = by_id(rows)
    assert rows_by_id["gkd"]["status"] == "venue-unnamed"
    assert rows_by_id["gkd"]["note"] == (
        "arXiv says 'Accepted to ICLR 2024'; the entry names no venue "
        "(add venue: if the paper appeared there)"
    )
    assert rows_by_id["ppo"]["status"] == "venue-unnamed"
    assert "'Proc. Some Journal 12 (2017)'" in str(rows_by_id["ppo"]["note"])
    assert rows_by_id["summarize-from-feedback"]["status"] == "ok"
    assert code == 0  # a person writes the venue


def test_an_entry_that_names_its_venue_is_not_asked_again(mini_repo: Path, fake: FakeArxiv) -> None:
    gkd = mini_repo / "data" / "papers" / "gkd.yaml"
    gkd.write_text(
        gkd.read_text(encoding="utf-8").replace(
            'arxiv: "2306.13649"', 'arxiv: "2306.13649"\nvenue: "ICLR 2024"'
        )
    )
    fake.papers["2306.13649"].comment = "Accepted to ICLR 2024"
    assert checked_row(mini_repo, fake, "gkd")[1]["status"] == "ok"
