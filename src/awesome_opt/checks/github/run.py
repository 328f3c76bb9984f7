"""The ``check-github`` run: which repositories the list links, and where, and their stored figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from awesome_opt.catalog import Catalog
from awesome_opt.checks.github.api import RepoResult
from awesome_opt.checks.github.metrics import github_repo, read_metrics, write_metrics
from awesome_opt.checks.github.readme import MAIN_README, readme_data_links, unlinked_data

Place = tuple[str, str, int]  # entry id, file label, line


def repositories(
    catalog: Catalog, only: set[Path] | None = None, releases: bool = False
) -> dict[str, list[Place]]:
    """``owner/repo`` -> where the list links it: the repositories each entry names, or with
    ``releases`` each work's own repository or home (whose README names what it releases)."""
    found: dict[str, list[Place]] = {}
    for item in catalog:
        if only is not None and item.source.path.resolve() not in only:
            continue
        links = item.entry.release_urls() if releases else item.entry.repository_urls()
        for path, url in links:
            repo = github_repo(url)
            if repo:
                found.setdefault(repo, []).append((item.id, item.source.label, item.source.line_of(*path)))
    return dict(sorted(found.items()))


def store_figures(data_dir: Path, results: list[RepoResult], known: set[str]) -> int:
    """Merge fresh figures into ``data/metrics.json``, dropping repositories no longer linked."""
    figures = {repo: f for repo, f in read_metrics(data_dir).items() if repo in known}
    figures.update({r.repo: r.figures for r in results if r.figures is not None})
    write_metrics(data_dir, figures)
    return len(figures)


@dataclass(frozen=True)
class UnlinkedData:
    """Data releases the README files of an entry's own repository link and the entry does not."""

    entry_id: str
    label: str
    line: int
    repo: str
    urls: tuple[str, ...]
    files: tuple[str, ...] = (MAIN_README,)  # the files that link them, the README first


def unlinked_releases(
    catalog: Catalog, places: dict[str, list[Place]], readmes: dict[str, dict[str, str]]
) -> list[UnlinkedData]:
    """For each entry and its repository's README files: the data they link that the entry does not
    (each release once, named by the first file that links it; entries missing none are left out)."""
    found = []
    for repo, texts in readmes.items():
        for entry_id, label, line in places.get(repo, []):
            item = catalog.by_id[entry_id]
            own = [link.url for link in catalog.labelled_code_links(item)] + [item.entry.link]
            missing: list[str] = []
            files: list[str] = []
            for name, text in texts.items():
                new = unlinked_data(readme_data_links(text), own + missing)
                if new:
                    missing += new
                    files.append(name)
            if missing:
                found.append(UnlinkedData(entry_id, label, line, repo, tuple(missing), tuple(files)))
    return sorted(found, key=lambda f: (f.label, f.line))
