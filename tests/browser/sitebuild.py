"""Build the website with the real ``mkdocs build --strict`` command, once per data folder and session.

Used by tests/test_site_build.py and the browser tests, which share one build of the
real data (and one of the hostile fixture) through :func:`cached_build`.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MKDOCS_YML = REPO / "site" / "mkdocs.yml"
FIXTURES = REPO / "tests" / "fixtures"
SCREENSHOTS = REPO / "build" / "screenshots"

SITE_URL = "https://example.org/awesome-opt/"
HOSTILE_TITLE = '<script>alert("title")</script> ]]> & {braces} *stars* _under_ `tick` [link](x)'
HOSTILE_PAPER = """\
title: '<script>alert("title")</script> ]]> & {braces} *stars* _under_ `tick` [link](x)'
authors: ['Eve <img src=x onerror=alert(1)>', "Mallory ]]> & Co"]
year: 2024
url: 'https://example.org/paper"onmouseover="alert(1)'
venue: '</textarea><script>alert("venue")</script>'
section: rlhf
provenance: on-policy
role: policy-reshaping
signal: [reward-model]
tags: [ppo]
code: ['https://example.org/code?a=1&b=<2>']
summary: 'Checks that <script>alert("summary")</script> and ]]> stay text.'
added: 2026-11-06
"""


@dataclass(frozen=True)
class BuiltSite:
    """A finished build: its output folder, wall-clock seconds and the data it was built from."""

    root: Path
    data_dir: Path
    seconds: float

    def html_pages(self) -> list[Path]:
        """Every HTML page of the site."""
        return sorted(self.root.rglob("*.html"))

    def read(self, relative: str) -> str:
        """The text of one built file."""
        return (self.root / relative).read_text(encoding="utf-8")


def run_mkdocs(
    data_dir: Path, out_dir: Path, site_url: str = "", parallel: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on site/mkdocs.yml with ``data_dir``, writing to ``out_dir``.

    Hand-written pages link to entries of the real data; fixture data lacks them, so for
    any other data folder those links are built as plain text. ``site_url`` is the site's
    address (none by default, as in a local build). ``parallel`` is the plugin's option of
    that name (entry pages made in a second process).
    """
    env = {**os.environ, "AWESOME_OPT_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    env["AWESOME_OPT_SITE_URL"] = site_url
    env["AWESOME_OPT_PARALLEL"] = "true" if parallel else "false"
    if data_dir.resolve() != (REPO / "data").resolve():
        env["AWESOME_OPT_MISSING_ENTRIES"] = "text"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(MKDOCS_YML)]
    return subprocess.run(
        [*command, "-d", str(out_dir)], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def build(data_dir: Path, out_dir: Path, site_url: str = "") -> BuiltSite:
    """Build the site; fail with mkdocs' own output when the build fails."""
    started = time.perf_counter()
    result = run_mkdocs(data_dir, out_dir, site_url)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return BuiltSite(out_dir, data_dir, seconds)


def hostile_data(folder: Path) -> Path:
    """A copy of the mini fixture plus a paper whose every string tries to break out of its context."""
    data = folder / "data"
    if not data.exists():
        shutil.copytree(FIXTURES / "mini", data)
        (data / "papers" / "hostile.yaml").write_text(HOSTILE_PAPER, encoding="utf-8")
    return data


_BUILDS: dict[str, BuiltSite] = {}


@functools.cache
def _session_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="awesome-opt-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def cached_build(name: str) -> BuiltSite:
    """The ``real`` site (repository data, no address, as built locally), the ``hostile`` one (the
    mini fixture plus a hostile paper, with the address :data:`SITE_URL`) or a ``synthetic-N``
    one (N papers from the site benchmark's generator), built once per test session."""
    if name not in _BUILDS:
        folder = _session_folder() / name
        if name == "real":
            _BUILDS[name] = build(REPO / "data", folder / "site")
        elif name == "hostile":
            _BUILDS[name] = build(hostile_data(folder), folder / "site", SITE_URL)
        else:
            data_dir = synthetic_data(folder, int(name.removeprefix("synthetic-")))
            _BUILDS[name] = build(data_dir, folder / "site")
    return _BUILDS[name]


def synthetic_data(folder: Path, size: int) -> Path:
    """A data folder of ``size`` papers written by benchmarks/site.py's generator."""
    spec = importlib.util.spec_from_file_location("site_benchmark", REPO / "benchmarks" / "site.py")
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    return Path(benchmark.make_catalog(folder, size, benchmark.varied_paper))


class PageParser(HTMLParser):
    """Elements (tag and attributes, in order), element ids and text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if "id" in values:
            self.ids.append(values["id"])
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_text if self._in_script else self.text).append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        """Attributes of every ``tag`` element."""
        return [attrs for name, attrs in self.elements if name == tag]


def parse(text: str) -> PageParser:
    """Parse one page."""
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser
