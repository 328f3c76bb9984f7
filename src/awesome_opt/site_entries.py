"""The entry pages of the site, made in a second process while MkDocs builds the rest.

Entry pages are most of a large site: one per entry, each with its related entries (a TF-IDF search
over the whole list) and written as its own file. None of that is needed by the rest of the build,
which only needs each page's address, title and description (:func:`entry_stub`). So, where the
operating system can fork and the build runs in a single thread (``mkdocs build``, not ``mkdocs
serve``), a forked copy of the build renders the entry pages while MkDocs renders the other pages,
receives the theme's frame once MkDocs has it (``on_env``), and writes the pages; the two processes
use both cores of a small machine. Elsewhere the same steps run in the build's own process when the
frame arrives. Both ways write the same files, byte for byte (the tests compare them).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable
from typing import IO, NoReturn

from mkdocs.exceptions import PluginError

from awesome_opt.render.site import SitePage
from awesome_opt.site_frame import EntryFile, EntryFrame

Render = Callable[[], list[SitePage]]


def can_fork() -> bool:
    """True where a forked copy of this process is safe: ``os.fork`` exists and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def write_entry_pages(files: list[EntryFile], pages: list[SitePage], frame: EntryFrame) -> None:
    """Write each entry page: the frame filled with its file's slots and its page's content."""
    for file, page in zip(files, pages, strict=True):
        if file.entry.entry_id != page.entry_id:
            raise PluginError(f"awesome-opt: entry page {page.entry_id} does not match {file.dest_uri}")
        os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
        with open(file.abs_dest_path, "w", encoding="utf-8") as output:
            output.write(frame.fill({**file.values, "content": page.content}))


class EntryPages:
    """Renders and writes the entry pages: started at ``on_files``, given the frame at ``on_env``,
    waited for at ``on_post_build``."""

    def __init__(self, files: list[EntryFile], render: Render, fork: bool) -> None:
        self.files, self.render = files, render
        self._child: _Child | None = _Child.start(self) if fork and files else None

    def write(self, frame: EntryFrame) -> None:
        """Give the pages their frame: the child writes them, or they are rendered and written now."""
        if self._child is None:
            write_entry_pages(self.files, self.render(), frame)
        else:
            self._child.send(frame)

    def finish(self) -> None:
        """Wait for the child; raise :class:`PluginError` with its traceback when it failed."""
        child, self._child = self._child, None
        if child is not None:
            child.wait()

    def cancel(self) -> None:
        """Stop the child of a build that failed elsewhere."""
        child, self._child = self._child, None
        if child is not None:
            child.stop()


class _Child:
    """The forked process that makes the entry pages, and the parent's ends of its channels.

    The frame goes through a file both processes share (a pipe's buffer could be too small for it
    and block the build); a pipe carries "ready" (one byte) or "stop" (closed with nothing sent),
    and another one the child's traceback if it fails.
    """

    def __init__(self, pid: int, frame_file: IO[bytes], ready: int, report: int) -> None:
        self.pid, self.frame_file, self.ready, self.report = pid, frame_file, ready, report

    @classmethod
    def start(cls, pages: EntryPages) -> _Child:
        """Fork; the child renders ``pages`` and waits for the frame."""
        frame_file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by wait() or stop()
        ready_in, ready_out = os.pipe()
        report_in, report_out = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_out)
            os.close(report_in)
            _run_child(pages, frame_file, ready_in, report_out)  # never returns
        os.close(ready_in)
        os.close(report_out)
        return cls(pid, frame_file, ready_out, report_in)

    def send(self, frame: EntryFrame) -> None:
        """Hand the frame to the child."""
        pickle.dump(frame, self.frame_file)
        self.frame_file.flush()
        with contextlib.suppress(BrokenPipeError):  # the child has stopped; wait() reports why
            os.write(self.ready, b"1")

    def wait(self) -> None:
        """Wait for the child to finish; raise :class:`PluginError` if it failed."""
        self._close_ready()
        _, status = os.waitpid(self.pid, 0)
        report = self._close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise PluginError(f"awesome-opt: writing the entry pages failed:\n{report or 'no report'}")

    def stop(self) -> None:
        """Kill the child and reap it."""
        self._close_ready()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self._close()

    def _close_ready(self) -> None:
        if self.ready >= 0:
            os.close(self.ready)
            self.ready = -1

    def _close(self) -> str:
        self.frame_file.close()
        with os.fdopen(self.report, "r", encoding="utf-8") as report:
            return report.read()


def _run_child(pages: EntryPages, frame_file: IO[bytes], ready: int, report: int) -> NoReturn:
    """The child's whole life: render, wait for the frame, write, exit (0 when all went well)."""
    code = 1
    try:
        gc.disable()  # a short-lived copy: reference counting frees what it must
        made = pages.render()
        if os.read(ready, 1):  # nothing arrives when the build stopped before its frame
            frame_file.seek(0)
            write_entry_pages(pages.files, made, pickle.load(frame_file))
        code = 0
    except BaseException:  # everything is reported to the parent
        with os.fdopen(report, "w", encoding="utf-8") as channel:
            channel.write(traceback.format_exc())
    finally:
        os._exit(code)
