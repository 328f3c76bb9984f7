"""The validated collection: cross-entry checks, ordering and lookups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from awesome_opt.errors import DataError, Problem
from awesome_opt.gcpause import collector_paused
from awesome_opt.identifiers import ArxivRef, link_kind, title_key, url_key
from awesome_opt.lineage import lineage_problems
from awesome_opt.loader import LoadedEntry, Source, load_algorithms, load_entries, load_taxonomy
from awesome_opt.schema import KINDS, EntryBase, KeyPath
from awesome_opt.schema.algorithms import AlgorithmTables
from awesome_opt.taxonomy import Taxonomy


class CodeLink(NamedTuple):
    """One code or data link of a publication, as the README and the site show it."""

    kind: str  # Code, Data or Benchmark
    numbered: str  # the kind, numbered when the entry has several of that kind
    ref: str | None  # the linked entry's id, if the URL is an entry of the list
    url: str
    name: str | None  # the linked entry's display name, None for a bare URL


@dataclass
class Catalog:
    """Every entry of the list, checked as a whole, with ordered views by section."""

    taxonomy: Taxonomy
    items: list[LoadedEntry]
    taxonomy_source: Source | None = None
    algorithms: tuple[AlgorithmTables, Source] | None = None
    by_id: dict[str, LoadedEntry] = field(init=False)
    _id_by_url: dict[str, str] = field(init=False, repr=False)
    _id_by_arxiv: dict[str, str] = field(init=False, repr=False)
    _primary: dict[str, list[LoadedEntry]] = field(init=False, repr=False)
    _secondary: dict[str, list[LoadedEntry]] = field(init=False, repr=False)
    _described: dict[str, list[LoadedEntry]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.items = sorted(self.items, key=lambda item: item.id)
        self.by_id = {item.id: item for item in self.items}
        self._primary = defaultdict(list)
        self._secondary = defaultdict(list)
        self._described = defaultdict(list)
        for item in self.items:
            if item.entry.paper_ref:
                self._described[item.entry.paper_ref].append(item)
        for item in sorted(self.items, key=_order_key):
            self._primary[item.entry.section].append(item)
            for section in item.entry.secondary_sections:
                self._secondary[section].append(item)
        self._id_by_url = {url_key(item.entry.link): item.id for item in self.items if item.entry.is_home}
        keys = ((url_key(url), item.id) for item in self.items for _path, url in item.entry.identity_urls())
        self._id_by_arxiv = {key.removeprefix("arxiv:"): id_ for key, id_ in keys if key.startswith("arxiv:")}

    def __iter__(self) -> Iterator[LoadedEntry]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def entries_in(self, section_id: str) -> list[LoadedEntry]:
        """Entries whose primary section is ``section_id``: newest first, then by title."""
        return list(self._primary.get(section_id, []))

    def cross_references(self, section_id: str) -> list[LoadedEntry]:
        """Entries listed elsewhere that name ``section_id`` as a secondary section, in the same order."""
        return list(self._secondary.get(section_id, []))

    def count_in(self, section_id: str) -> int:
        """Primary entries in a section, including its sub-sections."""
        ids = {section_id} | {s.id for s in self.taxonomy.children(section_id)}
        return sum(len(self._primary.get(i, [])) for i in ids)

    def counts_by_kind(self) -> Counter[str]:
        """How many entries of each kind present."""
        return Counter(item.entry.kind for item in self.items)

    def kind_counts(self) -> list[tuple[type[EntryBase], int]]:
        """Each kind the list has, with its count, in the order of :data:`~awesome_opt.schema.KINDS`."""
        counts = self.counts_by_kind()
        return [(kind, counts[kind.kind]) for kind in KINDS if counts[kind.kind]]

    def find_arxiv(self, arxiv_id: str) -> LoadedEntry | None:
        """The entry listing this arXiv id (as ``arxiv`` or as an arxiv.org ``url``), if any."""
        found = self._id_by_arxiv.get(ArxivRef(arxiv_id).feed_id)
        return self.by_id[found] if found else None

    def arxiv_ids(self) -> set[str]:
        """Every arXiv id the list already has."""
        return set(self._id_by_arxiv)

    def code_links(self, entry: EntryBase) -> list[tuple[str | None, str]]:
        """(entry id or None, url) for each code reference of a publication.

        Ids are resolved, and a URL that is the home of a code or benchmark entry is linked to
        that entry, so the list shows each such URL once.
        """
        links: list[tuple[str | None, str]] = []
        for ref in entry.code_refs:
            target = self.by_id.get(ref)
            if target is not None:
                links.append((ref, target.entry.link))
            else:
                links.append((self._id_by_url.get(url_key(ref)), ref))
        return links

    def described_by(self, paper_id: str) -> list[LoadedEntry]:
        """Code, benchmarks and data sets whose ``paper`` is ``paper_id``, by id."""
        return list(self._described.get(paper_id, []))

    def labelled_code_links(self, item: LoadedEntry) -> list[CodeLink]:
        """:meth:`code_links`, then the entries the item's paper describes (:meth:`described_by`), each
        with what it is: "Code", "Data", "Benchmark" or "Site", from the linked entry's kind or, for a
        bare URL, from its host or file type (:func:`link_kind`). ``numbered`` adds 1, 2, ... where an
        item has several links of one kind."""
        links = self.code_links(item.entry)
        linked = {ref for ref, _ in links}
        described = [other for other in self.described_by(item.id) if other.id not in linked]
        links += [(other.id, other.entry.link) for other in described]
        kinds = [self.by_id[ref].entry.link_label if ref else link_kind(url) for ref, url in links]
        totals = Counter(kinds)
        seen: Counter[str] = Counter()
        labelled = []
        for kind, (ref, url) in zip(kinds, links, strict=True):
            seen[kind] += 1
            numbered = f"{kind} {seen[kind]}" if totals[kind] > 1 else kind
            name = self.by_id[ref].entry.display_name if ref else None
            labelled.append(CodeLink(kind, numbered, ref, url, name))
        return labelled


def _order_key(item: LoadedEntry) -> tuple[int, int, str, str]:
    entry = item.entry
    return (-entry.sort_year, -entry.sort_month, entry.display_name.casefold(), item.id)


def _duplicate_problems(items: list[LoadedEntry]) -> list[Problem]:
    """Duplicates are reported on both files, each naming the other."""
    problems = []
    seen_urls: dict[str, tuple[LoadedEntry, KeyPath]] = {}
    seen_titles: dict[tuple[str, str], LoadedEntry] = {}
    for item in items:
        for field_name, url in item.entry.identity_urls():
            key = url_key(url)
            first, first_field = seen_urls.setdefault(key, (item, field_name))
            if first is not item:
                what = f"duplicate {'arXiv id' if key.startswith('arxiv:') else 'URL'} {url}"
                problems.append(_at(item, field_name, what, f"also listed in {first.source.label}"))
                problems.append(_at(first, first_field, what, f"also listed in {item.source.label}"))
        name_field = item.entry.name_field
        title = seen_titles.setdefault((item.entry.kind, title_key(item.entry.display_name)), item)
        if title is not item:
            problems.append(
                _at(
                    item,
                    name_field,
                    f"title nearly identical to {title.id}",
                    f"already listed in {title.source.label}",
                )
            )
            problems.append(
                _at(
                    title,
                    name_field,
                    f"title nearly identical to {item.id}",
                    f"also listed in {item.source.label}",
                )
            )
    return problems


def _reference_problems(catalog: Catalog) -> list[Problem]:
    """References to entries that do not exist or are of the wrong kind, and entries that disagree
    with the paper they name."""
    problems = []
    for item in catalog:
        for ref in item.entry.references():
            target = catalog.by_id.get(ref.target)
            if target is None or target.entry.kind not in ref.kinds:
                problems.append(_at(item, ref.path, ref.message, ref.hint))
        paper = catalog.by_id.get(item.entry.paper_ref or "")
        if paper is not None:
            problems += [_at(item, *mismatch) for mismatch in item.entry.paper_mismatches(paper.entry)]
    return problems


def _section_problems(catalog: Catalog) -> list[Problem]:
    problems = []
    source = catalog.taxonomy_source
    for index, section in enumerate(catalog.taxonomy.sections):
        if catalog.count_in(section.id) == 0:
            label = source.label if source else "taxonomy.yaml"
            line, column = source.document.position(("sections", index)) if source else (0, 0)
            problems.append(
                Problem(
                    label,
                    line,
                    column,
                    f"section '{section.id}' has no entries",
                    "add an entry or remove the section",
                )
            )
    return problems


def _at(item: LoadedEntry, key: str | tuple[str | int, ...], message: str, hint: str = "") -> Problem:
    path = key if isinstance(key, tuple) else (key,)
    line, column = item.source.document.position(path)
    return Problem(item.source.label, line, column, message, hint)


def _id_problems(items: list[LoadedEntry]) -> list[Problem]:
    """An id is one file name: two kinds may not both use it (links and references would be ambiguous)."""
    by_id: dict[str, list[LoadedEntry]] = defaultdict(list)
    for item in items:
        by_id[item.id].append(item)
    problems = []
    for same in (group for group in by_id.values() if len(group) > 1):
        for item in same:
            others = ", ".join(other.source.label for other in same if other is not item)
            hint = "rename one of the files (the file name is the entry id)"
            problems.append(
                Problem(item.source.label, 1, 1, f"entry id '{item.id}' is also used by {others}", hint)
            )
    return problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every cross-entry problem: repeated ids, duplicates, dangling references, empty sections."""
    return (
        _id_problems(catalog.items)
        + _duplicate_problems(catalog.items)
        + _reference_problems(catalog)
        + lineage_problems(catalog.items)
        + _algorithm_problems(catalog)
        + _section_problems(catalog)
    )


def _algorithm_problems(catalog: Catalog) -> list[Problem]:
    """Each table row names an entry of the list, once per table."""
    if catalog.algorithms is None:
        return []
    tables, source = catalog.algorithms
    problems = []
    for name, rows in (("rl", tables.rl), ("distillation", tables.distillation)):
        seen: set[str] = set()
        for index, row in enumerate(rows):
            line, column = source.document.position((name, index, "entry"))
            if row.entry not in catalog.by_id:
                hint = "use the id (file name) of the paper that introduced the method"
                problems.append(Problem(source.label, line, column, f"no entry '{row.entry}'", hint))
            elif row.entry in seen:
                problems.append(Problem(source.label, line, column, f"'{row.entry}' has two rows in {name}"))
            seen.add(row.entry)
    return problems


def build_catalog(data_dir: Path) -> Catalog:
    """Load, validate and cross-check ``data_dir``; raise DataError listing every problem."""
    with collector_paused():
        taxonomy, source = load_taxonomy(data_dir)
        problems: list[Problem] = []
        items: list[LoadedEntry] = []
        algorithms = None
        try:
            items = load_entries(data_dir, taxonomy)
        except DataError as exc:
            problems += exc.problems
        try:
            algorithms = load_algorithms(data_dir)
        except DataError as exc:
            problems += exc.problems
        if problems:
            raise DataError(problems)
        catalog = Catalog(taxonomy, items, source, algorithms)
        problems = check_catalog(catalog)
    if problems:
        raise DataError(problems)
    return catalog
