"""A threaded HTTP server on a loopback address for link-checker tests and benchmarks.

Routes answer with scripted replies (the last one repeats), every request is logged, and the
server records the most requests it had in progress at once and the connections it was asked on.
A reply can drip its status line and headers a byte at a time, or hang up after answering (as a
server closing a kept-alive connection does). Errors from clients that hang up early (timeouts,
dropped bodies) are silenced.
"""

from __future__ import annotations

import select
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted answer: status, headers, body and a delay before answering."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok\n"
    delay: float = 0.0
    drip: float = 0.0  # seconds between single bytes of the status line and headers (0: all at once)
    hang_up: bool = False  # close the connection after answering, without saying so


def redirect(status: int, location: str) -> Reply:
    """A redirect answer."""
    return Reply(status, {"Location": location}, b"")


Fallback = Callable[[str, str], Reply]


def not_found(method: str, path: str) -> Reply:
    """The default answer for paths without a route."""
    return Reply(404, body=b"not found\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LinkServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early are expected; say nothing."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads :attr:`LinkServer.log` instead."""

    def do_GET(self) -> None:
        self.server.owner.answer(self)

    def do_HEAD(self) -> None:
        self.server.owner.answer(self)


class LinkServer:
    """Serve scripted routes on ``host`` (any 127.x.y.z address), on a free port unless given."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        fallback: Fallback = not_found,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.scheme = "https" if tls else "http"
        self.fallback = fallback
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.max_in_flight = 0
        self.connections: set[tuple[str, int]] = set()  # client (address, port) of each connection
        self._in_flight = 0
        self._served: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server((host, port), _Handler)
        self._server.owner = self
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def route(self, path: str, *replies: Reply, method: str = "*") -> None:
        """Answer ``path`` (for one method, or any) with ``replies`` in turn, repeating the last."""
        self.routes[(method, path)] = list(replies)
        self._served.pop((method, path), None)

    def requests(self, path: str | None = None) -> list[tuple[str, str]]:
        """(method, path) of every request so far, or of those for ``path``."""
        with self._lock:
            return [(m, p) for m, p, _ in self.log if path is None or p == path]

    def _reply_for(self, method: str, path: str) -> Reply:
        for key in ((method, path), ("*", path)):
            replies = self.routes.get(key)
            if replies:
                count = self._served.get(key, 0)
                self._served[key] = count + 1
                return replies[min(count, len(replies) - 1)]
        return self.fallback(method, path)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        """Log the request, wait the reply's delay, then answer."""
        with self._lock:
            self.log.append((handler.command, handler.path, dict(handler.headers.items())))
            self.connections.add(handler.client_address)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            reply = self._reply_for(handler.command, handler.path)
        try:
            if reply.delay:
                self._stopping.wait(reply.delay)
            head = self._head(handler, reply)
            step = 1 if reply.drip else len(head)
            for start in range(0, len(head), step):
                handler.wfile.write(head[start : start + step])
                if reply.drip and self._stopping.wait(reply.drip):
                    return
            if handler.command != "HEAD":
                handler.wfile.write(reply.body)
            handler.close_connection = handler.close_connection or reply.hang_up
        finally:
            with self._lock:
                self._in_flight -= 1

    @staticmethod
    def _head(handler: BaseHTTPRequestHandler, reply: Reply) -> bytes:
        """The status line and headers of ``reply``, as bytes."""
        lines = [f"HTTP/1.1 {reply.status} {handler.responses.get(reply.status, ('',))[0]}"]
        lines += [f"{name}: {value}" for name, value in reply.headers.items()]
        lines.append(f"Content-Length: {len(reply.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def start(self) -> LinkServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LinkServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class TunnelProxy:
    """An HTTP proxy on a loopback address that answers CONNECT by relaying bytes to the target.

    :attr:`requests` holds each CONNECT line with its headers.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                line = self.rfile.readline().decode("latin-1").strip()
                headers = {}
                while header := self.rfile.readline().decode("latin-1").strip():
                    name, _, value = header.partition(":")
                    headers[name.strip()] = value.strip()
                owner.requests.append((line, headers))
                target_host, port = line.split(" ")[1].rsplit(":", 1)
                with socket.create_connection((target_host, int(port))) as upstream:
                    self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    _relay(self.connection, upstream)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                """Clients hang up; say nothing."""

        self._server = Server((host, 0), Handler)
        self.url = f"http://{host}:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()

    def __enter__(self) -> TunnelProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _relay(one: socket.socket, other: socket.socket) -> None:
    """Copy bytes both ways until either side closes (or nothing moves for 5 s)."""
    while True:
        readable, _, _ = select.select([one, other], [], [], 5)
        if not readable:
            return
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (other if sock is one else one).sendall(data)
