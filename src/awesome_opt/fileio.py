"""Atomic file writes: a failed run never leaves a half-written file, and modes stay as the user set them."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

# While the umask is being read, files that other threads create are private to their owner.
_READING_UMASK = 0o077


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    The result keeps the mode of the file it replaces; a new file gets the mode a plain
    ``open(path, "w")`` would give it (``0o666`` less the umask), not ``mkstemp``'s ``0o600``.
    """
    import tempfile  # here rather than at the top: it loads shutil, and most commands never write

    path.parent.mkdir(parents=True, exist_ok=True)
    mode = target_mode(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def target_mode(path: Path) -> int:
    """The permission bits a file written to ``path`` should have: its current ones, or the umask's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask.

    POSIX reads the umask only by setting it, so this sets a private one and restores the old
    one at once. Between the two calls a file created by another thread would be private to its
    owner (``0o077``), never more open than intended; this tool writes files from one thread.
    """
    previous = os.umask(_READING_UMASK)
    os.umask(previous)
    return previous


def stale_files(files: Mapping[Path, str]) -> list[Path]:
    """The paths whose current content differs from ``files`` (missing files included)."""
    return [path for path, text in files.items() if _current(path) != text]


def write_or_check(files: Mapping[Path, str], check: bool) -> list[Path]:
    """The stale paths of ``files``; unless ``check``, each is written (atomically) first."""
    stale = stale_files(files)
    if not check:
        for path in stale:
            write_atomic(path, files[path])
    return stale


def _current(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None
