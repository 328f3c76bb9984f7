"""check-arxiv --offline (the committed snapshot), --write-snapshot, --fix and --changed-only."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.checks.arxiv.snapshot import read_snapshot
from awesome_opt.schema import Publication
from tests.conftest import REPO, run_cli
from tests.fixtures.arxiv.fake_api import FakeArxiv, serve_arxiv
from tests.test_arxiv import papers_of

COMMENTED = """\
# yaml-language-server: $schema=../schema.json
# Maintainer's note: keep the venue as published.
title: "Proximal Policy Optimisation"  # renamed?
authors: [John Schulman, Filip Wolski, Prafulla Dhariwal, Alec Radford, Oleg Klimov]
authors_complete: false
year: 2016
month: 7
arxiv: "1707.06347"

section: rlhf
provenance: on-policy
role: policy-reshaping
signal: [reward-model]
tags: [ppo]
summary: Clipped surrogate objective for policy gradient methods.
landmark: true
why_read: Later RL methods for language models start from its clipped objective.
added: 2026-11-01
"""


@pytest.fixture
def fake(mini_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    with serve_arxiv() as state:
        state.add(*papers_of(mini_repo / "data"))
        yield state


def arxiv_cli(repo: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("--data", str(repo / "data"), "check-arxiv", "--delay", "0", "--no-cache", *extra)
    return result.code, result.out + result.err


def test_the_real_catalog_passes_offline_and_says_how_much_is_covered() -> None:
    result = run_cli("--data", str(REPO / "data"), "check-arxiv", "--offline", "--format", "json")
    assert result.code == 0, result.out
    rows = json.loads(result.out)
    statuses = {row["status"] for row in rows}
    assert statuses <= {"ok", "not-covered"}
    covered = sum(row["status"] == "ok" for row in rows)
    assert covered >= 150
    text = run_cli("--data", str(REPO / "data"), "check-arxiv", "--offline")
    assert f"the snapshot covers {covered} of {len(rows)} entries" in text.out


def test_offline_without_a_snapshot_lists_every_entry_as_not_covered(mini_repo: Path) -> None:
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code == 0
    assert "6 not-covered" in text and "the snapshot covers 0 of 6 entries" in text


def test_write_snapshot_then_offline_agrees(mini_repo: Path, fake: FakeArxiv) -> None:
    code, text = arxiv_cli(mini_repo, "--api-url", fake.url, "--write-snapshot")
    assert code == 0, text
    snapshot = read_snapshot(mini_repo / "data" / "arxiv-snapshot.jsonl")
    assert sorted(snapshot) == sorted(fake.papers)
    assert snapshot["2306.13649"].authors[-1] == "Someone Else"
    lines = (mini_repo / "data" / "arxiv-snapshot.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["arxiv_id"] for line in lines] == sorted(fake.papers)
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code == 0 and "6 ok" in text and "covers 6 of 6" in text


def test_a_repeated_id_and_a_broken_line_in_the_snapshot_are_both_reported(
    mini_repo: Path, fake: FakeArxiv
) -> None:
    arxiv_cli(mini_repo, "--api-url", fake.url, "--write-snapshot")
    path = mini_repo / "data" / "arxiv-snapshot.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    ppo = next(number for number, line in enumerate(lines, start=1) if '"1707.06347"' in line)
    path.write_text("\n".join([*lines, lines[ppo - 1], "{not json"]) + "\n", encoding="utf-8")
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code != 0
    assert f"arxiv-snapshot.jsonl:{len(lines) + 1}" in text and f"already has a line ({ppo})" in text
    assert f"arxiv-snapshot.jsonl:{len(lines) + 2}" in text and "bad snapshot line" in text


def test_the_snapshot_says_which_version_its_metadata_is_from(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.papers["1707.06347"].version = 2
    fake.papers["1707.06347"].updated = "2017-08-28T17:00:00Z"
    code, text = arxiv_cli(mini_repo, "--api-url", fake.url, "--write-snapshot")
    assert code == 0, text
    lines = (mini_repo / "data" / "arxiv-snapshot.jsonl").read_text(encoding="utf-8").splitlines()
    ppo = next(json.loads(line) for line in lines if '"1707.06347"' in line)
    assert (ppo["version"], ppo["updated"]) == (2, "2017-08-28")
    record = read_snapshot(mini_repo / "data" / "arxiv-snapshot.jsonl")["1707.06347"]
    assert (record.version, record.updated) == (2, "2017-08-28")


def test_offline_reports_a_mismatch_with_the_snapshot(mini_repo: Path, fake: FakeArxiv) -> None:
    fake.papers["1707.06347"].published = "2017-07-20T00:00:00Z"
    arxiv_cli(mini_repo, "--api-url", fake.url, "--write-snapshot")
    (mini_repo / "data" / "papers" / "ppo.yaml").write_text(COMMENTED, encoding="utf-8")
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code == 1
    assert "ppo (arXiv 1707.06347): mismatch" in text


def test_fix_writes_arxiv_values_and_keeps_every_other_byte(mini_repo: Path, fake: FakeArxiv) -> None:
    path = mini_repo / "data" / "papers" / "ppo.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    code, text = arxiv_cli(mini_repo, "--api-url", fake.url, "--fix")
    assert code == 0, text
    assert "fixed 1 file(s)" in text
    expected = COMMENTED.replace(
        '"Proximal Policy Optimisation"  # renamed?', '"Proximal Policy Optimization Algorithms"  # renamed?'
    ).replace("year: 2016", "year: 2017")
    assert path.read_text(encoding="utf-8") == expected
    code, text = arxiv_cli(mini_repo, "--api-url", fake.url)
    assert code == 0 and "6 ok" in text


def test_the_weekly_run_takes_a_later_versions_author_line(mini_repo: Path, fake: FakeArxiv) -> None:
    """The weekly workflow's call: a later version reorders the authors; the entry and the snapshot follow,
    and the note that said why the list was short goes with the flag."""
    path = mini_repo / "data" / "papers" / "ppo.yaml"
    before = path.read_text(encoding="utf-8")
    short_note = "# v1 lists only these five; the rest is unread\n"
    path.write_text(
        before.replace("authors_complete: false\n", short_note + "authors_complete: false\n"),
        encoding="utf-8",
    )
    first, second, *rest = fake.papers["1707.06347"].authors
    later = [second, first, *rest]
    fake.papers["1707.06347"].authors = later
    code, text = arxiv_cli(
        mini_repo, "--api-url", fake.url, "--strict", "--write-snapshot", "--fix", "--format", "github"
    )
    assert code == 0, text
    assert text.startswith("::warning file=") and "ppo (arXiv 1707.06347): mismatch: authors:" in text
    assert text.rstrip().endswith("(fixed)")
    ppo = build_catalog(mini_repo / "data").by_id["ppo"].entry
    assert isinstance(ppo, Publication) and list(ppo.authors) == later and ppo.authors_complete
    after = path.read_text(encoding="utf-8")
    assert "# v1 lists only" not in after
    assert [line for line in after.splitlines() if not line.startswith(("authors", "#"))] == [
        line for line in before.splitlines() if not line.startswith(("authors", "#"))
    ]
    assert list(read_snapshot(mini_repo / "data" / "arxiv-snapshot.jsonl")["1707.06347"].authors) == later
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code == 0 and "6 ok" in text, text


def test_fix_of_a_whole_list_adds_no_flag(mini_repo: Path, fake: FakeArxiv) -> None:
    """math-dataset's list is whole (no flag written): arXiv's longer list replaces it, nothing is added."""
    fake.papers["2103.03874"].authors.append("Extra Author")
    code, text = arxiv_cli(mini_repo, "--api-url", fake.url, "--fix")
    assert code == 0 and "fixed 1 file(s)" in text, text
    fixed = (mini_repo / "data" / "papers" / "math-dataset.yaml").read_text(encoding="utf-8")
    assert '"Extra Author"]' in fixed and "authors_complete" not in fixed


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_changed_only_checks_entries_changed_since_the_base(mini_repo: Path, fake: FakeArxiv) -> None:
    git(mini_repo, "init", "-q", "-b", "main")
    git(mini_repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    git(mini_repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    path = mini_repo / "data" / "papers" / "ppo.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    fake.papers["2103.03874"].title = "Something else entirely"  # unchanged file: not checked
    code, text = arxiv_cli(
        mini_repo, "--api-url", fake.url, "--changed-only", "--base", "HEAD", "--format", "json"
    )
    assert code == 0
    assert [row["id"] for row in json.loads(text)] == ["ppo"]
    assert fake.queries[0]["id_list"] == "1707.06347"


def test_a_short_list_flag_is_reported_when_arxiv_lists_no_one_more(mini_repo: Path) -> None:
    """gkd says its authors are cut short; a snapshot whose whole list has no one more says otherwise."""
    gkd = build_catalog(mini_repo / "data").by_id["gkd"].entry
    assert isinstance(gkd, Publication) and not gkd.authors_complete
    line = {
        "arxiv_id": "2306.13649",
        "title": gkd.title,
        "authors": list(gkd.authors),
        "authors_complete": True,
        "year": gkd.year,
        "month": gkd.month,
    }
    (mini_repo / "data" / "arxiv-snapshot.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    code, text = arxiv_cli(mini_repo, "--offline")
    assert code == 1
    assert "gkd (arXiv 2306.13649): mismatch: authors_complete: ours 'false', arXiv 'true'" in text
    code, text = arxiv_cli(mini_repo, "--offline", "--fix")
    assert code == 0 and "fixed 1 file(s)" in text
    assert "authors_complete: true" in (mini_repo / "data" / "papers" / "gkd.yaml").read_text(
        encoding="utf-8"
    )
