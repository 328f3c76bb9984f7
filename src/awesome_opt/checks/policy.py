"""``data/link-policy.yaml``: per-host limits, hosts that block checkers, hosts asked with HEAD first,
excluded URLs — each with its reason.

The file is checked by hand here rather than through pydantic: ``check-links`` reads it on every
run, and importing pydantic would cost a tenth of a large run (``benchmarks/links.py``). As for
entries, an unknown or missing field is an error, and every problem is reported at its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from awesome_opt.documents import read_document
from awesome_opt.errors import DataError, Problem, display_path
from awesome_opt.yamlfile import KeyPath, YamlDocument

POLICY_FILE = "link-policy.yaml"
HOST_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
PARTS = ("limits", "skip", "head", "exclude")


class PolicyError(ValueError):
    """One value of the policy that cannot be used; ``path`` leads to it (within its rule, for a rule)."""

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class HostRule:
    """A host (and its sub-domains) that a rule applies to, and why."""

    host: str
    reason: str

    def __post_init__(self) -> None:
        if not HOST_NAME.match(self.host):
            raise PolicyError(("host",), f"'{self.host}' is not a lower-case host name such as example.org")
        if not self.reason.strip():
            raise PolicyError(("reason",), "give the reason for this rule")


@dataclass(frozen=True)
class Exclusion:
    """URLs matching ``pattern`` (a regular expression searched in the URL) are never checked."""

    pattern: str
    reason: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "regex", re.compile(self.pattern))
        except re.error as exc:
            raise PolicyError(("pattern",), f"not a regular expression: {exc}") from exc
        if not self.reason.strip():
            raise PolicyError(("reason",), "give the reason for this rule")


@dataclass(frozen=True)
class LinkPolicy:
    """The whole policy file (every part optional)."""

    limits: Mapping[str, int] = field(default_factory=dict)
    skip: Sequence[HostRule] = ()
    head: Sequence[HostRule] = ()
    exclude: Sequence[Exclusion] = ()

    def __post_init__(self) -> None:
        for host, limit in self.limits.items():
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise PolicyError(("limits", host), f"limits.{host}: must be a whole number of at least 1")
        skipped = {rule.host for rule in self.skip}
        for index, rule in enumerate(self.head):
            if rule.host in skipped:
                raise PolicyError(("head", index), f"head.{index}: {rule.host} is skipped, so never asked")

    def uses_head(self, url: str, host: str | None = None) -> bool:
        """True when ``url``'s host (``host``, when the caller has it) is asked with HEAD first."""
        if not self.head:
            return False
        host = host_of(url) if host is None else host
        return any(_on(host, rule.host) for rule in self.head)

    def skip_reason(self, url: str, host: str | None = None) -> str | None:
        """Why ``url`` is not checked, or None when it is (``host``: its host, when the caller has it)."""
        host = host_of(url) if host is None else host
        for skipped in self.skip:
            if _on(host, skipped.host):
                return f"{skipped.host}: {skipped.reason}"
        for exclusion in self.exclude:
            if exclusion.regex.search(url):
                return f"excluded: {exclusion.reason}"
        return None

    def with_exclusions(self, patterns: list[str]) -> LinkPolicy:
        """This policy plus exclusion patterns given on the command line (PolicyError if one is bad)."""
        extra = [Exclusion(pattern=p, reason=f"matches --exclude {p}") for p in patterns]
        return replace(self, exclude=[*self.exclude, *extra])


def host_of(url: str) -> str:
    """The host of ``url`` in lower case without a trailing dot ("" when there is none or it is malformed)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def _on(host: str, rule_host: str) -> bool:
    """``host`` is ``rule_host`` or one of its sub-domains (both already in lower case)."""
    return host == rule_host or host.endswith("." + rule_host)


Rule = TypeVar("Rule", bound=HostRule | Exclusion)


def load_policy(path: Path | None) -> LinkPolicy:
    """Read the policy file; a missing file (or None) is an empty policy. Raises DataError."""
    if path is None or not path.is_file():
        return LinkPolicy()
    label = display_path(path)
    return policy_of(read_document(path, label), label)


def policy_of(document: YamlDocument, label: str) -> LinkPolicy:
    """The policy a parsed file holds; raises DataError listing every problem at its line."""
    found = _Problems(document, label)
    data: dict[str, Any] = document.value
    for key in data:
        if key not in PARTS:
            found.add((key,), f"unknown field '{key}' (the policy has {', '.join(PARTS)})")
    limits = data.get("limits") or {}
    if not isinstance(limits, dict):
        found.add(("limits",), "limits: expected a mapping of host names to numbers")
        limits = {}
    skip = _rules(data, "skip", HostRule, found)
    head = _rules(data, "head", HostRule, found)
    exclude = _rules(data, "exclude", Exclusion, found)
    try:
        policy = LinkPolicy(limits, skip, head, exclude)
    except PolicyError as exc:
        found.add(exc.path, str(exc))
        raise DataError(found.problems) from exc
    if found.problems:
        raise DataError(found.problems)
    return policy


class _Problems:
    """Problems found in one policy file, each at the line of the value it is about."""

    def __init__(self, document: YamlDocument, label: str) -> None:
        self.document, self.label = document, label
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, message: str) -> None:
        line, column = self.document.position(path)
        self.problems.append(Problem(self.label, line, column, message))


def _rules(data: dict[str, Any], part: str, kind: type[Rule], found: _Problems) -> list[Rule]:
    """The rules listed under ``part``, each problem reported at its place."""
    fields = tuple(f.name for f in dataclass_fields(kind) if f.init)
    items = data.get(part) or []
    if not isinstance(items, list):
        found.add((part,), f"{part}: expected a list of rules")
        return []
    rules: list[Rule] = []
    for index, item in enumerate(items):
        where: KeyPath = (part, index)
        if not isinstance(item, dict):
            found.add(where, f"{part}.{index}: expected a mapping with {fields[0]} and reason")
            continue
        problems = [
            ((*where, key), f"unknown field '{part}.{index}.{key}'") for key in item if key not in fields
        ]
        problems += [
            (where, f"missing required field '{part}.{index}.{name}' (text)")
            for name in fields
            if not isinstance(item.get(name), str)
        ]
        for path, message in problems:
            found.add(path, message)
        if not problems:
            try:
                rules.append(kind(**item))
            except PolicyError as bad:
                found.add((*where, *bad.path), f"{part}.{index}.{bad.path[0]}: {bad}")
    return rules
