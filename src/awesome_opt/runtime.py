"""What commands need from the world besides their arguments: time, the environment and a person.

The command line builds one :class:`Runtime` and hands it to every command; tests pass their own
(a fake clock, no sleeping, scripted answers) through the same door.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@dataclass(frozen=True)
class Runtime:
    """Clocks, sleeping, environment variables and the terminal, as one value passed in."""

    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    is_terminal: Callable[[], bool] = _stdin_is_terminal
    ask: Callable[[str], str] = input
