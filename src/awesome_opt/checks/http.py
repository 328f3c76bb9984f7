"""The one HTTP layer every checker uses: sessions, timeouts, retries, backoff and Retry-After.

Nothing else in the package imports ``requests``. Tests point the checkers at servers on
127.0.0.1 through each checker's configurable base URL, and pass a fake ``sleep``.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3

from awesome_opt import __version__
from awesome_opt.checks.limits import HostLimiter

USER_AGENT = f"awesome-opt/{__version__} (link and metadata checker of a curated paper list)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
SHORT_BODY = 64 * 1024
POOLS = 256  # hosts whose connections are kept
POOL_SIZE = 32  # idle connections kept per host
PROXY_SETTINGS = frozenset({"http_proxy", "https_proxy", "all_proxy", "no_proxy"})
ENVIRONMENT_SETTINGS = PROXY_SETTINGS | {"requests_ca_bundle", "curl_ca_bundle", "netrc"}
DNS_MARKERS = (
    "name or service not known",
    "nodename nor servname",
    "name resolution",
    "no address associated",
    "failed to resolve",
    "getaddrinfo failed",
)


class TransientHttpError(Exception):
    """Still failing after every retry (timeouts, connection resets, 5xx, 429)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry."""

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based): Retry-After, else backoff+jitter."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        base = min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)
        jitter: float = random.uniform(0, base / 2)
        return base + jitter


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header given as seconds or as an HTTP date; None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class HttpClient:
    """A thread-safe client: one ``requests`` session per thread, timeouts and retries."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        connect_timeout: float | None = None,
        policy: RetryPolicy | None = None,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        limiter: HostLimiter | None = None,
    ) -> None:
        self.timeout = (connect_timeout or min(timeout, 5.0), timeout)
        self.policy = policy or RetryPolicy()
        self.user_agent = user_agent
        self.sleep = sleep
        self.limiter = limiter
        self._local = threading.local()
        # One connection pool shared by every thread's session, so a connection opened by one
        # worker is reused by the next (urllib3's pools are thread-safe).
        self._adapter = requests.adapters.HTTPAdapter(pool_connections=POOLS, pool_maxsize=POOL_SIZE)
        self._light_headers = {"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
        self._proxied = any(name.lower() in PROXY_SETTINGS for name in os.environ)
        self._tls = _tls_settings()

    def session(self) -> requests.Session:
        """This thread's session (created on first use)."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.user_agent
            session.mount("https://", self._adapter)
            session.mount("http://", self._adapter)
            # Reading proxy settings and ~/.netrc costs about a millisecond a request; skip it
            # unless the environment configures proxies or certificates.
            session.trust_env = any(name.lower() in ENVIRONMENT_SETTINGS for name in os.environ)
            self._local.session = session
        return session

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        allow_redirects: bool = True,
        retry_if: Callable[[requests.Response], bool] | None = None,
        stream: bool = False,
        retries: int | None = None,
    ) -> requests.Response:
        """Send a request, retrying timeouts, connection errors, 429 and 5xx (and ``retry_if``).

        ``retries`` overrides the policy's count; with a limiter, each attempt holds a slot of its host.
        """
        retries = self.policy.retries if retries is None else retries
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._slot(url):
                    response = self.session().request(
                        method,
                        url,
                        headers=headers,
                        params=params,
                        timeout=self.timeout,
                        allow_redirects=allow_redirects,
                        stream=stream,
                    )
            except (requests.Timeout, requests.ConnectionError) as exc:
                if not _retryable_exception(exc) or attempt > retries:
                    raise
                self.sleep(self.policy.delay(attempt))
                continue
            retry = response.status_code in RETRY_STATUSES or (retry_if is not None and retry_if(response))
            if not retry:
                return response
            if attempt > retries:
                return response
            wait = self.policy.delay(attempt, parse_retry_after(response.headers.get("Retry-After")))
            response.close()
            self.sleep(wait)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        """GET with retries (see :meth:`request`)."""
        return self.request("GET", url, **kwargs)

    def _slot(self, url: str) -> AbstractContextManager[None]:
        host = urlsplit(url).hostname or ""
        return self.limiter.slot(host) if self.limiter else nullcontext()

    def answer(self, method: str, url: str, retries: int | None = None) -> Answer:
        """Status and headers of one request (redirects not followed, body not kept), retried like
        :meth:`request`; raises :class:`RequestFailure` naming the kind of failure."""
        retries = self.policy.retries if retries is None else retries
        if self._proxied:  # proxies from the environment: requests knows how to use them
            return self._answer_with_requests(method, url, retries)
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._slot(url):
                    found = self._send_light(method, url)
            except urllib3.exceptions.HTTPError as exc:
                kind = failure_kind(exc)
                if kind not in ("timeout", "connection") or attempt > retries:
                    raise RequestFailure(kind, describe_failure(kind, exc, self.timeout[1])) from exc
                self.sleep(self.policy.delay(attempt))
                continue
            if found.status not in RETRY_STATUSES or attempt > retries:
                return found
            self.sleep(self.policy.delay(attempt, parse_retry_after(found.headers.get("Retry-After"))))

    def _answer_with_requests(self, method: str, url: str, retries: int) -> Answer:
        try:
            response = self.request(method, url, allow_redirects=False, stream=True, retries=retries)
        except requests.RequestException as exc:
            kind = failure_kind(exc)
            raise RequestFailure(kind, describe_failure(kind, exc, self.timeout[1])) from exc
        found = Answer(response.status_code, response.headers)
        _finish(response)
        return found

    def _send_light(self, method: str, url: str) -> Answer:
        """One request straight through the shared urllib3 pool, at a fraction of requests' CPU cost."""
        tls = self._tls if url[:6].lower() == "https:" else None
        pool = self._adapter.poolmanager.connection_from_url(url, pool_kwargs=tls)
        response = pool.urlopen(
            method,
            urllib3.util.parse_url(url).request_uri,
            headers=self._light_headers,
            redirect=False,
            retries=False,
            timeout=urllib3.Timeout(connect=self.timeout[0], read=self.timeout[1]),
            preload_content=False,
        )
        length = response.headers.get("Content-Length", "")
        if method == "HEAD" or (length.isdigit() and int(length) <= SHORT_BODY):
            response.drain_conn()  # read the short body so the connection can be reused
        else:
            response.close()  # a long body is not worth reading
        response.release_conn()
        return Answer(response.status, response.headers)


@dataclass(frozen=True)
class Answer:
    """The status and headers of a response whose body was released."""

    status: int
    headers: Mapping[str, str]


class RequestFailure(Exception):
    """A request that got no answer; ``kind`` is one of the names :func:`failure_kind` gives."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _tls_settings() -> dict[str, Any]:
    """Certificate checks as requests makes them: its CA bundle, or the one the environment names."""
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    bundle = bundle or requests.utils.DEFAULT_CA_BUNDLE_PATH
    key = "ca_cert_dir" if os.path.isdir(bundle) else "ca_certs"
    return {"cert_reqs": "CERT_REQUIRED", key: bundle}


def _finish(response: requests.Response) -> None:
    """Release the connection for reuse after a short body (read it); drop it after a long one."""
    length = response.headers.get("Content-Length", "")
    if response.request.method == "HEAD" or (length.isdigit() and int(length) <= SHORT_BODY):
        with suppress(requests.RequestException):
            _ = response.content
    response.close()


def failure_kind(exc: Exception) -> str:
    """Why a request (of requests or urllib3) failed: dns, refused, tls, timeout, invalid-url, connection."""
    if isinstance(exc, (requests.exceptions.SSLError, urllib3.exceptions.SSLError)):
        return "tls"
    text = str(exc).lower()
    if any(marker in text for marker in DNS_MARKERS):
        return "dns"
    if "connection refused" in text:
        return "refused"
    if isinstance(exc, (requests.Timeout, urllib3.exceptions.TimeoutError)):
        return "timeout"
    invalid = (
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
    )
    if isinstance(exc, (*invalid, urllib3.exceptions.LocationValueError)):
        return "invalid-url"
    return "connection"


def describe_failure(kind: str, exc: Exception, timeout: float) -> str:
    """A one-line message for a failed request."""
    messages = {
        "dns": "DNS failure: the host name does not resolve",
        "refused": "connection refused",
        "timeout": f"timed out (limit {timeout:g} s)",
    }
    if kind in messages:
        return messages[kind]
    detail = " ".join(str(exc).split())
    label = {"tls": "TLS failure", "invalid-url": "invalid URL"}.get(kind, "connection error")
    return f"{label}: {detail[:200]}"


def _retryable_exception(exc: Exception) -> bool:
    """Timeouts and resets are worth retrying; refused connections, DNS and TLS failures are not."""
    return failure_kind(exc) in ("timeout", "connection")
