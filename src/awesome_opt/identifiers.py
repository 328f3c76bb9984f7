"""Identifiers in one place: entry ids, arXiv ids and links, and the keys that compare URLs and titles.

arXiv ids come in two forms: new-style ``2402.03300`` and old-style ``hep-th/9901001`` (optionally
with a subject class, ``math.OC/0501001``, which arXiv's own feed drops). Text may add a prefix
(``arXiv:``), a version (``v2``) or be an abs/pdf URL; :func:`parse_arxiv` and
:func:`parse_arxiv_url` read them all, and every other module asks them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

ENTRY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NEW = r"\d{4}\.\d{4,5}"
_OLD = r"(?P<archive>[a-z]+(?:-[a-z]+)*)(?P<subject>\.[A-Z]{2})?/(?P<number>\d{7})"
ARXIV_ID = re.compile(rf"^(?:{_NEW}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{{2}})?/\d{{7}})$")
_ARXIV_TEXT = re.compile(rf"^(?:arxiv:)?\s*(?P<id>{_NEW}|{_OLD})(?:v(?P<version>\d+))?$", re.I)
_ARXIV_URL = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?P<id>{_NEW}|{_OLD})"
    r"(?:v(?P<version>\d+))?(?:\.pdf)?/?(?:[?#].*)?$",
    re.I,
)
_NEW_IN_TEXT = re.compile(rf"(?<![\d.])({_NEW})(?:v\d+)?(?![\d])")
ABS_URL = "https://arxiv.org/abs/{}"
PDF_URL = "https://arxiv.org/pdf/{}"
TEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*")
TEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHckbdrt]\s*\{?([a-zA-Z])\}?")


@dataclass(frozen=True)
class ArxivRef:
    """An arXiv id as written (``math.OC/0501001`` keeps its subject class) and its version, if any."""

    id: str
    version: int | None = None

    @property
    def feed_id(self) -> str:
        """The id as arXiv's API names it: old-style ids without their subject class."""
        match = _ARXIV_TEXT.match(self.id)
        if match and match["archive"]:
            return f"{match['archive']}/{match['number']}"
        return self.id


def _ref(match: re.Match[str] | None) -> ArxivRef | None:
    if match is None:
        return None
    return ArxivRef(match["id"], int(match["version"]) if match["version"] else None)


def is_arxiv_id(value: str) -> bool:
    """True for a canonical id as the data stores it: ``2402.03300`` or ``cs/0101001``, no version."""
    return ARXIV_ID.match(value) is not None


def arxiv_id_month(arxiv_id: str) -> tuple[int, int] | None:
    """(year, month) an id's digits name (``2505.00024`` -> (2025, 5), ``cs/0101001`` -> (2001, 1)).

    arXiv numbers a paper when it announces it, so its first version was submitted in that month or
    before; None for text that is not an id."""
    match = _ARXIV_TEXT.match(arxiv_id)
    if match is None:
        return None
    digits = match["number"] or match["id"]
    year, month = int(digits[:2]), int(digits[2:4])
    return (1900 + year if year >= 91 else 2000 + year), month


def new_style_ids_in(text: str) -> set[str]:
    """Every new-style arXiv id (``2401.12345``, version dropped) that appears in ``text``, as in the
    address of an arXiv mirror (``https://example.org/papers/2401.12345v2``)."""
    return set(_NEW_IN_TEXT.findall(text))


def parse_arxiv(text: str) -> ArxivRef | None:
    """The id in ``2402.03300``, ``arXiv:2402.03300v2`` or an arxiv.org abs/pdf URL, else None."""
    text = text.strip()
    return _ref(_ARXIV_TEXT.match(text)) or parse_arxiv_url(text)


def parse_arxiv_url(url: str) -> ArxivRef | None:
    """The id and version of an arxiv.org (or www./export.) abs or pdf URL, else None."""
    return _ref(_ARXIV_URL.match(url.strip()))


def normalise_arxiv(text: str) -> str | None:
    """The id without version inside ``arXiv:2402.03300v2``-like text or an abs/pdf URL, or None."""
    found = parse_arxiv(text)
    return found.id if found else None


def abs_url(arxiv_id: str) -> str:
    """The abstract page of an arXiv id."""
    return ABS_URL.format(arxiv_id)


def pdf_url(arxiv_id: str) -> str:
    """The PDF of an arXiv id (newest version)."""
    return PDF_URL.format(arxiv_id)


def url_key(url: str) -> str:
    """A comparison key for URLs: case-folded scheme and host, no trailing slash, arXiv ids unified."""
    found = parse_arxiv_url(url)
    if found is not None:
        return f"arxiv:{found.feed_id}"
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def site_host(url: str) -> str:
    """The host of a URL in lower case without a leading ``www.``: ``www.huggingface.co`` and
    ``huggingface.co`` name one site."""
    return (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")


DATA_SET_HOSTS = ("huggingface.co", "hf.co")
HUB_SECTIONS = frozenset(
    {"datasets", "spaces", "collections", "papers", "docs", "blog", "models", "organizations", "tasks"}
)


def _hub_path(url: str) -> list[str] | None:
    """The path segments of a Hugging Face Hub URL, or None for any other host."""
    if site_host(url) not in DATA_SET_HOSTS:
        return None
    return [segment for segment in urlsplit(url.strip()).path.split("/") if segment]


def _is_model_path(segments: list[str]) -> bool:
    """``<owner>/<model>[/...]``: a model repository, outside the Hub's own sections."""
    return len(segments) >= 2 and segments[0] not in HUB_SECTIONS


def is_model_weights_url(url: str) -> bool:
    """True for a model repository on the Hugging Face Hub (``huggingface.co/<owner>/<model>``):
    weights, which the list never links as code."""
    segments = _hub_path(url)
    return segments is not None and _is_model_path(segments)


def hub_data_set(url: str) -> str | None:
    """``owner/name`` (lower case) of the Hugging Face data set a Hub URL points into (its card, a
    file in it), else None."""
    segments = _hub_path(url)
    if segments and len(segments) >= 3 and segments[0] == "datasets":
        return f"{segments[1]}/{segments[2]}".lower()
    return None


def is_data_set_url(url: str) -> bool:
    """True for a Hugging Face Hub page that holds data: a data set, or the organisation or collection
    holding a work's data sets (not a Space, which is code, a paper page or a model's weights)."""
    segments = _hub_path(url)
    if not segments or _is_model_path(segments):
        return False
    return segments[0] not in ("spaces", "papers")


DATA_FILE_HOSTS = frozenset(
    {"drive.google.com", "zenodo.org", "figshare.com", "openaipublic.blob.core.windows.net"}
)
DATA_FILE_SUFFIXES = (".jsonl", ".json", ".csv", ".tsv", ".parquet")
# An archive outside a code host is a data download (MATH.tar); on GitHub it is a snapshot of code.
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".zip")
CODE_HOSTS = frozenset({"github.com", "gitlab.com", "codeload.github.com"})
# Hosts whose pages are code (repositories, notebooks, Hub spaces); any other page that is not data
# is a site, such as a benchmark's home or a leaderboard.
CODE_SITE_HOSTS = CODE_HOSTS | {"bitbucket.org", "codeberg.org", "colab.research.google.com", *DATA_SET_HOSTS}
# ModelScope, the Hub's counterpart in China, keeps data sets under /datasets/ as the Hub does.
MODELSCOPE_HOSTS = frozenset({"modelscope.cn", "modelscope.ai"})


def is_data_url(url: str) -> bool:
    """True for a link to data rather than code: a Hugging Face Hub or ModelScope data page, a
    file-sharing host the list's papers release data on, or a direct link to a data file or to an
    archive outside a code host."""
    path = urlsplit(url.strip()).path.lower()
    host = site_host(url)
    if host in MODELSCOPE_HOSTS and path.startswith("/datasets/"):
        return True
    if path.endswith(ARCHIVE_SUFFIXES) and host not in CODE_HOSTS:
        return True
    return is_data_set_url(url) or host in DATA_FILE_HOSTS or path.endswith(DATA_FILE_SUFFIXES)


def link_kind(url: str) -> str:
    """What a bare ``code:`` URL leads to: "Data" (:func:`is_data_url`), "Code" on a code host, else
    "Site" (a project's or benchmark's home page, a leaderboard)."""
    if is_data_url(url):
        return "Data"
    return "Code" if site_host(url) in CODE_SITE_HOSTS else "Site"


def unaccented(text: str) -> str:
    """Accents, TeX accents and compatibility forms removed; case kept."""
    if text.isascii() and "\\" not in text:  # fast path: nothing to decompose
        return text
    text = TEX_ACCENT.sub(r"\1", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def title_key(title: str) -> str:
    """A title without TeX markup, accents, braces, punctuation, case or spacing differences."""
    return title_case_key(title).casefold()


def title_case_key(title: str) -> str:
    """:func:`title_key` with case kept: tells 'LLM-as-a-Judge' from 'LLM-as-a-judge'."""
    return re.sub(r"[\W_]+", "", TEX_COMMAND.sub("", unaccented(title)))


def fold_name(name: str) -> str:
    """A person's name without accents (plain or TeX) and case, for comparing author lists."""
    return unaccented(name).casefold()
