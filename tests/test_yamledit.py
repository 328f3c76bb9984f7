"""Line-preserving edits of entry files: only the named values change, byte for byte."""

from __future__ import annotations

import pytest
import yaml

from awesome_opt.yamledit import replace_values, without_comment_above
from awesome_opt.yamlfile import YamlProblem

ENTRY = """\
# yaml-language-server: $schema=../schema.json
# A comment the maintainer wrote.
title: "Old Title"  # keep this remark
authors: [A. One, "B. Two"]
authors_complete: true
year: 2023   # first version
month: 6
arxiv: "2306.13649"
summary: >-
  Two lines of
  summary.
added: 2026-11-03
"""


def test_only_the_named_values_change() -> None:
    new = replace_values(
        ENTRY, {"title": "New: Title", "authors": ["Ann One", "Bo Two", "Cy Three"], "year": 2024}
    )
    old_lines, new_lines = ENTRY.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    changed = [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    assert changed == [2, 3, 5]
    assert new_lines[2] == 'title: "New: Title"  # keep this remark\n'
    assert new_lines[3] == 'authors: ["Ann One", "Bo Two", "Cy Three"]\n'
    assert new_lines[5] == "year: 2024   # first version\n"
    data = yaml.safe_load(new)
    assert (
        data["title"] == "New: Title" and data["year"] == 2024 and data["summary"] == "Two lines of summary."
    )


def test_block_lists_stay_block_lists_and_block_scalars_become_one_line() -> None:
    text = "title: >-\n  Long\n  title\n# between\nauthors:\n  - A\n  - B\nyear: 2020\n"
    new = replace_values(text, {"title": 'Say "hi"', "authors": ["X", "Y", "Z"]})
    assert new == 'title: "Say \\"hi\\""\n# between\nauthors:\n  - "X"\n  - "Y"\n  - "Z"\nyear: 2020\n'
    assert yaml.safe_load(new) == {"title": 'Say "hi"', "authors": ["X", "Y", "Z"], "year": 2020}


def test_unicode_is_written_as_is() -> None:
    new = replace_values("title: x\n", {"title": "Théorie — α"})
    assert new == 'title: "Théorie — α"\n'


def test_a_field_that_is_not_there_is_never_added() -> None:
    with pytest.raises(YamlProblem):
        replace_values("title: x\n", {"year": 2020})


def test_an_unchanged_value_keeps_the_file_identical_apart_from_quoting() -> None:
    assert replace_values(ENTRY, {"title": "Old Title"}) == ENTRY


def test_the_comments_right_above_a_key_go_and_nothing_else() -> None:
    text = (
        "# yaml-language-server: $schema=../schema.json\ntitle: x\nauthors: [A]\n"
        "# why the list is short,\n# over two lines\nauthors_complete: true\n# about the year\nyear: 2020\n"
    )
    expected = (
        "# yaml-language-server: $schema=../schema.json\ntitle: x\nauthors: [A]\n"
        "authors_complete: true\n# about the year\nyear: 2020\n"
    )
    assert without_comment_above(text, "authors_complete") == expected
    assert without_comment_above(text, "month") == text
    assert without_comment_above(text, "title") == text  # the schema line stays
