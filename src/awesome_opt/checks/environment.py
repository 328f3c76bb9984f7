"""How the environment says to reach the network: proxies and trusted certificates, read as
requests and curl read them.

Certificates: the bundle (a file, or a folder of hashed certificates) that ``REQUESTS_CA_BUNDLE``
or ``CURL_CA_BUNDLE`` names, else certifi's. Proxies: ``http_proxy``, ``https_proxy`` and
``all_proxy`` (lower case first, then upper case) name an ``http://[user:password@]host:port``
proxy per scheme; ``no_proxy`` lists hosts, domains (with or without a leading dot), ``host:port``
pairs and IP networks to reach directly, or ``*`` for all. http:// URLs go to the proxy as
absolute URLs; https:// URLs through a CONNECT tunnel.
"""

from __future__ import annotations

import base64
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Proxy:
    """Where to send a request instead of its host, and the header that logs in to it."""

    host: str
    port: int
    authorization: str | None = None
    problem: str = ""  # why this proxy cannot be used (e.g. an unsupported scheme)

    @property
    def headers(self) -> dict[str, str]:
        """``Proxy-Authorization`` when the proxy URL carries a user name."""
        return {"Proxy-Authorization": self.authorization} if self.authorization else {}


def parse_proxy(url: str) -> Proxy:
    """The proxy an environment value names (``host:port`` alone means ``http://host:port``)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme != "http" or not parts.hostname:
        return Proxy("", 0, problem=f"proxy {url}: only http:// proxies are supported")
    authorization = None
    if parts.username is not None:
        login = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(login.encode("utf-8")).decode("ascii")
    return Proxy(parts.hostname, parts.port or 80, authorization)


def _setting(environ: Mapping[str, str], name: str) -> str:
    return (environ.get(name) or environ.get(name.upper()) or "").strip()


class ProxySettings:
    """The proxy for each scheme and the hosts reached directly."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        fallback = _setting(environ, "all_proxy")
        self.proxies = {
            scheme: parse_proxy(value)
            for scheme in SCHEMES
            if (value := _setting(environ, f"{scheme}_proxy") or fallback)
        }
        bypass = _setting(environ, "no_proxy")
        self.bypass = [item.strip().lower().lstrip(".") for item in bypass.split(",") if item.strip()]

    def __bool__(self) -> bool:
        return bool(self.proxies)

    def for_url(self, scheme: str, host: str, port: int) -> Proxy | None:
        """The proxy for this URL, or None to connect directly."""
        proxy = self.proxies.get(scheme)
        if proxy is None or self._bypassed(host.lower(), port):
            return None
        return proxy

    def _bypassed(self, host: str, port: int) -> bool:
        for item in self.bypass:
            if item == "*" or host == item or host.endswith("." + item) or f"{host}:{port}" == item:
                return True
            if "/" in item and _in_network(host, item):
                return True
        return False


def _in_network(host: str, network: str) -> bool:
    import ipaddress  # only for no_proxy entries that name networks

    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


def tls_context(environ: Mapping[str, str]) -> ssl.SSLContext:
    """Certificate checks as requests makes them: the bundle the environment names, else certifi's."""
    bundle = environ.get("REQUESTS_CA_BUNDLE") or environ.get("CURL_CA_BUNDLE")
    if not bundle:
        import certifi  # only when a TLS connection is opened

        bundle = certifi.where()
    if os.path.isdir(bundle):
        return ssl.create_default_context(capath=bundle)
    return ssl.create_default_context(cafile=bundle)
