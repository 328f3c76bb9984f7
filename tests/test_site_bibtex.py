"""The BibTeX download: every record parses, keys are the unique entry ids, hostile text stays balanced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.render.exports import to_bibtex
from awesome_opt.render.site import bibtex_attribute
from tests.browser.sitebuild import REPO, hostile_data

RECORD_START = re.compile(r"@([a-z]+)\{([^,\s{}]+),")
FIELD = re.compile(r"\s*([a-z]+)\s*=\s*")


def _braced(text: str, start: int) -> int:
    """Index just past the balanced ``{...}`` group opening at ``start``; escaped braces do not count."""
    assert text[start] == "{", text[start : start + 40]
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        index += 1
        if depth == 0:
            return index
    raise AssertionError(f"unbalanced braces from offset {start}")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each record; fails on anything that is not a well-formed record."""
    records = []
    position = 0
    while text[position:].strip():
        at = text.find("@", position)
        assert at >= 0, f"text after the last record: {text[position:]!r}"
        start = RECORD_START.match(text, at)
        context = text[position : position + 80]
        assert start is not None and not text[position : start.start()].strip(), context
        end = _braced(text, start.end(1))
        body, fields = text[start.end() : end - 1], {}
        cursor = 0
        while body[cursor:].strip():
            field = FIELD.match(body, cursor)
            assert field is not None, body[cursor : cursor + 60]
            close = _braced(body, field.end())
            fields[field.group(1)] = body[field.end() + 1 : close - 1]
            cursor = close + (1 if body[close : close + 1] == "," else 0)
        records.append((start.group(1), start.group(2), fields))
        position = end
    return records


def test_every_record_parses_with_unique_keys_equal_to_the_ids() -> None:
    catalog = build_catalog(REPO / "data")
    records = parse_bibtex(to_bibtex(catalog))
    keys = [key for _, key, _ in records]
    assert len(keys) == len(set(keys)) == len(catalog)
    assert set(keys) == set(catalog.by_id)
    for kind, key, fields in records:
        assert fields.get("title") and fields.get("url"), key
        assert kind in ("article", "misc", "software")


def test_hostile_record_stays_balanced(tmp_path: Path) -> None:
    catalog = build_catalog(hostile_data(tmp_path))
    records = {key: fields for _, key, fields in parse_bibtex(to_bibtex(catalog))}
    assert records["hostile"]["title"].startswith("{<script>")
    assert r"\{braces\}" in records["hostile"]["title"]


def test_the_copy_button_text_keeps_lines_and_escapes_quotes(tmp_path: Path) -> None:
    catalog = build_catalog(hostile_data(tmp_path))
    attribute = bibtex_attribute(catalog.by_id["hostile"])
    assert '"' not in attribute and "<" not in attribute
    assert attribute.startswith("@misc{hostile,&#10;  title = ")


@pytest.mark.parametrize(
    "broken", ["@misc{a,\n  title = {x}\n", "@misc{a,\n  title = {x}}}\n", "junk @misc{a, title = {x}}"]
)
def test_parser_rejects_malformed_records(broken: str) -> None:
    with pytest.raises(AssertionError):
        parse_bibtex(broken)
