"""contributing.md and the generated issue form: they follow the schema and the taxonomy, and drift fails."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from awesome_opt import __version__
from awesome_opt.cli import build_parser
from awesome_opt.loader import load_taxonomy
from awesome_opt.render.contributing import ISSUE_FORM_FILE, field_rows, one_line
from awesome_opt.schema import KIND_DIRECTORIES, Paper
from awesome_opt.schema.relation import Relation
from awesome_opt.taxonomy import AXES, Taxonomy
from tests.conftest import REPO, run_cli
from tests.test_workflows import awesome_opt_calls

CONTRIBUTING = REPO / "contributing.md"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json"
CELL_SPLIT = re.compile(r"(?<!\\)\|")
UNESCAPE = re.compile(r"\\(.)")


def _taxonomy() -> Taxonomy:
    return load_taxonomy(REPO / "data")[0]


def _unescape(cell: str) -> str:
    return html.unescape(UNESCAPE.sub(r"\1", cell.strip()))


def _table_after(text: str, heading: str) -> list[tuple[str, str, str]]:
    """Rows (field, required, meaning) of the first Markdown table after ``heading``."""
    lines = text.splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| `"):
            cells = [_unescape(c) for c in CELL_SPLIT.split(line)[1:-1]]
            rows.append((cells[0].strip("`"), cells[1], cells[2]))
    return rows


@pytest.mark.parametrize("folder", list(KIND_DIRECTORIES))
def test_field_table_equals_the_schema(folder: str) -> None:
    model = KIND_DIRECTORIES[folder]
    text = CONTRIBUTING.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.endswith(f"(`data/{folder}/`)"))
    table = _table_after(text, heading)
    assert [row[0] for row in table] == [row.name for row in field_rows(model)]
    assert {row[0] for row in table} == set(model.model_fields)
    for name, required, meaning in table:
        assert meaning == model.model_fields[name].description
        must = model.model_fields[name].is_required() or (model is Paper and name in AXES)
        assert required == ("yes" if must else "no"), name


def test_paper_axes_are_marked_required() -> None:
    rows = {row.name: row.required for row in field_rows(Paper)}
    assert rows["provenance"] and rows["role"] and rows["signal"]
    assert not rows["venue"]


def test_docs_check_passes_on_the_repository() -> None:
    result = run_cli("--data", str(REPO / "data"), "docs", "--check")
    assert result.code == 0, result.err
    assert "up to date" in result.out


def test_docs_check_fails_when_the_taxonomy_changes_and_docs_repairs_it(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    assert run_cli("--data", data, "docs", "--check").code == 1  # nothing generated yet
    written = run_cli("--data", data, "docs")
    assert written.code == 0 and "wrote contributing.md" in written.out
    assert run_cli("--data", data, "docs", "--check").code == 0
    taxonomy = mini_repo / "data" / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    tag = "  ppo: Proximal Policy Optimization."
    assert tag in text
    taxonomy.write_text(text.replace(tag, tag + "\n  zeta-tag: A tag added in this test."), encoding="utf-8")
    stale = run_cli("--data", data, "docs", "--check")
    assert stale.code == 1
    assert "contributing.md is out of date" in stale.err
    assert run_cli("--data", data, "docs").code == 0
    assert "- `zeta-tag`: A tag added in this test." in (mini_repo / "contributing.md").read_text()


def test_hand_edit_of_the_issue_form_is_stale(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    run_cli("--data", data, "docs")
    form = mini_repo / ISSUE_FORM_FILE
    form.write_text(form.read_text(encoding="utf-8").replace("Section", "Sektion"), encoding="utf-8")
    result = run_cli("--data", data, "docs", "--check")
    assert result.code == 1
    assert ISSUE_FORM_FILE in result.err and "contributing.md" not in result.err


def test_sections_with_their_whole_definition_and_axes_have_one_line_each() -> None:
    taxonomy = _taxonomy()
    lines = CONTRIBUTING.read_text(encoding="utf-8").splitlines()
    for section in taxonomy.sections:
        found = [line for line in lines if line.lstrip().startswith(f"- `{section.id}` (")]
        assert len(found) == 1, section.id
        assert one_line(section.description) in _unescape(found[0])
        assert one_line(section.filing) in _unescape(found[0])
        for rule in section.axis_rules():
            assert rule in _unescape(found[0]), (section.id, rule)
    rendered = [_unescape(line) for line in lines]
    for axis in AXES:
        for value, meaning in getattr(taxonomy.axes, axis).items():
            assert f"- `{value}`: {meaning}" in rendered
    for tag in taxonomy.tags:
        assert any(line.startswith(f"- `{tag}`: ") for line in lines)


def test_the_commented_example_is_a_valid_paper() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S) if SCHEMA_LINE in b]
    assert len(blocks) == 1
    example = "\n".join(line.removeprefix("   ") for line in blocks[0].splitlines())
    assert example.startswith(SCHEMA_LINE)
    paper = Paper.model_validate(yaml.safe_load(example), context={"taxonomy": _taxonomy()})
    assert paper.section in _taxonomy().leaf_ids


def test_the_lineage_example_is_a_valid_builds_on_list() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S) if b.startswith("builds_on:")]
    relations = yaml.safe_load(block)["builds_on"]
    for relation in relations:
        Relation.model_validate(relation, context={"taxonomy": _taxonomy()})
    for word in _taxonomy().relations:
        assert f"- `{word}`: " in text


def test_contributing_explains_the_three_ways_and_ci() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert "awesome-opt add 2402.03300 --section rlvr" in text
    assert "Create new file" in text
    assert "Suggest a paper" in text
    for check in ("validate --format github", "check-links --changed-only", "check-arxiv --changed-only"):
        assert f"`awesome-opt {check}" in text


def test_every_entry_file_starts_with_the_schema_line() -> None:
    files = [path for folder in KIND_DIRECTORIES for path in (REPO / "data" / folder).rglob("*.yaml")]
    assert len(files) >= 200
    wrong = [str(p) for p in files if p.read_text(encoding="utf-8").splitlines()[0] != SCHEMA_LINE]
    assert wrong == []
    assert (REPO / "data" / "schema.json").is_file()


def test_schema_references_in_data_resolve() -> None:
    """Every ``$schema=`` comment in data/ names a file that exists, so editors can load it."""
    broken = []
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# yaml-language-server: \$schema=(\S+)$", first)
        if match and not (path.parent / match.group(1)).is_file():
            broken.append(f"{path.relative_to(REPO)} -> {match.group(1)}")
    assert broken == []


def test_citation_and_licences() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)
    assert citation["version"] == __version__
    assert citation["license"] == "CC0-1.0"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC0 1.0 Universal" in (REPO / "data" / "LICENSE").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "[contribution guidelines](contributing.md)" in readme
    assert "[CC0 1.0](data/LICENSE)" in readme and "[MIT licence](LICENSE)" in readme


def test_commands_shown_in_contributing_parse(capsys: pytest.CaptureFixture[str]) -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    calls = [argv for block in blocks for argv in awesome_opt_calls(block)]
    assert [argv[0] for argv in calls] == ["add"]
    for argv in calls:
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"awesome-opt {' '.join(argv)}: {capsys.readouterr().err}")


def test_docs_usage_errors(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    assert run_cli("--data", data, "docs", "--check", "--preview").code == 2
    stray = run_cli("--data", data, "docs", "data/papers/ppo.yaml")
    assert stray.code == 2 and "only read with --preview" in stray.err


def test_preview_of_named_files(mini_repo: Path) -> None:
    data = mini_repo / "data"
    gone = data / "papers" / "deleted.yaml"
    result = run_cli("--data", str(data), "docs", "--preview", str(data / "papers" / "ppo.yaml"), str(gone))
    assert result.code == 0, result.err
    assert "Changed entries: `ppo`." in result.out
    assert "[Proximal Policy Optimization Algorithms](https://arxiv.org/abs/1707.06347)" in result.out
    assert "Not in the list (removed, or not an entry file):" in result.out and "deleted.yaml" in result.out
