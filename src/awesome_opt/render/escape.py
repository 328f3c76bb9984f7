"""The one place where text from data is made safe for Markdown and HTML."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#+!^$])")
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def _one_line(text: str) -> str:
    """Collapse white space and drop control characters."""
    text = " ".join(str(text).split())
    if text.isprintable():  # fast path: no control, format or unusual space characters
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def escape_markdown(text: str) -> str:
    """Escape text for inline Markdown: it renders as the same literal text, never as markup or HTML."""
    text = html.escape(_one_line(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=1 << 16)
def escape_html(text: str) -> str:
    """Escape text for HTML element content and attribute values.

    Cached: the site writes the same section titles, tags and meanings on every page.
    """
    return html.escape(_one_line(text), quote=True)


def markdown_url(url: str) -> str:
    """A URL safe to put inside Markdown ``(...)`` link destinations (parentheses and spaces encoded)."""
    return quote(url, safe=_URL_SAFE)


def github_slug(heading: str) -> str:
    """The anchor GitHub (and our site) generates for a Markdown heading."""
    text = unicodedata.normalize("NFKC", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")
