"""Names a paper's abstract introduces (its method, model or data set), and which of them an entry's
title, summary and why_read never mention: a reader of the list should meet the name the paper goes by."""

from __future__ import annotations

import re

from awesome_opt.identifiers import unaccented

# A sentence in which the authors present something of their own.
_VERBS = "propose|introduce|present|develop|release|call|term|name|dub"
_AUTHORS = r"we|our|this (?:paper|work|report|study|article)"
_PRESENTING = re.compile(rf"\b(?:{_AUTHORS})\b[^.;]*?\b(?:{_VERBS})", re.IGNORECASE)
# A short name: a letter, then two capitals or a digit somewhere (GKD, AttnRL, Qwen3, s1K).
_NAME = r"[A-Za-z][\w^*.+\-]*?(?:[A-Z]|\d)[\w^*.+\-]*"
_KIND = r"approach|method|framework|algorithm|model|technique|benchmark|dataset|recipe|system|agent"
_END = r"(?=[\s,.:;)])"
# Where a presenting sentence names its subject: "(GKD)", "we introduce SWE-RL", "dubbed s1K",
# "..., or MRT", "an approach, SCoRe, that", and "we introduce Minerva, a model" (a capitalised
# name of up to four words set off as an apposition, the one form that needs no capital inside).
_IN_PRESENTING = (
    re.compile(rf"(?<![\d%] )\(({_NAME})\)"),  # not a score's model: "0.44 (Qwen2.5-7B)"
    # not the first word of a longer name spelled out before its abbreviation: "RL-aware distillation (RLAD)"
    re.compile(rf"\b(?:{_VERBS})(?:s|d|ed)?\s+({_NAME}){_END}(?!\s+[^,;()]{{1,60}}\()"),
    re.compile(rf"\b(?:dubbed|called|named|termed)\s+({_NAME}){_END}"),
    re.compile(rf",?\s+or\s+({_NAME}){_END}"),
    re.compile(rf"\b(?:{_KIND}),\s+({_NAME})(?=\s*[,(])"),
)
_APPOSITION = re.compile(
    rf"\b(?:{_VERBS})(?:s|d|ed)?\s+([A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){{0,3}}),\s+(?:a|an|which|that)\b"
)
# Where any sentence names the authors' own work: "our model s1-32B", "the new OfficeWorld benchmark".
_ANYWHERE = (
    re.compile(rf"\bour (?:{_KIND})s?,?\s+({_NAME}){_END}", re.IGNORECASE),
    re.compile(rf"\bnew\s+({_NAME})\s+(?:benchmark|dataset|environment|corpus)\b"),
)
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\{([^{}]*)\}")  # \textbf{ReLIFT} -> ReLIFT
# Abbreviations of the field itself: naming them says nothing about the paper.
_GENERIC = frozenset(
    {
        "AI",
        "API",
        "COT",
        "CPU",
        "GPT",
        "GPTS",
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
        "MC",
        "MCTS",
        "MDP",
        "MLLM",
        "MLLMS",
        "MOE",
        "NLP",
        "OPD",
        "OSS",
        "PO",
        "QA",
        "RAG",
        "RL",
        "RLHF",
        "RLVR",
        "RM",
        "RMS",
        "SFT",
        "SLM",
        "SLMS",
        "SOTA",
        "UCB",
        "VLM",
        "VLMS",
    }
)


def names_introduced(abstract: str) -> list[str]:
    """The names the abstract gives to what the authors present, first mention first."""
    text = _LATEX_COMMAND.sub(r"\1", " ".join(abstract.split()))
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        matches = [m for pattern in _ANYWHERE for m in pattern.finditer(sentence)]
        presenting = _PRESENTING.search(sentence)
        if presenting:  # only what follows "we propose": not the work it was "inspired by"
            matches += [m for p in _IN_PRESENTING for m in p.finditer(sentence, presenting.start())]
        names = [(m.start(1), m.group(1).rstrip(".-")) for m in matches]
        names = [(start, name) for start, name in names if _is_name(name)]
        if presenting:
            names += [(m.start(1), m.group(1)) for m in _APPOSITION.finditer(sentence, presenting.start())]
        for _, name in sorted(names):
            if name not in found:
                found.append(name)
    return found


def unnamed(abstract: str, *texts: str | None) -> list[str]:
    """The names the abstract introduces that none of ``texts`` (title, summary, why_read) contains."""
    haystack = " ".join(text for text in texts if text)
    return [name for name in names_introduced(abstract) if not _mentions(haystack, name)]


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``, ignoring case, spaces and hyphens, or spells out the
    abbreviation word by word (Tree of Thoughts for ToT); a name of up to four letters must stand
    as a word of its own (EL is not named by "model")."""
    if _spelled_out(text, name):
        return True
    folded = _folded(name)
    if len(folded) > 4:
        return folded in _folded(text)
    word = re.compile(rf"(?<![a-z0-9]){re.escape(folded)}(?![a-z0-9])")
    lowered = unaccented(text).casefold()
    return any(word.search(variant) for variant in (lowered.replace("-", " "), lowered.replace("-", "")))


def _spelled_out(text: str, name: str) -> bool:
    """Whether consecutive words of ``text`` begin with the letters of ``name`` (three or more:
    two initials match by chance too often)."""
    if not name.isalpha() or len(name) < 3:
        return False
    return name.casefold() in "".join(word[0] for word in re.findall(r"[A-Za-z]+", text)).casefold()


def _is_name(word: str) -> bool:
    capitals = sum(ch.isupper() for ch in word)
    return (capitals >= 2 or any(ch.isdigit() for ch in word)) and word.upper() not in _GENERIC


def _folded(text: str) -> str:
    return re.sub(r"[\s\-]+", "", unaccented(text)).casefold()
