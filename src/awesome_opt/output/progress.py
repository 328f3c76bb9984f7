"""A progress bar for long checks, drawn on a terminal only."""

from __future__ import annotations

from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    """A one-line progress bar redrawn in place; silent unless ``stream`` is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total == 0:
            return
        filled = BAR_WIDTH * done // total
        if filled == self._last and done != total:
            return
        self._last = filled
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        end = "\n" if done == total else ""
        self.stream.write(f"\rchecking links [{bar}] {done}/{total}{end}")
        self.stream.flush()
