"""Benchmark: the real catalog's links in a loopback world that follows the real hosts' rules.

Every host the catalog links (arxiv.org, github.com, huggingface.co, openai.com, ...) gets a
stand-in on its own loopback address that answers after that host's latency, and export.arxiv.org
and api.github.com are the fake APIs of the tests, in the real formats (arXiv's Atom feed with the
snapshot's titles and authors, GitHub's repository objects). The hosts' published rules apply:
arXiv asks for one request every three seconds, pages and API alike (a request sooner gets 429;
the rule runs SCALE times faster than real time, for the stand-ins and for our client's clock);
GitHub's API grants 60 requests an hour without a token (5000 with one) and a 304 is free;
openai.com answers a bot challenge (403). About 2.5 % of the papers, repositories and other pages
are gone, and as many repositories were renamed (GitHub answers 301). See links_world_hosts.py.

Ours runs as ``check-links`` builds it (the repository's link policy, the arXiv and GitHub
plug-ins, default limits and retries), as a library call whose connections the world's address
book sends to the stand-ins (as lychee's --remap does; TLS is left out for both): once without a
GitHub token and once with one. lychee runs on the same URL list with one --remap per host and
the same limits. Per host it prints the requests each tool sent, the 429s it got and its wall
time there; then, per host, where the verdicts differ from what the world holds.

Usage: python benchmarks/links_world.py [--scale N]   (default 10)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from benchmarks.links import tool  # noqa: E402
from benchmarks.links_world_hosts import ARXIV_API, BOT_WALLS, GITHUB_API, gone  # noqa: E402

from awesome_opt.checks.arxiv.links import arxiv_link  # noqa: E402
from awesome_opt.checks.arxiv.snapshot import read_snapshot  # noqa: E402
from awesome_opt.checks.cache import JsonCache  # noqa: E402
from awesome_opt.checks.github.metrics import github_repo  # noqa: E402
from awesome_opt.checks.limits import HostLimiter, HostLimits  # noqa: E402
from awesome_opt.checks.links import LinkOptions, LinkRun  # noqa: E402
from awesome_opt.checks.policy import load_policy  # noqa: E402
from awesome_opt.checks.transport import Deadline, Exchange, Target, Transport  # noqa: E402
from awesome_opt.commands import check_links  # noqa: E402
from awesome_opt.commands.options import http_client  # noqa: E402
from awesome_opt.runtime import Runtime  # noqa: E402

# URL -> works, broken, refused (429, 403, an exhausted quota or a timeout: not checked), unverified
# (skipped, as a link behind a bot wall must be: nothing an automated client gets says anything)
Verdicts = dict[str, str]


class AddressBook(Transport):
    """Sends every connection for a stand-in host to its loopback address, in plain HTTP."""

    def __init__(self, bases: dict[str, str]) -> None:
        super().__init__({})
        self.addresses = {host: urlsplit(base) for host, base in bases.items()}

    def exchange(
        self, method: str, target: Target, headers: Any, deadline: Deadline, read_body: bool
    ) -> Exchange:
        found = self.addresses.get(target.host)
        if found is not None and found.hostname and found.port:
            target = Target("http", found.hostname, found.port, target.path)
        return super().exchange(method, target, headers, deadline, read_body)


def world_spec(links: list[str], scale: float) -> dict[str, Any]:
    """The hosts, papers and repositories of the world the catalog's links live in."""
    snapshot = read_snapshot(REPO / "data" / "arxiv-snapshot.jsonl")
    papers: dict[str, dict[str, Any]] = {}
    repos: set[str] = set()
    for url in links:
        if (found := arxiv_link(url)) is not None and not gone(found[0]):
            record = snapshot.get(found[0])
            paper = papers.setdefault(found[0], _paper(found[0], record))
            paper["version"] = max(paper["version"], found[1] or 1)
        if (repo := github_repo(url)) is not None and not gone(repo):
            repos.add(repo)
    renamed = {repo: f"{repo}-renamed" for repo in sorted(repos) if gone(f"renamed {repo}")}
    hosts = sorted({urlsplit(url).hostname or "" for url in links})
    return {"hosts": hosts, "papers": papers, "repos": sorted(repos), "renamed": renamed, "scale": scale}


def _paper(arxiv_id: str, record: Any) -> dict[str, Any]:
    if record is None:
        return {
            "title": f"Paper {arxiv_id}",
            "authors": ["A. Author"],
            "published": "2025-01-10T00:00:00Z",
            "version": 1,
        }
    published = f"{record.published[:10]}T00:00:00Z" if record.published else "2025-01-10T00:00:00Z"
    return {"title": record.title, "authors": list(record.authors), "published": published, "version": 1}


def truth(url: str, spec: dict[str, Any]) -> str:
    """What a link is in this world: works, broken, or unverified (behind a bot wall)."""
    host = urlsplit(url).hostname or ""
    if host in BOT_WALLS:
        return "unverified"
    if (found := arxiv_link(url)) is not None:
        return "works" if found[0] in spec["papers"] else "broken"
    if (repo := github_repo(url)) is not None:
        return "works" if repo in spec["repos"] else "broken"
    return "broken" if gone(f"{host}{urlsplit(url).path or '/'}") else "works"


class World:
    """The stand-ins' process, and the commands it answers."""

    def __init__(self, spec_path: Path) -> None:
        command = [sys.executable, str(REPO / "benchmarks" / "links_world_hosts.py"), str(spec_path)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.bases: dict[str, str] = self._read()

    def ask(self, command: str) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._read()

    def _read(self) -> Any:
        assert self.process.stdout is not None
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def run_ours(world: World, links: list[Any], scale: float, token: bool) -> tuple[float, Verdicts]:
    """check-links' pipeline, with time for the hosts' rules running ``scale`` times faster."""
    environ = {
        "AWESOME_OPT_ARXIV_API": world.bases[ARXIV_API],
        "AWESOME_OPT_GITHUB_API": world.bases[GITHUB_API],
    }
    environ |= {"GITHUB_TOKEN": "t0ken"} if token else {}
    runtime = Runtime(
        sleep=lambda s: time.sleep(s / scale), monotonic=lambda: time.monotonic() * scale, environ=environ
    )
    args = argparse.Namespace(
        runtime=runtime, timeout=10.0, max_retry_wait=30.0, per_host=4, concurrency=32, retries=2
    )
    # As commands/check_links.py check() builds it, but with the stand-ins' address book.
    policy = load_policy(REPO / "data" / "link-policy.yaml")
    client = http_client(
        args, retries=args.retries, limiter=HostLimiter(HostLimits(args.per_host, policy.limits))
    )
    client.transport = AddressBook(world.bases)
    runner = LinkRun(
        client,
        policy,
        LinkOptions(args.concurrency, args.per_host),
        JsonCache(None, 0),
        check_links.plugins(client, runtime),
    )
    start = time.perf_counter()
    results = runner.run(links)
    seconds = time.perf_counter() - start
    kinds = {
        "ok": "works",
        "redirected": "works",
        "broken": "broken",
        "transient": "refused",
        "skipped": "unverified",
    }
    return seconds, {r.url: kinds[r.status] for r in results}


def run_lychee(world: World, urls: list[str], folder: Path) -> tuple[float, Verdicts]:
    """lychee with the same limits and retries, each real host remapped to its stand-in."""
    (folder / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = folder / "lychee.json"
    command = [tool("lychee"), "--no-progress", "--max-concurrency", "32", "--host-concurrency", "4"]
    command += ["--max-retries", "2", "--timeout", "10", "--format", "json", "-o", str(out)]
    for host, base in world.bases.items():
        command += ["--remap", f"^https?://{re.escape(host)}(/|$) {base}$1"]
    start = time.perf_counter()
    subprocess.run([*command, str(folder / "urls.txt")], capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - start
    verdicts = dict.fromkeys(urls, "works")
    report = json.loads(out.read_text(encoding="utf-8"))
    for name, kind in (("error_map", None), ("timeout_map", "refused")):
        for item in (i for items in report.get(name, {}).values() for i in items):
            url = item.get("remap", {}).get("original", {}).get("url", item["url"])
            code = item.get("status", {}).get("code")
            verdicts[url] = kind or ("broken" if code in (404, 410) else "refused")
    return seconds, verdicts


def report(
    spec: dict[str, Any], urls: list[str], runs: dict[str, tuple[float, Verdicts, dict[str, Any]]]
) -> None:
    """The per-host table, then where each tool's verdicts differ from the world."""
    by_host = Counter(urlsplit(url).hostname for url in urls)
    hosts = [*sorted(by_host, key=lambda h: -by_host[h]), ARXIV_API, GITHUB_API]
    print(f"{'host':<26}{'URLs':>5}" + "".join(f"  {name:>26}" for name in runs))
    print(f"{'':<31}" + "".join(f"  {'requests  429s    wall':>26}" for _ in runs))
    for host in hosts:
        cells = []
        for _, _, traffic in runs.values():
            seen = traffic.get(host, {"requests": 0, "statuses": {}, "wall": 0.0})
            refused = seen["statuses"].get("429", 0)
            cells.append(f"  {seen['requests']:>12}{refused:>6}{seen['wall']:>7.1f} s")
        print(f"{host:<26}{by_host.get(host, 0):>5}" + "".join(cells))
    print(f"{'total wall time':<31}" + "".join(f"  {seconds:>24.1f} s" for seconds, _, _ in runs.values()))
    expected = {url: truth(url, spec) for url in urls}
    print("\nverdicts that differ from the world's (works / broken / refused: 429, 403, quota, timeout /")
    print("unverified: skipped behind a bot wall)")
    for name, (_, verdicts, _) in runs.items():
        wrong = Counter(
            (urlsplit(u).hostname, expected[u], verdicts[u]) for u in urls if verdicts[u] != expected[u]
        )
        agree = sum(1 for u in urls if verdicts[u] == expected[u])
        print(f"{name}: {agree} of {len(urls)} as the world holds them")
        for (host, should, said), count in sorted(wrong.items(), key=lambda item: -item[1]):
            print(f"    {host:<24} {count:>4} x {should} -> {said}")


def main(scale: float) -> int:
    args = argparse.Namespace(files=[], urls_from=None, data_dir=REPO / "data")
    links = check_links.collect(args)
    urls = [link.url for link in links]
    spec = world_spec(urls, scale)
    print(
        f"{len(urls)} links of the catalog over {len(spec['hosts'])} hosts; "
        f"the hosts' rules run {scale:g} x faster than real time"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        world = World(folder / "spec.json")
        runs: dict[str, tuple[float, Verdicts, dict[str, Any]]] = {}
        try:
            for name, token in (("ours, no token", False), ("ours, GITHUB_TOKEN", True)):
                world.ask(f"reset {'token' if token else 'anonymous'}")
                seconds, verdicts = run_ours(world, links, scale, token)
                runs[name] = (seconds, verdicts, world.ask("stats"))
            world.ask("reset anonymous")
            try:
                seconds, verdicts = run_lychee(world, urls, folder)
                runs["lychee"] = (seconds, verdicts, world.ask("stats"))
            except FileNotFoundError:
                print("lychee is not installed; `make benchmark` installs it into .venv")
        finally:
            world.close()
    print()
    report(spec, urls, runs)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=10.0, help="how much faster the hosts' rules run")
    sys.exit(main(parser.parse_args().scale))
