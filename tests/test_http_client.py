"""The one request path: deadlines against slow peers, Retry-After limits, kept-alive connections,
bodies, proxies and certificates from the environment — against servers on loopback addresses."""

from __future__ import annotations

import base64
import email.utils
import gzip
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.links import classify
from awesome_opt.checks.probe import probe
from awesome_opt.checks.retry import FailureKind, RequestFailure, RetryPolicy
from awesome_opt.checks.transport import Deadline
from tests.conftest import FakeClock
from tests.linkserver import LinkServer, Reply, TunnelProxy, redirect


def client(
    retries: int = 0, timeout: float = 5.0, environ: dict[str, str] | None = None, wait: float = 30.0
) -> tuple[HttpClient, FakeClock]:
    clock = FakeClock()
    policy = RetryPolicy(retries=retries, max_retry_wait=wait)
    found = HttpClient(timeout=timeout, policy=policy, sleep=clock.sleep, environ=environ or {})
    return found, clock


def test_a_peer_dripping_its_headers_is_cut_off_by_the_deadline(server: LinkServer) -> None:
    # 40-odd bytes of status line and headers, one every 50 ms: each read is quick, the whole is not.
    server.route("/drip", Reply(200, drip=0.05))
    http, clock = client(retries=1, timeout=0.25)
    start = time.monotonic()
    verdict = classify(probe(http, server.url("/drip")))
    elapsed = time.monotonic() - start
    assert (verdict.status, verdict.error) == ("transient", "timed out (limit 0.25 s)")
    assert server.requests() == [("GET", "/drip"), ("GET", "/drip")]
    assert elapsed < 0.25 * 2 + 0.4  # timeout x (retries + 1), backoff on the fake clock
    assert len(clock.sleeps) == 1


def test_redirect_hops_share_one_deadline(server: LinkServer) -> None:
    server.route("/a", Reply(301, {"Location": "/b"}, b"", delay=0.15))
    server.route("/b", Reply(301, {"Location": "/c"}, b"", delay=0.15))
    server.route("/c", Reply(200, delay=0.15))
    http, _ = client(timeout=0.35)  # each hop fits in the timeout, the three together do not
    found = probe(http, server.url("/a"))
    assert (found.failure, found.hops) == (
        FailureKind.TIMEOUT,
        [(server.url("/a"), 301), (server.url("/b"), 301)],
    )
    fast, _ = client(timeout=1.0)
    assert classify(probe(fast, server.url("/a"))).status == "redirected"


def test_the_deadline_raises_once_it_passed() -> None:
    clock = FakeClock()
    deadline = Deadline(3.0, clock)
    clock.sleep(2.0)
    assert deadline.remaining() == pytest.approx(1.0)
    clock.sleep(1.0)
    with pytest.raises(TimeoutError):
        deadline.remaining()


@pytest.mark.parametrize("asked", ["86400", "date"])
def test_a_retry_after_longer_than_the_limit_gives_up_at_once(server: LinkServer, asked: str) -> None:
    value = email.utils.formatdate(time.time() + 86400, usegmt=True) if asked == "date" else asked
    server.route("/busy", Reply(429, {"Retry-After": value}))
    http, clock = client(retries=2, wait=30)
    verdict = classify(probe(http, server.url("/busy")))
    assert (verdict.status, verdict.http_code) == ("transient", 429)
    assert verdict.error.startswith("HTTP 429: Retry-After asks for 86")
    assert verdict.error.endswith("more than the 30 s this run waits")
    assert clock.sleeps == [] and len(server.requests()) == 1


def test_a_retry_after_within_the_limit_is_waited_for(server: LinkServer) -> None:
    server.route("/busy", Reply(429, {"Retry-After": "30"}), Reply(200))
    http, clock = client(retries=1, wait=30)
    assert classify(probe(http, server.url("/busy"))).status == "ok"
    assert clock.sleeps == [30.0]


def test_a_kept_alive_connection_serves_every_request(server: LinkServer) -> None:
    server.route("/page", Reply(200, body=b"x" * 1000))
    http, _ = client()
    for _ in range(5):
        assert http.request("GET", server.url("/page"), read_body=False).status == 200
    assert len(server.connections) == 1


def test_a_long_body_is_not_read_and_its_connection_is_dropped(server: LinkServer) -> None:
    server.route("/big", Reply(200, body=b"x" * 300_000))
    http, _ = client()
    for _ in range(2):
        response = http.request("GET", server.url("/big"), read_body=False)
        assert (response.status, response.body) == (200, b"")
    assert len(server.connections) == 2


def test_a_connection_the_server_closed_is_replaced_without_a_retry(server: LinkServer) -> None:
    server.route("/page", Reply(200, hang_up=True))
    http, clock = client(retries=0)
    statuses = [http.request("GET", server.url("/page")).status for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert len(server.connections) == 3 and clock.sleeps == []


def test_bodies_are_read_and_decompressed_for_the_apis(server: LinkServer) -> None:
    server.route("/feed", Reply(200, {"Content-Encoding": "gzip"}, gzip.compress(b"<feed/>" * 10_000)))
    http, _ = client()
    assert http.get(server.url("/feed")).body == b"<feed/>" * 10_000


def test_query_parameters_and_headers_are_sent(server: LinkServer) -> None:
    server.route("/api/query?id_list=2402.03300%2C1707.06347&max_results=2", Reply(200))
    http, _ = client()
    params = {"id_list": "2402.03300,1707.06347", "max_results": 2}
    assert http.get(server.url("/api/query"), params=params, headers={"X-Test": "yes"}).status == 200
    assert server.log[0][2]["X-Test"] == "yes"


def test_credentials_are_not_sent_to_another_host_on_redirect() -> None:
    with LinkServer("127.0.0.1") as api, LinkServer("127.0.0.2") as elsewhere:
        api.route("/repos/old/name", redirect(301, api.url("/repos/new/name")))
        api.route("/repos/new/name", redirect(302, elsewhere.url("/mirror")))
        elsewhere.route("/mirror", Reply(200))
        http, _ = client()
        answer = http.get(api.url("/repos/old/name"), headers={"Authorization": "Bearer t0ken"})
    assert (answer.status, answer.url) == (200, elsewhere.url("/mirror"))
    assert [headers.get("Authorization") for _, _, headers in api.log] == ["Bearer t0ken"] * 2
    assert "Authorization" not in elsewhere.log[0][2]


def test_an_http_proxy_gets_absolute_urls_and_the_credentials_of_its_url() -> None:
    with LinkServer("127.0.0.2", fallback=lambda method, path: Reply(200)) as proxy, LinkServer() as direct:
        direct.route("/here", Reply(200))
        environ = {"http_proxy": f"http://user:p%40ss@127.0.0.2:{proxy.port}", "NO_PROXY": "127.0.0.1"}
        http, _ = client(environ=environ)
        assert http.request("GET", "http://paper.example.test/abs/1", read_body=False).status == 200
        assert http.request("GET", direct.url("/here"), read_body=False).status == 200
    [(method, path, headers)] = proxy.log
    assert (method, path) == ("GET", "http://paper.example.test/abs/1")
    assert headers["Proxy-Authorization"] == "Basic " + base64.b64encode(b"user:p@ss").decode()
    assert direct.requests() == [("GET", "/here")]


def test_an_unsupported_proxy_is_a_clear_connection_error() -> None:
    http, _ = client(environ={"HTTPS_PROXY": "socks5://127.0.0.1:1080"})
    with pytest.raises(RequestFailure) as raised:
        http.request("GET", "https://paper.example.test/")
    assert raised.value.kind is FailureKind.CONNECTION
    assert "only http:// proxies are supported" in str(raised.value)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1"]
    try:
        subprocess.run(command, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the openssl command is needed to make a test certificate")
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[LinkServer]:
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with LinkServer(tls=context) as running:
        running.route("/secure", Reply(200))
        yield running


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_the_certificate_bundle_of_the_environment_is_trusted(
    tls_server: LinkServer, certificate: tuple[Path, Path], variable: str
) -> None:
    url = tls_server.url("/secure")
    trusting, _ = client(environ={variable: str(certificate[0])})
    assert classify(probe(trusting, url)).status == "ok"
    default, _ = client()  # certifi's bundle does not know this certificate
    verdict = classify(probe(default, url))
    assert verdict.status == "broken" and verdict.error.startswith("TLS failure")


def test_https_goes_through_the_proxy_in_a_tunnel(
    tls_server: LinkServer, certificate: tuple[Path, Path]
) -> None:
    with TunnelProxy("127.0.0.3") as proxy:
        environ = {"https_proxy": f"http://me:secret@{proxy.url.removeprefix('http://')}"}
        http, _ = client(environ={**environ, "REQUESTS_CA_BUNDLE": str(certificate[0])})
        assert http.request("GET", tls_server.url("/secure")).status == 200
    [(line, headers)] = proxy.requests
    assert line == f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.0"
    assert headers["Proxy-Authorization"] == "Basic " + base64.b64encode(b"me:secret").decode()
    assert tls_server.requests() == [("GET", "/secure")]
