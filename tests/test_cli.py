"""The CLI through its real entry points: exit codes, outputs, atomic writes, drift check."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from awesome_opt.loader import load_taxonomy
from tests.conftest import FIXTURES, REPO, run_cli

AWESOME_OPT = Path(sys.executable).parent / "awesome-opt"


def test_console_script_and_module_agree() -> None:
    script = subprocess.run([str(AWESOME_OPT), "--version"], capture_output=True, text=True, check=True)
    module = subprocess.run(
        [sys.executable, "-m", "awesome_opt", "--version"], capture_output=True, text=True, check=True
    )
    assert script.stdout == module.stdout
    assert script.stdout.startswith("awesome-opt ")


def test_validate_real_data_from_repository_root() -> None:
    result = subprocess.run([str(AWESOME_OPT), "validate"], cwd=REPO / "src", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    taxonomy, _ = load_taxonomy(REPO / "data")
    assert f"entries in {len(taxonomy.sections)} sections are valid" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("no-such-command").code == 2
    assert run_cli("--data", str(tmp_path / "missing"), "validate").code == 2
    result = subprocess.run([str(AWESOME_OPT), "validate"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert "pass --data DIR" in result.stderr


def test_render_then_check_detects_drift(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    assert run_cli("--data", data, "render", "--check").code == 1  # no README yet
    assert run_cli("--data", data, "render").code == 0
    assert run_cli("--data", data, "render", "--check").code == 0
    summary = mini_repo / "data/papers/ppo.yaml"
    summary.write_text(summary.read_text().replace("Clips the", "Clips the clipped"))
    before = (mini_repo / "README.md").read_text()
    result = run_cli("--data", data, "render", "--check")
    assert result.code == 1
    assert "out of date" in result.err
    assert (mini_repo / "README.md").read_text() == before


def test_repository_readme_is_up_to_date() -> None:
    result = run_cli("--data", str(REPO / "data"), "render", "--check")
    assert result.code == 0, "README.md is stale: run `make site` and commit README.md"


def test_schema_file_is_up_to_date_and_lists_sections() -> None:
    assert run_cli("--data", str(REPO / "data"), "schema", "--check").code == 0
    schema = json.loads((REPO / "data/schema.json").read_text())
    paper = schema["$defs"]["Paper"]["properties"]
    assert "rlvr" in paper["section"]["enum"]
    assert schema["$defs"]["Paper"]["additionalProperties"] is False


def test_json_export_has_every_entry_with_id_kind_and_section(mini_repo: Path) -> None:
    out = mini_repo / "entries.json"
    assert run_cli("--data", str(mini_repo / "data"), "export", "--format", "json", "-o", str(out)).code == 0
    rows = json.loads(out.read_text())
    assert {r["id"] for r in rows} == {p.stem for p in (FIXTURES / "mini").rglob("*.yaml")} - {"taxonomy"}
    gkd = next(r for r in rows if r["id"] == "gkd")
    assert (gkd["kind"], gkd["section"], gkd["arxiv"]) == ("paper", "distillation/on-policy", "2306.13649")
    assert gkd["authors_complete"] is False


def test_csv_and_bibtex_exports(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    rows = list(csv.DictReader(io.StringIO(run_cli("--data", data, "export", "--format", "csv").out)))
    assert len(rows) == 8 and rows[0]["id"] == "distill-reasoning"
    bib = run_cli("--data", data, "export", "--format", "bibtex").out
    assert bib.count("@") == 8
    assert "@article{ppo," in bib and "eprint = {1707.06347}" in bib


def test_stats_counts_sections(mini_repo: Path) -> None:
    stats = json.loads(run_cli("--data", str(mini_repo / "data"), "stats", "--format", "json").out)
    assert stats["total"] == 8
    assert stats["sections"]["distillation"] == 2
    assert stats["kinds"] == {"benchmark": 1, "code": 1, "paper": 5, "survey": 1}


def test_json_problem_format(mini_repo: Path) -> None:
    shutil.copy(FIXTURES / "invalid/bad-arxiv.yaml", mini_repo / "data/papers/bad.yaml")
    result = run_cli("--data", str(mini_repo / "data"), "validate", "--format", "json")
    assert result.code == 1
    (problem,) = json.loads(result.out)
    assert (problem["line"], problem["hint"]) == (4, "write '2301.00005'")


def test_schema_write_creates_both_schemas_and_check_notices_a_missing_one(mini_repo: Path) -> None:
    data = str(mini_repo / "data")
    assert run_cli("--data", data, "schema", "--write").code == 0
    taxonomy_schema = json.loads((mini_repo / "data/taxonomy.schema.json").read_text())
    assert set(taxonomy_schema["properties"]) >= {"sections", "axes", "tags"}
    assert run_cli("--data", data, "schema", "--check").code == 0
    (mini_repo / "data/taxonomy.schema.json").unlink()
    result = run_cli("--data", data, "schema", "--check")
    assert result.code == 1 and "taxonomy.schema.json is out of date" in result.err


def test_templates_ship_inside_the_package() -> None:
    """Other lists render with the same templates: the package links to them and packages them."""
    import tomllib

    from awesome_opt.render.environment import TEMPLATES_DIR

    assert (TEMPLATES_DIR / "readme.md.j2").is_file()
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = REPO / "src" / "awesome_opt"
    packaged = {path.resolve() for pattern in patterns["awesome_opt"] for path in package.glob(pattern)}
    templates = {path.resolve() for path in (REPO / "templates").rglob("*") if path.is_file()}
    assert templates and templates <= packaged


def test_problems_without_a_position_show_none_in_every_format() -> None:
    from awesome_opt.errors import Problem
    from awesome_opt.output.problems import format_problems

    outside = Problem(
        "arXiv:2509.99998", 0, 0, "cannot add 2509.99998: arXiv has no paper with this id", in_file=False
    )
    unplaced = Problem("data/papers/x.yml", 0, 0, "entry files must end in .yaml")
    text = format_problems([outside, unplaced], "text")
    assert text.startswith("arXiv:2509.99998: cannot add") and ":0:0" not in text
    assert text.endswith("2 problem(s) in 1 file(s)")
    github = format_problems([outside, unplaced], "github").splitlines()
    assert github[0].startswith("::error title=arXiv%3A2509.99998::cannot add")
    assert github[1].startswith("::error file=data/papers/x.yml::") and "line=" not in github[1]
    rows = json.loads(format_problems([outside], "json"))
    assert rows[0]["file"] is None and rows[0]["subject"] == "arXiv:2509.99998" and rows[0]["line"] is None
