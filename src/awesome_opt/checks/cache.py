"""A small JSON cache of check results keyed by URL or id, with a maximum age."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from awesome_opt.fileio import write_atomic

DEFAULT_CACHE_DIR = Path(".cache") / "awesome-opt"


class JsonCache:
    """Results stored as ``{key: {"time": epoch seconds, "value": {...}}}`` in one JSON file.

    ``path=None`` gives a cache that remembers nothing (``--no-cache``). A corrupt or
    missing file starts an empty cache; it is never fatal.
    """

    def __init__(self, path: Path | None, max_age: float, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.max_age = max_age
        self.clock = clock
        self._entries: dict[str, dict[str, Any]] = self._read() if path else {}
        self._dirty = False

    def _read(self) -> dict[str, dict[str, Any]]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> dict[str, Any] | None:
        """The cached value when it is younger than ``max_age``, else None."""
        record = self._entries.get(key)
        if not isinstance(record, dict) or not isinstance(record.get("value"), dict):
            return None
        if self.clock() - float(record.get("time", 0)) > self.max_age:
            return None
        value: dict[str, Any] = record["value"]
        return value

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Remember ``value`` for ``key`` as of now."""
        if self.path is None:
            return
        self._entries[key] = {"time": self.clock(), "value": value}
        self._dirty = True

    def discard(self, key: str) -> None:
        """Forget ``key`` (a failure must be checked again next time)."""
        if self._entries.pop(key, None) is not None:
            self._dirty = True

    def save(self) -> None:
        """Write the cache atomically if anything changed."""
        if self.path is not None and self._dirty:
            write_atomic(self.path, json.dumps(self._entries, indent=1, sort_keys=True) + "\n")
            self._dirty = False
