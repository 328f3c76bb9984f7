"""The static JSON API: ``api/index.json``, one ``api/entries/<id>.json`` per entry, and their JSON Schema.

Each entry file is the entry's record exactly as ``awesome-opt export --format json`` gives it. The
index lists every entry with the address of its page and of its file: absolute when the site's
address is known, otherwise relative to the index itself (resolve them against its URL).
"""

from __future__ import annotations

import json
from typing import Any

from awesome_opt import __version__
from awesome_opt.render.links import (
    API_INDEX,
    API_SCHEMA,
    absolute_url,
    api_entry_path,
    entry_path,
    page_url,
    relative_url,
)
from awesome_opt.render.site import Site
from awesome_opt.schema import KINDS

LICENCE = "CC0-1.0"


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_array(texts: list[str]) -> str:
    """The JSON array of values already serialised with ``indent=2``, exactly as ``json.dumps`` of the
    list with ``indent=2`` would write it (so entries.json reuses the entry files' text)."""
    if not texts:
        return "[]\n"
    return "[\n" + ",\n".join("  " + text.rstrip("\n").replace("\n", "\n  ") for text in texts) + "\n]\n"


def _address(site: Site, path: str) -> str:
    """The URL of ``path`` as the index gives it."""
    absolute = absolute_url(site.site_url, path, site.directory_urls)
    return absolute or relative_url(API_INDEX, page_url(path, site.directory_urls))


def api_index(site: Site) -> dict[str, Any]:
    """The index: every entry (id, kind, title, year, section) with the URLs of its page and record."""
    entries = [
        {
            "id": item.id,
            "kind": item.entry.kind,
            "title": item.entry.display_name,
            "year": item.entry.sort_year or None,
            "section": item.entry.section,
            "url": _address(site, entry_path(item.id)),
            "json": _address(site, api_entry_path(item.id)),
        }
        for item in site.catalog
    ]
    return {
        "generator": f"awesome-opt {__version__}",
        "licence": LICENCE,
        "count": len(entries),
        "entries": entries,
    }


def api_files(site: Site) -> dict[str, str]:
    """Every file of the API by path: the index, one record per entry, and the schema."""
    files = {API_INDEX: _json(api_index(site)), API_SCHEMA: api_schema_text()}
    for entry_id, record in site.records.items():
        files[api_entry_path(entry_id)] = _json(record)
    return files


def _record_schema(kind: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    """One kind's record: its fields as exported, plus ``id``, ``kind`` and ``link``; all always present."""
    schema = kind.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    properties = {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "The entry id."},
        "kind": {"const": kind.kind, "description": "The kind of entry."},
        **schema["properties"],
        "link": {"type": "string", "format": "uri", "description": "The entry's main link."},
    }
    return {
        "title": f"{kind.__name__} record",
        "description": schema.get("description", ""),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def api_schema() -> dict[str, Any]:
    """JSON Schema of the API files, from the entry models: ``#/$defs/Record`` and ``#/$defs/Index``."""
    defs: dict[str, Any] = {}
    for kind in KINDS:
        defs[f"{kind.__name__}Record"] = _record_schema(kind, defs)
    defs["Record"] = {"oneOf": [{"$ref": f"#/$defs/{kind.__name__}Record"} for kind in KINDS]}
    url = {"type": "string", "format": "uri-reference"}
    item = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "kind": {"enum": [kind.kind for kind in KINDS]},
            "title": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "section": {"type": "string"},
            "url": {**url, "description": "The entry's page."},
            "json": {**url, "description": "The entry's record (api/entries/<id>.json)."},
        },
        "required": ["id", "kind", "title", "year", "section", "url", "json"],
        "additionalProperties": False,
    }
    defs["Index"] = {
        "type": "object",
        "properties": {
            "generator": {"type": "string"},
            "licence": {"const": LICENCE},
            "count": {"type": "integer", "minimum": 0},
            "entries": {"type": "array", "items": item},
        },
        "required": ["generator", "licence", "count", "entries"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "awesome-opt static JSON API",
        "description": "api/index.json is an Index; each api/entries/<id>.json is a Record.",
        "anyOf": [{"$ref": "#/$defs/Index"}, {"$ref": "#/$defs/Record"}],
        "$defs": defs,
    }


def api_schema_text() -> str:
    """The schema as stable JSON text (committed as data/api.schema.json, served as api/schema.json)."""
    return json.dumps(api_schema(), indent=2, sort_keys=True) + "\n"
