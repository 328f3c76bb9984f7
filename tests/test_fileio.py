"""Atomic writes keep the permissions a user expects: an existing file's mode, or the umask's."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.fileio import write_atomic
from tests.conftest import run_cli


@pytest.fixture
def umask() -> Iterator[int]:
    """Run the test under umask 022 (a test may set another), and restore the caller's umask after."""
    previous = os.umask(0o022)
    yield 0o022
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o640], ids=oct)
def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old\n")
    target.chmod(mode)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert _mode(target) == mode


@pytest.mark.parametrize("mask", [0o022, 0o027], ids=oct)
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int, mask: int) -> None:
    os.umask(mask)
    target = tmp_path / "sub" / "new.md"
    write_atomic(target, "text\n")
    assert target.read_text() == "text\n"
    assert _mode(target) == 0o666 & ~mask
    assert os.umask(mask) == mask, "write_atomic must leave the umask as it found it"


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "\udcff")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_render_keeps_the_mode_of_readme(mini_repo: Path, umask: int) -> None:
    readme = mini_repo / "README.md"
    readme.write_text("stale\n")
    readme.chmod(0o664)  # group-writable, as in a shared checkout
    assert run_cli("--data", str(mini_repo / "data"), "render").code == 0
    assert readme.read_text() != "stale\n"
    assert _mode(readme) == 0o664
