#!/usr/bin/env python3
"""Check that the programs ``make test`` needs are installed, before it installs or runs anything.

Usage: python3 tools/check-requirements.py   (the first step of ``make test``)

Checks the Python that runs it (the version pyproject.toml requires; ``make test`` builds
.venv with this same interpreter), Node.js (the version the linters in tools/lint declare)
and npm, Chromium where the browser tests launch it (``$AWESOME_OPT_CHROMIUM``, else
Debian's /usr/bin/chromium) and chromedriver. When any is missing it prints one message
naming each with the Debian package that provides it, and exits 1; otherwise it exits 0.

Standard library only, and written for Python 3.6 and later, so that an old system python3
gets this message rather than a syntax error.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Mapping, NamedTuple, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LINT_LOCK = ROOT / "tools" / "lint" / "package-lock.json"
# tests/browser/conftest.py launches this file unless AWESOME_OPT_CHROMIUM names another.
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_VARIABLE = "AWESOME_OPT_CHROMIUM"


class Missing(NamedTuple):
    """A program that is absent or too old, and the Debian package that provides it."""

    what: str
    package: str


def required_python(pyproject_text: str) -> Tuple[int, int]:
    """The ``(major, minor)`` of ``requires-python = ">=X.Y"`` in pyproject.toml."""
    match = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)', pyproject_text, re.MULTILINE)
    if not match:
        raise ValueError('pyproject.toml has no requires-python = ">=X.Y"')
    return int(match.group(1)), int(match.group(2))


def required_node(lock_text: str) -> int:
    """The highest ``engines.node >= N`` among the linters tools/lint installs directly."""
    packages = json.loads(lock_text)["packages"]
    majors = [0]
    for name in packages[""].get("dependencies", {}):
        engine = packages.get("node_modules/" + name, {}).get("engines", {}).get("node", "")
        match = re.fullmatch(r">=\s*(\d+)(?:\.\d+)*", engine.strip())
        if match:
            majors.append(int(match.group(1)))
    return max(majors)


def check_python(version: Tuple[int, ...], required: Tuple[int, int]) -> Optional[Missing]:
    """A problem when the running Python is older than ``required``."""
    if tuple(version[:2]) >= required:
        return None
    running = ".".join(str(part) for part in version[:3])
    wanted = f"Python {required[0]}.{required[1]} or newer"
    hint = "choose another with `make test PYTHON=python3.X`"
    return Missing(f"{wanted} ({sys.executable} is {running}; {hint})", "python3")


def node_major(node: str) -> Optional[int]:
    """The major version ``node --version`` reports, or None when it cannot be read."""
    try:
        done = subprocess.run([node, "--version"], stdout=subprocess.PIPE, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.", done.stdout.decode("ascii", "replace").strip())
    return int(match.group(1)) if match else None


def check_node(required: int) -> Optional[Missing]:
    """A problem when ``node`` is not on PATH or is older than ``required``."""
    wanted = f"Node.js {required} or newer (node)" if required else "Node.js (node)"
    node = shutil.which("node")
    if node is None:
        return Missing(wanted, "nodejs")
    major = node_major(node)
    if major is None or major < required:
        found = f"v{major}" if major is not None else "an unreadable version"
        return Missing(f"{wanted}; {node} is {found}", "nodejs")
    return None


def check_program(name: str, package: str) -> Optional[Missing]:
    """A problem when ``name`` is not on PATH."""
    return None if shutil.which(name) else Missing(name, package)


def check_chromium(environ: Mapping[str, str]) -> Optional[Missing]:
    """A problem when the Chromium the browser tests launch is not an executable file."""
    path = environ.get(CHROMIUM_VARIABLE) or DEFAULT_CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    where = f"{path}, from {CHROMIUM_VARIABLE}" if environ.get(CHROMIUM_VARIABLE) else path
    return Missing(f"Chromium ({where})", "chromium")


def missing_programs() -> List[Missing]:
    """Every required program that is absent or too old, in the order ``make test`` needs them."""
    found = [
        check_python(sys.version_info[:3], required_python(PYPROJECT.read_text(encoding="utf-8"))),
        check_node(required_node(LINT_LOCK.read_text(encoding="utf-8"))),
        check_program("npm", "npm"),
        check_chromium(os.environ),
        check_program("chromedriver", "chromium-driver"),
    ]
    return [problem for problem in found if problem is not None]


def report(missing: List[Missing]) -> str:
    """One message: each missing program with its Debian package, then the install command."""
    lines = ["make test needs programs that are missing or too old:"]
    lines += [f"  - {problem.what}: Debian package {problem.package}" for problem in missing]
    packages = " ".join(dict.fromkeys(problem.package for problem in missing))
    lines.append(f"Install them (Debian, Ubuntu) with: sudo apt-get install {packages}")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Print the report and return 1 when something is missing; return 0 otherwise."""
    missing = missing_programs()
    if missing:
        sys.stderr.write(report(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
