"""Browser fixtures: the real site served on 127.0.0.1, one Chromium per module, a guarded page per test.

Chromium is Debian's (``/usr/bin/chromium``) driven through the ``playwright`` package; the
browser is never downloaded (no ``playwright install``). Every request a page makes is
routed: those for 127.0.0.1 go through, any other is aborted and recorded, and each test
fails if a page asked for another host or logged a console error.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Route, sync_playwright

from tests.browser.sitebuild import BuiltSite, cached_build

# Debian's Chromium by default; CI runners with another Chromium build set AWESOME_OPT_CHROMIUM.
CHROMIUM = Path(os.environ.get("AWESOME_OPT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that ignores connections the browser resets."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> BuiltSite:
    return cached_build("real")


@contextmanager
def serving(site: BuiltSite) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site.root))
    server = QuietServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(site: BuiltSite) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's browser with "
            "`apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does this)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@dataclass
class Guarded:
    """A page plus what it did wrong: requests to other hosts and console errors."""

    page: Page
    base_url: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        """Open a path of the site and wait until it has loaded."""
        self.page.goto(self.base_url + path, wait_until="load")


@contextmanager
def guarding(browser: Browser, base_url: str) -> Iterator[Guarded]:
    """A new page on ``base_url`` whose requests to other hosts and console errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    state = Guarded(page, base_url)

    def route(route: Route) -> None:
        url = route.request.url
        state.requested.append(url)
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            _record_outside(state, url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            state.errors.append(f"{message.text} at {message.location}")

    def page_error(error: Error) -> None:
        state.errors.append(str(error))

    context.route("**/*", route)
    context.on("request", lambda request: _record_outside(state, request.url))
    page.on("console", console)
    page.on("pageerror", page_error)
    yield state
    context.close()
    assert state.outside == [], "requests left 127.0.0.1"
    assert state.errors == [], "console errors"


@pytest.fixture
def guarded(browser: Browser, base_url: str) -> Iterator[Guarded]:
    with guarding(browser, base_url) as state:
        yield state


def _record_outside(state: Guarded, url: str) -> None:
    parts = urlsplit(url)
    outside = parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOOPBACK
    if outside and url not in state.outside:
        state.outside.append(url)
