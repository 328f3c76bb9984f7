"""``awesome-opt schema``: JSON Schemas, committed as data/schema.json (entry files, for editors),
data/taxonomy.schema.json (the taxonomy), data/algorithms.schema.json (the comparison tables) and
data/api.schema.json (the site's JSON API files)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from awesome_opt.fileio import write_or_check
from awesome_opt.loader import load_taxonomy
from awesome_opt.render.api import api_schema_text
from awesome_opt.schema.algorithms import AlgorithmTables
from awesome_opt.schema.jsonschema import entry_json_schema
from awesome_opt.taxonomy import Taxonomy

SCHEMA_FILE = "schema.json"
TAXONOMY_SCHEMA_FILE = "taxonomy.schema.json"
ALGORITHMS_SCHEMA_FILE = "algorithms.schema.json"
API_SCHEMA_FILE = "api.schema.json"


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_text(data_dir: Path) -> str:
    """The entry schema, with the taxonomy's vocabularies as enums, as stable JSON text."""
    taxonomy, _ = load_taxonomy(data_dir)
    return _json(entry_json_schema(taxonomy))


def schema_files(data_dir: Path) -> dict[Path, str]:
    """Every generated schema file and its text."""
    taxonomy_schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Taxonomy.model_json_schema(),
    }
    algorithms_schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **AlgorithmTables.model_json_schema(),
    }
    return {
        data_dir / SCHEMA_FILE: schema_text(data_dir),
        data_dir / TAXONOMY_SCHEMA_FILE: _json(taxonomy_schema),
        data_dir / ALGORITHMS_SCHEMA_FILE: _json(algorithms_schema),
        data_dir / API_SCHEMA_FILE: api_schema_text(),
    }


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the entry schema, write both schemas (``--write``) or check them (``--check``)."""
    files = schema_files(args.data_dir)
    if not (args.check or args.write):
        out.write(files[args.data_dir / SCHEMA_FILE])
        return 0
    stale = write_or_check(files, args.check)
    if args.check:
        for path in stale:
            err.write(f"{path} is out of date: run `awesome-opt schema --write`\n")
        if not stale:
            out.write("schemas are up to date\n")
        return 1 if stale else 0
    for path in stale:
        out.write(f"wrote {path}\n")
    return 0


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The options of ``schema``."""
    group = sub.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="write the schemas into data/")
    group.add_argument("--check", action="store_true", help="exit 1 if a schema in data/ is stale")
    sub.set_defaults(runner=run, format="text")
