"""Benchmark: validating arXiv metadata within arXiv's one-request-every-3-seconds rule.

A fake export API on 127.0.0.1 knows IDS papers. Each strategy really sends its requests to it;
the 3-second gaps arXiv asks for are simulated with a fake clock (nothing sleeps), so the
"arXiv time" column is what the same run would need against the real API:

- ours: batches of 100 ids (``id_list``), one request at a time, 3 s apart;
- one request per id, as tools that look papers up one by one do, 3 s apart;
- ours again with the cache of the first run (goal: no request at all).

Usage: python benchmarks/arxiv.py [IDS]   (default: 300)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.fixtures.arxiv.fake_api import FakeArxiv, Paper, serve_arxiv  # noqa: E402

from awesome_opt.checks.arxiv.api import ArxivApi  # noqa: E402
from awesome_opt.checks.arxiv.run import fetch_with_cache  # noqa: E402
from awesome_opt.checks.cache import JsonCache  # noqa: E402
from awesome_opt.checks.http import HttpClient, RetryPolicy  # noqa: E402

DELAY = 3.0


class FakeClock:
    """Time that moves only when someone sleeps on it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def run(
    url: str, ids: list[str], batch: int, cache: JsonCache, clock: FakeClock
) -> tuple[int, float, float, int]:
    """(requests, simulated seconds of arXiv time, wall seconds, records found) of one strategy."""
    client = HttpClient(policy=RetryPolicy(retries=0), sleep=clock.sleep)
    api = ArxivApi(url, client, batch_size=batch, delay=DELAY, sleep=clock.sleep, clock=clock)
    start_sim, start = clock(), time.perf_counter()
    found = fetch_with_cache(api, ids, cache)
    return api.requests, clock() - start_sim, time.perf_counter() - start, len(found.records)


def human(seconds: float) -> str:
    """``6 s`` or ``14 min 57 s``."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def main(count: int) -> None:
    """Run the three strategies and print the table."""
    ids = [f"2501.{n:05d}" for n in range(1, count + 1)]
    state = FakeArxiv()
    state.add(*(Paper(i, f"Paper {i}", ["A. Author", "B. Author"]) for i in ids))
    with serve_arxiv(state) as fake, tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock()
        cache = JsonCache(Path(tmp) / "arxiv.json", 7 * 86400, clock)
        rows = [
            ("awesome-opt check-arxiv (batches of 100)", *run(fake.url, ids, 100, cache, clock)),
            ("one request per id", *run(fake.url, ids, 1, JsonCache(None, 0), clock)),
            (
                "awesome-opt, second run (cache)",
                *run(fake.url, ids, 100, JsonCache(cache.path, 7 * 86400, clock), clock),
            ),
        ]
    print(
        f"Validating {count} arXiv ids; arXiv asks for >= {DELAY:.0f} s between requests (simulated clock).\n"
    )
    print("| strategy | requests | arXiv time (3 s rule) | wall time on loopback | records |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, requests, simulated, wall, found in rows:
        print(f"| {name} | {requests} | {human(simulated)} | {wall:.2f} s | {found} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
