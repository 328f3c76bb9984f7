"""``awesome-opt docs``: regenerate contributing.md and the "Suggest a paper" issue form, check that
they are up to date (``--check``), or print a preview of the README sections holding given entry files
(``--preview [--base REF] [FILE...]``, used for the pull-request summary in CI)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from awesome_opt.catalog import build_catalog
from awesome_opt.checks.changes import changed_files
from awesome_opt.commands import repository_root
from awesome_opt.errors import UsageError
from awesome_opt.fileio import write_or_check
from awesome_opt.loader import ENTRY_SUFFIX, load_taxonomy
from awesome_opt.render.contributing import generated_documents
from awesome_opt.render.preview import render_preview
from awesome_opt.schema import KIND_DIRECTORIES


def changed_entry_files(data_dir: Path, base: str) -> list[Path]:
    """Entry files (``data/<kind>/….yaml``) added, changed or removed since ``base``."""
    root = data_dir.resolve()
    found = []
    for path in sorted(changed_files(data_dir, base)):
        if path.is_relative_to(root) and path.suffix == ENTRY_SUFFIX:
            parts = path.relative_to(root).parts
            if len(parts) > 1 and parts[0] in KIND_DIRECTORIES:
                found.append(path)
    return found


def _preview(args: argparse.Namespace, out: TextIO) -> int:
    catalog = build_catalog(args.data_dir)
    files = [Path(name) for name in args.files] or changed_entry_files(args.data_dir, args.base)
    out.write(render_preview(catalog, files))
    return 0


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the generated documents, or with ``--check`` write nothing and exit 1 when one is stale."""
    if args.preview:
        return _preview(args, out)
    if args.files:
        raise UsageError("entry files are only read with --preview")
    taxonomy, _ = load_taxonomy(args.data_dir)
    documents = generated_documents(taxonomy)
    root = repository_root(args.data_dir)
    stale = write_or_check({root / name: text for name, text in documents.items()}, args.check)
    names = [path.relative_to(root).as_posix() for path in stale]
    if args.check:
        for name in names:
            err.write(f"{name} is out of date: run `awesome-opt docs` and commit it\n")
        if not stale:
            out.write(f"{len(documents)} generated documents are up to date\n")
        return 1 if stale else 0
    for name in names:
        out.write(f"wrote {name}\n")
    if not stale:
        out.write(f"{len(documents)} generated documents already up to date\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``docs``."""
    mode = sub.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 if a document is stale")
    mode.add_argument(
        "--preview",
        action="store_true",
        help="print Markdown of the README sections holding the entries changed since --base (or FILEs)",
    )
    sub.add_argument("--base", default="origin/main", help="git ref for --preview (default origin/main)")
    sub.add_argument("files", nargs="*", metavar="FILE", help="entry files to preview instead of git changes")
    sub.set_defaults(runner=run, format="text")
