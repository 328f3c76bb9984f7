"""The structure ARCHITECTURE.md promises: homes that exist, kinds with their partials, edges that only
the command line crosses, small modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from awesome_opt.schema import KINDS
from tests.conftest import REPO

PACKAGE = REPO / "src" / "awesome_opt"
EDGES = ("cli.py", "__main__.py", "site_plugin.py")  # modules allowed to use the output layer
EDGE_PACKAGES = ("commands", "output")
MAX_LINES = 300


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_home_named_in_architecture_md_exists() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text[text.index("| Concept | Home |") : text.index("Rules that keep it this way")]
    named = re.findall(r"`([\w/.]+\.(?:py|yaml)|[\w]+/)`", table)
    assert len(named) > 15
    for name in named:
        where = REPO / name if name.startswith(("data/", "templates/")) else PACKAGE / name
        assert where.exists(), name


@pytest.mark.parametrize("kind", KINDS, ids=[kind.kind for kind in KINDS])
def test_each_kind_has_its_partials_and_folder_name(kind: type) -> None:
    assert (REPO / "templates" / "partials" / "kinds" / f"{kind.kind}.md.j2").is_file()
    assert (REPO / "templates" / "site" / "kinds" / f"{kind.kind}.html.j2").is_file()
    assert kind.directory and kind.heading and len(kind.noun) == 2


def test_only_the_edges_import_the_command_line_or_the_output_layer() -> None:
    offenders = []
    for path in _modules():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in EDGE_PACKAGES or (relative.name in EDGES and len(relative.parts) == 1):
            continue
        for module in _imports(path):
            if module.startswith(("awesome_opt.commands", "awesome_opt.output", "awesome_opt.cli")):
                offenders.append(f"{relative} imports {module}")
    assert offenders == []


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _modules()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
