"""When a request is worth another attempt, how long to wait first, and what to call a failure.

The HTTP client's one retry loop asks :class:`RetryPolicy`; every failed request becomes a
:class:`RequestFailure` whose :class:`FailureKind` says whether it is permanent (a DNS failure, a
refused connection, a bad certificate, a redirect loop) or worth retrying (a timeout, a reset).
"""

from __future__ import annotations

import email.utils
import http.client
import random
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FailureKind(StrEnum):
    """Why a request got no answer."""

    DNS = "dns"
    REFUSED = "refused"
    TLS = "tls"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    INVALID_URL = "invalid-url"
    LOOP = "loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    ERROR = "error"

    @property
    def retryable(self) -> bool:
        """Timeouts and resets may pass; everything else fails the same way again."""
        return self in (FailureKind.TIMEOUT, FailureKind.CONNECTION)

    @property
    def permanent(self) -> bool:
        """No retry and no other method can mend it: the link is broken."""
        return self in _PERMANENT


_PERMANENT = frozenset(
    {
        FailureKind.DNS,
        FailureKind.REFUSED,
        FailureKind.TLS,
        FailureKind.LOOP,
        FailureKind.TOO_MANY_REDIRECTS,
        FailureKind.INVALID_URL,
    }
)


class RequestFailure(Exception):
    """A request that got no usable answer: its kind, and where it stopped (after ``hops`` redirects)."""

    def __init__(
        self,
        kind: FailureKind,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        hops: Sequence[tuple[str, int]] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status
        self.hops = list(hops)


class TransientHttpError(Exception):
    """An API still failing after every retry (timeouts, connection resets, 5xx, 429)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RetryPolicy:
    """How often to retry, the backoff between attempts, and the longest Retry-After worth waiting."""

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_wait: float = 30.0

    def backoff_delay(self, attempt: int) -> float:
        """Seconds before retry number ``attempt`` (1-based): exponential backoff plus jitter."""
        base = min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)
        jitter: float = random.uniform(0, base / 2)
        return base + jitter

    def wait(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before retry ``attempt``; None when the server asks for longer than we wait."""
        if retry_after is None:
            return self.backoff_delay(attempt)
        return retry_after if retry_after <= self.max_retry_wait else None


def parse_retry_after(value: str | None, now: Callable[[], float]) -> float | None:
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
    return max(0.0, moment.timestamp() - now())


def failure_of(exc: BaseException, timeout: float) -> RequestFailure:
    """The failure an exception raised while requesting stands for, with a one-line message."""
    kind = _kind_of(exc)
    messages = {
        FailureKind.DNS: "DNS failure: the host name does not resolve",
        FailureKind.REFUSED: "connection refused",
        FailureKind.TIMEOUT: f"timed out (limit {timeout:g} s)",
    }
    detail = " ".join(str(exc).split()) or type(exc).__name__
    label = {FailureKind.TLS: "TLS failure", FailureKind.INVALID_URL: "invalid URL"}.get(
        kind, "connection error"
    )
    return RequestFailure(kind, messages.get(kind) or f"{label}: {detail[:200]}")


def _kind_of(exc: BaseException) -> FailureKind:
    if isinstance(exc, ssl.SSLError):
        return FailureKind.TLS
    if isinstance(exc, socket.gaierror):
        return FailureKind.DNS
    if isinstance(exc, ConnectionRefusedError):
        return FailureKind.REFUSED
    if isinstance(exc, TimeoutError):
        return FailureKind.TIMEOUT
    if isinstance(exc, (http.client.InvalidURL, UnicodeError)):
        return FailureKind.INVALID_URL
    return FailureKind.CONNECTION
