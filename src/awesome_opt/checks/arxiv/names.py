"""Names a paper's abstract introduces (its method, model or data set), and which of them an entry's
title, summary and why_read never mention: a reader of the list should meet the name the paper goes by."""

from __future__ import annotations

import re

# A sentence in which the authors present something of their own.
_VERBS = "propose|introduce|present|develop|release|call|term|name|dub"
_PRESENTING = re.compile(rf"\b(?:we|this (?:paper|work|report))\b[^.;]*?\b(?:{_VERBS})", re.IGNORECASE)
# A short name: a letter, then two capitals or a digit somewhere (GKD, AttnRL, Qwen3, s1K).
_NAME = r"[A-Za-z][\w^*.+\-]*?(?:[A-Z]|\d)[\w^*.+\-]*"
_IN_PARENTHESES = re.compile(rf"\(({_NAME})\)")
_AFTER_VERB = re.compile(rf"\b(?:{_VERBS})(?:s|d|ed)?\s+({_NAME})(?=[\s,:;)])")
_CALLED = re.compile(rf"\b(?:dubbed|called|named|termed)\s+({_NAME})(?=[\s,.:;)])")
# Abbreviations of the field itself: naming them says nothing about the paper.
_GENERIC = frozenset(
    {
        "AI",
        "API",
        "COT",
        "CPU",
        "GPU",
        "GPUS",
        "KD",
        "KL",
        "LLM",
        "LLMS",
        "LM",
        "LMS",
        "LRM",
        "LRMS",
        "MDP",
        "MLLM",
        "MLLMS",
        "MOE",
        "NLP",
        "QA",
        "RL",
        "RLHF",
        "RLVR",
        "RM",
        "RMS",
        "SFT",
        "SOTA",
        "VLM",
        "VLMS",
    }
)


def names_introduced(abstract: str) -> list[str]:
    """The short names the abstract gives to what the authors present, first mention first."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(abstract.split())):
        if not _PRESENTING.search(sentence):
            continue
        matches = [
            m for pattern in (_IN_PARENTHESES, _AFTER_VERB, _CALLED) for m in pattern.finditer(sentence)
        ]
        for match in sorted(matches, key=lambda m: m.start(1)):
            name = match.group(1).rstrip(".-")
            if _is_name(name) and name not in found:
                found.append(name)
    return found


def unnamed(abstract: str, *texts: str | None) -> list[str]:
    """The names the abstract introduces that none of ``texts`` (title, summary, why_read) contains."""
    haystack = _folded(" ".join(text for text in texts if text))
    return [name for name in names_introduced(abstract) if _folded(name) not in haystack]


def _is_name(word: str) -> bool:
    capitals = sum(ch.isupper() for ch in word)
    return (capitals >= 2 or any(ch.isdigit() for ch in word)) and word.upper() not in _GENERIC


def _folded(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text).casefold()
