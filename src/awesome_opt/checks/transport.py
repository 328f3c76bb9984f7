"""One HTTP/1.1 exchange over a kept-alive connection, within a wall-clock deadline.

Built on the standard library's ``http.client``: it costs about half the CPU of urllib3 per
request and a fraction of its import time (measured with ``benchmarks/links.py``). Connections are
kept per (scheme, host, port, proxy) and reused by any thread; the certificates to trust and the
proxies come from the environment (:mod:`awesome_opt.checks.environment`).

Every socket operation of an exchange (connect, TLS handshake, sending, each read of the status
line, headers and body) waits at most what is left of the exchange's :class:`Deadline`, so a peer
that drips its answer one byte at a time is cut off when the deadline passes.
"""

from __future__ import annotations

import http.client
import io
import select
import socket
import ssl
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any

from awesome_opt.checks.environment import Proxy, ProxySettings, tls_context

SHORT_BODY = 64 * 1024  # a body up to this size is read so that its connection can be reused
MAX_BODY = 64 * 1024 * 1024  # the most a decoded body may hold
POOLS = 256  # (scheme, host, port) whose idle connections are kept
POOL_SIZE = 32  # idle connections kept for each
DEFAULT_PORTS = {"http": 80, "https": 443}
STALE = (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine)


class Deadline:
    """A moment by which an exchange must be done; ``remaining`` raises TimeoutError once it passed."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds

    def remaining(self) -> float:
        """Seconds left (more than 0), else raise TimeoutError."""
        left = self.end - self.clock()
        if left <= 0:
            raise TimeoutError(f"no answer within {self.seconds:g} s")
        return left


@dataclass(frozen=True)
class Target:
    """Where one request goes: scheme, host (IDNA-encoded), port and the request target."""

    scheme: str
    host: str
    port: int
    path: str  # the request target: path and query

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` (the port only when it is not the scheme's default)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if DEFAULT_PORTS[self.scheme] == self.port else f":{self.port}"
        return f"{self.scheme}://{host}{port}"


@dataclass(frozen=True)
class Exchange:
    """The status, headers and (when asked for) decoded body of one response."""

    status: int
    headers: Message
    body: bytes = b""


class _Reader(io.RawIOBase):
    """Reads from a socket, each read waiting at most what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._deadline.remaining())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """What ``HTTPResponse`` needs of a socket: ``makefile``, here over a :class:`_Reader`."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self._sock, self._deadline))


class _Connection(http.client.HTTPConnection):
    """A plain connection whose connect and reads obey the current exchange's deadline."""

    deadline: Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()

    def response_class(self, sock: Any, debuglevel: int = 0, method: str | None = None) -> Any:  # type: ignore[override]
        return http.client.HTTPResponse(_DeadlineSocket(sock, self.deadline), method=method)  # type: ignore[arg-type]


class _TlsConnection(_Connection):
    """A TLS connection (through a CONNECT tunnel when a proxy is set)."""

    default_port = 443

    def __init__(self, host: str, port: int, context: ssl.SSLContext, server_name: str) -> None:
        super().__init__(host, port)
        self.context = context
        self.server_name = server_name  # the target's name, also through a proxy's tunnel

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self.deadline.remaining())  # bounds the whole handshake
        self.sock = self.context.wrap_socket(self.sock, server_hostname=self.server_name)


PoolKey = tuple[str, str, int, Proxy | None]


class Transport:
    """Kept-alive connections shared by all threads, and one exchange at a time on each."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self._proxies = ProxySettings(environ)
        self._idle: OrderedDict[PoolKey, list[_Connection]] = OrderedDict()
        self._lock = threading.Lock()
        self._tls: ssl.SSLContext | None = None

    def exchange(
        self, method: str, target: Target, headers: Mapping[str, str], deadline: Deadline, read_body: bool
    ) -> Exchange:
        """Send one request and read its answer (the body only when ``read_body``).

        A kept-alive connection the server closed meanwhile is replaced once, transparently.
        """
        proxy = self._proxies.for_url(target.scheme, target.host, target.port) if self._proxies else None
        if proxy is not None and proxy.problem:
            raise ConnectionError(proxy.problem)
        key = (target.scheme, target.host, target.port, proxy)
        conn, reused = self._take(key, target, proxy)
        path = target.path if proxy is None or target.scheme == "https" else target.origin + target.path
        if proxy is not None and target.scheme == "http":
            headers = {**headers, **proxy.headers}
        try:
            return self._send(key, conn, method, path, headers, deadline, read_body)
        except STALE:
            if not reused:
                raise
        conn, _ = self._take(key, target, proxy, fresh=True)
        return self._send(key, conn, method, path, headers, deadline, read_body)

    def _send(
        self,
        key: PoolKey,
        conn: _Connection,
        method: str,
        path: str,
        headers: Mapping[str, str],
        deadline: Deadline,
        read_body: bool,
    ) -> Exchange:
        conn.deadline = deadline
        try:
            if conn.sock is not None:
                conn.sock.settimeout(deadline.remaining())
            conn.request(method, path, headers=dict(headers))
            response = conn.getresponse()
            body = _decoded(response) if read_body else b""
            reusable = read_body or _drained(response)
        except BaseException:
            conn.close()
            raise
        if reusable and not response.will_close and conn.sock is not None:
            self._give_back(key, conn)
        else:
            conn.close()
        return Exchange(response.status, response.msg, body)

    def _take(
        self, key: PoolKey, target: Target, proxy: Proxy | None, fresh: bool = False
    ) -> tuple[_Connection, bool]:
        with self._lock:
            idle = self._idle.get(key)
            while idle and not fresh:
                conn = idle.pop()
                if _alive(conn):
                    return conn, True
                conn.close()
        host, port = (proxy.host, proxy.port) if proxy else (target.host, target.port)
        if target.scheme != "https":
            return _Connection(host, port), False
        conn = _TlsConnection(host, port, self._context(), target.host)
        if proxy is not None:
            conn.set_tunnel(target.host, target.port, proxy.headers)
        return conn, False

    def _give_back(self, key: PoolKey, conn: _Connection) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            self._idle.move_to_end(key)
            kept = len(idle) < POOL_SIZE
            if kept:
                idle.append(conn)
            evicted = self._idle.popitem(last=False)[1] if len(self._idle) > POOLS else []
        for extra in evicted if kept else [*evicted, conn]:
            extra.close()

    def _context(self) -> ssl.SSLContext:
        with self._lock:
            if self._tls is None:
                self._tls = tls_context(self._environ)
            return self._tls


def _alive(conn: _Connection) -> bool:
    """An idle connection is usable unless the server closed it (its socket reads as ready)."""
    if conn.sock is None:
        return False
    poll = select.poll()
    poll.register(conn.sock, select.POLLIN)
    return not poll.poll(0)


def _drained(response: http.client.HTTPResponse) -> bool:
    """Read a short body so the connection can be reused; True when that was done."""
    if response.length is None or response.length > SHORT_BODY:
        return False
    response.read()
    return True


def _decoded(response: http.client.HTTPResponse) -> bytes:
    """The whole body, gzip or deflate content decoded."""
    data = response.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise ConnectionError(f"a body larger than {MAX_BODY} bytes")
    encoding = (response.getheader("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return _inflate(data, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return _inflate(data, zlib.MAX_WBITS)
        except zlib.error:  # some servers send raw deflate without the zlib header
            return _inflate(data, -zlib.MAX_WBITS)
    return data


def _inflate(data: bytes, wbits: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    decoded = inflater.decompress(data, MAX_BODY)
    if inflater.unconsumed_tail:
        raise ConnectionError(f"a body larger than {MAX_BODY} bytes once decompressed")
    return decoded
