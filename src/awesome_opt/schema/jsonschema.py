"""The JSON Schema of entry files, for editors (``awesome-opt schema``)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from awesome_opt.schema import Entry
from awesome_opt.taxonomy import Taxonomy


def entry_json_schema(taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """JSON Schema accepting any entry file, with the taxonomy's vocabularies as enums."""
    schema = TypeAdapter(Entry).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "awesome-opt entry"
    if taxonomy is not None:
        enums = {
            "section": list(taxonomy.leaf_ids),
            "provenance": list(taxonomy.axis_values("provenance")),
            "role": list(taxonomy.axis_values("role")),
            "domain": list(taxonomy.domains),
        }
        items = {
            "also_in": list(taxonomy.section_by_id),
            "signal": list(taxonomy.axis_values("signal")),
            "tags": list(taxonomy.tags),
        }
        for model in schema.get("$defs", {}).values():
            props = model.get("properties", {})
            for name, values in enums.items():
                if name in props:
                    props[name] = {**_drop_any_of(props[name]), "enum": values}
            for name, values in items.items():
                if name in props:
                    props[name]["items"] = {"type": "string", "enum": values}
    return schema


def _drop_any_of(prop: dict[str, Any]) -> dict[str, Any]:
    """Keep description/title of a property, dropping its type union (replaced by an enum)."""
    return {k: v for k, v in prop.items() if k in ("description", "title", "default")}
