"""Benchmark: our link checker against lychee and LinkChecker on loopback hosts.

Ten fake hosts (127.0.0.1 ... 127.0.0.10, each its own address, since lychee limits per host
name) answer every request after a fixed delay; 1,000 URLs are spread over them and a few percent
answer 404. Every tool gets the same limits: CONCURRENCY requests at once overall, PER_HOST per
host, no retries. The lower bound is URLs x delay / (hosts x per-host limit).

Peers are optional: a tool that is not installed is reported as such (``make benchmark`` installs
them into .venv; they are not dependencies of the project). Each peer run is cut off after
PEER_TIMEOUT seconds so the benchmark stays bounded.

The CLI row is ``awesome-opt check-links`` as a user runs it, Python's start-up and imports
included (the package is byte-compiled first, as an installation does); the library row is the
same check called in this process. The "bare Python sockets" row is a yardstick, not a checker
(``bare_client.py``: raw sockets, no policy, redirects, TLS or retries): the floor any Python
command line starts from on this machine.

Usage: python benchmarks/links.py [URLS] [--rounds N] [--without TOOL]   (default: 1000 URLs, 1 round)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.linkserver import LinkServer, Reply  # noqa: E402

from awesome_opt.checks.http import HttpClient  # noqa: E402
from awesome_opt.checks.limits import HostLimiter, HostLimits  # noqa: E402
from awesome_opt.checks.links import LinkOptions, LinkRun  # noqa: E402
from awesome_opt.checks.policy import LinkPolicy  # noqa: E402
from awesome_opt.checks.retry import RetryPolicy  # noqa: E402
from awesome_opt.checks.urls import Link  # noqa: E402

HOSTS = 10
DELAY = 0.05
PER_HOST = 4
CONCURRENCY = HOSTS * PER_HOST
BROKEN_EVERY = 33  # about 3 % of the URLs answer 404
PEER_TIMEOUT = 300
BIN = Path(sys.executable).parent

Outcome = tuple[float, set[str] | None, str]  # seconds, URLs found broken (None: unknown), note


def answer(method: str, path: str) -> Reply:
    """Every path answers after DELAY; paths under /broken/ answer 404."""
    return Reply(404 if path.startswith("/broken/") else 200, body=b"", delay=DELAY)


def make_urls(bases: list[str], count: int) -> tuple[list[str], set[str]]:
    """``count`` URLs round the hosts, and the broken ones among them."""
    urls, broken = [], set()
    for n in range(count):
        kind = "broken" if n % BROKEN_EVERY == 0 else "page"
        urls.append(f"{bases[n % len(bases)]}/{kind}/{n}")
        if kind == "broken":
            broken.add(urls[-1])
    return urls, broken


def serve() -> int:
    """The fake hosts, in their own process (so they never compete with a checker for the GIL)."""
    servers = [LinkServer(f"127.0.0.{n}", fallback=answer).start() for n in range(1, HOSTS + 1)]
    print(" ".join(server.url("") for server in servers), flush=True)
    sys.stdin.read()  # until the benchmark closes the pipe
    for server in servers:
        server.stop()
    return 0


def run_ours(urls: list[str], folder: Path) -> Outcome:
    """Our checker as a library call, exactly as ``check-links`` builds it."""
    limits = HostLimits(PER_HOST)
    client = HttpClient(timeout=10, policy=RetryPolicy(retries=0), limiter=HostLimiter(limits))
    runner = LinkRun(client, LinkPolicy(), LinkOptions(concurrency=CONCURRENCY, per_host=PER_HOST))
    start = time.perf_counter()
    results = runner.run([Link(url) for url in urls])
    return (
        time.perf_counter() - start,
        {r.url for r in results if r.status == "broken"},
        "library call, URL list",
    )


def run_ours_cli(urls: list[str], folder: Path) -> Outcome:
    """Our checker as a user runs it (includes Python start-up and imports)."""
    command = [str(BIN / "awesome-opt"), "check-links", "--urls-from", str(folder / "urls.txt"), "--no-cache"]
    command += ["--concurrency", str(CONCURRENCY), "--per-host", str(PER_HOST), "--retries", "0"]
    seconds, done = timed([*command, "--format", "json"])
    if done is None:
        return seconds, None, "timed out"
    rows = json.loads(done.stdout)
    return (
        seconds,
        {row["url"] for row in rows if row["status"] == "broken"},
        "CLI on a URL list, start-up included",
    )


def run_bare(urls: list[str], folder: Path) -> Outcome:
    """The yardstick: a bare Python socket client (``bare_client.py``), start-up included."""
    command = [sys.executable, str(REPO / "benchmarks" / "bare_client.py"), str(folder / "urls.txt")]
    seconds, done = timed([*command, str(PER_HOST)])
    if done is None:
        return seconds, None, "timed out"
    return seconds, set(json.loads(done.stdout)), "yardstick: raw sockets, no checker logic"


def run_lychee(urls: list[str], folder: Path) -> Outcome:
    """lychee with the same limits, on the same list of URLs."""
    out = folder / "lychee.json"
    command = [tool("lychee"), "--no-progress", "--max-concurrency", str(CONCURRENCY)]
    command += ["--host-concurrency", str(PER_HOST), "--host-request-interval", "0ms", "--max-retries", "0"]
    command += ["--timeout", "10", "--format", "json", "-o", str(out), str(folder / "urls.txt")]
    seconds, done = timed(command)
    if done is None:
        return seconds, None, "timed out"
    report = json.loads(out.read_text())
    found = {item["url"] for items in report.get("error_map", {}).values() for item in items}
    return seconds, found, "URL list"


def run_linkchecker(urls: list[str], folder: Path) -> Outcome:
    """LinkChecker with CONCURRENCY threads on an HTML page of the same links (no per-host option)."""
    command = [tool("linkchecker"), "--check-extern", "-t", str(CONCURRENCY), "-o", "csv"]
    seconds, done = timed([*command, str(folder / "page.html")])
    if done is None:
        return seconds, None, f"stopped after {PEER_TIMEOUT} s"
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")
    found = {row["url"] for row in rows if row.get("valid") == "False"}
    return seconds, found, f"HTML page, {CONCURRENCY} threads, no per-host option"


def tool(name: str) -> str:
    """The peer's executable in this virtual environment or on PATH."""
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(name)
    return found


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str] | None]:
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PEER_TIMEOUT, cwd=REPO)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    return time.perf_counter() - start, done


def write_inputs(folder: Path, urls: list[str]) -> None:
    """The list for lychee and us, the page for LinkChecker (world-readable: it drops to nobody)."""
    folder.chmod(0o755)
    (folder / "urls.txt").write_text("\n".join(urls) + "\n")
    links = "\n".join(f'<li><a href="{url}">link {n}</a></li>' for n, url in enumerate(urls))
    (folder / "page.html").write_text(f"<!DOCTYPE html>\n<html><body><ul>\n{links}\n</ul></body></html>\n")
    for name in ("urls.txt", "page.html"):
        (folder / name).chmod(0o644)


RUNNERS: list[tuple[str, Callable[[list[str], Path], Outcome]]] = [
    ("awesome-opt (library)", run_ours),
    ("awesome-opt (CLI)", run_ours_cli),
    ("bare Python sockets", run_bare),
    ("lychee", run_lychee),
    ("linkchecker", run_linkchecker),
]


def compare(urls: list[str], broken: set[str], bound: float, tools: list[str]) -> dict[str, float]:
    """Run the tools on the same inputs, one after the other; print a row each, return their times."""
    print(f"{'tool':<24}{'seconds':>9}{'vs lychee':>11}{'vs bound':>10}  exact broken set")
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_inputs(folder, urls)
        rows = []
        for name, runner in RUNNERS:
            if name not in tools:
                continue
            try:
                seconds, found, note = runner(urls, folder)
            except FileNotFoundError as exc:
                print(f"{name:<24}  not installed ({exc}); `make benchmark` installs it into .venv")
                continue
            times[name] = seconds
            rows.append((name, seconds, f"{verdict(found, broken)}  ({note})"))
    for name, seconds, note in rows:
        versus = f"{seconds / times['lychee']:>10.2f}x" if "lychee" in times else f"{'-':>11}"
        print(f"{name:<24}{seconds:>9.2f}{versus}{seconds / bound:>9.2f}x  {note}")
    return times


def summary(rounds: list[dict[str, float]], bound: float) -> None:
    """Medians over the rounds, and the median of each round's ratio to lychee (paired in time)."""
    print(f"\nmedian of {len(rounds)} rounds")
    for name in rounds[0]:
        seconds = statistics.median(r[name] for r in rounds)
        paired = [r[name] / r["lychee"] for r in rounds if "lychee" in r]
        versus = f"{statistics.median(paired):>10.2f}x" if paired else f"{'-':>11}"
        print(f"{name:<24}{seconds:>9.2f}{versus}{seconds / bound:>9.2f}x")


def main(count: int, rounds: int, tools: list[str]) -> int:
    """Start the fake hosts in their own process, then compare the tools ``rounds`` times."""
    # Byte-compile our package first, as an installation does, so the CLI pays no compile time.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "awesome_opt")], check=True)
    command = [sys.executable, __file__, "--serve"]
    hosts = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert hosts.stdout is not None and hosts.stdin is not None
    urls, broken = make_urls(hosts.stdout.readline().split(), count)
    bound = count * DELAY / (HOSTS * PER_HOST)
    print(f"{count} URLs over {HOSTS} hosts, {DELAY * 1000:.0f} ms an answer, {len(broken)} broken (404)")
    print(f"limits: {CONCURRENCY} at once, {PER_HOST} per host; lower bound {bound:.2f} s")
    try:
        results = []
        for number in range(1, rounds + 1):
            print(f"\nround {number} of {rounds}")
            results.append(compare(urls, broken, bound, tools))
        if rounds > 1:
            summary(results, bound)
    finally:
        hosts.stdin.close()
        hosts.wait(timeout=30)
    return 0


def verdict(found: set[str] | None, broken: set[str]) -> str:
    """Whether a tool found exactly the broken URLs."""
    if found is None:
        return "unknown (no result)"
    if found == broken:
        return "yes"
    return f"no: {len(broken - found)} missed, {len(found - broken)} invented"


def arguments() -> argparse.Namespace:
    """The command line of this benchmark."""
    parser = argparse.ArgumentParser(description="Our link checker against lychee and LinkChecker.")
    parser.add_argument("urls", nargs="?", type=int, default=1000, help="URLs to check (default 1000)")
    parser.add_argument("--rounds", type=int, default=1, help="run every tool this many times, in turn")
    names = [name for name, _ in RUNNERS]
    parser.add_argument("--without", action="append", default=[], choices=names, help="leave a tool out")
    return parser.parse_args()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.exit(serve())
    options = arguments()
    chosen = [name for name, _ in RUNNERS if name not in options.without]
    sys.exit(main(options.urls, options.rounds, chosen))
