"""The link policy file: its ``head`` hosts, and every problem in it reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_opt.checks.http import HttpClient
from awesome_opt.checks.links import LinkOptions, LinkRun
from awesome_opt.checks.policy import HostRule, LinkPolicy, PolicyError, load_policy
from awesome_opt.checks.retry import RetryPolicy
from awesome_opt.checks.urls import Link
from awesome_opt.errors import DataError
from tests.conftest import run_cli
from tests.linkserver import LinkServer, Reply

BAD_POLICY = """limits:
  arxiv.org: 0
skip:
  - host: https://twitter.com/
    reason: login wall
  - host: x.com
head:
  - host: x.com
    reason: asked cheaply
exclude:
  - pattern: "(unclosed"
    reason: broken pattern
    note: extra
redirects: follow
"""


def check(policy: LinkPolicy, *urls: str) -> list[str]:
    client = HttpClient(timeout=5, policy=RetryPolicy(retries=0), sleep=lambda s: None)
    return [r.status for r in LinkRun(client, policy, LinkOptions()).run([Link(url) for url in urls])]


def test_hosts_of_the_head_list_are_asked_with_head_and_others_with_one_get() -> None:
    with LinkServer("127.0.0.1") as cheap, LinkServer("127.0.0.2") as other:
        cheap.route("/file", Reply(200))
        other.route("/page", Reply(200))
        policy = LinkPolicy(head=[HostRule(host="127.0.0.1", reason="answers GET with a download")])
        assert check(policy, cheap.url("/file"), other.url("/page")) == ["ok", "ok"]
    assert (cheap.requests(), other.requests()) == ([("HEAD", "/file")], [("GET", "/page")])


def test_every_problem_of_the_file_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "link-policy.yaml"
    path.write_text(BAD_POLICY, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_policy(path)
    found = [(p.line, p.message) for p in raised.value.problems]
    assert found == [
        (2, "limits.arxiv.org: must be a whole number of at least 1"),
        (4, "skip.0.host: 'https://twitter.com/' is not a lower-case host name such as example.org"),
        (6, "missing required field 'skip.1.reason' (text)"),
        (13, "unknown field 'exclude.0.note'"),
        (14, "unknown field 'redirects' (the policy has limits, skip, head, exclude)"),
    ]


def test_a_bad_pattern_a_low_limit_and_a_skipped_head_host_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "link-policy.yaml"
    for text, line, message in [
        ('exclude:\n  - pattern: "(x"\n    reason: r\n', 2, "exclude.0.pattern: not a regular expression"),
        ("limits:\n  arxiv.org: 0\n", 2, "limits.arxiv.org: must be a whole number of at least 1"),
        (
            "skip:\n  - host: x.com\n    reason: wall\nhead:\n  - host: x.com\n    reason: cheap\n",
            5,
            "head.0: x.com is skipped, so never asked",
        ),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataError) as raised:
            load_policy(path)
        [problem] = raised.value.problems
        assert (problem.line, problem.message[: len(message)]) == (line, message)


def test_rules_check_themselves_when_built_in_code() -> None:
    with pytest.raises(PolicyError):
        HostRule(host="Example.org", reason="capitals")
    with pytest.raises(PolicyError):
        LinkPolicy(limits={"example.org": 0})


def test_the_command_line_reports_a_bad_policy_and_a_bad_exclude(tmp_path: Path, mini_repo: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(BAD_POLICY, encoding="utf-8")
    data = str(mini_repo / "data")
    result = run_cli("--data", data, "check-links", "--no-cache", "--policy", str(policy))
    assert result.code == 1
    assert f"{policy}:14:1: unknown field 'redirects'" in result.out + result.err
    bad = run_cli("--data", data, "check-links", "--no-cache", "--exclude", "(unclosed")
    assert bad.code == 2 and "--exclude: not a regular expression" in bad.err
