"""One module per CLI command; each exposes ``add_arguments(parser)`` and ``run(args, out, err) -> int``.

:data:`COMMANDS` names them with their one-line help, in help order: the command line imports only
the module of the command it runs (``awesome_opt.commands.check_links`` for ``check-links``), and
each module imports what its command needs when it runs, so ``--help`` stays fast.
``args.runtime`` (a :class:`~awesome_opt.runtime.Runtime`) carries time, the environment and the terminal.
"""

from __future__ import annotations

from pathlib import Path

from awesome_opt.errors import UsageError

DATA_MARKER = Path("data") / "taxonomy.yaml"
COMMANDS = {
    "validate": "check every entry and the catalog as a whole",
    "render": "regenerate README.md from data/",
    "stats": "print counts per section, year and axis",
    "schema": "print the JSON Schema of entry files",
    "export": "export the catalog as JSON, BibTeX or CSV",
    "check-arxiv": "compare titles, authors and years with arXiv",
    "check-links": "check that every link answers",
    "docs": "regenerate contributing.md and the issue form from the schema and the taxonomy",
    "check-github": "stars, archived state and more of linked GitHub repos",
    "add": "add a paper from arXiv: fetch, check and write its entry",
    "discover": "find new arXiv papers matching the sections' keywords",
}


def module_name(command: str) -> str:
    """The module that implements ``command``."""
    return f"awesome_opt.commands.{command.replace('-', '_')}"


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
