"""Read ``data/``: the taxonomy and one YAML file per entry, reporting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from awesome_opt.documents import read_document, validate_document
from awesome_opt.errors import DataError, Problem, display_path
from awesome_opt.gcpause import collector_paused
from awesome_opt.schema import ENTRY_ID, KIND_DIRECTORIES, EntryBase
from awesome_opt.schema.algorithms import AlgorithmTables
from awesome_opt.taxonomy import Taxonomy, did_you_mean
from awesome_opt.yamlfile import YamlDocument

TAXONOMY_FILE = "taxonomy.yaml"
ALGORITHMS_FILE = "algorithms.yaml"
ENTRY_SUFFIX = ".yaml"


@dataclass(frozen=True)
class Source:
    """Where an entry came from: its file and the position of each key."""

    path: Path
    label: str
    document: YamlDocument

    def line_of(self, *key: str | int) -> int:
        """Line of a key path in the file (the first line when unknown)."""
        return self.document.position(tuple(key))[0]


@dataclass(frozen=True)
class LoadedEntry:
    """A validated entry with its id and source."""

    id: str
    entry: EntryBase
    source: Source


def load_taxonomy(data_dir: Path) -> tuple[Taxonomy, Source]:
    """Load and validate ``data/taxonomy.yaml``; also return its source for locating problems."""
    path = data_dir / TAXONOMY_FILE
    label = display_path(path)
    if not path.is_file():
        raise DataError([Problem(label, 0, 0, "taxonomy file not found", "is --data the data folder?")])
    document = read_document(path, label)
    taxonomy: Taxonomy = validate_document(Taxonomy, document, label)
    return taxonomy, Source(path, label, document)


def load_algorithms(data_dir: Path) -> tuple[AlgorithmTables, Source] | None:
    """Load and validate ``data/algorithms.yaml`` when it exists; raise DataError listing its problems."""
    path = data_dir / ALGORITHMS_FILE
    if not path.is_file():
        return None
    label = display_path(path)
    document = read_document(path, label)
    tables: AlgorithmTables = validate_document(AlgorithmTables, document, label)
    return tables, Source(path, label, document)


def _load_entry(path: Path, model: type[EntryBase], taxonomy: Taxonomy, cwd: Path) -> LoadedEntry:
    label = display_path(path, cwd)
    entry_id = path.name.removesuffix(ENTRY_SUFFIX)
    problems = []
    if not ENTRY_ID.match(entry_id):
        problems.append(
            Problem(
                label,
                1,
                1,
                f"file name '{entry_id}' is not a valid entry id",
                "use lower-case letters, digits and single hyphens, e.g. deepseek-r1.yaml",
            )
        )
    try:
        document = read_document(path, label)
        entry = validate_document(model, document, label, {"taxonomy": taxonomy})
    except DataError as exc:
        raise DataError(problems + exc.problems) from exc
    if problems:
        raise DataError(problems)
    return LoadedEntry(entry_id, entry, Source(path, label, document))


def _entry_files(data_dir: Path) -> tuple[list[tuple[Path, type[EntryBase]]], list[Problem]]:
    files: list[tuple[Path, type[EntryBase]]] = []
    problems: list[Problem] = []
    for child in sorted(data_dir.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        model = KIND_DIRECTORIES.get(child.name)
        if model is None:
            hint = did_you_mean(child.name, list(KIND_DIRECTORIES))
            problems.append(Problem(display_path(child), 0, 0, "unknown folder in data/", hint))
            continue
        for path in sorted(child.rglob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix != ENTRY_SUFFIX:
                problems.append(
                    Problem(
                        display_path(path),
                        0,
                        0,
                        "entry files must end in .yaml",
                        f"rename it to {path.stem}{ENTRY_SUFFIX}",
                    )
                )
                continue
            files.append((path, model))
    return files, problems


def load_entries(data_dir: Path, taxonomy: Taxonomy) -> list[LoadedEntry]:
    """Load every entry file below ``data_dir``; raise one DataError listing all problems."""
    files, problems = _entry_files(data_dir)
    entries = []
    cwd = Path.cwd()
    with collector_paused():
        for path, model in files:
            try:
                entries.append(_load_entry(path, model, taxonomy, cwd))
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return entries
