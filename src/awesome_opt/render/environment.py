"""The Jinja2 environment shared by every renderer: strict, with the escaping filters."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from awesome_opt.render.escape import escape_html, escape_markdown, github_slug, markdown_url

# `templates/` at the repository root, reached through the package's `templates` link (editable
# installs) or copied into the package (wheels), so other lists can render with the same templates.
TEMPLATES_DIR = Path(__file__).parent.parent / "templates"


def author_line(authors: list[str], complete: bool = True, shown: int = 3) -> str:
    """First ``shown`` authors, then "et al." when there are more (or the list is incomplete)."""
    names = ", ".join(authors[:shown])
    return f"{names} et al." if len(authors) > shown or not complete else names


def host(url: str) -> str:
    """The host of a URL without ``www.``: what a link leads to, in short."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 entry", "3 entries"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """A strict Jinja2 environment over ``templates/`` with the ``md``, ``html`` and ``url`` filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        auto_reload=False,  # templates do not change while a process renders; no stat per include
        # Compiled templates are kept between runs (in a private folder of the temporary directory,
        # keyed by each template's source checksum), so a build does not recompile ~60 templates.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["html"] = escape_html
    env.filters["url"] = markdown_url
    env.filters["slug"] = github_slug
    env.filters["authors"] = author_line
    env.filters["plural"] = plural
    env.filters["host"] = host
    return env
