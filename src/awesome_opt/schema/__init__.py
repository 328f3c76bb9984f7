"""Entry models: papers, surveys, code, benchmarks and data sets, one module per kind.

Field names are a contract shared with the renderers, the checkers and other tools. Vocabulary checks
(sections, axes, tags, domains, http hosts) need the taxonomy, which is passed as validation
context: ``model_validate(data, context={"taxonomy": taxonomy})``. Without it those checks are
skipped (as when generating the JSON Schema).

A new kind is a model module here plus its line in :data:`KINDS`; everything else asks the model.
"""

from __future__ import annotations

from awesome_opt.identifiers import ENTRY_ID, normalise_arxiv
from awesome_opt.schema.base import Axes, Bibtex, EntryBase, Reference
from awesome_opt.schema.benchmark import Benchmark
from awesome_opt.schema.code import Code
from awesome_opt.schema.dataset import Dataset
from awesome_opt.schema.fields import KeyPath, check_url
from awesome_opt.schema.publication import Paper, Publication, Survey

# Every kind of entry, in the order counts and field tables list them.
KINDS: tuple[type[EntryBase], ...] = (Paper, Survey, Code, Benchmark, Dataset)
Entry = Paper | Survey | Code | Benchmark | Dataset
KIND_DIRECTORIES: dict[str, type[EntryBase]] = {kind.directory: kind for kind in KINDS}

__all__ = [
    "ENTRY_ID",
    "KINDS",
    "KIND_DIRECTORIES",
    "Axes",
    "Benchmark",
    "Bibtex",
    "Code",
    "Dataset",
    "Entry",
    "EntryBase",
    "KeyPath",
    "Paper",
    "Publication",
    "Reference",
    "Survey",
    "check_url",
    "normalise_arxiv",
]
