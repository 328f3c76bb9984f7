"""Parsing the arXiv Atom feed (recorded responses) and comparing metadata tolerantly."""

from __future__ import annotations

import pytest

from awesome_opt.checks.arxiv.compare import authors_agree, names_spelled_differently, same_author
from awesome_opt.checks.arxiv.feed import ArxivRecord, FeedError, parse_feed, rejected_id
from awesome_opt.checks.arxiv.venues import venue_reported
from awesome_opt.identifiers import title_case_key, title_key
from tests.fixtures.arxiv.fake_api import EMPTY, ERROR_400, SEARCH_10


def test_the_recorded_search_feed_gives_ten_records() -> None:
    feed = parse_feed(SEARCH_10)
    assert feed.total == 214881
    assert len(feed.records) == 10
    first = feed.records[0]
    assert first.arxiv_id == "2202.12139"
    assert first.version == 1
    assert first.title.startswith("Testing Deep Learning Models: A First Comparative Study")
    assert first.authors == ("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker")
    assert (first.year, first.month) == (2022, 2)
    assert first.comment.startswith("Artificial Intelligence in Software Testing 2022")
    assert first.categories == ("cs.SE", "cs.LG")
    assert feed.error is None and not feed.truncated


def test_the_recorded_400_feed_is_an_error_naming_the_id() -> None:
    feed = parse_feed(ERROR_400)
    assert feed.records == []
    assert feed.error == "incorrect id format for abc"
    assert rejected_id(feed.error) == "abc"


def test_the_recorded_empty_feed_has_no_records() -> None:
    feed = parse_feed(EMPTY)
    assert (feed.records, feed.total, feed.error) == ([], 0, None)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Service Unavailable</html>",
        b"not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><f>&b;</f>',
    ],
)
def test_anything_but_a_safe_atom_feed_is_refused(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body)


def test_a_record_survives_the_cache_round_trip() -> None:
    record = parse_feed(SEARCH_10).records[3]
    assert ArxivRecord.from_json(record.to_json()) == record


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (
            "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
            "Direct Preference Optimization:  Your Language Model is\n  Secretly a Reward Model",
        ),
        ("The $\\alpha$-Divergence in \\emph{RLHF}", "The α-Divergence in RLHF"),
        ("Théorie des Jeux", "Th\\'eorie des jeux"),
        (
            "KTO: Model Alignment as Prospect Theoretic Optimization",
            "KTO - model alignment as prospect theoretic optimization",
        ),
    ],
)
def test_titles_compare_without_markup_case_or_spacing(ours: str, theirs: str) -> None:
    assert title_key(ours.replace("\\alpha", "α")) == title_key(theirs)


def test_different_titles_differ() -> None:
    assert title_key("Proximal Policy Optimization Algorithms") != title_key(
        "Trust Region Policy Optimization"
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        ("Sébastien Bubeck", "Sebastien Bubeck", True),
        ("J. Schulman", "John Schulman", True),
        ("John R. Smith", "J. Smith", True),
        ("Jian Hu", "Jason Hu", False),
        ("Jian Hu", "Jian Hua", False),
        ("DeepSeek-AI", "DeepSeek-AI", True),
        ("Ming-Hsuan Yang", "Ming Hsuan Yang", True),
    ],
)
def test_author_names_tolerate_accents_and_initials(ours: str, theirs: str, same: bool) -> None:
    assert same_author(ours, theirs) is same


def test_author_lists_respect_order_and_completeness() -> None:
    arxiv = ["A One", "B Two", "C Three"]
    assert authors_agree(["A One", "B Two", "C Three"], arxiv, True, True)
    assert not authors_agree(["B Two", "A One", "C Three"], arxiv, True, True)
    assert not authors_agree(["A One", "B Two"], arxiv, True, True)
    assert authors_agree(["A One", "B Two"], arxiv, False, True)
    assert not authors_agree(["A One", "X Two"], arxiv, False, True)
    assert not authors_agree(["A One", "B Two", "C Three", "D Four"], arxiv, False, True)


def test_title_case_key_keeps_capitals_and_drops_the_rest() -> None:
    judge = "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena"
    assert title_case_key(judge) == title_case_key(
        "Judging LLM-as-a-Judge with  MT-Bench and\n Chatbot Arena"
    )
    assert title_case_key(judge) != title_case_key("Judging LLM-as-a-judge with MT-Bench and Chatbot Arena")
    assert title_case_key("CPMöbius: Coach–Player") == title_case_key("CPMobius: Coach-Player")


@pytest.mark.parametrize(
    ("ours", "theirs", "differ"),
    [
        ("Yinghao chen", "Yinghao Chen", True),  # capitals
        ("Karthik R. Narasimhan", "Karthik Narasimhan", True),  # a middle initial arXiv does not write
        ("J. Schulman", "John Schulman", True),  # a given name cut to its initial
        ("Ming-Hsuan Yang", "Ming Hsuan Yang", True),
        ("Sébastien Bubeck", "Sebastien Bubeck", False),  # accents: arXiv writes them several ways
        ("Joseph E. Gonzalez", "Joseph E Gonzalez", False),  # the full stop after an initial
        ("Ran  Li", "Ran Li", False),
    ],
)
def test_the_same_person_spelt_otherwise_than_on_arxiv_is_found(ours: str, theirs: str, differ: bool) -> None:
    assert same_author(ours, theirs)
    assert names_spelled_differently(["A One", ours], ["A One", theirs]) is differ


def test_the_recorded_feed_gives_journal_references_and_the_venues_they_report() -> None:
    records = {record.arxiv_id: record for record in parse_feed(SEARCH_10).records}
    with_reference = [record for record in records.values() if record.journal_ref]
    assert len(with_reference) == 6
    issta = next(r for r in with_reference if "ISSTA 2020" in r.journal_ref)
    assert venue_reported(issta) == issta.journal_ref  # arXiv's journal reference comes first
    # Comments of keywords, or of a workshop outside this field's venues, with no reference: nothing.
    unreported = [r for r in records.values() if not r.journal_ref and r.comment]
    assert len(unreported) == 4
    assert [venue_reported(r) for r in unreported] == ["", "", "", ""]


@pytest.mark.parametrize(
    ("comment", "reported"),
    [
        ("Accepted at ICLR 2025. Code: https://github.com/o/r", "Accepted at ICLR 2025"),
        ("12 pages; NeurIPS 2024 camera-ready", "NeurIPS 2024 camera-ready"),
        ("Findings of ACL 2026", "Findings of ACL 2026"),
        ("ICML2025 Spotlight", "ICML2025 Spotlight"),
        ("Uses the NAACL-style template, 8 pages", ""),
        (
            "Published in Transactions on Machine Learning Research (TMLR)",
            "Published in Transactions on Machine Learning Research (TMLR)",
        ),
        ("Under review at ICML 2026", ""),
        ("Submitted to NeurIPS 2025; 20 pages", ""),
        ("12 pages, 5 figures", ""),
    ],
)
def test_a_comment_reports_a_venue_only_when_it_says_the_paper_appeared_there(
    comment: str, reported: str
) -> None:
    record = ArxivRecord("2401.00001", "A title", ("A. Author",), "2024-01-02", comment=comment)
    assert venue_reported(record) == reported
