"""tools/check-requirements.py, the first step of `make test`: one message naming what is missing."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import yaml

from tests.conftest import REPO

SCRIPT = REPO / "tools" / "check-requirements.py"
MISSING = {  # program as the message names it -> its Debian package
    "Node.js": "nodejs",
    "npm": "npm",
    "Chromium": "chromium",
    "chromedriver": "chromium-driver",
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_requirements", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bin_with_python(tmp_path: Path) -> Path:
    """A folder holding only a python3 symlink: a PATH without Node.js, npm or chromedriver."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "python3").symlink_to(sys.executable)
    return folder


def _fake_program(path: Path, output: str = "") -> Path:
    path.write_text(f"#!/bin/sh\necho '{output}'\n")
    path.chmod(0o755)
    return path


def _run(folder: Path, chromium: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(folder), "AWESOME_OPT_CHROMIUM": str(chromium)}
    return subprocess.run(
        [str(folder / "python3"), str(SCRIPT)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _message_lines(message: str) -> dict[str, str]:
    """Each ``  - program: Debian package P`` line of the message, by the program it starts with."""
    items = [line[4:] for line in message.splitlines() if line.startswith("  - ")]
    return {re.split(r"[ :(]", item, maxsplit=1)[0]: item.rsplit("Debian package ", 1)[1] for item in items}


def test_without_the_programs_it_names_each_with_its_package_and_exits_1(tmp_path: Path) -> None:
    folder = _bin_with_python(tmp_path)
    done = _run(folder, tmp_path / "no-chromium")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("make test needs programs") == 1, "one message, not one per program"
    assert _message_lines(done.stderr) == MISSING
    assert str(tmp_path / "no-chromium") in done.stderr, "says where the browser tests look for Chromium"
    assert done.stderr.rstrip().endswith("sudo apt-get install nodejs npm chromium chromium-driver")


def test_with_everything_present_it_exits_0_silently(tmp_path: Path) -> None:
    folder = _bin_with_python(tmp_path)
    _fake_program(folder / "node", "v20.19.2")
    _fake_program(folder / "npm")
    _fake_program(folder / "chromedriver")
    done = _run(folder, _fake_program(tmp_path / "chromium"))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_node_older_than_the_linters_need_is_named(tmp_path: Path) -> None:
    folder = _bin_with_python(tmp_path)
    _fake_program(folder / "node", "v18.19.0")
    _fake_program(folder / "npm")
    _fake_program(folder / "chromedriver")
    done = _run(folder, _fake_program(tmp_path / "chromium"))
    assert done.returncode == 1
    assert _message_lines(done.stderr) == {"Node.js": "nodejs"}
    assert "Node.js 20 or newer" in done.stderr and "v18" in done.stderr


def test_an_old_python_is_named_with_the_version_pyproject_requires() -> None:
    script = _load_script()
    required = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert required == ">=" + ".".join(
        map(str, script.required_python((REPO / "pyproject.toml").read_text()))
    )
    problem = script.check_python((3, 10, 14), (3, 11))
    assert problem.package == "python3"
    assert "Python 3.11 or newer" in problem.what and "3.10.14" in problem.what
    assert "PYTHON=" in problem.what, "says how to choose another interpreter"
    assert script.check_python((3, 11, 0), (3, 11)) is None


def test_it_looks_for_chromium_where_the_browser_tests_launch_it() -> None:
    script = _load_script()
    conftest = (REPO / "tests" / "browser" / "conftest.py").read_text()
    assert f'os.environ.get("{script.CHROMIUM_VARIABLE}", "{script.DEFAULT_CHROMIUM}")' in conftest


def test_ci_node_is_new_enough_for_the_linters() -> None:
    script = _load_script()
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    required = script.required_node((REPO / "tools" / "lint" / "package-lock.json").read_text())
    assert required >= 20  # markdownlint-cli2 and awesome-lint declare engines.node >=20
    assert int(ci["env"]["NODE_VERSION"]) >= required


def test_this_machine_has_what_make_test_needs() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_make_test_stops_at_the_check_before_anything_else(tmp_path: Path) -> None:
    make = shutil.which("make")
    assert make, "make runs the checks"
    env = {"PATH": str(_bin_with_python(tmp_path)), "AWESOME_OPT_CHROMIUM": str(tmp_path / "none")}
    done = subprocess.run(
        [make, "-C", str(REPO), "test"], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode != 0
    assert done.stderr.count("make test needs programs") == 1
    assert "tools/check-requirements.py" in done.stdout
    assert "ruff" not in done.stdout and "mypy" not in done.stdout, "nothing runs after the check"


def test_the_script_needs_only_the_standard_library() -> None:
    # -S leaves site-packages (and so the virtual environment's packages) off sys.path.
    done = subprocess.run(
        [sys.executable, "-S", "-c", f"import runpy; runpy.run_path({str(SCRIPT)!r})"],
        env=dict(os.environ, PYTHONNOUSERSITE="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
