"""The one request path probing links against real servers on loopback addresses: one GET per URL,
redirects, retries, Retry-After, a wall-clock deadline per attempt, HEAD where the policy asks."""

from __future__ import annotations

import email.utils
import socket
import time

import pytest

from awesome_opt import __version__
from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.links import classify
from awesome_opt.checks.probe import probe
from awesome_opt.checks.retry import RetryPolicy, parse_retry_after
from tests.linkserver import LinkServer, Reply, redirect


class FakeSleep:
    """Records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client(sleep: FakeSleep | None = None, retries: int = 2, timeout: float = 5.0) -> HttpClient:
    return HttpClient(timeout=timeout, policy=RetryPolicy(retries=retries), sleep=sleep or FakeSleep())


def test_ok_needs_one_get_and_sends_a_versioned_user_agent(server: LinkServer) -> None:
    server.route("/page", Reply(200))
    verdict = classify(probe(client(), server.url("/page")))
    assert (verdict.status, verdict.http_code) == ("ok", 200)
    assert server.requests() == [("GET", "/page")]
    assert f"awesome-opt/{__version__}" in server.log[0][2]["User-Agent"]


def test_permanent_redirect_chain_reports_the_new_url(server: LinkServer) -> None:
    server.route("/old", redirect(301, "/older"))
    server.route("/older", redirect(308, server.url("/new")))
    server.route("/new", Reply(200))
    found = probe(client(), server.url("/old"))
    assert found.hops == [(server.url("/old"), 301), (server.url("/older"), 308)]
    verdict = classify(found)
    assert (verdict.status, verdict.final_url) == ("redirected", server.url("/new"))


def test_temporary_redirect_is_ok_and_records_where_it_led(server: LinkServer) -> None:
    server.route("/login", redirect(302, "/today"))
    server.route("/today", Reply(200))
    verdict = classify(probe(client(), server.url("/login")))
    assert (verdict.status, verdict.final_url) == ("ok", server.url("/today"))


def test_permanent_then_temporary_suggests_the_permanent_target(server: LinkServer) -> None:
    server.route("/a", redirect(301, "/b"))
    server.route("/b", redirect(302, "/c"))
    server.route("/c", Reply(200))
    verdict = classify(probe(client(), server.url("/a")))
    assert (verdict.status, verdict.final_url) == ("redirected", server.url("/b"))


@pytest.mark.parametrize("code", [404, 410])
def test_gone_pages_are_broken_after_one_get(server: LinkServer, code: int) -> None:
    server.route("/gone", Reply(code))
    verdict = classify(probe(client(), server.url("/gone")))
    assert (verdict.status, verdict.http_code, verdict.error) == ("broken", code, f"HTTP {code}")
    assert server.requests() == [("GET", "/gone")]


def test_retry_after_seconds_is_honoured(server: LinkServer) -> None:
    server.route("/busy", Reply(429, {"Retry-After": "1"}), Reply(200))
    sleep = FakeSleep()
    verdict = classify(probe(client(sleep), server.url("/busy")))
    assert verdict.status == "ok"
    assert sleep.waits == [1.0]


def test_retry_after_beyond_the_limit_is_not_waited_for() -> None:
    policy = RetryPolicy(max_retry_wait=60)
    assert policy.wait(1, parse_retry_after("60", time.time)) == 60
    assert policy.wait(1, parse_retry_after("3600", time.time)) is None
    now = 1_800_000_000.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), lambda: now) == 30


def test_server_error_then_success_is_retried_with_backoff(server: LinkServer) -> None:
    server.route("/flaky", Reply(503), Reply(200))
    sleep = FakeSleep()
    verdict = classify(probe(client(sleep), server.url("/flaky")))
    assert verdict.status == "ok"
    assert len(sleep.waits) == 1 and 0.5 <= sleep.waits[0] <= 0.75


def test_persistent_server_error_is_transient(server: LinkServer) -> None:
    server.route("/down", Reply(503))
    verdict = classify(probe(client(retries=1), server.url("/down")))
    assert (verdict.status, verdict.http_code) == ("transient", 503)
    assert server.requests() == [("GET", "/down"), ("GET", "/down")]


def test_a_server_refusing_head_is_never_asked_with_head(server: LinkServer) -> None:
    server.route("/no-head", Reply(405), method="HEAD")
    server.route("/no-head", Reply(200), method="GET")
    verdict = classify(probe(client(), server.url("/no-head")))
    assert (verdict.status, verdict.http_code) == ("ok", 200)
    assert server.requests() == [("GET", "/no-head")]


def test_where_the_policy_asks_head_comes_first_and_get_follows_a_refusal(server: LinkServer) -> None:
    server.route("/no-head", Reply(405), method="HEAD")
    server.route("/no-head", Reply(200), method="GET")
    server.route("/page", Reply(200))
    assert classify(probe(client(), server.url("/no-head"), head=True)).status == "ok"
    assert classify(probe(client(), server.url("/page"), head=True)).status == "ok"
    assert server.requests() == [("HEAD", "/no-head"), ("GET", "/no-head"), ("HEAD", "/page")]


def test_a_persistent_error_after_head_gets_one_get_without_retries(server: LinkServer) -> None:
    server.route("/down", Reply(503))
    verdict = classify(probe(client(retries=1), server.url("/down"), head=True))
    assert (verdict.status, verdict.http_code) == ("transient", 503)
    assert server.requests() == [("HEAD", "/down"), ("HEAD", "/down"), ("GET", "/down")]


def test_answer_slower_than_the_timeout_is_transient(server: LinkServer) -> None:
    server.route("/slow", Reply(200, delay=5.0))
    start = time.monotonic()
    verdict = classify(probe(client(retries=0, timeout=0.3), server.url("/slow")))
    assert verdict.status == "transient"
    assert "timed out" in verdict.error
    assert time.monotonic() - start < 3.0


def test_redirect_loop_is_broken(server: LinkServer) -> None:
    server.route("/ping", redirect(301, "/pong"))
    server.route("/pong", redirect(302, "/ping"))
    verdict = classify(probe(client(), server.url("/ping")))
    assert verdict.status == "broken"
    assert "redirect loop" in verdict.error


def test_connection_refused_is_broken_without_retries() -> None:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]
    sleep = FakeSleep()
    verdict = classify(probe(client(sleep), f"http://127.0.0.1:{port}/"))
    assert (verdict.status, verdict.error) == ("broken", "connection refused")
    assert sleep.waits == []


def test_invalid_domain_is_broken_without_any_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lookup(*args: object, **kwargs: object) -> None:
        raise AssertionError("a name under .invalid was looked up")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    verdict = classify(probe(client(), "https://paper.example.invalid/abs/1"))
    assert verdict.status == "broken"
    assert "RFC 6761" in verdict.error


def test_redirect_to_an_invalid_domain_is_broken(server: LinkServer) -> None:
    server.route("/moved", redirect(301, "https://gone.invalid/x"))
    verdict = classify(probe(client(), server.url("/moved")))
    assert verdict.status == "broken"


def test_with_proxies_bypassed_the_results_are_the_same(
    server: LinkServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # configured, but bypassed for every host
    monkeypatch.setenv("NO_PROXY", "*")
    server.route("/old", redirect(301, "/new"))
    server.route("/new", Reply(200))
    server.route("/busy", Reply(429, {"Retry-After": "2"}), Reply(200))
    sleep = FakeSleep()
    found = {path: classify(probe(client(sleep), server.url(path))) for path in ("/old", "/gone", "/busy")}
    assert (found["/old"].status, found["/old"].final_url) == ("redirected", server.url("/new"))
    assert (found["/gone"].status, found["/gone"].http_code) == ("broken", 404)
    assert found["/busy"].status == "ok" and sleep.waits == [2.0]
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert classify(probe(client(), f"http://127.0.0.1:{port}/")).status == "broken"
