"""The quick local loop: ``pytest -m "not browser and not site"`` leaves the slow tests out."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _collected(*marker: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *marker],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_the_quick_loop_leaves_browser_and_site_builds_out() -> None:
    quick = _collected("-m", "not browser and not site")
    assert quick and not [t for t in quick if t.startswith(("tests/browser/", "tests/test_site_build.py"))]


def test_the_markers_select_the_slow_tests() -> None:
    browser = _collected("-m", "browser")
    site = _collected("-m", "site")
    assert browser and all(t.startswith("tests/browser/") for t in browser)
    assert site and all(t.startswith("tests/test_site_build.py") for t in site)
