"""Collect the URLs to check, each with every file:line that holds it.

Sources: the catalog (each entry names its URLs to check: arXiv ids, ``url``, DOIs and code URLs
of publications; ``url`` of code, benchmark and data-set entries), Markdown and HTML files
(absolute http(s) links only: relative links are local files), and plain lists with one URL a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from awesome_opt.errors import InputError, display_path

if TYPE_CHECKING:  # only for annotations: a list of URLs needs no catalog
    from awesome_opt.catalog import Catalog
    from awesome_opt.loader import LoadedEntry

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`]+")
TRAILING = ".,;:!?*_~'\""
HTML_SUFFIXES = (".html", ".htm")
LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class SourceRef:
    """One place a URL appears: the file (as shown to users and as a path) and the line."""

    label: str
    line: int
    path: Path = field(compare=False)

    def __str__(self) -> str:
        return f"{self.label}:{self.line}"


@dataclass
class Link:
    """A distinct URL and every place it appears."""

    url: str
    sources: list[SourceRef] = field(default_factory=list)


def merge(found: Iterable[tuple[str, SourceRef]]) -> list[Link]:
    """One :class:`Link` per distinct URL, in order of first appearance."""
    links: dict[str, Link] = {}
    for url, source in found:
        link = links.setdefault(url, Link(url))
        if source not in link.sources:
            link.sources.append(source)
    return list(links.values())


def _entry_urls(item: LoadedEntry) -> Iterator[tuple[str, SourceRef]]:
    source = item.source
    for path, url in item.entry.checked_urls():
        yield url, SourceRef(source.label, source.line_of(*path), source.path)


def catalog_urls(catalog: Catalog) -> list[Link]:
    """Every URL of every entry, each with the file and line of the field holding it."""
    return merge(pair for item in catalog for pair in _entry_urls(item))


def clean_url(raw: str) -> str:
    """A URL found in running text without the punctuation or unbalanced brackets that follow it."""
    url = raw
    while url and (url[-1] in TRAILING or _unbalanced(url, "()") or _unbalanced(url, "[]")):
        url = url[:-1]
    return url


def _unbalanced(url: str, pair: str) -> bool:
    return url[-1] == pair[1] and url.count(pair[0]) < url.count(pair[1])


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc


def markdown_urls(path: Path) -> list[tuple[str, SourceRef]]:
    """Absolute links in a Markdown file (outside fenced code blocks), with their lines."""
    label, found, fenced = display_path(path), [], False
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            found += [
                (clean_url(m.group()), SourceRef(label, number, path)) for m in URL_IN_TEXT.finditer(line)
            ]
    return found


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (
                name in LINK_ATTRIBUTES
                and value
                and value.strip().lower().startswith(("http://", "https://"))
            ):
                self.found.append((value.strip(), self.getpos()[0]))


def html_urls(path: Path) -> list[tuple[str, SourceRef]]:
    """Absolute ``href``/``src`` links in an HTML file, with their lines."""
    parser = _LinkParser()
    parser.feed(_read(path))
    parser.close()
    label = display_path(path)
    return [(url, SourceRef(label, line, path)) for url, line in parser.found]


def list_urls(path: Path) -> list[tuple[str, SourceRef]]:
    """One URL a line; blank lines and lines starting with ``#`` are ignored."""
    label = display_path(path)
    return [
        (line.strip(), SourceRef(label, number, path))
        for number, line in enumerate(_read(path).splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def file_urls(paths: Iterable[Path]) -> list[Link]:
    """Links of Markdown and HTML files (HTML by suffix, Markdown otherwise)."""
    found: list[tuple[str, SourceRef]] = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        found += html_urls(path) if path.suffix.lower() in HTML_SUFFIXES else markdown_urls(path)
    return merge(found)
