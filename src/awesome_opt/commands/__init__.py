"""One module per CLI command; each exposes ``add_parser(commands)`` and ``run(args, out, err) -> int``.

``args.runtime`` (a :class:`~awesome_opt.runtime.Runtime`) carries time, the environment and the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from awesome_opt.errors import UsageError

DATA_MARKER = Path("data") / "taxonomy.yaml"
Subparsers = Any  # argparse's _SubParsersAction, which is private


def find_data_dir(start: Path | None = None) -> Path:
    """``data/`` of the repository containing ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DATA_MARKER).is_file():
            return folder / "data"
    raise UsageError("no data/taxonomy.yaml found here or above; pass --data DIR")


def resolve_data_dir(option: str | None) -> Path:
    """The data folder named by ``--data``, or the repository's own."""
    if option is None:
        return find_data_dir()
    path = Path(option)
    if not path.is_dir():
        raise UsageError(f"--data {option}: not a folder")
    return path


def repository_root(data_dir: Path) -> Path:
    """The folder holding ``data/`` (where README.md lives)."""
    return data_dir.resolve().parent
