"""The committed repository figures (``data/metrics.json``) that the README and site show.

``check-github --write`` fills it; rendering only reads it, so it never touches the network.
Shape: ``{"github": {"owner/repo": {"stars", "archived", "pushed_at", "license", "default_branch"}}}``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from awesome_opt.fileio import write_atomic

METRICS_FILE = "metrics.json"
GITHUB_REPO = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?(?:[/?#].*)?$")
# First path parts of github.com pages that are not ``owner/repo``.
NOT_OWNERS = frozenset(
    {
        "orgs",
        "topics",
        "features",
        "marketplace",
        "sponsors",
        "settings",
        "collections",
        "apps",
        "about",
        "pricing",
        "login",
        "site",
        "enterprise",
        "explore",
        "trending",
        "notifications",
        "search",
        "users",
        "security",
        "events",
        "codespaces",
        "solutions",
        "resources",
        "organizations",
        "account",
        "contact",
        "team",
        "join",
        "new",
        "pulls",
        "issues",
        "customer-stories",
        "readme",
    }
)


def github_repo(url: str) -> str | None:
    """``owner/repo`` of a github.com repository URL (any page inside it), else None."""
    match = GITHUB_REPO.match(url.strip())
    if not match or match.group(1).lower() in NOT_OWNERS:
        return None
    return f"{match.group(1)}/{match.group(2)}".lower()


def read_metrics(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Figures by ``owner/repo`` (lower case); empty when the file is missing or unreadable."""
    try:
        data = json.loads((data_dir / METRICS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    github = data.get("github") if isinstance(data, dict) else None
    return {str(k): v for k, v in github.items() if isinstance(v, dict)} if isinstance(github, dict) else {}


def write_metrics(data_dir: Path, figures: dict[str, dict[str, Any]]) -> None:
    """Write the figures sorted by repository and key, so a re-run changes only what changed."""
    text = json.dumps({"github": figures}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(data_dir / METRICS_FILE, text)


def short_count(count: int) -> str:
    """``950``, ``1.2k``, ``12k``, ``1.5M``."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        value, unit = count / 1000, "k"
    else:
        value, unit = count / 1_000_000, "M"
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return text.removesuffix(".0") + unit


def badges(entries: list[tuple[str, str]], figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For (entry id, url) pairs: ``{"stars": "1.2k", "archived": bool}`` where figures are known."""
    shown: dict[str, dict[str, Any]] = {}
    for entry_id, url in entries:
        repo = github_repo(url)
        found = figures.get(repo) if repo else None
        if found is not None and isinstance(found.get("stars"), int):
            shown[entry_id] = {"stars": short_count(found["stars"]), "archived": bool(found.get("archived"))}
    return shown
