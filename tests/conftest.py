"""Shared fixtures: a copy of the small fixture catalog and a CLI runner."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from awesome_opt.cli import main
from awesome_opt.runtime import Runtime
from tests.linkserver import LinkServer

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


class FakeClock:
    """A clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    @property
    def runtime(self) -> Runtime:
        """A runtime that waits and reads time on this clock, with no person at a terminal."""
        return Runtime(sleep=self.sleep, monotonic=self, is_terminal=lambda: False)


def run_cli(*argv: str, runtime: Runtime | None = None) -> Result:
    """Run ``awesome-opt`` in-process and capture its output.

    Without ``runtime`` the run never sleeps (retries and polite gaps pass at once) and no person is
    at a terminal; the environment is the real one (tests set variables with ``monkeypatch``).
    """
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err, runtime or FakeClock().runtime)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def server() -> Iterator[LinkServer]:
    """A scripted HTTP server on a loopback address (see tests/linkserver.py)."""
    with LinkServer() as running:
        yield running


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """A repository folder with a writable copy of the fixture data in ``data/``."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    return tmp_path
