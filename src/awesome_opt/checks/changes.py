"""Files added or changed since a git revision (for the checkers' changed-only mode and previews)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from awesome_opt.errors import InputError, UnknownRevision


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise InputError(f"git {' '.join(args)} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def changed_files(folder: Path, base: str) -> set[Path]:
    """Absolute paths changed since ``base``: commits since the merge base, edits, untracked files."""
    root = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except InputError as exc:
        raise UnknownRevision(base) from exc
    names = _git(root, "diff", "--name-only", f"{base}...").splitlines()
    names += _git(root, "diff", "--name-only", "HEAD").splitlines()
    names += _git(root, "ls-files", "--others", "--exclude-standard").splitlines()
    return {(root / name).resolve() for name in names if name}
