"""Line-preserving edits of entry files: replace the values of a few top-level keys in place.

Only the characters of the replaced values change; every other line, comment, blank line and the
key order stay byte for byte. Lists keep their style (flow ``[a, b]`` or block ``- a``); block
scalars (``>-``) become one double-quoted line.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from awesome_opt.yamlfile import YamlProblem


def quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _render(value: Any, node: Node, indent: str) -> str:
    if isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            return f"\n{indent}".join(f"- {quote(str(item))}" for item in value)
        return "[" + ", ".join(quote(str(item)) for item in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__}")


def _span(text: str, node: Node) -> tuple[int, int]:
    """Start and end offsets of a value node, without trailing line breaks or white space."""
    start = node.start_mark.index
    end = node.end_mark.index
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        end = _span(text, node.value[-1])[1]
    while end > start and text[end - 1] in " \n\r\t":
        end -= 1
    return start, end


def _top_level(text: str) -> dict[str, Node]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from exc
    if not isinstance(root, MappingNode):
        raise YamlProblem("expected a mapping of fields", 1, 1)
    return {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}


def replace_values(text: str, values: dict[str, Any]) -> str:
    """``text`` with the given top-level keys' values replaced; other bytes untouched.

    Every key must already be in the file (a fix never adds fields).
    """
    nodes = _top_level(text)
    missing = [key for key in values if key not in nodes]
    if missing:
        raise YamlProblem(f"cannot edit missing field(s): {', '.join(missing)}")
    edits = []
    for key, value in values.items():
        node = nodes[key]
        start, end = _span(text, node)
        line_start = text.rfind("\n", 0, start) + 1
        indent = " " * (start - line_start)
        edits.append((start, end, _render(value, node, indent)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def without_comment_above(text: str, key: str) -> str:
    """``text`` without the full-line comments directly above the top-level ``key`` (a note that
    explains a value the edit has just made stale); the schema line and every other byte stay."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if at is None:
        return text
    start = at
    while start > 0 and lines[start - 1].startswith("#") and "yaml-language-server" not in lines[start - 1]:
        start -= 1
    return "".join(lines[:start] + lines[at:])
