"""A yardstick, not a checker: the least a Python process can do to fetch a list of URLs.

Plain HTTP/1.1 GETs over raw sockets, one kept-alive connection per slot, PER_HOST slots per host,
no policy, no redirects, no retries, no TLS, no classification beyond the status code. It imports
only ``socket``, ``threading`` and ``json`` and prints the URLs that did not answer 2xx as a JSON
list. ``benchmarks/links.py`` runs it beside the real tools to show the floor a Python command line
starts from on that machine.

Usage: python benchmarks/bare_client.py URLS_FILE PER_HOST
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections import defaultdict


def fetch_all(host_port: str, urls: list[str], broken: list[str]) -> None:
    """GET each URL in turn on one connection to ``host_port``; note those not answering 2xx."""
    host, port = host_port.rsplit(":", 1)
    with socket.create_connection((host, int(port))) as sock, sock.makefile("rb") as reader:
        for url in urls:
            path = "/" + url.split("/", 3)[3]
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host_port}\r\n\r\n".encode())
            status = int(reader.readline().split()[1])
            length = 0
            while (line := reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            reader.read(length)
            if not 200 <= status < 300:
                broken.append(url)


def main(path: str, per_host: int) -> int:
    """Fetch every URL of ``path`` with ``per_host`` connections per host; print the failures."""
    by_host: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as listing:
        urls = listing.read().split()
    for url in urls:
        by_host[url.split("/")[2]].append(url)
    broken: list[str] = []
    threads = [
        threading.Thread(target=fetch_all, args=(host, urls[slot::per_host], broken))
        for host, urls in by_host.items()
        for slot in range(per_host)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(sorted(broken)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
