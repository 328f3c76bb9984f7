"""The ``check-github`` run: which repositories the list links, and where, and their stored figures."""

from __future__ import annotations

from pathlib import Path

from awesome_opt.catalog import Catalog
from awesome_opt.checks.github.api import RepoResult
from awesome_opt.checks.github.metrics import github_repo, read_metrics, write_metrics

Place = tuple[str, str, int]  # entry id, file label, line


def repositories(catalog: Catalog, only: set[Path] | None = None) -> dict[str, list[Place]]:
    """``owner/repo`` -> where the list links it (each entry names its repository URLs)."""
    found: dict[str, list[Place]] = {}
    for item in catalog:
        if only is not None and item.source.path.resolve() not in only:
            continue
        for path, url in item.entry.repository_urls():
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
