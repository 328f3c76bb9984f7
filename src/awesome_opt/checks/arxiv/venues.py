"""Where arXiv's record says a paper appeared: its journal reference, or a comment that reports an
acceptance or publication ("Accepted at ICLR 2025", "Published in TMLR", "NeurIPS 2024 camera-ready").
A comment that only reports a submission ("Under review at ICML 2026") names no venue."""

from __future__ import annotations

import re

from awesome_opt.checks.arxiv.feed import ArxivRecord

# Venues of this field, written as arXiv comments write them, the year next or a space away (ICML2025).
KNOWN_VENUES = (
    "AAAI|ACL|AISTATS|COLING|COLM|CoRL|CVPR|EACL|ECCV|EMNLP|ICCV|ICLR|ICML|IJCAI|JMLR|KDD|NAACL|"
    "NeurIPS|NIPS|SIGIR|TACL|TMLR|TPAMI|UAI|WSDM|WWW"
)
_VENUE_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:{KNOWN_VENUES})(?:\s+(?:Findings|Main|Oral|Spotlight|Workshop))?\s*'?(?:19|20)\d\d\b"
)
_VENUE_AFTER_YEAR = re.compile(rf"\b(?:19|20)\d\d\s+(?:{KNOWN_VENUES})\b")
_REPORTED = re.compile(
    r"\b(?:accepted|published|to appear|appears? (?:at|in)|appearing|camera[- ]ready|"
    r"proceedings of|presented at)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\b(?:under review|submitted|in submission|under submission|in review)\b", re.IGNORECASE
)
_CLAUSE = re.compile(r"[^;.]+")
MAX_QUOTE = 160


def venue_reported(record: ArxivRecord) -> str:
    """arXiv's own words for where the paper appeared ("" when it says nothing): the journal
    reference, else the first clause of the comment that reports an acceptance or publication, or
    names a known venue with a year, and does not speak of a submission only."""
    if record.journal_ref:
        return _quote(record.journal_ref)
    for clause in _CLAUSE.findall(record.comment):
        text = clause.strip()
        if not text or _NOT_YET.search(text):
            continue
        if _REPORTED.search(text) or _VENUE_YEAR.search(text) or _VENUE_AFTER_YEAR.search(text):
            return _quote(text)
    return ""


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"
