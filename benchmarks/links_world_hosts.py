"""The loopback world of ``benchmarks/links_world.py``: a stand-in per real host, the fake APIs, the rules.

Run as its own process (``python benchmarks/links_world_hosts.py SPEC.json``) so the stand-ins never
compete with a checker for the GIL. It prints one JSON line, ``{host: "http://address:port"}``, then
answers commands read from standard input, one a line, each with one JSON line:
``reset anonymous`` / ``reset token`` (forget the traffic; GitHub's quota is 60 or 5000 requests),
``stats`` (per host: requests, statuses, wall time from the first request to the last answer).

SPEC.json, written by links_world.py, names the hosts, the papers (from the arXiv snapshot), the
repositories, the renamed and the gone ones, and ``scale``: how much faster than real time the
hosts' rules run (arXiv's three seconds between requests become 3 / scale).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fixtures.arxiv.fake_api import Answer, FakeArxiv, Paper, serve  # noqa: E402
from tests.fixtures.github.fake_api import FakeGithub, repo_body, serve_github  # noqa: E402
from tests.linkserver import LinkServer, Reply  # noqa: E402

ARXIV_API, GITHUB_API = "export.arxiv.org", "api.github.com"
# Seconds an answer takes, per host (typical figures from Europe; anything else gets DEFAULT).
LATENCY = {
    "arxiv.org": 0.20,
    ARXIV_API: 0.50,
    "github.com": 0.15,
    GITHUB_API: 0.10,
    "huggingface.co": 0.10,
}
DEFAULT_LATENCY = 0.08
ARXIV_GAP = 3.0  # arXiv: "no more than one request every three seconds", pages and API alike
QUOTA = {"anonymous": 60, "token": 5000}  # GitHub API requests an hour; a 304 is free
BOT_WALLS = {"openai.com"}  # a Cloudflare challenge (403) for every client without a browser
GONE_EVERY = 40  # about 2.5 % of the other hosts' pages are gone


def gone(key: str) -> bool:
    """The stable choice of what is gone in this world (pages, papers, repositories)."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % GONE_EVERY == 0


@dataclass
class Traffic:
    """What one host saw: requests, their statuses, and when the first came and the last was answered."""

    statuses: Counter[int] = field(default_factory=Counter)
    first: float | None = None
    last: float = 0.0

    def record(self, status: int, latency: float) -> None:
        now = time.monotonic()
        self.first = now if self.first is None else self.first
        self.last = max(self.last, now + latency)
        self.statuses[status] += 1

    def to_json(self) -> dict[str, Any]:
        span = self.last - self.first if self.first is not None else 0.0
        return {"requests": sum(self.statuses.values()), "statuses": dict(self.statuses), "wall": span}


class Gap:
    """arXiv's rule: a request sooner than ``seconds`` after the last one admitted is refused."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.last = -1e9

    def admits(self) -> bool:
        with self.lock:
            now = time.monotonic()
            if now - self.last < self.seconds:
                return False
            self.last = now
            return True


class World:
    """Every host's behaviour and traffic, from the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.papers = set(spec["papers"])
        self.repos = {repo.lower() for repo in spec["repos"]}
        self.renamed: dict[str, str] = spec["renamed"]
        self.new_names = set(self.renamed.values())
        self.gap = Gap(ARXIV_GAP / spec["scale"])
        self.traffic: dict[str, Traffic] = {}
        self.lock = threading.Lock()

    def reset(self) -> None:
        with self.lock:
            self.traffic = {}
        self.gap.last = -1e9

    def record(self, host: str, status: int) -> None:
        with self.lock:
            self.traffic.setdefault(host, Traffic()).record(status, LATENCY.get(host, DEFAULT_LATENCY))

    def page(self, host: str, path: str) -> Reply:
        """The answer of a page host."""
        status, headers = self._page(host, urlsplit(path).path)
        self.record(host, status)
        return Reply(status, headers, b"", delay=LATENCY.get(host, DEFAULT_LATENCY))

    def _page(self, host: str, path: str) -> tuple[int, dict[str, str]]:
        if host in BOT_WALLS:
            return 403, {}
        if host == "arxiv.org":
            if not self.gap.admits():
                return 429, {"Retry-After": str(round(ARXIV_GAP / self.spec["scale"]) or 1)}
            paper = re.sub(r"(v\d+)?(\.pdf)?/?$", "", path.split("/", 2)[2]) if path.count("/") >= 2 else ""
            return (200 if paper in self.papers else 404), {}
        if host == "github.com":
            parts = path.strip("/").split("/")
            repo = "/".join(parts[:2]).lower()
            if repo in self.renamed:
                return 301, {"Location": "/" + "/".join([self.renamed[repo], *parts[2:]])}
            return (200 if repo in self.repos or repo in self.new_names else 404), {}
        return (404 if gone(f"{host}{path}") else 200), {}


def arxiv_api(world: World, address: str) -> Any:
    """The fake export API (real feed format) behind arXiv's three-second rule."""
    state = FakeArxiv()
    state.add(
        *(
            Paper(i, p["title"], p["authors"], p["published"], version=p["version"])
            for i, p in world.spec["papers"].items()
        )
    )

    def respond(path: str, headers: dict[str, str]) -> Answer:
        time.sleep(LATENCY[ARXIV_API])
        if not world.gap.admits():
            world.record(ARXIV_API, 429)
            return 429, {"Retry-After": "3"}, b"Rate exceeded.\n"
        params = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        status, body = state.answer(params)
        world.record(ARXIV_API, status)
        return status, {"Content-Type": "application/atom+xml; charset=utf-8"}, body

    return serve(respond, address)


class GithubWorld(FakeGithub):
    """The fake REST API with the world's quota, latency and traffic."""

    world: World | None = None

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(LATENCY[GITHUB_API])
        status, extra, body = super().answer(path, headers)
        assert self.world is not None
        self.world.record(GITHUB_API, status)
        return status, extra, body


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    world = World(spec)
    addresses = iter(f"127.0.{n // 250 + 1}.{n % 250 + 1}" for n in range(10_000))
    servers = {
        host: LinkServer(next(addresses), fallback=lambda m, p, h=host: world.page(h, p)).start()
        for host in spec["hosts"]
    }
    bases = {host: server.url("") for host, server in servers.items()}
    github = GithubWorld(renamed=spec["renamed"])
    github.world = world
    github.repos = {repo.lower(): repo_body(repo, 100) for repo in spec["repos"]}
    github.repos.update({new.lower(): repo_body(new, 100) for new in spec["renamed"].values()})
    with arxiv_api(world, next(addresses)) as arxiv_base, serve_github(github, next(addresses)) as fake:
        bases[ARXIV_API] = f"{arxiv_base}/api/query"
        bases[GITHUB_API] = fake.url
        print(json.dumps(bases), flush=True)
        for line in sys.stdin:
            command = line.split()
            if command[:1] == ["reset"]:
                world.reset()
                github.remaining = QUOTA[command[1]]
                print(json.dumps({"reset": command[1]}), flush=True)
            elif command == ["stats"]:
                print(json.dumps({host: t.to_json() for host, t in world.traffic.items()}), flush=True)
    for server in servers.values():
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
