"""Every invalid-input case: the file and line are printed, the exit code is 1, README.md is untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

INVALID = FIXTURES / "invalid"

# file name -> (line, text that must appear in the message or hint)
CASES = {
    "empty.yaml": (1, "file is empty"),
    "list-not-mapping.yaml": (1, "expected a mapping of fields, found a list"),
    "wrong-type.yaml": (3, "year: Input should be a valid integer"),
    "non-utf8.yaml": (1, "not valid UTF-8"),
    "tabs.yaml": (3, "tab character used for indentation"),
    "duplicate-key.yaml": (11, "duplicate key 'year' (first at line 3)"),
    "alias-bomb.yaml": (2, "aliases (*name) are not allowed"),
    "unknown-field.yaml": (1, "did you mean 'title'?"),
    "unknown-section.yaml": (5, "did you mean 'rlhf'?"),
    "bad-arxiv.yaml": (4, "write '2301.00005'"),
    "javascript-url.yaml": (11, "URL must start with https://"),
    "Bad_Name.yaml": (1, "file name 'Bad_Name' is not a valid entry id"),
    "wrong-extension.yml": (0, "entry files must end in .yaml"),
    "duplicate-arxiv.yaml": (4, "duplicate arXiv id https://arxiv.org/abs/1707.06347"),
    "dangling-code.yaml": (11, "code 'no-such-code' is not a code entry"),
    "future-added.yaml": (10, "is in the future"),
    "near-identical-title.yaml": (1, "title nearly identical to ppo"),  # reported on both files
    "year-out-of-range.yaml": (3, "year 1066 is outside"),
    "month-after-id.yaml": (5, "the date 2023-02 is after 2023-01, the month arXiv numbered '2301.00013' in"),
    "model-weights-code.yaml": (11, "weights alone are not code"),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_file_is_reported_and_readme_untouched(mini_repo: Path, name: str) -> None:
    assert run_cli("--data", str(mini_repo / "data"), "render").code == 0
    readme = (mini_repo / "README.md").read_bytes()
    shutil.copy(INVALID / name, mini_repo / "data" / "papers" / name)

    result = run_cli("--data", str(mini_repo / "data"), "render")

    line, text = CASES[name]
    assert result.code == 1
    assert (f"{name}:{line}:" if line else f"{name}: {text}") in result.err  # no position when unknown
    assert text in result.err
    assert (mini_repo / "README.md").read_bytes() == readme
    assert not list(mini_repo.glob(".README.md.*"))


def test_all_problems_in_all_files_are_reported_at_once(mini_repo: Path) -> None:
    for name in ("unknown-section.yaml", "bad-arxiv.yaml", "tabs.yaml"):
        shutil.copy(INVALID / name, mini_repo / "data" / "papers" / name)
    result = run_cli("--data", str(mini_repo / "data"), "validate")
    assert result.code == 1
    for name in ("unknown-section.yaml:5:", "bad-arxiv.yaml:4:", "tabs.yaml:3:"):
        assert name in result.err
    assert "3 problem(s) in 3 file(s)" in result.err


def test_github_format_annotates_file_and_line(mini_repo: Path) -> None:
    shutil.copy(INVALID / "unknown-section.yaml", mini_repo / "data" / "papers" / "x.yaml")
    result = run_cli("--data", str(mini_repo / "data"), "validate", "--format", "github")
    assert result.code == 1
    assert "::error file=" in result.out
    assert "x.yaml,line=5,col=1::section: unknown section 'rlfh' (did you mean 'rlhf'?)" in result.out
