"""Benchmark: load + validate, catalog checks and README rendering for 100, 1,000 and 10,000 entries.

Columns: `load+validate` is reading and validating every file alone; `+checks` is
``build_catalog`` (load, validate and every cross-entry check, as `awesome-opt validate` runs it);
`render` is README rendering; `total` is ``build_catalog`` + render, what `awesome-opt render` does.

Each size runs in a fresh subprocess so its peak memory (max RSS) is its own. As a floor to compare
against, the same files are also parsed with plain PyYAML (``yaml.load`` with the C loader, no
validation, no positions): the cost any YAML-based list tool pays before doing anything useful.

Usage: python benchmarks/render.py [SIZES...]   (default: 100 1000 10000)
"""

from __future__ import annotations

import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def taxonomy_sections() -> list[dict[str, Any]]:
    """The sections of the real taxonomy, as declared (read once)."""
    import yaml

    sections: list[dict[str, Any]] = yaml.safe_load((REPO / "data/taxonomy.yaml").read_text())["sections"]
    return sections


def leaf_sections() -> list[str]:
    """The sections of the real taxonomy that hold entries (those without sub-sections)."""
    sections = taxonomy_sections()
    parents = {section.get("parent") for section in sections}
    return [section["id"] for section in sections if section["id"] not in parents]


def section_rules() -> dict[str, dict[str, list[str]]]:
    """Each section's rules on the axes (signal_includes, signal_within, signal_one_of, provenance_in)."""
    keys = ("signal_includes", "signal_within", "signal_one_of", "provenance_in")
    return {s["id"]: {key: s.get(key, []) for key in keys} for s in taxonomy_sections()}


def also_in_for(section: str, signal: list[str]) -> list[str]:
    """The also_in sections the taxonomy requires of a paper in ``section`` listing ``signal``."""
    wanted: dict[str, str] = ALSO_IN_WITH_SIGNAL[section]
    return [wanted[v] for v in signal if v in wanted]


def dated_arxiv_id(year: int, month: int, serial: int) -> str:
    """An arXiv id numbered in the month of the paper's date (validate refuses a date after it)."""
    return f"{year % 100:02d}{month:02d}.{10000 + serial:05d}"


SECTIONS = leaf_sections()  # every one gets papers: the catalog checks refuse an empty section
RULES = section_rules()
ALSO_IN_WITH_SIGNAL = {s["id"]: s.get("also_in_with_signal", {}) for s in taxonomy_sections()}
ENTRY = """# yaml-language-server: $schema=../schema.json
title: "Synthetic Paper {n}: Scaling On-Policy Post-Training [v{n}]"
authors: [Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra]
year: {year}
month: {month}
arxiv: "{arxiv}"
section: {section}
also_in: {also_in}
provenance: on-policy
role: policy-reshaping
signal: {signal}
tags: [grpo, math]
summary: Samples answers, rewards the correct ones and updates the policy on its own rollouts ({n}).
added: 2026-01-01
"""


def completed_signal(
    signal: list[str], rules: dict[str, list[str]], choose: Callable[[list[str]], str] = lambda v: v[0]
) -> list[str]:
    """``signal`` plus what the section's rules ask of it: every signal it includes, and one of
    ``signal_one_of`` (picked by ``choose``) when none is there yet."""
    signal = signal + [v for v in rules["signal_includes"] if v not in signal]
    if rules["signal_one_of"] and not set(signal) & set(rules["signal_one_of"]):
        signal.append(choose(rules["signal_one_of"]))
    return signal


def synthetic_paper(n: int) -> str:
    """The YAML of synthetic paper number ``n``: the same text, with its own number, year and section."""
    section = SECTIONS[n % len(SECTIONS)]
    signal = completed_signal(["verifiable-reward"], RULES[section])
    year, month = 2017 + n % 10, 1 + n % 12  # each (year, month) pair recurs every 60 papers
    return ENTRY.format(
        n=n,
        year=year,
        month=month,
        section=section,
        also_in=json.dumps(also_in_for(section, signal)),
        signal=json.dumps(signal),
        arxiv=dated_arxiv_id(year, month, n // 60),
    )


def make_catalog(folder: Path, size: int, paper: Callable[[int], str] = synthetic_paper) -> Path:
    """A data folder with ``size`` synthetic papers (``paper(n)`` gives each one) and the real taxonomy."""
    data = folder / "data"
    (data / "papers").mkdir(parents=True)
    (data / "taxonomy.yaml").write_text((REPO / "data/taxonomy.yaml").read_text())
    for n in range(size):
        (data / "papers" / f"paper-{n:05d}.yaml").write_text(paper(n))
    return data


def measure(data: Path) -> dict[str, float]:
    """Run inside a child process: time each stage and report peak memory."""
    from awesome_opt.catalog import build_catalog
    from awesome_opt.loader import load_entries, load_taxonomy
    from awesome_opt.render.readme import render_readme

    start = time.perf_counter()
    load_entries(data, load_taxonomy(data)[0])
    loaded = time.perf_counter()
    catalog = build_catalog(data)  # what `awesome-opt validate` and `render` do: load again, then check
    built = time.perf_counter()
    readme = render_readme(catalog)
    rendered = time.perf_counter()
    assert readme
    return {
        "load": loaded - start,
        "build": built - loaded,
        "render": rendered - built,
        "total": rendered - loaded,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_floor(data: Path) -> dict[str, float]:
    """Plain PyYAML parsing of the same files (C loader), nothing else."""
    import yaml

    start = time.perf_counter()
    for path in sorted((data / "papers").iterdir()):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return {
        "total": time.perf_counter() - start,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(mode: str, data: Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(data)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main(sizes: list[int]) -> None:
    """Print one row per size."""
    print(
        f"{'entries':>8} {'load+validate':>14} {'+checks':>8} {'render':>8} {'total':>7} "
        f"{'peak MB':>8} | {'PyYAML only':>11} {'MB':>6} {'ours/PyYAML':>11}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = make_catalog(Path(tmp), size)
            ours = child("ours", data)
            floor = child("floor", data)
        ratio = ours["total"] / floor["total"]
        print(
            f"{size:>8} {ours['load']:>13.2f}s {ours['build']:>7.2f}s {ours['render']:>7.2f}s "
            f"{ours['total']:>6.2f}s {ours['rss_mb']:>8.0f} | {floor['total']:>10.2f}s "
            f"{floor['rss_mb']:>6.0f} {ratio:>10.1f}x"
        )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        run = measure if sys.argv[2] == "ours" else measure_floor
        print(json.dumps(run(Path(sys.argv[3]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [100, 1000, 10000])
