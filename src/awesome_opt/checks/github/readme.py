"""The data releases an official README links, compared with the links of the entry that names it.

Reviewers of the list most often miss a data set that a paper releases and only its README links
(a Hugging Face data set, a Drive or Zenodo download, a file in OpenAI's public bucket), sometimes only
in a translated README or a data folder's own README. This module finds such links in README text,
picks those companion files from a repository's root, and says which releases an entry does not
link yet; ``check-github --readmes`` reports them for a person to judge (a README also links data
the work only uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from awesome_opt.checks.urls import URL_IN_TEXT, clean_url
from awesome_opt.identifiers import (
    DATA_SET_HOSTS,
    MODELSCOPE_HOSTS,
    hub_data_set,
    is_data_url,
    site_host,
    url_key,
)

# Files inside a GitHub repository are part of the code link already.
GITHUB_HOSTS = frozenset({"github.com", "raw.githubusercontent.com", "gist.github.com"})
# Hosts whose first path segment names one release (an Azure blob container).
CONTAINER_HOSTS = frozenset({"openaipublic.blob.core.windows.net"})
HUB_DATA = "https://huggingface.co/datasets/"
HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")  # owner/name
# ``load_dataset("owner/name")`` in a README's Python snippet.
LOAD_DATASET = re.compile(rf"""load_dataset\(\s*["']({HUB_ID.pattern})["']""")
# ``hf download`` / ``huggingface-cli download`` and the rest of its line.
CLI_DOWNLOAD = re.compile(r"\b(?:huggingface-cli|hf)\s+download\b([^\n]*)")
DATA_SET_TYPE = re.compile(r"--repo-type[= ]dataset\b")
OPTIONS_WITH_VALUES = frozenset(
    {"--repo-type", "--local-dir", "--cache-dir", "--include", "--exclude", "--revision", "--token"}
)


def data_home_key(url: str) -> str | None:
    """One key per data release: a Hugging Face data set (any page or file in it), a bucket's
    container, or else the URL itself; None for a link that is not to data."""
    host = site_host(url)
    if host in DATA_SET_HOSTS:  # models, Spaces, collections and organisations are not a data set
        data_set = hub_data_set(url)
        return f"huggingface.co/datasets/{data_set}" if data_set else None
    if host in GITHUB_HOSTS or not is_data_url(url):
        return None
    segments = [segment for segment in urlsplit(url.strip()).path.split("/") if segment]
    if host in MODELSCOPE_HOSTS and len(segments) >= 3:  # datasets/<owner>/<name>[/...]
        return f"modelscope.cn/datasets/{segments[1]}/{segments[2]}".lower()
    if host in CONTAINER_HOSTS and segments:
        return f"{host}/{segments[0]}"
    return url_key(url)


def readme_data_links(text: str) -> list[str]:
    """The data links of a README, the first one seen for each release, in order of appearance; a
    Hugging Face data set named only by its id in a download line counts as its data card."""
    found: dict[str, str] = {}
    mentions = [(m.start(), clean_url(m.group())) for m in URL_IN_TEXT.finditer(text)]
    mentions += [(m.start(), HUB_DATA + m.group(1)) for m in LOAD_DATASET.finditer(text)]
    for m in CLI_DOWNLOAD.finditer(text):
        if (data_set := _cli_data_set(m)) is not None:
            mentions.append((m.start(), HUB_DATA + data_set))
    for _, url in sorted(mentions):
        key = data_home_key(url)
        if key is not None:
            found.setdefault(key, url)
    return list(found.values())


def _cli_data_set(match: re.Match[str]) -> str | None:
    """The ``owner/name`` a ``hf download ... --repo-type dataset`` line fetches, else None."""
    if not DATA_SET_TYPE.search(match.group(1)):
        return None
    skip = False
    for word in match.group(1).split():
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in OPTIONS_WITH_VALUES
        elif HUB_ID.fullmatch(word):
            return word
    return None


MAIN_README = "README"
# A README's own spellings at the root (GitHub shows one of them); the others are translations.
MAIN_README_NAMES = frozenset({"readme", "readme.md", "readme.markdown", "readme.rst", "readme.txt"})
TRANSLATED_README = re.compile(r"readme[._-][\w.-]*\.(?:md|markdown|rst|txt)", re.IGNORECASE)
# Folders whose own README often lists the data a work releases (genius's data/, webarena's resources/).
DATA_FOLDERS = frozenset({"data", "dataset", "datasets", "resources"})


def companion_files(root: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """From a repository root's ``(name, type)`` entries, the files besides the README that say what
    a work releases, as ``(name shown, API path)``: translated READMEs (``README_zh.md``) through
    ``contents/``, and data folders through ``readme/<folder>``."""
    found = []
    for name, kind in root:
        if kind == "file" and name.lower() not in MAIN_README_NAMES and TRANSLATED_README.fullmatch(name):
            found.append((name, f"contents/{name}"))
        elif kind == "dir" and name.lower() in DATA_FOLDERS:
            found.append((f"{name}/README", f"readme/{name}"))
    return sorted(found)


def unlinked_data(readme_links: Iterable[str], entry_links: Iterable[str]) -> list[str]:
    """The README's data links whose release none of the entry's links points into."""
    linked = {key for url in entry_links if (key := data_home_key(url)) is not None}
    return [url for url in readme_links if data_home_key(url) not in linked]
