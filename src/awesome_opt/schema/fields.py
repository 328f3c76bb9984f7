"""Field types and validators shared by the entry models (text, URLs, vocabularies)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from awesome_opt.identifiers import ENTRY_ID, arxiv_id_month, is_model_weights_url
from awesome_opt.taxonomy import Section, Taxonomy, did_you_mean

KeyPath = tuple[str | int, ...]


def _reject_control_characters(value: str) -> str:
    """Text shown to readers may not hide control characters (escape codes, NUL, bidi tricks)."""
    if value.isprintable():  # fast path: str.isprintable is False for every Cc and Cf character
        return value
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf") and char not in "\n\t":
            raise ValueError(f"contains the invisible control character U+{ord(char):04X}")
    return value


Text = Annotated[str, AfterValidator(_reject_control_characters)]
MAX_QUOTE_WORDS = 40


def _check_quote(value: str) -> str:
    """A verbatim quote on one line, at most :data:`MAX_QUOTE_WORDS` words."""
    value = " ".join(value.split())
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(f"quote has {words} words; the limit is {MAX_QUOTE_WORDS}")
    return value


Quote = Annotated[str, AfterValidator(_reject_control_characters), AfterValidator(_check_quote)]


def _check_entry_id(value: str) -> str:
    if not ENTRY_ID.match(value):
        raise ValueError(f"'{value}' is not an entry id (the entry's file name without .yaml)")
    return value


EntryId = Annotated[str, AfterValidator(_check_entry_id)]


def taxonomy_of(info: ValidationInfo) -> Taxonomy | None:
    """The taxonomy passed as validation context, if any."""
    context = info.context or {}
    found = context.get("taxonomy")
    return found if isinstance(found, Taxonomy) else None


def section_named(info: ValidationInfo, section_id: object) -> Section | None:
    """The section ``section_id`` as the taxonomy passed as context declares it, if known."""
    taxonomy = taxonomy_of(info)
    if taxonomy is None or not isinstance(section_id, str):
        return None
    return taxonomy.section_by_id.get(section_id)


def check_section_rules(section: Section, problems: list[str]) -> None:
    """Raise when an axis breaks a rule its section's definition sets."""
    if problems:
        raise PydanticCustomError(
            "section_axes",
            "{problems} in section '{section}'",
            {
                "problems": "; ".join(problems),
                "section": section.id,
                "hint": "here " + "; ".join(section.axis_rules()) + " (see the section's definition)",
            },
        )


def check_signal_rules(info: ValidationInfo, signal: list[str]) -> None:
    """Raise when the signals break a rule of the paper's section, or one that every paper naming a
    section in also_in keeps (RLVR's: a reward it can run on)."""
    also_in = info.data.get("also_in") or []
    if (section := section_named(info, info.data.get("section"))) is not None:
        check_section_rules(section, section.signal_problems(signal, also_in))
    for listed in filter(None, (section_named(info, section_id) for section_id in also_in)):
        check_section_rules(listed, listed.listing_problems(signal))


def unknown(kind: str, value: str, choices: tuple[str, ...] | list[str]) -> PydanticCustomError:
    """The error for a value missing from a vocabulary, with a "did you mean" hint."""
    return PydanticCustomError(
        "unknown_value",
        "unknown {kind} '{value}'",
        {"kind": kind, "value": value, "hint": did_you_mean(value, choices)},
    )


Vocabulary = Callable[[Taxonomy], Collection[str]]


def check_term(value: str, info: ValidationInfo, kind: str, known: Vocabulary) -> str:
    """A value declared in the taxonomy (checked when one is given)."""
    taxonomy = taxonomy_of(info)
    if taxonomy is not None and value not in (choices := known(taxonomy)):
        raise unknown(kind, value, list(choices))
    return value


def check_vocabulary(value: list[str], info: ValidationInfo, kind: str, known: Vocabulary) -> list[str]:
    """A list of distinct values, each declared in the taxonomy (checked when one is given)."""
    repeated = sorted({item for item in value if value.count(item) > 1})
    if repeated:
        raise ValueError(f"{kind} '{repeated[0]}' is listed twice")
    for item in value:
        check_term(item, info, kind, known)
    return value


def check_url(value: str, http_hosts: list[str] | None = None) -> str:
    """Accept absolute https URLs (http only for listed hosts); raise ValueError otherwise."""
    if value != value.strip() or any(ch.isspace() for ch in value):
        raise ValueError("URL contains white space")
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme == "http" and http_hosts is not None and host in http_hosts:
        return value
    if parts.scheme != "https":
        raise PydanticCustomError(
            "url_scheme",
            "URL must start with https:// (got '{scheme}:')",
            {"scheme": parts.scheme or "no scheme", "hint": "use the https address of the page"},
        )
    if not host or "." not in host:
        raise ValueError("URL has no valid host name")
    return value


def check_http_url(value: str | None, info: ValidationInfo) -> str | None:
    """An https URL (http only for the taxonomy's ``http_hosts``), or None."""
    if value is None:
        return None
    taxonomy = taxonomy_of(info)
    return check_url(value, taxonomy.http_hosts if taxonomy else [])


def check_code_url(value: str, info: ValidationInfo) -> str:
    """A ``code:`` link: a safe URL that is not a model's weights on the Hugging Face Hub."""
    check_http_url(value, info)
    if is_model_weights_url(value):
        raise PydanticCustomError(
            "model_weights",
            "'{url}' is a model's weights on the Hugging Face Hub; weights alone are not code",
            {"url": value, "hint": "link the code repository, or the data set (huggingface.co/datasets/...)"},
        )
    return value


def check_date_not_after_arxiv_id(arxiv_id: str, year: int | None, month: int | None) -> None:
    """The first version cannot postdate the month arXiv numbered the paper in."""
    numbered = arxiv_id_month(arxiv_id)
    if numbered is None or year is None or (year, month or 1) <= numbered:
        return
    given = f"the date {year}-{month:02d}" if month else f"the year {year}"
    raise PydanticCustomError(
        "date_after_id",
        "{given} is after {numbered}, the month arXiv numbered '{arxiv}' in",
        {
            "given": given,
            "numbered": f"{numbered[0]}-{numbered[1]:02d}",
            "arxiv": arxiv_id,
            "hint": "take year and month from the first version ('Submitted on' on the abs page)",
        },
    )
