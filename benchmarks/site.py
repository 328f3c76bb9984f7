"""Benchmark: the website built by ``mkdocs build --strict`` from the real data and from larger catalogs.

Sizes: ``real`` is the repository's data; a number is a synthetic catalog of that many papers, written
by the render benchmark's generator (``benchmarks/render.py``) with text drawn from the real data:
titles and summaries are random runs of the real titles' and summaries' words, with real authors,
tags, sections and axes, so the related-entries similarity and the search index see a realistic
vocabulary. Everything is seeded by the entry's number, so a catalog is the same on every run.

Each build runs in its own process; its peak memory (max RSS) is measured with ``wait4``, which on
Linux gives the larger of the build's and of the second process that makes the entry pages (a fork
sharing most of its memory; user and system CPU include both). Columns:
wall-clock seconds, user and system CPU seconds (the machine may be shared, so CPU is the steadier
figure; system time is mostly the file system's), peak MB, the whole site's size, the All-entries
page's HTML, the largest section page, the largest entry page, the search index, and the number of
HTML pages.

Goals (issue 12, with the entry pages): 2,000 entries under 6 s; 10,000 under 30 s and 600 MB; the
All-entries page under 300 KB at any size; section pages under 500 KB.

Usage: python benchmarks/site.py [SIZES...] [--checkout DIR] [--plain] [--repeat N]
       (default sizes: real 2000 10000; the catalogs and sites go to the temporary folder, so
       TMPDIR=/dev/shm takes the disk out of the figures)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import REPO, RULES, also_in_for, completed_signal, dated_arxiv_id, make_catalog, synthetic_paper

MKDOCS_YML = Path("site") / "mkdocs.yml"
SECTION_DIR = "sections"
ENTRY_DIR = "entries"


@cache
def vocabulary() -> dict[str, list[str]]:
    """Words of the real titles and summaries, authors, tags, leaf sections and axis values."""
    taxonomy = yaml.load((REPO / "data" / "taxonomy.yaml").read_text(), Loader=yaml.CSafeLoader)
    parents = {s.get("parent") for s in taxonomy["sections"]}
    found: dict[str, list[str]] = {"title": [], "summary": [], "authors": []}
    for path in sorted((REPO / "data" / "papers").glob("*.yaml")):
        paper = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        found["title"] += [w.strip(":,;.()[]\"'") for w in paper["title"].split()]
        found["summary"] += [w.strip(":,;.()[]\"'").lower() for w in paper["summary"].split()]
        found["authors"] += paper["authors"]
    found = {key: [w for w in words if w and "\\" not in w] for key, words in found.items()}
    found["tags"] = sorted(taxonomy["tags"])
    found["sections"] = [s["id"] for s in taxonomy["sections"] if s["id"] not in parents]
    for axis in ("provenance", "role", "signal"):
        found[axis] = list(taxonomy["axes"][axis])
    return found


def varied_axes(pick: random.Random, section: str) -> tuple[str, list[str]]:
    """A provenance and signals drawn at random within the section's rules, so the catalog validates."""
    words, rules = vocabulary(), RULES[section]
    provenance = pick.choice(rules["provenance_in"] or words["provenance"])
    signal = pick.sample(rules["signal_within"] or words["signal"], pick.randint(1, 2))
    return provenance, completed_signal(signal, rules, pick.choice)


def varied_paper(n: int) -> str:
    """Synthetic paper ``n`` with text drawn from the real data (JSON strings are valid YAML)."""
    words, pick = vocabulary(), random.Random(n)
    title = " ".join(pick.choices(words["title"], k=pick.randint(5, 11))) + f" ({n})"
    summary = " ".join(pick.choices(words["summary"], k=pick.randint(18, 34)))
    summary = re.sub(r"^[\W_]+", "", summary)  # a drawn word may open with "$" or "("
    summary = (summary[0].upper() + summary[1:])[:280].rstrip(" -") + "."
    section = pick.choice(words["sections"])
    provenance, signal = varied_axes(pick, section)
    year, month = 2016 + n % 11, 1 + n % 12  # each (year, month) pair recurs every 132 papers
    fields = {
        "title": title,
        "authors": pick.sample(words["authors"], pick.randint(1, 12)),
        "year": year,
        "month": month,
        "arxiv": dated_arxiv_id(year, month, n // 132),
        "section": section,
        "also_in": also_in_for(section, signal),
        "provenance": provenance,
        "role": pick.choice(words["role"]),
        "signal": signal,
        "tags": sorted(pick.sample(words["tags"], pick.randint(1, 4))),
        "summary": summary.replace("- ", " "),
        "added": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
    }
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())


def build(checkout: Path, data: Path, out: Path) -> tuple[float, float, float, float]:
    """Build the site of ``checkout`` from ``data`` into ``out``: wall-clock seconds, user and system
    CPU seconds, and the peak MB of the process."""
    env = {**os.environ, "AWESOME_OPT_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(checkout / "src"), env.get("PYTHONPATH")]))
    if data != REPO / "data":
        env["AWESOME_OPT_MISSING_ENTRIES"] = "text"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(checkout / MKDOCS_YML)]
    log = out.with_suffix(".log")
    start = time.perf_counter()
    with log.open("w") as stderr:  # a file, not a pipe: a full pipe would block the build
        process = subprocess.Popen([*command, "-d", str(out)], env=env, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"mkdocs build failed for {data}:\n{log.read_text()[-3000:]}")
    return seconds, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024


def largest(root: Path, folder: str) -> int:
    """Bytes of the largest HTML page under ``root/folder`` (0 when there is none)."""
    return max((p.stat().st_size for p in (root / folder).rglob("*.html")), default=0)


def measure(checkout: Path, data: Path, out: Path) -> dict[str, float]:
    """Build one site and measure it."""
    seconds, user, system, peak = build(checkout, data, out)
    files = [p for p in out.rglob("*") if p.is_file()]
    row = {
        "entries": len(list(data.glob("*/*.yaml"))),
        "seconds": seconds,
        "user": user,
        "system": system,
        "peak_mb": peak,
        "total_mb": sum(p.stat().st_size for p in files) / 2**20,
        "all_kb": (out / "all" / "index.html").stat().st_size / 1024,
        "section_kb": largest(out, SECTION_DIR) / 1024,
        "entry_kb": largest(out, ENTRY_DIR) / 1024 if (out / ENTRY_DIR).is_dir() else 0,
        "search_mb": (out / "search" / "search_index.json").stat().st_size / 2**20,
        "pages": sum(1 for p in files if p.suffix == ".html"),
    }
    shutil.rmtree(out)
    return row


def row_text(label: str, row: dict[str, float]) -> str:
    """One line of the table."""
    return (
        f"| {label} | {row['entries']:.0f} | {row['seconds']:.1f} s | {row['user']:.1f} s "
        f"| {row['system']:.1f} s | {row['peak_mb']:.0f} | {row['total_mb']:.1f} | {row['all_kb']:.0f} KB "
        f"| {row['section_kb']:.0f} KB | {row['entry_kb']:.0f} KB | {row['search_mb']:.2f} MB "
        f"| {row['pages']:.0f} |"
    )


def main(sizes: list[str], checkouts: list[Path], plain: bool, repeat: int) -> None:
    """Print one row per size and checkout (the best of ``repeat`` builds, by wall-clock time).

    A first, unmeasured build of the real data warms the file cache (Python, MkDocs and the theme),
    so the first row does not pay for it."""
    print(
        "| code | entries | build | user CPU | system CPU | peak MB | site MB | all-entries page "
        "| largest section page | largest entry page | search index | HTML pages |"
    )
    with tempfile.TemporaryDirectory() as tmp:
        build(checkouts[-1], REPO / "data", Path(tmp) / "site")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            paper = synthetic_paper if plain else varied_paper
            data = REPO / "data" if size == "real" else make_catalog(folder, int(size), paper)
            for checkout in checkouts:
                runs = [measure(checkout, data, folder / "site") for _ in range(repeat)]
                best = min(runs, key=lambda run: run["seconds"])
                label = "this" if checkout == REPO else checkout.name
                print(row_text(label, best), flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", default=["real", "2000", "10000"], help="real or a number")
    parser.add_argument(
        "--checkout",
        action="append",
        type=Path,
        help="another copy of the repository to build the same catalogs with (repeatable), "
        "e.g. `mkdir /tmp/before && git archive HEAD~5 | tar -x -C /tmp/before`; this one is always built",
    )
    parser.add_argument("--plain", action="store_true", help="the render benchmark's papers, all one text")
    parser.add_argument("--repeat", type=int, default=1, help="builds per row; the fastest is shown")
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse(sys.argv[1:])
    main(args.sizes, [*(c.resolve() for c in args.checkout or []), REPO], args.plain, args.repeat)
