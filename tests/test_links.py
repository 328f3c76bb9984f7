"""LinkRun: host limits, the cache, the policy file and batch plug-ins, against loopback servers."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

import pytest

from awesome_opt.checks.cache import JsonCache
from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.limits import HostLimiter, HostLimits
from awesome_opt.checks.links import LinkOptions, LinkRun, shard_of
from awesome_opt.checks.policy import HostRule, LinkPolicy, load_policy
from awesome_opt.checks.retry import RetryPolicy, TransientHttpError
from awesome_opt.checks.urls import Link, SourceRef
from awesome_opt.checks.verdict import LinkStatus, LinkVerdict
from tests.linkserver import LinkServer, Reply

REPO = Path(__file__).resolve().parents[1]
HERE = SourceRef("urls.txt", 1, Path("urls.txt"))


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def runner(
    policy: LinkPolicy | None = None,
    cache: JsonCache | None = None,
    per_host: int = 4,
    concurrency: int = 8,
    plugins: Sequence[object] = (),
) -> LinkRun:
    policy = policy or LinkPolicy()
    limiter = HostLimiter(HostLimits(per_host, policy.limits))
    client = HttpClient(timeout=5, policy=RetryPolicy(retries=0), sleep=lambda s: None, limiter=limiter)
    options = LinkOptions(concurrency=concurrency, per_host=per_host)
    return LinkRun(client, policy, options, cache, plugins)  # type: ignore[arg-type]


def links(*urls: str) -> list[Link]:
    return [Link(url, [HERE]) for url in urls]


def test_per_host_limit_is_respected_and_reached() -> None:
    with LinkServer("127.0.0.1") as one, LinkServer("127.0.0.2") as two:
        for server in (one, two):
            server.fallback = lambda method, path: Reply(200, delay=0.05)
        urls = [one.url(f"/{i}") for i in range(12)] + [two.url(f"/{i}") for i in range(12)]
        results = runner(per_host=3, concurrency=16).run(links(*urls))
    assert {r.status for r in results} == {"ok"}
    assert (one.max_in_flight, two.max_in_flight) == (3, 3)


def test_policy_limit_tightens_a_host_like_arxiv() -> None:
    policy = LinkPolicy(limits={"127.0.0.3": 1})
    with LinkServer("127.0.0.3") as server:
        server.fallback = lambda method, path: Reply(200, delay=0.02)
        runner(policy, per_host=4).run(links(*[server.url(f"/{i}") for i in range(6)]))
    assert server.max_in_flight == 1


def test_results_keep_the_input_order_and_sources(server: LinkServer) -> None:
    server.route("/a", Reply(200))
    urls = [server.url("/missing"), server.url("/a")]
    results = runner().run(links(*urls))
    assert [(r.url, r.status) for r in results] == [(urls[0], "broken"), (urls[1], "ok")]
    assert [str(s) for s in results[0].sources] == ["urls.txt:1"]


def test_second_run_sends_no_request_for_cached_ok_urls(server: LinkServer, tmp_path: Path) -> None:
    server.route("/fine", Reply(200))
    urls = [server.url("/fine"), server.url("/gone")]
    path, clock = tmp_path / "links.json", Clock()
    runner(cache=JsonCache(path, 86400, clock)).run(links(*urls))
    first = len(server.requests())
    results = runner(cache=JsonCache(path, 86400, clock)).run(links(*urls))
    assert server.requests("/fine") == [("GET", "/fine")]
    assert len(server.requests()) - first == 1  # only the broken URL, one GET, again
    assert [(r.status, r.cached) for r in results] == [("ok", True), ("broken", False)]


def test_cached_results_expire_after_max_age(server: LinkServer, tmp_path: Path) -> None:
    server.route("/fine", Reply(200))
    path, clock = tmp_path / "links.json", Clock()
    runner(cache=JsonCache(path, 3600, clock)).run(links(server.url("/fine")))
    clock.now += 3601
    runner(cache=JsonCache(path, 3600, clock)).run(links(server.url("/fine")))
    assert server.requests("/fine") == [("GET", "/fine"), ("GET", "/fine")]


def test_skipped_hosts_and_exclusions_are_never_requested(server: LinkServer) -> None:
    policy = LinkPolicy(skip=[HostRule(host="127.0.0.1", reason="blocks robots")])
    policy = policy.with_exclusions([r"/private/"])
    results = runner(policy).run(links(server.url("/x"), "https://127.0.0.9/private/y"))
    assert [r.status for r in results] == ["skipped", "skipped"]
    assert results[0].verdict.error == "127.0.0.1: blocks robots"
    assert "--exclude" in results[1].verdict.error
    assert server.requests() == []


def test_the_repository_policy_gives_a_reason_for_every_host() -> None:
    policy = load_policy(REPO / "data" / "link-policy.yaml")
    assert policy.limits["arxiv.org"] == 1 and policy.limits["github.com"] == 1
    assert policy.skip and all(len(host.reason) > 20 for host in policy.skip)
    assert policy.skip_reason("https://openai.com/index/x/") is not None
    assert policy.skip_reason("https://arxiv.org/abs/2402.03300") is None


class FakeArxiv:
    """A batch plug-in like the arXiv metadata check (on a name that never resolves)."""

    name = "arxiv"

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def claims(self, url: str) -> bool:
        return url.startswith("https://arxiv.invalid/abs/")

    def check(self, urls: Sequence[str]) -> dict[str, LinkVerdict]:
        self.batches.append(list(urls))
        return {url: LinkVerdict(LinkStatus.OK, 200, url) for url in urls}


def test_batch_plugin_confirms_the_links_it_claims_in_one_call(server: LinkServer) -> None:
    server.route("/page", Reply(200))
    plugin = FakeArxiv()
    arxiv = ["https://arxiv.invalid/abs/2402.03300", "https://arxiv.invalid/abs/1707.06347"]
    results = runner(plugins=[plugin]).run(links(*arxiv, server.url("/page")))
    assert plugin.batches == [arxiv]
    assert [(r.status, r.via) for r in results] == [("ok", "arxiv"), ("ok", "arxiv"), ("ok", "http")]


def test_shards_partition_the_urls() -> None:
    urls = [f"https://host{i % 7}.example/{i}" for i in range(300)]
    shards = [{u for u in urls if shard_of(u, 4) == index} for index in range(4)]
    assert sum(len(s) for s in shards) == len(urls)
    assert set().union(*shards) == set(urls)
    assert all(40 < len(s) < 110 for s in shards)


def test_a_name_that_does_not_resolve_is_looked_up_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups: list[str] = []

    def fail(host: str, *args: object, **kwargs: object) -> None:
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    urls = [f"https://gone.test/{i}" for i in range(5)]
    results = runner(per_host=1).run(links(*urls))
    assert [r.status for r in results] == ["broken"] * 5
    assert all("DNS failure" in r.verdict.error for r in results)
    assert lookups == ["gone.test"]


def test_urls_that_cannot_be_requested_are_broken_not_fatal() -> None:
    results = runner().run(links("ftp://127.0.0.1/file", "http://127.0.0.1:99999/", "http:///no-host"))
    assert [r.status for r in results] == ["broken", "broken", "broken"]
    assert all(r.verdict.error.startswith("invalid URL: ") for r in results)


class DownApi(FakeArxiv):
    def check(self, urls: Sequence[str]) -> dict[str, LinkVerdict]:
        raise TransientHttpError("HTTP 503 from the API", 503)


def test_a_failing_batch_api_makes_its_links_transient() -> None:
    results = runner(plugins=[DownApi()]).run(links("https://arxiv.invalid/abs/2402.03300"))
    assert (results[0].status, results[0].verdict.error) == ("transient", "arxiv: HTTP 503 from the API")
