"""The one request path every checker uses: per-host slots, a deadline per attempt, redirects, retries.

The link probe, the arXiv API client and the GitHub API client all call :meth:`HttpClient.request`.
An attempt follows the redirects (recording each hop) within one wall-clock deadline of
``timeout`` seconds; the one retry loop retries timeouts, resets, 429 and 5xx (and whatever
``retry_if`` asks for), waits what ``Retry-After`` asks unless that is longer than the policy's
``max_retry_wait`` (then it stops at once and says so in :attr:`Response.note`). Nothing else in the
package opens a connection. Tests point the checkers at servers on 127.0.0.1 and pass a fake ``sleep``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from email.message import Message
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

from awesome_opt import __version__
from awesome_opt.checks.limits import HostLimiter
from awesome_opt.checks.retry import (
    RETRY_STATUSES,
    FailureKind,
    RequestFailure,
    RetryPolicy,
    failure_of,
    parse_retry_after,
)
from awesome_opt.checks.transport import DEFAULT_PORTS, Deadline, Target, Transport

USER_AGENT = f"awesome-opt/{__version__} (link and metadata checker of a curated paper list)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SAFE_IN_TARGET = "!#$%&'()*+,/:;=?@[]~"  # what requests leaves unquoted in a URL
NO_ANSWER = (OSError, ValueError, EOFError)  # http.client's errors are OSError or ValueError subclasses


@dataclass(frozen=True)
class Response:
    """An answer: status, headers, the URL that gave it and the redirects on the way there."""

    status: int
    headers: Message
    url: str
    hops: tuple[tuple[str, int], ...] = ()
    body: bytes = b""
    note: str = ""  # why the client stopped retrying before its retries ran out

    @property
    def ok(self) -> bool:
        """True for a status below 400."""
        return self.status < 400

    @property
    def text(self) -> str:
        """The body as text (UTF-8 unless the headers say otherwise)."""
        charset = self.headers.get_content_charset() or "utf-8"
        return self.body.decode(charset, errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def is_reserved_invalid(host: str) -> bool:
    """Names under ``.invalid`` never resolve (RFC 6761): no lookup is needed to know it."""
    host = host.lower().rstrip(".")
    return host == "invalid" or host.endswith(".invalid")


def target_of(url: str) -> Target:
    """Where a request for ``url`` goes; raises RequestFailure for a URL that cannot be requested."""
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
        if scheme not in DEFAULT_PORTS or not host:
            raise ValueError("only http(s) URLs with a host can be checked")
        if is_reserved_invalid(host):
            raise RequestFailure(FailureKind.DNS, f"DNS failure: {host} never resolves (RFC 6761)")
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as exc:
        raise RequestFailure(FailureKind.INVALID_URL, f"invalid URL: {exc}", url=url) from exc
    path = quote(parts.path or "/", safe=SAFE_IN_TARGET)
    query = f"?{quote(parts.query, safe=SAFE_IN_TARGET)}" if parts.query else ""
    return Target(scheme, ascii_host, port or DEFAULT_PORTS[scheme], path + query)


class HttpClient:
    """A thread-safe client: kept-alive connections, per-host slots, deadlines and retries."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        policy: RetryPolicy | None = None,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        limiter: HostLimiter | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.limiter = limiter
        self.clock = clock  # a real clock: deadlines bound real socket waits
        self.now = now  # the wall clock, for Retry-After given as a date
        self.headers = {"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
        self.transport = Transport(os.environ if environ is None else environ)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str | int] | None = None,
        redirects: int = 10,
        read_body: bool = True,
        retry_if: Callable[[Response], bool] | None = None,
        retries: int | None = None,
    ) -> Response:
        """Send a request, following up to ``redirects`` redirects, retrying as the policy says.

        Raises :class:`RequestFailure` when no answer came (after the retries, for timeouts and
        resets). Without ``read_body`` the body is dropped (a short one is read to keep the connection).
        """
        retries = self.policy.retries if retries is None else retries
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}" if params else url
        sent = {**self.headers, **(headers or {})}
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._attempt(method, url, sent, redirects, read_body)
            except RequestFailure as failure:
                if not failure.kind.retryable or attempt > retries:
                    raise
                self.sleep(self.policy.backoff_delay(attempt))
                continue
            worth_retrying = response.status in RETRY_STATUSES or (
                retry_if is not None and retry_if(response)
            )
            if not worth_retrying or attempt > retries:
                return response
            refused = self._wait_before_retry(response, attempt)
            if refused is not None:
                return refused

    def _wait_before_retry(self, response: Response, attempt: int) -> Response | None:
        """Sleep before retry ``attempt``; the answer, with a note, when its Retry-After is too long."""
        asked = parse_retry_after(response.headers.get("Retry-After"), self.now)
        wait = self.policy.wait(attempt, asked)
        if wait is None:
            limit = self.policy.max_retry_wait
            return replace(
                response, note=f"Retry-After asks for {asked:g} s, more than the {limit:g} s this run waits"
            )
        self.sleep(wait)
        return None

    def get(self, url: str, **options: Any) -> Response:
        """GET with retries (see :meth:`request`)."""
        return self.request("GET", url, **options)

    def _attempt(
        self, method: str, url: str, headers: dict[str, str], redirects: int, read_body: bool
    ) -> Response:
        """One attempt: the request and its redirects, all within one deadline."""
        deadline = Deadline(self.timeout, self.clock)
        hops: list[tuple[str, int]] = []
        current = url
        while True:
            try:
                target = target_of(current)
                with self._slot(target.host):
                    answer = self.transport.exchange(method, target, headers, deadline, read_body)
            except RequestFailure as failure:
                raise RequestFailure(failure.kind, str(failure), url=current, hops=hops) from failure
            except NO_ANSWER as exc:
                named = failure_of(exc, self.timeout)
                raise RequestFailure(named.kind, str(named), url=current, hops=hops) from exc
            location = answer.headers.get("Location")
            if answer.status not in REDIRECT_STATUSES or not location or not redirects:
                return Response(answer.status, answer.headers, current, tuple(hops), answer.body)
            hops.append((current, answer.status))
            following = urljoin(current, location)
            stop = _redirect_problem(following, hops, redirects)
            if stop is not None:
                raise RequestFailure(stop[0], stop[1], url=following, status=answer.status, hops=hops)
            if urlsplit(following).netloc != urlsplit(current).netloc:
                headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
            method = "GET" if answer.status == 303 and method != "HEAD" else method
            current = following

    def _slot(self, host: str) -> AbstractContextManager[None]:
        return self.limiter.slot(host) if self.limiter else nullcontext()


def _redirect_problem(
    following: str, hops: list[tuple[str, int]], limit: int
) -> tuple[FailureKind, str] | None:
    """A loop or one redirect too many, else None."""
    if following in {hop for hop, _ in hops}:
        return FailureKind.LOOP, f"redirect loop at {following}"
    if len(hops) > limit:
        return FailureKind.TOO_MANY_REDIRECTS, "too many redirects"
    return None
