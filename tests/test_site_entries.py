"""Entry pages made in a forked process or in the build's own: the same files, failures reported,
a stopped build leaves no process behind."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from awesome_opt.catalog import build_catalog
from awesome_opt.render.entry_page import entry_page, entry_stub
from awesome_opt.render.site import Site, SitePage
from awesome_opt.site_entries import EntryPages, can_fork
from awesome_opt.site_frame import EntryFile, EntryFrame, entry_file
from tests.conftest import FIXTURES, REPO

FRAME = EntryFrame("<html><title>\ue000title\ue001</title>\ue000url\ue001<h1\ue000content\ue001</html>")


def _config(site_dir: Path) -> MkDocsConfig:
    config = load_config(str(REPO / "site" / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = "https://example.org/"
    config.plugins._current_plugin = "awesome-opt"  # as during the plugin's on_files
    return config


def _setup(site_dir: Path) -> tuple[list[EntryFile], list[SitePage]]:
    site = Site(build_catalog(FIXTURES / "mini"))
    config = _config(site_dir)
    files = [entry_file(entry_stub(item), config) for item in site.catalog]
    return files, [entry_page(site, item) for item in site.catalog]


def _written(site_dir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site_dir)): path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("fork", [True, False])
def test_entry_pages_are_the_frame_filled_with_each_page(tmp_path: Path, fork: bool) -> None:
    files, made = _setup(tmp_path)
    pages = EntryPages(files, lambda: made, fork=fork)
    pages.write(FRAME)
    pages.finish()
    written = _written(tmp_path)
    assert sorted(written) == sorted(f"entries/{page.entry_id}/index.html" for page in made)
    page = next(p for p in made if p.entry_id == "gkd")
    text = written["entries/gkd/index.html"]
    assert text.startswith(f"<html><title>{page.title}</title>https://example.org/entries/gkd/")
    assert text.endswith(page.content + "</html>")


def test_forked_and_in_process_pages_are_the_same_bytes(tmp_path: Path) -> None:
    results = []
    for fork in (True, False):
        folder = tmp_path / str(fork)
        files, made = _setup(folder)
        pages = EntryPages(files, lambda made=made: made, fork=fork)
        pages.write(FRAME)
        pages.finish()
        results.append(_written(folder))
    assert results[0] == results[1] and len(results[0]) > 3


@pytest.mark.parametrize("fork", [True, False])
def test_a_failure_while_rendering_is_reported_with_its_traceback(tmp_path: Path, fork: bool) -> None:
    files, _ = _setup(tmp_path)

    def broken() -> list[SitePage]:
        raise ValueError("template exploded")

    pages = EntryPages(files, broken, fork=fork)
    with pytest.raises((PluginError, ValueError), match="template exploded"):
        pages.write(FRAME)
        pages.finish()
    assert not (tmp_path / "entries").exists()


def test_a_build_that_stops_before_the_frame_writes_nothing_and_reaps_its_child(tmp_path: Path) -> None:
    files, made = _setup(tmp_path)
    pages = EntryPages(files, lambda: made, fork=True)
    child = pages._child
    assert child is not None
    pages.finish()  # no frame was sent: the child exits without writing
    assert not (tmp_path / "entries").exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # already reaped: no zombie is left


def test_cancel_stops_a_child_still_rendering(tmp_path: Path) -> None:
    files, _ = _setup(tmp_path)
    blocker_in, blocker_out = os.pipe()

    def stuck() -> list[SitePage]:
        os.read(blocker_in, 1)  # never answered: the child would wait for ever
        return []

    pages = EntryPages(files, stuck, fork=True)
    child = pages._child
    assert child is not None
    pages.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)
    os.close(blocker_in)
    os.close(blocker_out)
    assert not (tmp_path / "entries").exists()


def test_no_fork_while_another_thread_runs() -> None:
    if threading.active_count() == 1:
        assert can_fork() == hasattr(os, "fork")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
