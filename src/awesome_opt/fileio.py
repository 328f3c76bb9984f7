"""Atomic file writes: a failed run never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


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
