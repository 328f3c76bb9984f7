"""Options shared by several commands, declared once, the parsers of their values, and what the
checkers build from them (the HTTP client, the cache)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from awesome_opt.checks.cache import DEFAULT_CACHE_DIR, JsonCache
from awesome_opt.output.problems import FORMATS

if TYPE_CHECKING:
    from awesome_opt.checks.http import HttpClient
    from awesome_opt.checks.limits import HostLimiter

MAX_RETRY_WAIT = 30.0

DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in ``3600``, ``45s``, ``30m``, ``6h`` or ``1d``."""
    match = DURATION.match(text.strip().lower())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration such as 3600, 30m, 6h or 1d")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_shard(text: str) -> tuple[int, int]:
    """``i/n`` with 1 <= i <= n."""
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a shard i/n with 1 <= i <= n")
    return int(match.group(1)), int(match.group(2))


def positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def count(text: str) -> int:
    """A whole number of at least 0."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number")
    return int(text)


def seconds(text: str) -> float:
    """A number of seconds, 0 < s <= 3600."""
    return _seconds_within(text, most=3600, zero=False)


def wait_seconds(text: str) -> float:
    """A number of seconds to wait, 0 <= s <= 86400 (a day)."""
    return _seconds_within(text, most=86400, zero=True)


def _seconds_within(text: str, *, most: float, zero: bool) -> float:
    """``text`` as seconds, at most ``most``, above 0 (or from 0 when ``zero``)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    above_floor = value >= 0 if zero else value > 0
    if not above_floor or not value <= most:
        bounds = f"0 {'<=' if zero else '<'} s <= {most:g}"
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds ({bounds})")
    return value


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    """The ``--format`` option shared by commands that report results or problems."""
    parser.add_argument(
        "--format", choices=choices, default="text", help="how to print results and problems (default: text)"
    )


def add_api_option(parser: argparse.ArgumentParser, env: str, default: str, what: str) -> None:
    """``--api-url``: the base URL of an outside API (else ``$env``, else ``default``)."""
    parser.add_argument("--api-url", help=f"{what} URL (default: ${env} or {default})")


def api_url(args: argparse.Namespace, environ: Mapping[str, str], env: str, default: str) -> str:
    """The API base URL the options and the environment name."""
    return str(getattr(args, "api_url", None) or environ.get(env) or default)


def add_checker_options(
    parser: argparse.ArgumentParser,
    *,
    timeout: float,
    cache_file: str,
    max_age: float | None,
    max_age_help: str = "",
    what: str = "entries",
) -> None:
    """``--timeout``, ``--max-retry-wait``, ``--cache``, ``--no-cache``, ``--max-age``, ``--changed-only``
    and ``--base``."""
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=timeout,
        metavar="SECONDS",
        help=f"wall-clock seconds per request attempt, redirects included (default {timeout:g})",
    )
    parser.add_argument(
        "--max-retry-wait",
        type=wait_seconds,
        default=MAX_RETRY_WAIT,
        metavar="SECONDS",
        help="wait at most this long when a server asks to come back later (Retry-After); a longer "
        f"wait gives up at once (default {MAX_RETRY_WAIT:g})",
    )
    parser.add_argument(
        "--cache", metavar="FILE", help=f"cache file (default {DEFAULT_CACHE_DIR}/{cache_file})"
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    if max_age is not None:
        parser.add_argument(
            "--max-age", type=parse_duration, default=max_age, metavar="AGE", help=max_age_help
        )
    parser.add_argument(
        "--changed-only", action="store_true", help=f"only {what} of files changed since --base"
    )
    parser.add_argument(
        "--base",
        default="origin/main",
        metavar="REF",
        help="git ref for --changed-only (default origin/main)",
    )
    parser.set_defaults(cache_file=cache_file)


def cache_from(args: argparse.Namespace, root: Path, max_age: float) -> JsonCache:
    """The cache the options name (``--cache``, ``--no-cache``), else the default file under ``root``."""
    if args.no_cache:
        return JsonCache(None, max_age)
    return JsonCache(Path(args.cache) if args.cache else root / DEFAULT_CACHE_DIR / args.cache_file, max_age)


def http_client(
    args: argparse.Namespace, *, retries: int, backoff: float = 0.5, limiter: HostLimiter | None = None
) -> HttpClient:
    """The HTTP client the options describe (``--timeout``, ``--max-retry-wait``), on ``args.runtime``."""
    from awesome_opt.checks.http import HttpClient
    from awesome_opt.checks.retry import RetryPolicy

    runtime = args.runtime
    wait = float(getattr(args, "max_retry_wait", MAX_RETRY_WAIT))
    policy = RetryPolicy(retries=retries, backoff=backoff, max_retry_wait=wait)
    return HttpClient(
        timeout=float(args.timeout),
        policy=policy,
        sleep=runtime.sleep,
        limiter=limiter,
        environ=runtime.environ,
    )
